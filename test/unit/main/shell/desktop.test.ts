/**
 * The menu-bar app's lifecycle with a real hub (in-process, real SQLite and socket) and fake
 * Electron objects: one instance, our own menu, tray state from what waits, notification actions
 * that reach the hub (and their fallback when macOS refuses them), reopening shows the popover,
 * IPC only from our popover, start at login as macOS reports it, and a quit that stops the hub.
 */
import { access } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHub, type Hub } from '../../../../src/main/app/hub';
import {
  startDesktop,
  type Desktop,
  type DesktopOptions,
} from '../../../../src/main/shell/desktop';
import { fakeShell, type FakeShell } from '../../../fakes/fake-electron';
import { createFakePlatform } from '../../../fakes/fake-platform';
import { createFakeSsh } from '../../../fakes/fake-ssh';
import { eventually } from '../../../support/eventually';
import { DIST, tempDir } from '../../../support/paths';

describe('desktop shell', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let shell: FakeShell;
  let desktop: Desktop | undefined;
  let fake: ReturnType<typeof createFakePlatform>;
  let logs: string[];

  beforeEach(async () => {
    home = await tempDir();
    shell = fakeShell();
    fake = createFakePlatform();
    logs = [];
  });
  afterEach(async () => {
    await desktop?.quit();
    desktop = undefined;
    await home.cleanup();
  });

  const start = (options: Partial<DesktopOptions> = {}) =>
    startDesktop({
      ...shell.deps,
      home: home.dir,
      packaged: true,
      preload: '/app/preload.cjs',
      trayImages: { idle: 'idle.png', attention: 'attention.png', error: 'error.png' },
      log: (m) => logs.push(m),
      logFile: '/Users/ann/Library/Logs/Switchboard/switchboard.log',
      startHub: (hooks): Promise<Hub> =>
        createHub({
          home: home.dir,
          rendererDir: `${DIST}/renderer`,
          desktop: hooks,
          adapters: [fake],
          // No claude anywhere: Connect Claude Code reports where it looked.
          env: { CLAUDE_BIN: `${home.dir}/no-claude` },
        }),
      ...options,
    });

  async function say(text: string, senderId = '9'): Promise<void> {
    await fetch(`http://127.0.0.1:${String(fake.controlPort())}/inbound`, {
      method: 'POST',
      body: JSON.stringify({ chatId: `tg:${senderId}`, senderId, senderName: 'Grace', text }),
    });
  }
  const window = () => shell.windows[0];
  const tray = () => shell.trays[0];
  const item = (label: string) => {
    tray()?.rightClick();
    return tray()?.menu.find((i) => i.label?.startsWith(label));
  };

  it('quits at once when another instance is running, starting no hub', async () => {
    shell.app.lock = false;
    desktop = await start();
    expect(desktop).toBeUndefined();
    expect(shell.app.quitCalls).toBe(1);
    expect(shell.trays).toHaveLength(0);
  });

  it('hides the Dock icon, loads the dashboard in the popover, and shows an idle tray', async () => {
    desktop = await start();
    expect(shell.app.dockHidden).toBe(true);
    expect(window()?.loaded).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
    expect(tray()?.image).toBe('idle.png');
    expect(tray()?.tooltip).toBe('Switchboard');
  });

  it('sets its own menu: Edit for copy and paste, no Close Window, Reload or DevTools when packaged', async () => {
    desktop = await start();
    const roles = (shell.appMenu ?? []).flatMap((m) =>
      (m.submenu as Array<{ role?: string }>).map((i) => i.role),
    );
    expect(roles).toEqual(expect.arrayContaining(['copy', 'paste', 'selectAll', 'undo', 'quit']));
    expect(roles).not.toContain('close');
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('toggleDevTools');
  });

  it('keeps Reload and DevTools for development builds', async () => {
    desktop = await start({ packaged: false });
    expect(shell.appMenu?.map((m) => m.label)).toContain('Develop');
  });

  it('shows the tray icon before the hub starts, so a slow start or keychain prompt never leaves no icon', async () => {
    let trayAtStart: string | undefined;
    desktop = await start({
      startHub: (hooks) => {
        trayAtStart = tray()?.tooltip;
        return createHub({
          home: home.dir,
          rendererDir: `${DIST}/renderer`,
          desktop: hooks,
          env: {},
        });
      },
    });
    expect(trayAtStart).toBe('Switchboard — starting…');
  });

  it('turns the tray to "needs you" for a new person, and the notification’s Approve pairs them', async () => {
    desktop = await start();
    await say('hello, may I?');
    await eventually(() => expect(tray()?.image).toBe('attention.png'));
    expect(tray()?.tooltip).toBe('Switchboard — 1 waiting for you');
    const notification = shell.notifications.find(
      (n) => n.options.title === 'Grace wants to talk to Claude',
    );
    expect(notification?.shown).toBe(true);
    notification?.press(0);
    await eventually(() => expect(tray()?.image).toBe('idle.png'));
    expect(desktop?.hub.core.access.senders()).toEqual([
      expect.objectContaining({ senderId: '9', status: 'allowed', role: 'owner' }),
    ]);
    expect(notification?.closed).toBe(true);
  });

  it('clears stale notifications at startup', async () => {
    desktop = await start();
    expect(shell.removed[0]).toBe('ALL');
  });

  it('opens the popover at a prompt whose notification failed, and keeps the tray asking', async () => {
    desktop = await start();
    await say('hello, may I?');
    await eventually(() => expect(shell.notifications).toHaveLength(1));
    const code = desktop?.hub.core.webPairings()[0]?.code ?? '';
    shell.notifications[0]?.fail();
    expect(window()?.visible).toBe(true);
    expect(window()?.webContents.sent.at(-1)).toEqual([
      'ui:event',
      { type: 'focus', target: `pairing:${code}` },
    ]);
    expect(tray()?.image).toBe('attention.png');
    expect(logs.some((l) => l.includes('notifications failed'))).toBe(true);
  });

  it('shows the popover at the prompt when its notification is clicked', async () => {
    desktop = await start();
    await say('hello, may I?');
    await eventually(() => expect(shell.notifications).toHaveLength(1));
    shell.notifications[0]?.emit('click');
    expect(window()?.visible).toBe(true);
    expect(window()?.webContents.sent.at(-1)?.[1]).toMatchObject({ type: 'focus' });
  });

  it('shows the popover when opened again from Finder or launched a second time — never toggles it away', async () => {
    desktop = await start();
    shell.app.emit('activate', {}, false);
    expect(window()?.visible).toBe(true);
    shell.app.emit('activate', {}, false);
    expect(window()?.visible).toBe(true);
    window()?.hide();
    shell.app.emit('second-instance', {}, [], '/');
    expect(window()?.visible).toBe(true);
  });

  it('toggles the popover from the tray after Cmd+W closed it', async () => {
    desktop = await start();
    tray()?.click();
    window()?.close();
    expect(window()?.destroyed).toBe(false);
    expect(() => tray()?.click()).not.toThrow();
    expect(window()?.visible).toBe(true);
  });

  it('answers IPC only from its own popover showing the hub’s page', async () => {
    desktop = await start();
    const origin = new URL(desktop?.hub.dashboardUrl ?? '').origin;
    const handler = shell.handlers.get('ui:getState');
    expect(
      await handler?.({ sender: { id: 7 }, senderFrame: { url: `${origin}/` } }),
    ).toMatchObject({
      ok: true,
      value: { host: 'desktop', settings: { launchAtLogin: false } },
    });
    expect(await handler?.({ sender: { id: 99 }, senderFrame: { url: `${origin}/` } })).toEqual({
      ok: false,
      error: 'not allowed',
    });
    expect(
      await handler?.({ sender: { id: 7 }, senderFrame: { url: 'https://evil.example/' } }),
    ).toEqual({
      ok: false,
      error: 'not allowed',
    });
  });

  it('pauses channels and sets start at login from the tray menu', async () => {
    desktop = await start();
    (item('Start at login')?.click as () => void)();
    await eventually(() => expect(shell.app.openAtLogin).toBe(true));
    await eventually(() => expect(item('Start at login')?.checked).toBe(true));
    (item('Pause all channels')?.click as () => void)();
    await eventually(() => expect(desktop?.hub.settings.get().paused).toBe(true));
    await eventually(() => expect(item('Pause all channels')?.checked).toBe(true));
  });

  it('keeps remotes connected from the tray: "Connect remotes at start" links them now and at every start', async () => {
    const ssh = await createFakeSsh(home.dir);
    const withSsh = (hooks: Parameters<DesktopOptions['startHub']>[0]): Promise<Hub> =>
      createHub({
        home: home.dir,
        rendererDir: `${DIST}/renderer`,
        desktop: hooks,
        adapters: [fake],
        env: { CLAUDE_BIN: `${home.dir}/no-claude`, SWITCHBOARD_SSH: ssh.path },
      });
    /** Starts the app again on the same home: a new hub and a new tray icon. */
    const restart = async (): Promise<Desktop> => {
      await desktop?.quit();
      const started = await start({ startHub: withSsh });
      if (!started) throw new Error('the desktop did not start');
      desktop = started;
      return started;
    };
    const latestItem = (label: string) => {
      const icon = shell.trays.at(-1);
      icon?.rightClick();
      return icon?.menu.find((i) => i.label?.startsWith(label));
    };
    const linkOf = (d: Desktop) => d.hub.remotes.uiList()[0]?.link.state;

    const first = await restart();
    first.hub.remotes.add('devbox');
    await first.hub.remotes.connect({ name: 'devbox', host: 'ann@devbox', sshOptions: [] });
    await eventually(() => expect(linkOf(first)).toBe('connected'));
    expect(latestItem('Connect remotes at start')?.checked).toBe(false);

    // Off (the default): after a restart the remote waits to be linked.
    const second = await restart();
    expect(second.hub.remotes.uiList()[0]).toMatchObject({
      keepConnected: true,
      link: { state: 'stopped' },
    });
    (latestItem('Connect remotes at start')?.click as () => void)();
    await eventually(() => expect(second.hub.settings.get().remotes.connectAtStart).toBe(true));
    await eventually(() => expect(latestItem('Connect remotes at start')?.checked).toBe(true));
    await eventually(() => expect(linkOf(second)).toBe('connected'));

    // On: the next start links it by itself.
    const third = await restart();
    await eventually(() => expect(linkOf(third)).toBe('connected'));
    expect((await ssh.calls()).filter((c) => c.startsWith('-v -N'))).toHaveLength(3);
  });

  it('tells where to approve start at login when macOS holds it for approval', async () => {
    shell.app.statusOnRegister = 'requires-approval';
    shell.messageBoxAnswer.response = 0;
    desktop = await start();
    (item('Start at login')?.click as () => void)();
    await eventually(() => expect(shell.messageBoxes).toHaveLength(1));
    expect(shell.messageBoxes[0]).toMatchObject({
      message: 'Approve Switchboard in System Settings',
      detail: expect.stringContaining('System Settings → General → Login Items') as unknown,
    });
    await eventually(() =>
      expect(shell.opened).toEqual([
        'x-apple.systempreferences:com.apple.LoginItems-Settings.extension',
      ]),
    );
    const pending = item('Start at login');
    expect(pending).toMatchObject({
      label: 'Start at login — approve in System Settings…',
      checked: true,
    });
    (pending?.click as () => void)();
    expect(shell.opened).toHaveLength(2);
  });

  it('reports Connect Claude Code, naming where it looked for claude', async () => {
    desktop = await start();
    (item('Connect Claude Code')?.click as () => void)();
    await eventually(() =>
      expect(
        shell.notifications.find((n) => n.options.title === 'Connect Claude Code')?.options.body,
      ).toContain(`Claude Code was not found. Looked for: CLAUDE_BIN (${home.dir}/no-claude)`),
    );
    const body = String(shell.notifications.at(-1)?.options.body);
    expect(body).toContain('claude --dangerously-load-development-channels server:switchboard');
  });

  it('reveals the log file from the tray menu', async () => {
    desktop = await start();
    (item('Show Log File')?.click as () => void)();
    expect(shell.revealed).toEqual(['/Users/ann/Library/Logs/Switchboard/switchboard.log']);
  });

  it('posts a welcome notification on the first run so macOS asks for permission at once', async () => {
    let done = 0;
    desktop = await start({
      introduceNotifications: { needed: true, done: () => void (done += 1) },
    });
    expect(shell.notifications[0]?.options.title).toBe('Switchboard is in your menu bar');
    expect(done).toBe(1);
  });

  it('lets extensions add menu items and stops them first when quitting', async () => {
    const order: string[] = [];
    desktop = await start({
      extensions: [
        (d) => ({
          menuItems: () => [{ label: 'Check for Updates…' }],
          stop: () =>
            void order.push(
              `extension (hub socket still there: ${String(d.hub.paths.socket.length > 0)})`,
            ),
        }),
      ],
    });
    expect(item('Check for Updates…')).toBeDefined();
    await desktop?.quit();
    expect(order).toEqual(['extension (hub socket still there: true)']);
    desktop = undefined;
  });

  it('stops the hub (socket and lock removed) before the app exits', async () => {
    desktop = await start();
    const socket = desktop?.hub.paths.socket ?? '';
    await access(socket);
    shell.app.quit();
    await eventually(() => expect(shell.app.exitCode).toBe(0));
    await expect(access(socket)).rejects.toThrow();
    await expect(access(`${home.dir}/hub.lock`)).rejects.toThrow();
    expect(tray()?.destroyed).toBe(true);
    expect(window()?.destroyed).toBe(true);
    desktop = undefined;
  });
});
