/**
 * Updates end to end, except for Squirrel's install itself: the real electron-updater MacUpdater
 * reads a local update feed (its generic HTTP provider, served from a temporary directory on
 * loopback), downloads this CPU's zip and checks its sha512, serves it to Squirrel.Mac (a stand-in
 * that fetches it exactly as Electron's autoUpdater would), and the app — fake Electron objects
 * around a real in-process hub — shows "Restart to Update" in the tray and the popover, holds the
 * restart while a real permission prompt (from the real helper) waits, and hands over to Squirrel.
 */
import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor';
import { MacUpdater } from 'electron-updater/out/MacUpdater';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHub } from '../../../../src/main/app/hub';
import { startDesktop, type Desktop } from '../../../../src/main/shell/desktop';
import type { Updater } from '../../../../src/main/shell/updater';
import { updaterExtension } from '../../../../src/main/shell/updater-extension';
import type { UpdateSupport } from '../../../../src/main/shell/updater-support';
import { fakeShell, type FakeShell } from '../../../fakes/fake-electron';
import { FakeSquirrel, installFakeElectronModule } from '../../../fakes/fake-squirrel';
import { eventually } from '../../../support/eventually';
import { connectHelper, type HelperClient } from '../../../support/helper-client';
import { DIST, tempDir } from '../../../support/paths';

const ARCH = process.arch === 'arm64' ? 'arm64' : 'x64';
const sha512 = (data: Buffer): string => createHash('sha512').update(data).digest('base64');

/** A feed as the release publishes it: both CPUs' zips and dmgs in one latest-mac.yml. */
async function writeFeed(dir: string, version: string): Promise<Record<string, Buffer>> {
  const files: Record<string, Buffer> = {};
  const lines = [`version: ${version}`, 'files:'];
  for (const arch of ['arm64', 'x64'])
    for (const ext of ['zip', 'dmg']) {
      const name = `Switchboard-${version}-${arch}.${ext}`;
      files[name] = randomBytes(256 * 1024);
      lines.push(
        `  - url: ${name}`,
        `    sha512: ${sha512(files[name])}`,
        `    size: ${files[name].length}`,
      );
    }
  lines.push(`path: Switchboard-${version}-x64.zip`, `releaseDate: '2026-03-01T10:00:00.000Z'`, '');
  await mkdir(dir, { recursive: true });
  for (const [name, data] of Object.entries(files)) await writeFile(join(dir, name), data);
  await writeFile(join(dir, 'latest-mac.yml'), lines.join('\n'));
  return files;
}

/** electron-updater's view of the app, as Electron's ElectronAppAdapter gives it. */
function appAdapter(root: string, shell: FakeShell): AppAdapter {
  return {
    version: '0.1.0',
    name: 'Switchboard',
    isPackaged: true,
    appUpdateConfigPath: join(root, 'app-update.yml'),
    userDataPath: join(root, 'user-data'),
    baseCachePath: join(root, 'caches'),
    whenReady: () => Promise.resolve(),
    relaunch: () => shell.app.relaunch(),
    quit: () => shell.app.quit(),
    onQuit: () => undefined,
  };
}

