/**
 * The launcher in-process against the real tmux (a private server per test) and the fake `claude`:
 * starting, what goes wrong at start (each answered, nothing left half-started), idle stop on a
 * clock the test moves, sessions ended from outside, a stop that needs the grace period, exact
 * tmux targets, sessions started by someone else, and finding our sessions again in a new hub.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHubEvents } from '../../src/main/events/hub-events';
import type { ChatRef } from '../../src/main/launcher/launcher';
import { ProjectService } from '../../src/main/launcher/project-service';
import { screen } from '../../src/main/launcher/terminal';
import { silentLogger } from '../../src/main/log';
import { settingsSchema, type SettingsInput } from '../../src/main/settings/settings';
import { SettingsService } from '../../src/main/settings/settings-service';
import { openStore, type Store } from '../../src/main/store/store';
import { eventually } from '../support/eventually';
import { launchSetup, tmuxMissing, type LaunchSetup } from '../support/launch';

const CHAT: ChatRef = { platform: 'telegram', chatId: 'tg:1', threadId: '' };

describe.skipIf(tmuxMissing !== undefined)(
  'the launcher with real tmux',
  { timeout: 90_000 },
  () => {
    let setup: LaunchSetup;
    let store: Store;
    let clock: number;
    let attached: Set<string>;
    let told: Array<{ chat: ChatRef; text: string }>;
    const services: ProjectService[] = [];

    beforeEach(async () => {
      setup = await launchSetup();
      await mkdir(setup.home, { recursive: true });
      store = openStore(join(setup.home, 'switchboard.db'), () => clock);
      clock = Date.now();
      attached = new Set();
      told = [];
    });
    afterEach(async () => {
      for (const service of services.splice(0)) service.supervisor.close();
      store.close();
      await setup.cleanup();
    });

    function service(
      settings: SettingsInput,
      env: Record<string, string> = {},
      startCheckMs = 300,
    ): ProjectService {
      const events = createHubEvents();
      const live = new SettingsService(
        join(setup.home, 'settings.json'),
        settingsSchema.parse(settings),
        events,
      );
      const created = new ProjectService({
        settings: () => live.get(),
        settingsService: live,
        isAttached: (name) => attached.has(name),
        audit: store.audit,
        home: setup.home,
        env: { ...process.env, ...setup.env, ...env },
        log: silentLogger,
        now: () => clock,
        tell: (chat, text) => told.push({ chat, text }),
        boundChats: () => [CHAT],
        changed: () => undefined,
        startCheckMs,
      });
      services.push(created);
      return created;
    }

    const kinds = (): string[] =>
      store.audit
        .recent(100)
        .map((e) => e.kind)
        .reverse();

    it('starts a project in tmux through the login shell, with the session name and home set', async () => {
      const dir = await setup.project('billing', { confirm: false });
      const projects = service({
        projects: { billing: { dir, resume: true, args: ['--model', 'opus'] } },
      });
      const started = await projects.start('billing', 'test');
      expect(started).toMatchObject({ ok: true });
      expect(started.message).toContain(
        `Started billing in ${dir} (tmux session switchboard-billing)`,
      );
      const start = await eventually(async () => {
        const found = (await setup.events()).find((e) => e.event === 'start');
        expect(found).toBeDefined();
        return found!;
      });
      expect(start).toMatchObject({ cwd: dir, session: 'billing', home: setup.home });
      expect(start.argv).toEqual([
        '--continue',
        '--model',
        'opus',
        '--dangerously-load-development-channels',
        'server:switchboard',
      ]);
      // Again: it runs, so nothing new starts.
      expect(await projects.start('billing', 'test')).toMatchObject({ ok: true, already: true });
      expect((await setup.events()).filter((e) => e.event === 'start')).toHaveLength(1);
      expect((await projects.view('billing'))?.state).toBe('running');
      attached.add('billing');
      expect((await projects.view('billing'))?.state).toBe('attached');
      expect(kinds()).toEqual(['launcher.start']);
    });

    it('warns at start when Claude Code has no switchboard server for the directory', async () => {
      await setup.cleanup();
      setup = await launchSetup({ claudeJson: false });
      await mkdir(setup.home, { recursive: true });
      store.close();
      store = openStore(join(setup.home, 'switchboard.db'), () => clock);
      const dir = await setup.project('bare', { confirm: false });
      const started = await service({ projects: { bare: { dir } } }).start('bare', 'test');
      expect(started).toMatchObject({ ok: true });
      expect(started.message).toContain(
        'Warning: Claude Code has no "switchboard" MCP server for this directory, so it will not connect; run Connect Claude Code (switchboard setup claude) first.',
      );
    });

    it('uses the plugin channel flag when the settings say so', async () => {
      const dir = await setup.project('org', { confirm: false });
      const projects = service({ projects: { org: { dir } }, launcher: { channel: 'plugin' } });
      expect(await projects.start('org', 'test')).toMatchObject({ ok: true });
      await eventually(async () =>
        expect((await setup.events()).find((e) => e.event === 'start')?.argv).toEqual([
          '--channels',
          'plugin:switchboard@switchboard',
        ]),
      );
    });

    it('answers every failure at start and leaves no tmux session behind', async () => {
      const dir = await setup.project('broken');
      const gone = join(setup.root, 'gone');
      await mkdir(gone);
      const settings = { projects: { broken: { dir }, gone: { dir: gone } } };

      const broken = await setup.script(
        'broken-claude',
        'echo "boom: cannot read settings"; exit 3',
      );
      const exited = await service(settings, { SWITCHBOARD_CLAUDE: broken }).start(
        'broken',
        'test',
      );
      expect(exited).toMatchObject({ ok: false, error: 'exited' });
      // tmux 3.3 sometimes never learns a dead pane's exit status (2 panes in 40 here, however
      // long one waits); the message then leaves the status out rather than guess one.
      expect(exited.message).toMatch(/^Claude Code exited right after starting( \(status 3\))?\./);
      expect(exited.message).toContain('boom: cannot read settings');

      await rm(gone, { recursive: true });
      expect(await service(settings).start('gone', 'test')).toEqual({
        ok: false,
        error: 'dir-missing',
        message: `The directory of gone (${gone}) does not exist any more.`,
      });
      expect(await service(settings).start('nope', 'test')).toMatchObject({
        ok: false,
        error: 'unknown-project',
      });
      const noTmux = await service(settings, { SWITCHBOARD_TMUX: '/nonexistent/tmux' }).start(
        'broken',
        'test',
      );
      expect(noTmux).toMatchObject({ ok: false, error: 'tmux-missing' });
      expect(noTmux.message).toContain('brew install tmux');
      const noClaude = await service(settings, {
        SWITCHBOARD_CLAUDE: '',
        CLAUDE_BIN: '/nonexistent/claude',
      }).start('broken', 'test');
      expect(noClaude).toMatchObject({ ok: false, error: 'claude-missing' });
      expect(noClaude.message).toContain('Claude Code was not found');

      expect((await setup.tmux('list-sessions')).stdout).toBe('');
      expect(kinds()).toEqual(['launcher.start', 'launcher.exited']);
    });

    it('stops an idle session after its idle minutes, and tells the chats bound to it', async () => {
      const dir = await setup.project('idle', { confirm: false });
      const projects = service({ projects: { idle: { dir, idleStopMinutes: 30 } } });
      await projects.start('idle', 'test');
      await setup.ready(dir);
      await projects.supervisor.sweep();
      expect((await projects.view('idle'))?.launched).toBe(true);
      clock += 29 * 60_000;
      projects.launcher.noteActivity('idle'); // a message: the idle clock starts again
      clock += 29 * 60_000;
      await projects.supervisor.sweep();
      expect((await projects.view('idle'))?.launched).toBe(true);
      clock += 2 * 60_000;
      await projects.supervisor.sweep();
      await eventually(async () => expect((await projects.view('idle'))?.state).toBe('stopped'));
      await eventually(() =>
        expect(told).toContainEqual({
          chat: CHAT,
          text: 'Stopped idle after 30 minutes without messages or output. /new idle starts it again.',
        }),
      );
      expect((await setup.events()).some((e) => e.event === 'input' && e.text === '/exit')).toBe(
        true,
      );
      expect(store.audit.recent(5).find((e) => e.kind === 'launcher.stop')?.detail).toEqual({
        reason: 'idle',
        forced: false,
      });
    });

    it('notices a session ended from outside, and restart starts it again', async () => {
      const dir = await setup.project('outside', { confirm: false });
      const projects = service({ projects: { outside: { dir } } });
      await projects.start('outside', 'test');
      await setup.ready(dir);
      expect((await setup.tmux('kill-session', '-t', '=switchboard-outside')).code).toBe(0);
      await projects.supervisor.sweep();
      expect(told.map((t) => t.text)).toContain(
        'outside stopped: its tmux session switchboard-outside was ended outside Switchboard.',
      );
      expect(await projects.restart('outside', 'test')).toMatchObject({ ok: true });
      expect((await projects.view('outside'))?.launched).toBe(true);
      await eventually(async () =>
        expect((await setup.events()).filter((e) => e.event === 'start')).toHaveLength(2),
      );
      expect(kinds()).toEqual(['launcher.start', 'launcher.gone', 'launcher.start']);
    });

    it('counts a session that connected as started, even when it is killed before the start check ends', async () => {
      const dir = await setup.project('quick', { confirm: false });
      // A start check far longer than the test: only the connection can end it early.
      const projects = service({ projects: { quick: { dir } } }, {}, 60_000);
      const starting = projects.launcher.start('quick', 'test', CHAT);
      await setup.ready(dir);
      attached.add('quick');
      await eventually(() => {
        projects.supervisor.sessionsChanged();
        expect(told.map((t) => t.text)).toContain('✅ quick is connected.');
      });
      expect((await setup.tmux('kill-session', '-t', '=switchboard-quick')).code).toBe(0);
      attached.delete('quick');
      // Before, the start check found no pane and called this a failed start ("exited right
      // after starting"), so the chat never heard that the session it was using had gone.
      expect(await starting).toMatchObject({ ok: true });
      await projects.supervisor.sweep();
      expect(told.map((t) => t.text)).toContain(
        'quick stopped: its tmux session switchboard-quick was ended outside Switchboard.',
      );
      expect(kinds()).toEqual(['launcher.start', 'launcher.gone']);
    }, 30_000);

    it('ends a session that ignores /exit once the grace period is over', async () => {
      const dir = await setup.project('stuck', { confirm: false, ignoreExit: true });
      const projects = service({ projects: { stuck: { dir } }, launcher: { stopGraceSeconds: 1 } });
      await projects.start('stuck', 'test');
      await setup.ready(dir);
      const stopped = await projects.stop('stuck', 'test');
      expect(stopped).toEqual({
        ok: true,
        message:
          'Stopped stuck: it did not exit within 1 s of /exit, so its tmux session was ended.',
      });
      expect((await setup.events()).some((e) => e.event === 'input' && e.text === '/exit')).toBe(
        true,
      );
      expect((await setup.tmux('has-session', '-t', '=switchboard-stuck')).code).not.toBe(0);
    });

    it('never reaches a tmux session it did not start, nor one whose name only begins the same', async () => {
      const dir = await setup.project('bill', { confirm: false });
      await setup.tmux('new-session', '-d', '-s', 'switchboard-billing', 'sleep 60');
      await setup.tmux('new-session', '-d', '-s', 'switchboard-bill-x', 'sleep 60');
      const projects = service({ projects: { bill: { dir }, billing: { dir } } });
      expect(await screen(projects.launcher, 'bill', 'test')).toMatchObject({
        ok: false,
        error: 'not-launched',
      });
      // A same-named session someone else made is left alone, whatever is asked.
      expect(await projects.start('billing', 'test')).toMatchObject({
        ok: false,
        error: 'foreign',
      });
      expect(await projects.stop('billing', 'test')).toMatchObject({ ok: false, error: 'foreign' });
      expect(await screen(projects.launcher, 'billing', 'test')).toMatchObject({
        error: 'foreign',
      });
      expect((await setup.tmux('has-session', '-t', '=switchboard-billing')).code).toBe(0);
    });

    it('finds the sessions it started again in a new hub, and keeps them when it stops', async () => {
      const dir = await setup.project('kept', { confirm: false });
      const settings = { projects: { kept: { dir } } };
      const first = service(settings);
      await first.start('kept', 'test');
      await setup.ready(dir);
      first.supervisor.close();

      const second = service(settings);
      expect((await second.view('kept'))?.launched).toBe(true);
      await second.supervisor.start();
      expect(second.launcher.running.has('kept')).toBe(true);
      expect(await second.stop('kept', 'test')).toEqual({ ok: true, message: 'Stopped kept.' });

      // A hub with another home does not take it over.
      await first.start('kept', 'test');
      const stranger = new ProjectService({
        ...first.launcher.deps,
        home: join(setup.root, 'other-home'),
        settingsService: new SettingsService(
          join(setup.root, 'other.json'),
          settingsSchema.parse(settings),
          createHubEvents(),
        ),
      });
      services.push(stranger);
      expect(await stranger.stop('kept', 'test')).toMatchObject({ ok: false, error: 'foreign' });
    });
  },
);
