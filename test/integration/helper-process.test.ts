/**
 * The helper as a process, seen from the raw pipe Claude Code reads: nothing but JSON-RPC on
 * stdout (even while the hub comes and goes and messages flow), and an exit on stdin EOF — or on
 * a signal, however early it comes.
 */
import { spawn } from 'node:child_process';
import { copyFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { eventually } from '../support/eventually';
import { startHub, type HubProcess } from '../support/hub-process';
import { HELPER, tempDir } from '../support/paths';
import { HELPER_BUILDS } from '../support/scripted-session';
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
    /** The opening exchange, as Claude Code makes it. */
    const initialize = async (): Promise<void> => {
      send({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-11-25',
          capabilities: {},
          clientInfo: { name: 'raw', version: '1' },
        },
      });
      await lines.next();
      send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    };
    return { child, lines, exited, send, initialize };
  }

  it('writes only JSON-RPC to stdout, even across hub restarts and deliveries', async () => {
    const helper = spawnHelper();
    await helper.initialize();
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

  it('says on stderr when it ignores a malformed permission request, and relays a good one', async () => {
    hub = await startHub(home.dir);
    const helper = spawnHelper();
    let stderr = '';
    helper.child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    await helper.initialize();
    const request = (request_id: string) => ({
      jsonrpc: '2.0',
      method: 'notifications/claude/channel/permission_request',
      params: { request_id, tool_name: 'Bash', description: 'ls', input_preview: '{}' },
    });
    // Claude Code's ids are five letters without "l": this one is not.
    helper.send(request('klmno'));
    helper.send(request('abcde'));
    const pending = async (): Promise<string[]> =>
      (
        JSON.parse(
          (await runCli(['permissions', 'list', '--json', '--home', home.dir])).stdout,
        ) as Array<{
          request_id: string;
        }>
      ).map((p) => p.request_id);
    await eventually(async () => expect(await pending()).toEqual(['abcde']));
    await eventually(() => expect(stderr).toMatch(/switchboard-mcp: ignored: .*request_id/s));
    helper.child.stdin.end();
    await helper.exited;
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

  it(
    'ends by its own handler (exit 0) on a SIGTERM right after its first answer, in every form',
    { timeout: 90_000 },
    async () => {
      const initialize = {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-11-25',
          capabilities: {},
          clientInfo: { name: 'x', version: '1' },
        },
      };
      const endings: string[] = [];
      // A few milliseconds after the answer: the npm helper is then loading its core.
      const delays = [0, 4, 10];
      for (const delay of delays)
        for (const build of HELPER_BUILDS) {
          const child = spawn(build.command, [...build.args, '--session', 'early'], {
            env: { ...process.env, SWITCHBOARD_HOME: home.dir },
            stdio: ['pipe', 'pipe', 'ignore'],
          });
          const exited = new Promise<string>((resolve) => {
            child.on('exit', (code, signal) => resolve(`${build.name}: ${signal ?? String(code)}`));
            child.on('error', (error) => resolve(`${build.name}: ${error.message}`));
          });
          child.stdin.write(`${JSON.stringify(initialize)}\n`);
          await Promise.race([
            new Promise((resolve) => child.stdout.once('data', resolve)),
            exited,
          ]);
          await new Promise((resolve) => setTimeout(resolve, delay));
          child.kill('SIGTERM');
          // A signal that got lost leaves it running (stdin is still open): say so, then stop it.
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          endings.push(await exited);
          clearTimeout(timer);
        }
      expect(endings).toEqual(
        delays.flatMap(() => HELPER_BUILDS.map((build) => `${build.name}: 0`)),
      );
    },
  );

  it('exits promptly when Claude Code closes stdin, hub or no hub', async () => {
    const helper = spawnHelper();
    helper.child.stdin.end();
    const { code, ms } = await helper.exited;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(2_000);
  });
});
