/**
 * Starting the menu-bar app when something is wrong: another hub on the same data folder, a port
 * in use, a native module for another processor — each shown in a dialog that says what to do and
 * where the log is, then the app exits — and a copy running from its disk image, which offers to
 * move itself to Applications and registers nothing until it is there.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHub, type Hub } from '../../../../src/main/app/hub';
import {
  startDesktop,
  type Desktop,
  type DesktopOptions,
} from '../../../../src/main/shell/desktop';
import { installLocation } from '../../../../src/main/shell/install-location';
import { fakeShell, type FakeShell } from '../../../fakes/fake-electron';
import { eventually } from '../../../support/eventually';
import { DIST, tempDir } from '../../../support/paths';

const LOG = '/Users/ann/Library/Logs/Switchboard/switchboard.log';

describe('starting the desktop app', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let shell: FakeShell;
  let desktop: Desktop | undefined;
  let other: Hub | undefined;

  beforeEach(async () => {
    home = await tempDir();
    shell = fakeShell();
  });
  afterEach(async () => {
    await desktop?.quit();
    await other?.stop();
    desktop = undefined;
    other = undefined;
    await home.cleanup();
  });

  const hubOptions = { rendererDir: `${DIST}/renderer`, env: { CLAUDE_BIN: '/nowhere/claude' } };
  const start = (options: Partial<DesktopOptions> = {}) =>
    startDesktop({
      ...shell.deps,
      home: home.dir,
      packaged: true,
      preload: '/app/preload.cjs',
      trayImages: { idle: 'idle.png', attention: 'attention.png', error: 'error.png' },
      log: () => undefined,
      logFile: LOG,
      startHub: (hooks): Promise<Hub> =>
        createHub({ ...hubOptions, home: home.dir, desktop: hooks }),
      ...options,
    });

  it('says another Switchboard is using the same data folder, and exits', async () => {
    other = await createHub({ ...hubOptions, home: home.dir });
    desktop = await start();
    expect(desktop).toBeUndefined();
    expect(shell.errorBoxes).toEqual([
      {
        title: 'Switchboard is already running',
        content: `Another Switchboard (process ${process.pid}) is using ${home.dir}. Quit it from its menu-bar icon (or stop \`switchboard serve\`), then open Switchboard again.\n\nDetails are in the log: ${LOG}`,
      },
    ]);
    expect(shell.app.exitCode).toBe(1);
    expect(shell.trays[0]?.destroyed).toBe(true);
  });

  it('says which setting to change when its web port is taken', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    await mkdir(home.dir, { recursive: true });
    await writeFile(`${home.dir}/settings.json`, JSON.stringify({ webchat: { port } }));
    try {
      desktop = await start();
    } finally {
      busy.close();
    }
    expect(shell.errorBoxes[0]?.title).toBe('Switchboard could not open its local web server');
    expect(shell.errorBoxes[0]?.content).toContain(
      `Remove "webchat.port" from ${home.dir}/settings.json`,
    );
    expect(shell.app.exitCode).toBe(1);
  });

  it('says a native part is built for another processor, and what to install', async () => {
    desktop = await start({
      startHub: () =>
        Promise.reject(
          new Error(
            "dlopen(/Applications/Switchboard.app/Contents/Resources/app.asar.unpacked/node_modules/better-sqlite3/prebuilds/darwin-x64.node, 0x0001): tried: '…' (mach-o file, but is an incompatible architecture (have 'x86_64', need 'arm64'))",
          ),
        ),
    });
    expect(shell.errorBoxes[0]?.title).toBe(
      'A part of Switchboard is missing or built for another processor',
    );
    expect(shell.errorBoxes[0]?.content).toContain(
      "Install the Switchboard built for this Mac's processor",
    );
    expect(shell.app.exitCode).toBe(1);
  });

  describe('from a disk image', () => {
    beforeEach(() => {
      shell.app.exePath = '/Volumes/Switchboard/Switchboard.app/Contents/MacOS/Switchboard';
      shell.app.inApplications = false;
    });

    it('offers to move itself to Applications, and moves instead of starting', async () => {
      shell.messageBoxAnswer.response = 0;
      desktop = await start();
      expect(desktop).toBeUndefined();
      expect(shell.messageBoxes[0]).toMatchObject({
        message: 'Move Switchboard to your Applications folder?',
        buttons: ['Move to Applications', 'Not Now'],
      });
      expect(shell.app.moves).toBe(1);
    });

    it('when told "Not Now", runs but registers neither the helper with Claude Code nor a login item', async () => {
      shell.messageBoxAnswer.response = 1;
      desktop = await start();
      expect(desktop?.location).toBe('disk-image');
      const tray = shell.trays[0];
      tray?.rightClick();
      (tray?.menu.find((i) => i.label === 'Connect Claude Code')?.click as () => void)();
      await eventually(() =>
        expect(
          shell.notifications.find((n) => n.options.title === 'Connect Claude Code failed')?.options
            .body,
        ).toMatch(
          /^Switchboard is running from its disk image\. Move it to the Applications folder first/,
        ),
      );
      await expect(desktop?.hub.ui.updateSettings({ launchAtLogin: true })).rejects.toThrow(
        'Switchboard is running from its disk image',
      );
      expect(shell.app.openAtLogin).toBe(false);
    });

    it('shows why the move failed and keeps running', async () => {
      shell.messageBoxAnswer.response = 0;
      shell.app.moveResult = new Error('Failed to copy the app: operation not permitted');
      desktop = await start();
      expect(desktop).toBeDefined();
      expect(shell.errorBoxes[0]?.title).toBe('Switchboard could not move itself');
    });
  });

  it('recognises translocated and disk-image copies', () => {
    expect(
      installLocation(
        '/private/var/folders/x/T/AppTranslocation/1F2E/d/Switchboard.app/Contents/MacOS/Switchboard',
        false,
      ),
    ).toBe('translocated');
    expect(
      installLocation('/Volumes/Switchboard/Switchboard.app/Contents/MacOS/Switchboard', false),
    ).toBe('disk-image');
    expect(installLocation('/Applications/Switchboard.app/Contents/MacOS/Switchboard', true)).toBe(
      'applications',
    );
    expect(
      installLocation(
        '/Users/ann/src/switchboard/release/mac-arm64/Switchboard.app/Contents/MacOS/Switchboard',
        false,
      ),
    ).toBe('elsewhere');
  });
});
