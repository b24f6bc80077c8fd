/**
 * Sessions from a chat, through real processes: a hub with a remote platform faked at the network
 * boundary, the real tmux (a private server), the fake `claude` spawning the real helper with the
 * MCP SDK client. The whole loop — /new → tmux → claude → helper → hub → delivery and back —
 * plus /screen, /press, /stop, wake, idle stop and restarts (attacks: test/attacks/launcher.test.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditKinds } from '../support/audit';
import { runCli } from '../support/cli';
import { eventually } from '../support/eventually';
import { startFakePlatformHub, type FakePlatform } from '../support/fake-platform-client';
import type { HubProcess } from '../support/hub-process';
import { chatOn, launchSetup, tmuxMissing, type LaunchSetup } from '../support/launch';
import { HELPER } from '../support/paths';

describe.skipIf(tmuxMissing !== undefined)(
  'sessions started from a chat',
  { timeout: 90_000 },
  () => {
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
    const { say, heard } = chatOn(() => platform);
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
      expect(await heard('tg:1', '🖥 billing')).toContain(
        '1. I am using this for local development',
      );
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
      // The fake prints channel events in its terminal, as Claude Code does; /screen shows them.
      await say('1', '/screen billing');
      await eventually(async () => {
        const screens = (await platform.sentTo('tg:1')).filter((m) =>
          m.text.startsWith('🖥 billing'),
        );
        expect(screens.at(-1)?.text).toContain('← switchboard · user 1: and now?');
      });
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

    it('answers two prompts from the chat when the project’s own .mcp.json names the server', async () => {
      const dir = await setup.project('site');
      await writeFile(
        join(dir, '.mcp.json'),
        JSON.stringify({
          mcpServers: {
            switchboard: {
              command: process.execPath,
              args: [HELPER],
              env: { SWITCHBOARD_HOME: setup.home },
            },
          },
        }),
      );
      await start();
      expect((await cli('projects', 'add', 'site', dir)).code).toBe(0);
      await owner('1');
      await say('1', '/new site hello site');
      await heard('tg:1', 'Started site');
      await say('1', '/press enter');
      await heard('tg:1', 'Pressed Enter in site.');
      // Claude Code asks before it runs a server from a project's .mcp.json for the first time.
      await eventually(
        async () => {
          await say('1', '/screen');
          const screens = (await platform.sentTo('tg:1')).filter((m) =>
            m.text.startsWith('🖥 site'),
          );
          expect(screens.at(-1)?.text).toContain('New MCP server found in .mcp.json: switchboard');
        },
        15_000,
        500,
      );
      await say('1', '/press down enter');
      await heard('tg:1', '✅ site is connected.');
      await eventually(async () =>
        expect((await setup.events()).find((e) => e.event === 'channel')?.content).toBe(
          'hello site',
        ),
      );
      const config = JSON.parse(
        await readFile(join(setup.env['HOME']!, '.claude.json'), 'utf8'),
      ) as {
        projects: Record<string, { enabledMcpjsonServers?: string[] }>;
      };
      expect(config.projects[dir]?.enabledMcpjsonServers).toEqual(['switchboard']);
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
  },
);
