/**
 * Attacks on the local web server by a local process without the token (run against the real hub
 * process): a connection flood meant to exhaust its file descriptors, half-open requests, broken
 * URLs, and reading the API's answers from a page on another port.
 */
import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { connectHelper, type HelperClient } from '../support/helper-client';
import { startHub, type HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { webchat } from '../support/webchat-client';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A request that never finishes its headers: what a slowloris flood holds open. */
function halfOpen(port: number): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET /api/state HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
      socket.resume(); // read, so the server closing it is seen
      resolve(socket);
    });
    socket.on('error', () => resolve(socket));
  });
}

/** Lowers the hub's open-file limit, as on a machine that keeps the default of a few hundred. */
function limitFiles(pid: number, limit: number): Promise<void> {
  return new Promise((resolve, reject) => {
    spawn('prlimit', ['--pid', String(pid), `--nofile=${limit}:${limit}`], { stdio: 'inherit' })
      .once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`prlimit: ${code}`))))
      .once('error', reject);
  });
}

describe('flooding the dashboard port', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let helper: HelperClient | undefined;
  const flood: Socket[] = [];

  beforeAll(async () => {
    home = await tempDir();
    hub = await startHub(home.dir);
    await limitFiles(hub.process.pid ?? 0, 400);
  });
  afterAll(async () => {
    for (const socket of flood) socket.destroy();
    await helper?.close();
    await hub.stop();
    await home.cleanup();
  });

  it('1,000 half-open requests leave the CLI, a helper and the dashboard working', async () => {
    for (let i = 0; i < 1_000; i++) flood.push(await halfOpen(hub.port));
    await pause(500);
    const status = await runCli(['status', '--json', '--home', home.dir]);
    expect(status.stderr).toBe('');
    expect(status.code).toBe(0);
    helper = await connectHelper({ home: home.dir, session: 'under-flood' });
    const posted = await webchat(hub).post('sent during the flood');
    expect(posted.status).toBe(201);
    await helper.events.waitFor((e) => e.content === 'sent during the flood', 15_000);
    const open = flood.filter((s) => !s.destroyed && s.readyState === 'open').length;
    expect(open).toBeLessThanOrEqual(256);
    expect(hub.stderr()).not.toMatch(/EMFILE/);
  });
});

describe('slow, broken and cross-site requests', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;

  beforeAll(async () => {
    home = await tempDir();
    hub = await startHub(home.dir);
  });
  afterAll(async () => {
    await hub.stop();
    await home.cleanup();
  });

  it('drops a request whose headers never finish within seconds, not tens of seconds', async () => {
    const socket = await halfOpen(hub.port);
    const started = Date.now();
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    expect(Date.now() - started).toBeLessThan(9_500);
  });

  it.each(['/api/chats/%E0%A4%A/messages', '/api/files/%ZZ', '/api/permissions/%', '/%E0%A4%A'])(
    'a malformed percent-encoding (%s) is a 400, not a 500 and an error in the log',
    async (path) => {
      const res = await webchat(hub).request(path, {
        method: path.includes('permissions') ? 'POST' : 'GET',
        headers: { 'content-type': 'application/json' },
        ...(path.includes('permissions') ? { body: '{"behavior":"allow"}' } : {}),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/percent-encoding/);
      await pause(100);
      expect(hub.stderr()).not.toMatch(/URI malformed|internal error/);
    },
  );

  it('marks every API answer, refusals included, same-origin only and never sniffed', async () => {
    for (const res of [
      await webchat(hub).request('/api/state'),
      await fetch(`${hub.origin}/api/state`),
      await webchat(hub).request('/api/nothing-here'),
    ]) {
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('gives uploaded files 128-bit ids and serves them same-origin only', async () => {
    const upload = await webchat(hub).upload('photo.png', Buffer.from('png'), 'image/png');
    const id = upload.body.file?.fileId ?? '';
    expect(id).toMatch(/^f[0-9a-f]{32}$/);
    const res = await webchat(hub).request(`/api/files/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses a request a browser marks as coming from another site, even with the token', async () => {
    const res = await webchat(hub).request('/api/state', {
      headers: { 'sec-fetch-site': 'same-site' },
    });
    expect(res.status).toBe(403);
  });
});
