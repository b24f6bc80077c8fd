/**
 * The helper as a process, seen from the raw pipe Claude Code reads: nothing but JSON-RPC on
 * stdout (even while the hub comes and goes and messages flow), and an exit on stdin EOF.
 */
import { spawn } from 'node:child_process';
import { copyFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHub, type HubProcess } from '../support/hub-process';
import { HELPER, tempDir } from '../support/paths';
import { Waitable } from '../support/waitable';
import { webchat } from '../support/webchat-client';

describe('switchboard-mcp process', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess | undefined;

  beforeEach(async () => {
    home = await tempDir();
  });
  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
    await home.cleanup();
  });

  function spawnHelper() {
    const child = spawn(process.execPath, [HELPER, '--session', 'raw'], {
      env: { ...process.env, SWITCHBOARD_HOME: home.dir },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const lines = new Waitable<string>();
    createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
    const exited = new Promise<{ code: number | null; ms: number }>((resolve) => {
      let closedAt = 0;
      child.stdin.on('close', () => (closedAt = Date.now()));
      child.on('exit', (code) => resolve({ code, ms: Date.now() - closedAt }));
    });
    const send = (message: unknown): void => void child.stdin.write(`${JSON.stringify(message)}\n`);
    return { child, lines, exited, send };
  }

  it('writes only JSON-RPC to stdout, even across hub restarts and deliveries', async () => {
    const helper = spawnHelper();
    helper.send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 'raw', version: '1' },
      },
    });
    await helper.lines.next();
    helper.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    helper.send({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'fetch_messages', arguments: { chat_id: 'web:main' } },
    });
    hub = await startHub(home.dir);
    await webchat(hub).post('through the pipe');
    await helper.lines.waitFor((line) => line.includes('through the pipe'));
    await hub.kill();
    hub = await startHub(home.dir);
    await webchat(hub).post('after the restart');
    await helper.lines.waitFor((line) => line.includes('after the restart'));
    helper.child.stdin.end();
    expect((await helper.exited).code).toBe(0);
    for (const line of helper.lines.items) {
      const message = JSON.parse(line) as { jsonrpc?: string };
      expect(message.jsonrpc).toBe('2.0');
    }
    expect(helper.lines.items.length).toBeGreaterThanOrEqual(4);
  });

  it('says which file is missing when its core is not beside the entry, and exits 1', async () => {
    const lonely = `${home.dir}/switchboard-mcp.js`;
    await copyFile(HELPER, lonely);
    const child = spawn(process.execPath, [lonely], {
      env: { ...process.env, SWITCHBOARD_HOME: home.dir },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' })}\n`);
    expect(await code).toBe(1);
    expect(stderr).toContain('cannot load ./switchboard-mcp-core.cjs beside this file');
  });

  it('exits promptly when Claude Code closes stdin, hub or no hub', async () => {
    const helper = spawnHelper();
    helper.child.stdin.end();
    const { code, ms } = await helper.exited;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(2_000);
  });
});
