/**
 * The standalone helper executable (no Node needed on the user's machine) passes the same channel
 * test as the bundled JS helper: spawned by the MCP SDK client, it declares the channel, delivers a
 * web chat message and sends the reply.
 */
import { stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitAttached } from '../support/attached';
import { connectHelper, resultText, type HelperClient } from '../support/helper-client';
import { startHub, type HubProcess } from '../support/hub-process';
import { HELPER_BINARY, tempDir } from '../support/paths';
import { webchat } from '../support/webchat-client';

describe('the standalone helper executable', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let helper: HelperClient;

  beforeAll(async () => {
    home = await tempDir();
    hub = await startHub(home.dir);
    helper = await connectHelper({
      home: home.dir,
      session: 'binary',
      executable: HELPER_BINARY,
      env: { PATH: '/nonexistent' },
    });
  });
  afterAll(async () => {
    await helper.close();
    await hub.stop();
    await home.cleanup();
  });

  it('is one executable file', async () => {
    const info = await stat(HELPER_BINARY);
    expect(info.isFile()).toBe(true);
    expect(info.mode & 0o111).not.toBe(0);
  });

  it('runs the channel: capabilities, a delivered message, a reply — without node on PATH', async () => {
    expect(helper.client.getServerCapabilities()?.experimental).toEqual({
      'claude/channel': {},
      'claude/channel/permission': {},
    });
    await waitAttached(home.dir, ['binary']);
    const chat = webchat(hub);
    await chat.post('to the binary');
    expect((await helper.events.next()).content).toBe('to the binary');
    expect(
      resultText(await helper.callTool('reply', { chat_id: 'web:main', text: 'from the binary' })),
    ).toMatch(/^sent/);
    expect((await chat.history()).map((m) => m.text)).toContain('from the binary');
  });
});
