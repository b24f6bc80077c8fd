/**
 * A Claude Code session started without the channel flag (and `claude mcp list`'s health check)
 * runs the helper too, but drops channel events silently. The helper recognises its parent and
 * the hub never routes chats to it — the message waits for a session that will show it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { symlink } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { eventually } from '../support/eventually';
import { connectHelper } from '../support/helper-client';
import { startHub, type HubProcess } from '../support/hub-process';
import { HELPER, ROOT, tempDir } from '../support/paths';
import { webchat } from '../support/webchat-client';

// The helper reads its parent from /proc on Linux and with /bin/ps on macOS; elsewhere it cannot.
const unsupported = !['linux', 'darwin'].includes(process.platform);
if (unsupported)
  console.warn(`skipping the channel-mode tests: no parent reader on ${process.platform}`);

describe.skipIf(unsupported)('sessions without channels', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let parent: ChildProcess | undefined;

  beforeEach(async () => {
    home = await tempDir();
    hub = await startHub(home.dir);
  });
  afterEach(async () => {
    parent?.kill('SIGTERM');
    await hub.stop();
    await home.cleanup();
  });

  it('detects a Claude Code parent without the channel flag and routes chats around it', async () => {
    const claude = `${home.dir}/claude`;
    await symlink(process.execPath, claude);
    parent = spawn(
      claude,
      [`${ROOT}/test/fakes/claude-like-parent.mjs`, HELPER, '--session', 'no-channels'],
      {
        env: { ...process.env, SWITCHBOARD_HOME: home.dir },
        stdio: 'ignore',
      },
    );
    const sessions = async () =>
      JSON.parse((await runCli(['sessions', '--json', '--home', home.dir])).stdout) as {
        attached: Array<{ name: string; channels: string }>;
      };
    await eventually(async () =>
      expect((await sessions()).attached).toEqual([
        expect.objectContaining({ name: 'no-channels', channels: 'disabled' }),
      ]),
    );

    const chat = webchat(hub);
    const posted = await chat.post('for a session that can see it');
    expect(posted.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await chat.history())[0]?.state).toBe('received');

    const real = await connectHelper({ home: home.dir, session: 'with-channels' });
    expect((await real.events.next()).content).toBe('for a session that can see it');
    // The helper acknowledges right after writing the event; the hub records it a moment later.
    await eventually(async () => expect((await chat.history())[0]?.session).toBe('with-channels'));
    const human = await runCli(['sessions', '--home', home.dir]);
    expect(human.stdout).toContain('channels off');
    await real.close();
  });
});
