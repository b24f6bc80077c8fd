/**
 * The web chat server as an attacker and as a careless client would meet it: DNS rebinding,
 * cross-site requests, missing tokens, oversized and malformed bodies, retried posts, uploads.
 */
import { readFile, stat } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectHelper, resultText, type HelperClient } from '../support/helper-client';
import { startHub, type HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { webchat, type WebchatClient } from '../support/webchat-client';

/** fetch() cannot forge Host, so raw http for the rebinding case. */
function rawGet(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends `bytes` bytes as an upload; `declared` sets Content-Length (else chunked). */
function rawUpload(hub: HubProcess, declared: number | undefined, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${hub.token}`,
      origin: hub.origin,
      'content-type': 'application/octet-stream',
    };
    if (declared !== undefined) headers['content-length'] = String(declared);
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: hub.port,
        method: 'POST',
        path: '/api/chats/main/files?name=big.bin',
        headers,
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    );
    const chunk = Buffer.alloc(1024 * 1024);
    let sent = 0;
    const pump = (): void => {
      while (sent < bytes) {
        const size = Math.min(chunk.length, bytes - sent);
        sent += size;
        if (!req.write(chunk.subarray(0, size))) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    if (declared !== undefined) req.end(Buffer.alloc(bytes));
    else pump();
  });
}

function wsStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

describe('web chat HTTP server', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let chat: WebchatClient;
  let helper: HelperClient;

  beforeAll(async () => {
    home = await tempDir();
    hub = await startHub(home.dir);
    chat = webchat(hub);
    helper = await connectHelper({ home: home.dir, session: 'web' });
  });
  afterAll(async () => {
    await helper.close();
    await hub.stop();
    await home.cleanup();
  });

  it('listens on 127.0.0.1 only', () => {
    expect(hub.dashboardUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
  });

  it('serves the page without a token but no API without one', async () => {
    const page = await fetch(`${hub.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).not.toContain(hub.token);
    expect((await fetch(`${hub.origin}/api/state`)).status).toBe(401);
    expect(
      (await fetch(`${hub.origin}/api/state`, { headers: { authorization: 'Bearer nope' } }))
        .status,
    ).toBe(401);
  });

  it('rejects a foreign Host header (DNS rebinding)', async () => {
    expect(
      await rawGet(hub.port, '/api/state', {
        host: `evil.example:${hub.port}`,
        authorization: `Bearer ${hub.token}`,
      }),
    ).toBe(421);
    expect(
      await rawGet(hub.port, '/api/state', {
        host: `localhost:${hub.port}`,
        authorization: `Bearer ${hub.token}`,
      }),
    ).toBe(200);
  });

  it('rejects cross-origin requests even with a valid session', async () => {
    const login = await fetch(`${hub.origin}/api/login`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.token}`, origin: hub.origin },
    });
    const { session } = (await login.json()) as { session: string };
    const res = await fetch(`${hub.origin}/api/chats/main/messages`, {
      method: 'POST',
      headers: {
        'x-switchboard-session': session,
        origin: 'http://evil.example',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ text: 'csrf' }),
    });
    expect(res.status).toBe(403);
  });

  it('logs in with the bearer token: a session secret for headers, a cookie for downloads only', async () => {
    const login = await fetch(`${hub.origin}/api/login`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.token}`, origin: hub.origin },
    });
    expect(login.status).toBe(200);
    const { session } = (await login.json()) as { session: string };
    expect(session).not.toBe(hub.token);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^switchboard_files_[0-9a-f]{16}=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/files\//);
    expect(cookie).not.toContain(hub.token);
    expect(cookie).not.toContain(session);
    const withSession = await fetch(`${hub.origin}/api/state`, {
      headers: { 'x-switchboard-session': session, origin: hub.origin },
    });
    expect(withSession.status).toBe(200);
    const withCookieOnly = await fetch(`${hub.origin}/api/state`, {
      headers: { cookie: cookie.split(';')[0] ?? '', origin: hub.origin },
    });
    expect(withCookieOnly.status).toBe(401);
    expect(
      (
        await fetch(`${hub.origin}/api/login`, {
          method: 'POST',
          headers: { authorization: 'Bearer wrong' },
        })
      ).status,
    ).toBe(401);
    const logout = await fetch(`${hub.origin}/api/logout`, {
      method: 'POST',
      headers: { 'x-switchboard-session': session, origin: hub.origin },
    });
    expect(logout.status).toBe(204);
    expect(
      (
        await fetch(`${hub.origin}/api/state`, {
          headers: { 'x-switchboard-session': session, origin: hub.origin },
        })
      ).status,
    ).toBe(401);
  });

  it('guards the event WebSocket like the API', async () => {
    const url = `${hub.origin.replace('http', 'ws')}/api/events`;
    expect(await wsStatus(url, { origin: hub.origin })).toBe(401);
    expect(
      await wsStatus(url, { origin: 'http://evil.example', authorization: `Bearer ${hub.token}` }),
    ).toBe(403);
    expect(await wsStatus(url, { origin: hub.origin, authorization: `Bearer ${hub.token}` })).toBe(
      101,
    );
  });

  it('refuses oversized, malformed and empty messages with a clear error, storing nothing', async () => {
    const before = (await chat.history()).length;
    const big = await chat.post('x'.repeat(32 * 1024 + 1));
    expect(big.status).toBe(400);
    expect(big.body.error).toContain('32768');
    const malformed = await chat.request('/api/chats/main/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: string }).error).toContain('not valid JSON');
    const huge = await chat.request('/api/chats/main/messages', {
      method: 'POST',
      body: 'x'.repeat(300 * 1024),
    });
    expect(huge.status).toBe(413);
    expect((await chat.post('   ')).status).toBe(400);
    expect((await chat.post('bad chat', { chat: 'Bad Chat!' })).status).toBe(400);
    expect((await chat.history()).length).toBe(before);
  });

  it('stores a retried post (same nonce) once and delivers it once', async () => {
    const first = await chat.post('only once', { nonce: 'retry-nonce-1' });
    const second = await chat.post('only once', { nonce: 'retry-nonce-1' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.duplicate).toBe(true);
    await helper.events.waitFor((e) => e.content === 'only once');
    await chat.post('marker after retry');
    await helper.events.waitFor((e) => e.content === 'marker after retry');
    expect(helper.events.items.filter((e) => e.content === 'only once')).toHaveLength(1);
  });

  it('puts uploads in the inbox with the path in meta, never in content', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const up = await chat.upload('../../screen shot.png', png, 'image/png');
    expect(up.status).toBe(201);
    const fileId = up.body.file?.fileId ?? '';
    const posted = await chat.post('look at this', { files: [fileId] });
    expect(posted.status).toBe(201);
    const event = await helper.events.waitFor((e) => e.content === 'look at this');
    const imagePath = event.meta['image_path'] ?? '';
    expect(imagePath.startsWith(`${home.dir}/inbox/`)).toBe(true);
    expect(imagePath).not.toContain('..');
    expect(await readFile(imagePath)).toEqual(png);
    expect((await stat(imagePath)).mode & 0o777).toBe(0o600);
    expect(event.content).not.toContain(home.dir);

    const download = await helper.callTool('download_attachment', {
      chat_id: 'web:main',
      message_id: event.meta['message_id'] ?? '',
    });
    expect(resultText(download)).toBe(imagePath);

    const doc = await chat.upload('notes.txt', Buffer.from('hello'), 'text/plain');
    await chat.post('', { files: [doc.body.file?.fileId ?? ''] });
    const docEvent = await helper.events.waitFor((e) => e.meta['attachment_name'] === 'notes.txt');
    expect(docEvent.content).toBe('(1 file)');
    expect(docEvent.meta['attachment_mime']).toBe('text/plain');
    expect(docEvent.meta['attachment_size']).toBe('5');
  });

  it('refuses a file id from another chat or an unknown one', async () => {
    const up = await chat.upload('a.txt', Buffer.from('a'), 'text/plain', 'other');
    const cross = await chat.post('steal', { files: [up.body.file?.fileId ?? ''] });
    expect(cross.status).toBe(400);
    expect((await chat.post('nothing', { files: ['fnope'] })).status).toBe(400);
  });

  it('rejects an upload over 50 MB, by its declared size or as it streams, leaving nothing behind', async () => {
    const { readdir } = await import('node:fs/promises');
    const inboxBefore = await readdir(`${home.dir}/inbox`).catch(() => []);
    const declared = await rawUpload(hub, 50 * 1024 * 1024 + 1, 16);
    expect(declared).toBe(413);
    // Chunked (no declared length): the cap is enforced while streaming.
    const streamed = await rawUpload(hub, undefined, 50 * 1024 * 1024 + 64 * 1024);
    expect(streamed).toBe(413);
    expect(await readdir(`${home.dir}/inbox`).catch(() => [])).toEqual(inboxBefore);
  });

  it('sends files Claude attaches to a reply, but never from the state directory', async () => {
    const secret = await helper.callTool('reply', {
      chat_id: 'web:main',
      text: 'token',
      files: [`${home.dir}/hub.token`],
    });
    expect(secret.isError).toBe(true);
    expect(resultText(secret)).toContain('state directory');
    const relative = await helper.callTool('reply', {
      chat_id: 'web:main',
      text: 'rel',
      files: ['hub.token'],
    });
    expect(resultText(relative)).toContain('absolute');

    const outsider = await tempDir('sb-out-');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${outsider.dir}/report.txt`, 'the report');
    const ok = await helper.callTool('reply', {
      chat_id: 'web:main',
      text: 'here it is',
      files: [`${outsider.dir}/report.txt`],
    });
    expect(ok.isError).toBeFalsy();
    const sent = (await chat.history()).find((m) => m.text === 'here it is');
    const fileId = sent?.attachments[0]?.fileId ?? '';
    const download = await chat.request(`/api/files/${fileId}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    expect(await download.text()).toBe('the report');
    await outsider.cleanup();
  });

  it('supports react, edit_message and fetch_messages on the web chat', async () => {
    await chat.post('please react');
    const incoming = await helper.events.waitFor((e) => e.content === 'please react');
    const reacted = await helper.callTool('react', {
      chat_id: 'web:main',
      message_id: incoming.meta['message_id'] ?? '',
      emoji: '👀',
    });
    expect(reacted.isError).toBeFalsy();
    const sent = await helper.callTool('reply', { chat_id: 'web:main', text: 'working…' });
    const id = /id: (\w+)/.exec(resultText(sent))?.[1] ?? '';
    const edited = await helper.callTool('edit_message', {
      chat_id: 'web:main',
      message_id: id,
      text: 'done',
    });
    expect(edited.isError).toBeFalsy();
    const notMine = await helper.callTool('edit_message', {
      chat_id: 'web:main',
      message_id: incoming.meta['message_id'] ?? '',
      text: 'forged',
    });
    expect(notMine.isError).toBe(true);
    const history = await chat.history();
    expect(history.find((m) => m.id === incoming.meta['message_id'])?.reactions).toEqual([
      { emoji: '👀', by: 'claude' },
    ]);
    expect(history.find((m) => m.id === id)?.text).toBe('done');
    expect(history.find((m) => m.id === id)?.editedAt).toBeTypeOf('number');
    const fetched = resultText(
      await helper.callTool('fetch_messages', { chat_id: 'web:main', limit: 3 }),
    );
    expect(fetched.split('\n')).toHaveLength(3);
    expect(fetched).toContain('done');
  });
});
