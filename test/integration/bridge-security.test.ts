/**
 * The bridge socket against misbehaving clients: each bad connection is closed alone, with a
 * reason, while a real helper on the same hub keeps receiving messages.
 */
import { readFile, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectHelper, type HelperClient } from '../support/helper-client';
import { startHub, type HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { rawConnect } from '../support/raw-socket';
import { afterChallenge, proveTo } from '../support/bridge-auth';
import { webchat } from '../support/webchat-client';
import { eventually } from '../support/eventually';

describe('bridge socket', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let helper: HelperClient;
  let token: string;

  beforeAll(async () => {
    home = await tempDir();
    hub = await startHub(home.dir);
    helper = await connectHelper({ home: home.dir, session: 'bystander' });
    token = (await readFile(`${home.dir}/hub.token`, 'utf8')).trim();
  });
  afterAll(async () => {
    await helper.close();
    await hub.stop();
    await home.cleanup();
  });

  async function bystanderStillReceives(text: string): Promise<void> {
    await webchat(hub).post(text);
    await helper.events.waitFor((e) => e.content === text);
  }

  it('is private: socket 0600 and token 0600 inside a 0700 directory', async () => {
    expect((await stat(hub.socket)).mode & 0o777).toBe(0o600);
    expect((await stat(`${home.dir}/hub.token`)).mode & 0o777).toBe(0o600);
    expect((await stat(home.dir)).mode & 0o777).toBe(0o700);
  });

  it('closes a connection that sends malformed JSON', async () => {
    const raw = await rawConnect(hub.socket);
    raw.write('{this is not json\n');
    await raw.closed;
    expect(afterChallenge(raw)).toEqual([
      expect.objectContaining({ type: 'error', code: 'bad-frame', message: 'malformed JSON' }),
    ]);
    await bystanderStillReceives('after malformed');
  });

  it('refuses a hello proved with the wrong token', async () => {
    const raw = await rawConnect(hub.socket);
    const auth = await proveTo(raw, 'f'.repeat(64), 'session');
    raw.write(
      `${JSON.stringify({ type: 'hello', ...auth, session: { name: 'intruder', cwd: '/', pid: 1 } })}\n`,
    );
    await raw.closed;
    expect(afterChallenge(raw)).toEqual([
      expect.objectContaining({ type: 'error', code: 'unauthorized' }),
    ]);
    await bystanderStillReceives('after bad token');
  });

  it('refuses session frames before hello', async () => {
    const raw = await rawConnect(hub.socket);
    raw.write(
      `${JSON.stringify({ type: 'call', id: '1', tool: 'reply', args: { chat_id: 'web:main', text: 'sneaky' } })}\n`,
    );
    await raw.closed;
    expect(afterChallenge(raw)).toEqual([
      expect.objectContaining({ type: 'error', code: 'unauthorized' }),
    ]);
    const history = await webchat(hub).history();
    expect(history.some((m) => m.text === 'sneaky')).toBe(false);
  });

  it('closes a connection whose frame exceeds 1 MiB without reading it all', async () => {
    const raw = await rawConnect(hub.socket);
    const auth = await proveTo(raw, token, 'session');
    raw.write(
      `${JSON.stringify({ type: 'hello', ...auth, session: { name: 'big', cwd: '/', pid: 1 } })}\n`,
    );
    raw.write(Buffer.alloc(1024 * 1024 + 10, 0x61));
    await raw.closed;
    expect(raw.frames()).toContainEqual(
      expect.objectContaining({ type: 'error', code: 'too-large' }),
    );
    await bystanderStillReceives('after oversized');
  });

  it('closes a connection with a schema-invalid frame and says which field', async () => {
    const raw = await rawConnect(hub.socket);
    const auth = await proveTo(raw, token, 'session');
    raw.write(
      `${JSON.stringify({ type: 'hello', ...auth, session: { name: 'bad name/with slash', cwd: '/', pid: 1 } })}\n`,
    );
    await raw.closed;
    const [frame] = afterChallenge(raw) as Array<{ code: string; message: string }>;
    expect(frame?.code).toBe('bad-frame');
    expect(frame?.message).toContain('session.name');
  });

  it('refuses an unknown protocol version', async () => {
    const raw = await rawConnect(hub.socket);
    const auth = await proveTo(raw, token, 'session');
    raw.write(
      `${JSON.stringify({ type: 'hello', ...auth, v: 99, session: { name: 'future', cwd: '/', pid: 1 } })}\n`,
    );
    await raw.closed;
    expect(afterChallenge(raw)).toEqual([expect.objectContaining({ code: 'version' })]);
  });

  it('rejects tool calls with invalid arguments with a clear error, not a crash', async () => {
    const result = await helper.client.callTool({
      name: 'reply',
      arguments: { chat_id: 'web:main' },
    });
    expect(result.isError).toBe(true);
    const unknown = await helper.callTool('reply', { chat_id: 'tg:999', text: 'hi' });
    expect(unknown.isError).toBe(true);
    await bystanderStillReceives('after bad calls');
  });

  it('keeps the attached session count right after the bad connections', async () => {
    await eventually(async () => {
      const state = (await (await webchat(hub).request('/api/state')).json()) as {
        sessions: Array<{ name: string }>;
      };
      expect(state.sessions.map((s) => s.name)).toEqual(['bystander']);
    });
  });
});
