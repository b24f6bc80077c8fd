/**
 * Sessions from a chat, through real processes: a hub with a remote platform faked at the network
 * boundary, the real tmux (a private server), the fake `claude` spawning the real helper with the
 * MCP SDK client. The whole loop — /new → tmux → claude → helper → hub → delivery and back —
 * plus /screen, /press, /type, /stop, wake, idle stop, restarts, and who may do what.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditKinds } from '../support/audit';
import { runCli } from '../support/cli';
import { eventually } from '../support/eventually';
import { startFakePlatformHub, type FakePlatform } from '../support/fake-platform-client';
import type { HubProcess } from '../support/hub-process';
import { launchSetup, type LaunchSetup } from '../support/launch';
import { webchat } from '../support/webchat-client';

describe('sessions started from a chat', () => {
  let setup: LaunchSetup;
  let hub: HubProcess | undefined;
  let platform: FakePlatform;

  beforeEach(async () => {
    setup = await launchSetup();
  });
  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
    await setup.cleanup();
  });

  const cli = (...args: string[]) => runCli([...args, '--home', setup.home], setup.env);
  async function start(): Promise<void> {
    ({ hub, platform } = await startFakePlatformHub(setup.home, setup.env));
  }
  async function owner(id: string): Promise<void> {
    expect((await cli('senders', 'allow', 'telegram', id)).code).toBe(0);
    expect((await cli('senders', 'role', 'telegram', id, 'owner')).code).toBe(0);
  }
  const say = (from: string, text: string, chat = `tg:${from}`): Promise<void> =>
    platform.say({ chatId: chat, senderId: from, text });
  /** Waits for a message to the chat containing `part`, returns its text. */
  async function heard(chat: string, part: string, timeoutMs = 15_000): Promise<string> {
    return eventually(async () => {
      const found = (await platform.sentTo(chat)).find((m) => m.text.includes(part));
      if (!found) throw new Error(`"${part}" not sent to ${chat}`);
      return found.text;
    }, timeoutMs);
  }
  const hasSession = async (name: string): Promise<boolean> =>
    (await setup.tmux('has-session', '-t', `=switchboard-${name}`)).code === 0;

  it('runs the whole loop: /new, /screen shows the prompt, /press 1 answers it, the reply comes back, /stop', async () => {
    const dir = await setup.project('billing', { echo: true });
    // Added before the hub runs: the CLI edits settings.json itself.
    expect((await cli('projects', 'add', 'billing', dir)).code).toBe(0);
    await start();
    await owner('1');

    await say('1', '/new billing what changed today?');
    expect(await heard('tg:1', 'Started billing')).toContain(
      `Started billing in ${dir} (tmux session switchboard-billing).\nThis chat now goes to billing. Your message is delivered when it connects.`,
    );
    expect(await hasSession('billing')).toBe(true);
    await eventually(async () =>
      expect((await setup.events()).find((e) => e.event === 'start')).toMatchObject({
        cwd: dir,
        session: 'billing',
        home: setup.home,
        argv: ['--dangerously-load-development-channels', 'server:switchboard'],
      }),
    );

    // The development-channels confirmation waits for a key; a chat sees it and answers it.
    await say('1', '/screen');
    expect(await heard('tg:1', '🖥 billing')).toContain('1. I am using this for local development');
    await say('1', '/press 1');
    await heard('tg:1', 'Pressed 1 in billing.');
    await heard('tg:1', '✅ billing is connected.');
    expect(await heard('tg:1', 'echo: ')).toBe('echo: what changed today?');
    const sessions = JSON.parse((await cli('sessions', '--json')).stdout) as {
      attached: Array<{ name: string; cwd: string }>;
    };
    expect(sessions.attached).toEqual([expect.objectContaining({ name: 'billing', cwd: dir })]);

    await say('1', 'and now?');
    await heard('tg:1', 'echo: and now?');
    await say('1', '/stop');
    await heard('tg:1', 'Stopped billing.');
    expect(await hasSession('billing')).toBe(false);
    expect((await setup.events()).find((e) => e.event === 'exit')?.why).toBe('/exit');
    const kinds = auditKinds(setup.home).map((a) => a.kind);
    for (const kind of ['launcher.start', 'launcher.screen', 'launcher.press', 'launcher.stop'])
      expect(kinds).toContain(kind);
    expect(auditKinds(setup.home).find((a) => a.kind === 'launcher.press')).toMatchObject({
      actor: 'telegram:1',
      subject: 'billing',
    });
  });

  it('wakes a sleeping project when a message comes, saying so once', async () => {
    const dir = await setup.project('docs', { confirm: false, echo: true });
    await start();
    expect((await cli('projects', 'add', 'docs', dir, '--wake')).code).toBe(0);
    await owner('1');
    await say('1', '/use docs');
    await heard('tg:1', 'now goes to session "docs"');

    await say('1', 'first');
    await say('1', 'second');
    await heard('tg:1', '✅ docs is connected.');
    await heard('tg:1', 'echo: first');
    await heard('tg:1', 'echo: second');
    const sent = (await platform.sentTo('tg:1')).map((m) => m.text);
    expect(sent.filter((t) => t === 'Starting docs…')).toHaveLength(1);
    expect(sent.some((t) => t.startsWith('⏳ Saved'))).toBe(false);
    expect((await setup.events()).filter((e) => e.event === 'start')).toHaveLength(1);
  });

  it('stops a session after its idle time and tells the chat', async () => {
    const dir = await setup.project('quiet', { confirm: false });
    await start();
    expect((await cli('projects', 'add', 'quiet', dir, '--idle-stop-minutes', '0.05')).code).toBe(
      0,
    );
    await owner('1');
    await say('1', '/new quiet');
    await heard('tg:1', '✅ quiet is connected.');
    await heard('tg:1', 'Stopped quiet after 3 seconds without messages or output.', 30_000);
    expect(await hasSession('quiet')).toBe(false);
    const stop = auditKinds(setup.home).find((a) => a.kind === 'launcher.stop');
    expect(JSON.parse(stop?.detail ?? '{}')).toMatchObject({ reason: 'idle' });
  });

  it('tells the chat when the tmux session is killed from outside, and /restart brings it back', async () => {
    const dir = await setup.project('api', { confirm: false, echo: true });
    await start();
    expect((await cli('projects', 'add', 'api', dir)).code).toBe(0);
    await owner('1');
    await say('1', '/new api');
    await heard('tg:1', '✅ api is connected.');
    expect((await setup.tmux('kill-session', '-t', '=switchboard-api')).code).toBe(0);
    await heard(
      'tg:1',
      'api stopped: its tmux session switchboard-api was ended outside Switchboard.',
    );

    await say('1', '/restart');
    await heard('tg:1', 'Was not running; started api.');
    await eventually(async () => {
      const views = JSON.parse((await cli('projects', 'list', '--json')).stdout) as Array<{
        state: string;
      }>;
      expect(views[0]?.state).toBe('attached');
    }, 15_000);
    await say('1', 'still there?');
    await heard('tg:1', 'echo: still there?');
  });

  it('runs two projects at once and finds both again after Switchboard restarts', async () => {
    const alpha = await setup.project('alpha', { confirm: false, echo: true });
    const beta = await setup.project('beta', { confirm: false, echo: true });
    await start();
    expect((await cli('projects', 'add', 'alpha', alpha)).code).toBe(0);
    expect((await cli('projects', 'add', 'beta', beta)).code).toBe(0);
    await owner('1');
    await owner('2');
    await say('1', '/new alpha to alpha');
    await say('2', '/new beta to beta');
    await heard('tg:1', 'echo: to alpha');
    await heard('tg:2', 'echo: to beta');

    await hub?.stop();
    expect(await hasSession('alpha')).toBe(true);
    expect(await hasSession('beta')).toBe(true);
    await start();
    await eventually(async () => {
      const views = JSON.parse((await cli('projects', 'list', '--json')).stdout) as Array<{
        name: string;
        state: string;
        launched: boolean;
      }>;
      expect(views.map((v) => [v.name, v.state, v.launched])).toEqual([
        ['alpha', 'attached', true],
        ['beta', 'attached', true],
      ]);
    }, 20_000);
    // The new hub's fake platform counts message ids from 1 again: give these their own.
    await platform.say({
      chatId: 'tg:1',
      senderId: '1',
      text: 'after the restart',
      externalId: 'r1',
    });
    await heard('tg:1', 'echo: after the restart');
    const starts = (await setup.events()).filter((e) => e.event === 'start');
    expect(starts.map((e) => e.cwd).sort()).toEqual([alpha, beta]);
    await platform.say({ chatId: 'tg:2', senderId: '2', text: '/stop beta', externalId: 'r2' });
    await heard('tg:2', 'Stopped beta.');
    expect(await hasSession('alpha')).toBe(true);
  }, 60_000);

  it('lets every allowed sender list projects, and only owners in a direct chat steer them', async () => {
    const dir = await setup.project('core', { confirm: false });
    await mkdir(setup.home, { recursive: true });
    await writeFile(
      join(setup.home, 'settings.json'),
      JSON.stringify({
        access: { telegram: { groups: { 'tg:-100': { requireMention: false } } } },
        projects: { core: { dir } },
      }),
    );
    await start();
    await owner('1');
    expect((await cli('senders', 'allow', 'telegram', '2')).code).toBe(0);
    await say('1', '/new core');
    await heard('tg:1', '✅ core is connected.');

    await say('2', '/projects');
    const list = await heard('tg:2', 'Projects:');
    expect(list).toContain('• core: running, connected');
    expect(list).not.toContain(dir);
    await say('2', '/use core');
    await say('2', '/press 1');
    await heard('tg:2', 'Only an owner can use /press.');
    await say('2', '/stop core');
    await heard('tg:2', 'Only an owner can use /stop.');
    await platform.say({ chatId: 'tg:-100', senderId: '1', kind: 'group', text: '/screen core' });
    await heard('tg:-100', '/screen works only in a direct chat with the bot');

    expect((await setup.events()).some((e) => e.event === 'key')).toBe(false);
    expect(await hasSession('core')).toBe(true);
    const refused = auditKinds(setup.home).filter((a) => a.kind === 'launcher.refused');
    expect(refused.map((a) => [a.actor, JSON.parse(a.detail) as unknown])).toEqual([
      ['telegram:2', { command: 'press', reason: 'Only an owner can use /press.' }],
      ['telegram:2', { command: 'stop', reason: 'Only an owner can use /stop.' }],
      [
        'telegram:1',
        {
          command: 'screen',
          reason:
            '/screen works only in a direct chat with the bot: everyone in a group would see or steer the terminal.',
        },
      ],
    ]);
  });

  it('types hostile text literally: key names and control characters never act', async () => {
    const dir = await setup.project('safe', { confirm: false });
    await start();
    expect((await cli('projects', 'add', 'safe', dir)).code).toBe(0);
    await owner('1');
    await say('1', '/new safe');
    await heard('tg:1', '✅ safe is connected.');
    const hostile =
      '/type Enter C-c \u0003\u0003 kill-server ; \u001b[2J\u001b]0;title\u0007 -l\nnext line\ttab\u202e C-d;';
    await say('1', hostile);
    await heard('tg:1', 'Typed');
    const typed = await eventually(async () => {
      const input = (await setup.events()).find((e) => e.event === 'input');
      if (!input) throw new Error('nothing typed yet');
      return input.text;
    });
    expect(typed).toBe('Enter C-c  kill-server ;  -l next line tab C-d;');
    const keys = (await setup.events()).filter((e) => e.event === 'key').map((e) => e.name);
    expect(keys).toEqual(['enter']);
    expect(await hasSession('safe')).toBe(true);
    expect(auditKinds(setup.home).find((a) => a.kind === 'launcher.type')).toMatchObject({
      actor: 'telegram:1',
      subject: 'safe',
    });

    // Turned off in the settings (here through the dashboard's UI contract): refused, audited.
    const changed = await webchat(hub!).request('/api/ui/updateSettings', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ remoteKeys: false }]),
    });
    expect(changed.status).toBe(200);
    await say('1', '/press enter');
    await heard('tg:1', 'Sending keys from chats is turned off');
    expect((await setup.events()).filter((e) => e.event === 'key')).toHaveLength(1);
    expect(auditKinds(setup.home).filter((a) => a.kind === 'launcher.refused')).toEqual([
      expect.objectContaining({ actor: 'telegram:1', subject: 'safe' }),
    ]);
  });

  it('says how to install tmux when it is missing, and starts nothing', async () => {
    const dir = await setup.project('lonely');
    ({ hub, platform } = await startFakePlatformHub(setup.home, {
      ...setup.env,
      SWITCHBOARD_TMUX: '/nonexistent/tmux',
    }));
    expect((await cli('projects', 'add', 'lonely', dir)).code).toBe(0);
    await owner('1');
    await say('1', '/new lonely hello?');
    expect(await heard('tg:1', 'Could not start lonely')).toContain('brew install tmux');
    expect((await setup.tmux('list-sessions')).stdout).toBe('');
    expect(await setup.events()).toEqual([]);
  });
});
