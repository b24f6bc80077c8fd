/**
 * Attacks on launched sessions from chats, through real processes (a hub with the platform faked
 * at the network boundary, a private tmux server, the fake `claude` and the real helper): who may
 * steer a terminal, where a screen may be shown, and what typed text can do.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditKinds } from '../support/audit';
import { runCli } from '../support/cli';
import { eventually } from '../support/eventually';
import { startFakePlatformHub, type FakePlatform } from '../support/fake-platform-client';
import type { HubProcess } from '../support/hub-process';
import { chatOn, launchSetup, tmuxMissing, type LaunchSetup } from '../support/launch';
import { webchat } from '../support/webchat-client';

describe.skipIf(tmuxMissing !== undefined)(
  'attacks on launched sessions',
  { timeout: 90_000 },
  () => {
    let setup: LaunchSetup;
    let hub: HubProcess | undefined;
    let platform: FakePlatform;
    const { say, heard } = chatOn(() => platform);

    beforeEach(async () => {
      setup = await launchSetup();
    });
    afterEach(async () => {
      await hub?.stop();
      hub = undefined;
      await setup.cleanup();
    });

    const cli = (...args: string[]) => runCli(['--home', setup.home, ...args], setup.env);
    const hasSession = async (name: string): Promise<boolean> =>
      (await setup.tmux('has-session', '-t', `=switchboard-${name}`)).code === 0;
    const keyEvents = async (): Promise<string[]> =>
      (await setup.events()).filter((e) => e.event === 'key').map((e) => e.name ?? '');
    const refusals = (): Array<[string, unknown]> =>
      auditKinds(setup.home)
        .filter((a) => a.kind === 'launcher.refused')
        .map((a) => [a.actor, JSON.parse(a.detail) as unknown]);

    /** A hub with one running, connected project `name`, started by owner 1 from their DM. */
    async function running(name: string, settings: Record<string, unknown> = {}): Promise<string> {
      const dir = await setup.project(name, { confirm: false });
      await mkdir(setup.home, { recursive: true });
      await writeFile(
        join(setup.home, 'settings.json'),
        JSON.stringify({ ...settings, projects: { [name]: { dir } } }),
      );
      ({ hub, platform } = await startFakePlatformHub(setup.home, setup.env));
      expect((await cli('senders', 'allow', 'telegram', '1')).code).toBe(0);
      expect((await cli('senders', 'role', 'telegram', '1', 'owner')).code).toBe(0);
      expect((await cli('senders', 'allow', 'telegram', '2')).code).toBe(0);
      await say('1', `/new ${name}`);
      await heard('tg:1', `✅ ${name} is connected.`);
      return dir;
    }

    it('a member presses keys in the owner’s session → refused, audited, no key reaches the terminal', async () => {
      await running('core');
      // Project names are session names: a member learns none of them, nor the directories.
      await say('2', '/projects');
      expect(await heard('tg:2', 'Only an owner can use /projects.')).not.toContain('core');
      // /use is the owner's, so the owner binds the member's chat (known once it wrote) to it.
      expect((await cli('chats', 'bind', 'tg:2', 'core')).code).toBe(0);
      for (const command of [
        '/press 1',
        '/type yes',
        '/stop core',
        '/restart core',
        '/screen core',
      ])
        await say('2', command);
      for (const command of ['press', 'type', 'stop', 'restart', 'screen'])
        await heard('tg:2', `Only an owner can use /${command}.`);

      // /help offers a member only what a member may do.
      await say('2', '/help');
      const help = await heard('tg:2', 'You are connected to Claude');
      expect(help).not.toMatch(/\/(projects|new|stop|press|type|screen|restart) /);
      await say('1', '/help');
      expect(await heard('tg:1', 'You are connected to Claude')).toContain('/press KEY… — ');

      expect(await keyEvents()).toEqual([]);
      expect(await hasSession('core')).toBe(true);
      expect(refusals()).toEqual(
        ['projects', 'press', 'type', 'stop', 'restart', 'screen'].map((command) => [
          'telegram:2',
          { command, reason: `Only an owner can use /${command}.` },
        ]),
      );
    });

    it('an owner asks for the screen in a group → refused, the group would see the terminal', async () => {
      await running('core', {
        access: { telegram: { groups: { 'tg:-100': { requireMention: false } } } },
      });
      await platform.say({ chatId: 'tg:-100', senderId: '1', kind: 'group', text: '/screen core' });
      await platform.say({ chatId: 'tg:-100', senderId: '1', kind: 'group', text: '/press enter' });
      await heard('tg:-100', '/screen works only in a direct chat with the bot');
      await heard('tg:-100', '/press works only in a direct chat with the bot');
      const sent = (await platform.sentTo('tg:-100')).map((m) => m.text).join('\n');
      expect(sent).not.toContain('fake');
      expect(await keyEvents()).toEqual([]);
      expect(refusals().map(([actor]) => actor)).toEqual(['telegram:1', 'telegram:1']);
    });

    it('hostile /type text with tmux key names and control characters → typed as plain text', async () => {
      await running('safe');
      const hostile =
        '/type Enter C-c \u0003\u0003 kill-server ; \u001b[2J\u001b]0;title\u0007 -l\nnext line\ttab\u202e C-d;';
      await say('1', hostile);
      await heard('tg:1', 'Typed');
      const typed = await eventually(async () => {
        const input = (await setup.events()).find((e) => e.event === 'input');
        if (!input) throw new Error('nothing typed yet');
        return input.text;
      });
      // Ctrl-C twice would have ended the session; escape sequences would have cleared the screen.
      expect(typed).toBe('Enter C-c  kill-server ;  -l next line tab C-d;');
      expect(await keyEvents()).toEqual(['enter']);
      expect(await hasSession('safe')).toBe(true);
      expect(auditKinds(setup.home).find((a) => a.kind === 'launcher.type')).toMatchObject({
        actor: 'telegram:1',
        subject: 'safe',
      });
    });

    it('an owner’s keys after remote keys were turned off → refused and audited', async () => {
      await running('safe');
      const changed = await webchat(hub!).request('/api/ui/updateSettings', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ remoteKeys: false }]),
      });
      expect(changed.status).toBe(200);
      await say('1', '/press enter');
      await say('1', '/type hello');
      await heard('tg:1', 'Sending keys from chats is turned off');
      await eventually(() => expect(refusals()).toHaveLength(2));
      expect(refusals()).toEqual([
        ['telegram:1', { command: 'press', reason: 'remote keys are turned off' }],
        ['telegram:1', { command: 'type', reason: 'remote keys are turned off' }],
      ]);
      expect(await keyEvents()).toEqual([]);
    });

    it('a chat steers a tmux session someone else made under the project’s name → left alone', async () => {
      const dir = await setup.project('shared', { confirm: false });
      await setup.tmux('new-session', '-d', '-s', 'switchboard-shared', 'sleep 60');
      await mkdir(setup.home, { recursive: true });
      await writeFile(
        join(setup.home, 'settings.json'),
        JSON.stringify({ projects: { shared: { dir } } }),
      );
      ({ hub, platform } = await startFakePlatformHub(setup.home, setup.env));
      expect((await cli('senders', 'allow', 'telegram', '1')).code).toBe(0);
      expect((await cli('senders', 'role', 'telegram', '1', 'owner')).code).toBe(0);
      for (const command of ['/new shared', '/screen shared', '/stop shared'])
        await say('1', command);
      await heard(
        'tg:1',
        'Could not start shared: The tmux session switchboard-shared was not started by this Switchboard',
      );
      await heard(
        'tg:1',
        'Could not stop shared: The tmux session switchboard-shared was not started',
      );
      await eventually(async () =>
        expect(
          (await platform.sentTo('tg:1')).filter((m) =>
            m.text.includes('was not started by this Switchboard'),
          ),
        ).toHaveLength(3),
      );
      expect(await hasSession('shared')).toBe(true);
      expect(await setup.events()).toEqual([]);
    });
  },
);