describe('updates', () => {
  let restore: () => void;
  let server: Server;
  let port = 0;
  const requests: string[] = [];
  let work: { dir: string; cleanup: () => Promise<void> };
  let shell: FakeShell;
  let squirrel: FakeSquirrel;
  let desktop: Desktop | undefined;
  let updater: Updater | undefined;
  let helper: HelperClient | undefined;

  beforeAll(async () => {
    work = await tempDir('sb-update-');
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const name = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/feed\//, '');
      readFile(join(work.dir, 'feed', name)).then(
        (data) => res.writeHead(200, { 'content-length': data.length }).end(data),
        () => res.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await work.cleanup();
  });
  beforeEach(async () => {
    shell = fakeShell();
    squirrel = new FakeSquirrel();
    squirrel.terminate = () => shell.app.quit();
    restore = installFakeElectronModule(squirrel);
    requests.length = 0;
    await writeFile(
      join(work.dir, 'app-update.yml'),
      `provider: generic\nurl: http://127.0.0.1:${port}/feed\nupdaterCacheDirName: switchboard-updater\n`,
    );
  });
  afterEach(async () => {
    await helper?.close();
    await desktop?.quit();
    restore();
    desktop = undefined;
    updater = undefined;
    helper = undefined;
  });

  function engine(): MacUpdater {
    const mac = new MacUpdater(undefined, appAdapter(work.dir, shell));
    // What the default (Electron) adapter would set: Chromium's net, here Node's http.
    Object.assign(mac, {
      httpExecutor: new ElectronHttpExecutor(),
      _testOnlyOptions: { platform: 'darwin' },
    });
    return mac;
  }

  async function start(
    support: UpdateSupport = {
      enabled: true,
      releasesUrl: 'https://github.com/ann/switchboard/releases',
    },
    extra = {},
  ) {
    const home = join(work.dir, `home-${String(Math.random()).slice(2, 8)}`);
    desktop = await startDesktop({
      ...shell.deps,
      home,
      packaged: true,
      preload: '/app/preload.cjs',
      trayImages: { idle: 'idle.png', attention: 'attention.png', error: 'error.png' },
      log: () => undefined,
      startHub: (hooks) =>
        createHub({ home, rendererDir: `${DIST}/renderer`, desktop: hooks, env: {} }),
      extensions: [
        updaterExtension(
          {
            ...shell.deps,
            version: '0.1.0',
            support: Promise.resolve(support),
            engine,
            log: () => undefined,
            firstCheckDelayMs: 0,
            ...extra,
          },
          (created) => (updater = created),
        ),
      ],
    });
    return home;
  }

  const menu = () => {
    shell.trays[0]?.rightClick();
    return shell.trays[0]?.menu ?? [];
  };
  const item = (prefix: string) => menu().find((i) => i.label?.startsWith(prefix));
  /** getState over IPC, as the popover asks. */
  async function popoverState(): Promise<{ update: unknown }> {
    const origin = new URL(desktop?.hub.dashboardUrl ?? '').origin;
    const answer = (await shell.handlers.get('ui:getState')?.({
      sender: { id: 7 },
      senderFrame: { url: `${origin}/` },
    })) as { value: { update: unknown } };
    return answer.value;
  }

  it('checks at start, downloads this CPU’s zip in the background, and says "Restart to Update" in the tray and the popover', async () => {
    const files = await writeFeed(join(work.dir, 'feed'), '0.2.0');
    await start();
    await eventually(() =>
      expect(item('Restart to Update')?.label).toBe('Restart to Update (0.2.0)'),
    );
    expect(requests.some((r) => r.startsWith('/feed/latest-mac.yml'))).toBe(true);
    expect(requests).toContain(`/feed/Switchboard-0.2.0-${ARCH}.zip`);
    expect(requests.some((r) => r.includes(ARCH === 'x64' ? 'arm64' : '-x64'))).toBe(false);
    // Squirrel was handed the very zip the feed lists (sha512-checked by MacUpdater on the way).
    await eventually(() =>
      expect(
        squirrel.staged?.equals(files[`Switchboard-0.2.0-${ARCH}.zip`] ?? Buffer.alloc(0)),
      ).toBe(true),
    );
    expect(await popoverState()).toMatchObject({
      update: { state: 'ready', version: '0.1.0', next: '0.2.0', waitingFor: 0 },
    });
    expect(shell.notifications.map((n) => n.options.title)).toContain('Switchboard 0.2.0 is ready');
    expect(shell.windows[0]?.webContents.sent).toContainEqual([
      'ui:event',
      { type: 'changed', what: 'update' },
    ]);
  });

  it('restarts to update on request: stops the hub, lets the windows close, and hands over to Squirrel', async () => {
    await writeFeed(join(work.dir, 'feed'), '0.2.0');
    const home = await start();
    await eventually(() => expect(item('Restart to Update')).toBeDefined());
    await eventually(() => expect(squirrel.staged).toBeDefined());
    (item('Restart to Update')?.click as () => void)();
    await eventually(() => expect(squirrel.installs).toBe(1));
    await eventually(() => expect(shell.app.exitCode).toBe(0));
    expect(shell.windows[0]?.destroyed).toBe(true);
    await expect(access(join(home, 'hub.lock'))).rejects.toThrow();
    desktop = undefined;
  });

  it('never restarts while a permission prompt waits: offers to wait, and restarts once it is answered', async () => {
    await writeFeed(join(work.dir, 'feed'), '0.2.0');
    const home = await start();
    await eventually(() => expect(squirrel.staged).toBeDefined());
    helper = await connectHelper({ home, session: 'work' });
    await helper.requestPermission({
      request_id: 'abcde',
      tool_name: 'Bash',
      description: 'Run tests',
      input_preview: '{"command":"npm test"}',
    });
    await eventually(() => expect(desktop?.hub.core.webPermissions()).toHaveLength(1));
    shell.messageBoxAnswer.response = 0; // Restart When Answered
    expect(await popoverState()).toMatchObject({ update: { state: 'ready', waitingFor: 1 } });
    const said = await desktop?.hub.ui.installUpdate();
    expect(said?.message).toBe(
      'Switchboard will restart to update once the permission prompts are answered.',
    );
    expect(shell.messageBoxes.at(-1)?.message).toBe(
      'Claude Code is waiting for your answer to a permission prompt',
    );
    expect(item('Restart to Update')?.label).toBe(
      'Restart to Update (0.2.0) — after the waiting prompts',
    );
    expect(squirrel.installs).toBe(0);
    await desktop?.hub.ui.decidePermission('abcde', 'allow');
    await eventually(() => expect(squirrel.installs).toBe(1));
    await eventually(() => expect(shell.app.exitCode).toBe(0));
    desktop = undefined;
  });

  it('says when it is up to date, and checks again only after a day', async () => {
    await writeFeed(join(work.dir, 'feed'), '0.1.0');
    let now = 1_000_000;
    const ticks: Array<() => void> = [];
    await start(undefined, {
      now: () => now,
      schedule: (run: () => void) => (ticks.push(run), () => undefined),
    });
    ticks.shift()?.();
    await eventually(() =>
      expect(updater?.view()).toMatchObject({ state: 'idle', checkedAt: 1_000_000 }),
    );
    const feedReads = () => requests.filter((r) => r.startsWith('/feed/latest-mac.yml')).length;
    expect(feedReads()).toBe(1);
    now += 23 * 60 * 60 * 1000;
    ticks.shift()?.();
    expect(feedReads()).toBe(1);
    now += 60 * 60 * 1000;
    ticks.shift()?.();
    await eventually(() => expect(feedReads()).toBe(2));
    // The feed is read before the engine reports the outcome: the menu offers a check again only
    // once this one is over (under load the click landed on "Checking for Updates…").
    await eventually(() =>
      expect(updater?.view()).toMatchObject({ state: 'idle', checkedAt: now }),
    );
    (item('Check for Updates')?.click as () => void)();
    await eventually(() =>
      expect(shell.messageBoxes.at(-1)?.message).toBe('Switchboard is up to date'),
    );
  });

  it('reports a download whose checksum does not match, and offers no restart', async () => {
    await writeFeed(join(work.dir, 'feed'), '0.2.0');
    await writeFile(
      join(work.dir, 'feed', `Switchboard-0.2.0-${ARCH}.zip`),
      randomBytes(256 * 1024),
    );
    await start();
    await eventually(() =>
      expect(updater?.view()).toMatchObject({
        state: 'error',
        message: expect.stringMatching(/sha512 checksum mismatch/) as unknown,
      }),
    );
    expect(item('Restart to Update')).toBeUndefined();
    expect(item('Check for Updates')).toBeDefined();
    expect(squirrel.checks).toBe(0);
  });

  it('is off for an ad-hoc signed build and says so, without asking the feed', async () => {
    await writeFeed(join(work.dir, 'feed'), '0.2.0');
    await start({
      enabled: false,
      reason: 'This copy is signed ad hoc (built without a Developer ID certificate)…',
      releasesUrl: 'https://github.com/ann/switchboard/releases',
    });
    await eventually(() => expect(updater?.view()).toMatchObject({ state: 'off' }));
    shell.messageBoxAnswer.response = 0;
    (item('Check for Updates')?.click as () => void)();
    await eventually(() =>
      expect(shell.opened).toEqual(['https://github.com/ann/switchboard/releases']),
    );
    expect(shell.messageBoxes.at(-1)).toMatchObject({
      message: 'Automatic updates are off for this copy of Switchboard',
      detail: expect.stringContaining('signed ad hoc') as unknown,
    });
    expect(await popoverState()).toMatchObject({
      update: { state: 'off', reason: expect.stringContaining('ad hoc') as unknown },
    });
    expect(requests).toEqual([]);
  });
});
