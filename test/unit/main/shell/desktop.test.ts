/**
 * The menu-bar app's lifecycle with a real hub (in-process, real SQLite and socket) and fake
 * Electron objects: one instance, tray state from what waits, notification actions that reach the
 * hub, IPC only from our popover, and a quit that stops the hub before exiting.
 */
import { access } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHub, type Hub } from '../../../../src/main/app/hub';
import { startDesktop, type Desktop } from '../../../../src/main/shell/desktop';
import { fakeShell, type FakeShell } from '../../../fakes/fake-electron';
import { createFakePlatform } from '../../../fakes/fake-platform';
import { eventually } from '../../../support/eventually';
import { DIST, tempDir } from '../../../support/paths';

describe('desktop shell', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let shell: FakeShell;
  let desktop: Desktop | undefined;
  let fake: ReturnType<typeof createFakePlatform>;

  beforeEach(async () => {
    home = await tempDir();
    shell = fakeShell();
    fake = createFakePlatform();
  });
  afterEach(async () => {
    await desktop?.quit();
    desktop = undefined;
    await home.cleanup();
  });

  const start = () =>
    startDesktop({
      ...shell.deps,
      preload: '/app/preload.cjs',
      trayImages: { idle: 'idle.png', attention: 'attention.png', error: 'error.png' },
      log: () => undefined,
      startHub: (hooks): Promise<Hub> =>
        createHub({
          home: home.dir,
          rendererDir: `${DIST}/renderer`,
          desktop: hooks,
          adapters: [fake],
          env: {},
        }),
    });

  async function say(text: string, senderId = '9'): Promise<void> {
    await fetch(`http://127.0.0.1:${String(fake.controlPort())}/inbound`, {
      method: 'POST',
      body: JSON.stringify({ chatId: `tg:${senderId}`, senderId, senderName: 'Grace', text }),
    });
  }

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
    expect(shell.windows[0]?.loaded).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
    expect(shell.trays[0]?.image).toBe('idle.png');
  });

  it('turns the tray to "needs you" for a new person, and the notification’s Approve pairs them', async () => {
    desktop = await start();
    await say('hello, may I?');
    await eventually(() => expect(shell.trays[0]?.image).toBe('attention.png'));
    expect(shell.trays[0]?.tooltip).toBe('Switchboard — 1 waiting for you');
    const notification = shell.notifications.find(
      (n) => n.options.title === 'Grace wants to talk to Claude',
    );
    expect(notification?.shown).toBe(true);
    notification?.press(0);
    await eventually(() => expect(shell.trays[0]?.image).toBe('idle.png'));
    expect(desktop?.hub.core.access.senders()).toEqual([
      expect.objectContaining({ senderId: '9', status: 'allowed', role: 'owner' }),
    ]);
    expect(notification?.closed).toBe(true);
  });

  it('answers IPC only from its own popover showing the hub’s page', async () => {
    desktop = await start();
    const origin = new URL(desktop?.hub.dashboardUrl ?? '').origin;
    const handler = shell.handlers.get('ui:getState');
    const ours = await handler?.({ sender: { id: 7 }, senderFrame: { url: `${origin}/` } });
    expect(ours).toMatchObject({
      ok: true,
      value: { host: 'desktop', settings: { launchAtLogin: false } },
    });
    expect(await handler?.({ sender: { id: 99 }, senderFrame: { url: `${origin}/` } })).toEqual({
      ok: false,
      error: 'not allowed',
    });
    expect(
      await handler?.({ sender: { id: 7 }, senderFrame: { url: 'https://evil.example/' } }),
    ).toEqual({ ok: false, error: 'not allowed' });
  });

  it('pauses channels and sets start at login from the tray menu', async () => {
    desktop = await start();
    const item = (label: string) => shell.trays[0]?.menu.find((i) => i.label === label);
    (item('Start at login')?.click as () => void)();
    await eventually(() => expect(shell.app.openAtLogin).toBe(true));
    (item('Pause all channels')?.click as () => void)();
    await eventually(() => expect(desktop?.hub.settings.get().paused).toBe(true));
    await eventually(() => expect(item('Pause all channels')?.checked).toBe(true));
  });

  it('offers Connect Claude Code in the tray menu and reports the outcome as a notification', async () => {
    desktop = await start();
    const item = shell.trays[0]?.menu.find((i) => i.label === 'Connect Claude Code');
    (item?.click as () => void)();
    await eventually(() =>
      expect(
        shell.notifications.some(
          (n) =>
            n.options.title === 'Connect Claude Code' &&
            String(n.options.body).includes('--dangerously-load-development-channels'),
        ),
      ).toBe(true),
    );
  });

  it('stops the hub (socket and lock removed) before the app exits', async () => {
    desktop = await start();
    const socket = desktop?.hub.paths.socket ?? '';
    await access(socket);
    shell.app.quit();
    await eventually(() => expect(shell.app.exitCode).toBe(0));
    await expect(access(socket)).rejects.toThrow();
    await expect(access(`${home.dir}/hub.lock`)).rejects.toThrow();
    expect(shell.trays[0]?.destroyed).toBe(true);
    desktop = undefined;
  });
});
