/**
 * `--smoke-test` through the shell's fakes (Electron cannot run here) with a real in-process hub
 * on a temporary home and the real built helper: each step passes on a healthy app, and each
 * failure exits 1 naming its step — without a dialog waiting for a person, a notification posted
 * or Notification Center cleared. On the release runners the packaged app runs it for real.
 */
import { existsSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHub, type Hub } from '../../../../src/main/app/hub';
import type { HelperEntry } from '../../../../src/main/claude/claude-cli';
import { createOsKeychain } from '../../../../src/main/secrets/keychain';
import type { Keychain } from '../../../../src/main/secrets/secret-store';
import { startDesktop, type Desktop } from '../../../../src/main/shell/desktop';
import {
  createSmokeTest,
  smokeEnv,
  wantsSmokeTest,
  type SmokeTestOptions,
} from '../../../../src/main/shell/smoke-test';
import { fakeShell, type FakeShell } from '../../../fakes/fake-electron';
import { eventually } from '../../../support/eventually';
import { DIST, HELPER, HELPER_BINARY, ROOT, tempDir } from '../../../support/paths';

/** The helper as the packaged app runs it (the standalone executable), else as a checkout does. */
const BUILT_HELPER: HelperEntry = existsSync(HELPER_BINARY)
  ? { command: HELPER_BINARY, args: [] }
  : { command: process.execPath, args: [HELPER] };
const TRAY = `${ROOT}/assets/tray`;
const trayImages = {
  idle: `${TRAY}/idleTemplate.png`,
  attention: `${TRAY}/attentionTemplate.png`,
  error: `${TRAY}/errorTemplate.png`,
};
const emptyKeychain = (): Keychain => ({
  get: () => Promise.resolve(null),
  set: () => Promise.resolve(),
  delete: () => Promise.resolve(false),
});

describe('--smoke-test', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let shell: FakeShell;
  let desktop: Desktop | undefined;
  let other: Hub | undefined;

  beforeEach(async () => {
    home = await tempDir('sb-smoke-');
    shell = fakeShell();
  });
  afterEach(async () => {
    await desktop?.quit();
    await other?.stop();
    desktop = undefined;
    other = undefined;
    await home.cleanup();
  });

  async function run(options: Partial<SmokeTestOptions> = {}) {
    const lines: string[] = [];
    const exits: number[] = [];
    const smoke = createSmokeTest({
      home: home.dir,
      helper: () => Promise.resolve(BUILT_HELPER),
      keychain: emptyKeychain(),
      keychainService: 'Switchboard Smoke Test 1234abcd',
      trayImages,
      write: (line) => lines.push(line),
      exit: (code) => exits.push(code),
      stepTimeoutMs: 15_000,
      ...options,
    });
    desktop = await startDesktop({
      ...smoke.wrap(shell.deps),
      home: home.dir,
      packaged: true,
      preload: '/app/preload.cjs',
      trayImages: options.trayImages ?? trayImages,
      log: () => undefined,
      startHub: (hooks) =>
        createHub({
          home: home.dir,
          rendererDir: `${DIST}/renderer`,
          desktop: hooks,
          env: {},
          keychain: emptyKeychain(),
        }),
      extensions: [smoke.extension],
    });
    if (!desktop) smoke.notStarted();
    return { smoke, lines, exits };
  }

  /** What the popover's page does once loaded: reads the state over IPC, as the popover. */
  async function dashboardLoads(): Promise<void> {
    const handler = shell.handlers.get('ui:getState');
    const origin = new URL(desktop?.hub.dashboardUrl ?? '').origin;
    await handler?.({ sender: { id: 7 }, senderFrame: { url: `${origin}/` } });
  }

  it('passes a healthy app step by step, then stops the hub and exits 0', async () => {
    const { smoke, lines } = await run();
    await dashboardLoads();
    expect(await smoke.result).toBe(0);
    await eventually(() => expect(shell.app.exitCode).toBe(0));
    expect(lines.map((l) => l.replace(/ — .*/, ''))).toEqual([
      'smoke-test: hub ok',
      'smoke-test: tray ok',
      'smoke-test: popover ok',
      'smoke-test: keychain ok',
      'smoke-test: helper ok',
      expect.stringMatching(/^smoke-test: passed \(5 steps in \d+\.\d s\)$/),
    ]);
    expect(lines[4]).toMatch(
      /switchboard \S+ answered initialize \(\S+\) and attached as "smoke-test"/,
    );
    expect(lines[3]).toContain('service "Switchboard Smoke Test 1234abcd" is empty');
    // The hub was stopped: its lock is gone.
    await expect(access(`${home.dir}/hub.lock`)).rejects.toThrow();
  });

  it('fails at "popover" when the dashboard never loads, and exits 1', async () => {
    const { smoke, lines } = await run({ stepTimeoutMs: 400 });
    expect(await smoke.result).toBe(1);
    expect(lines.at(-1)).toBe('smoke-test: FAILED at popover: no answer within 0.4 s');
    await eventually(() => expect(shell.app.exitCode).toBe(1));
  });

  it('fails at "popover" with Chromium’s error when the page does not load', async () => {
    const { smoke, lines } = await run();
    const url = desktop?.hub.dashboardUrl ?? '';
    shell.windows[0]?.webContents.emit(
      'did-fail-load',
      {},
      -102,
      'ERR_CONNECTION_REFUSED',
      url,
      true,
    );
    expect(await smoke.result).toBe(1);
    expect(lines.at(-1)).toBe(
      `smoke-test: FAILED at popover: the page ${url} failed to load (-102 ERR_CONNECTION_REFUSED)`,
    );
  });

  it('fails at "keychain" when the native module is missing', async () => {
    const keychain = createOsKeychain('Switchboard Smoke Test x', () =>
      Promise.reject(new Error("Cannot find module './keyring.darwin-arm64.node'")),
    );
    const { smoke, lines } = await run({ keychain });
    await dashboardLoads();
    expect(await smoke.result).toBe(1);
    expect(lines.at(-1)).toMatch(
      /^smoke-test: FAILED at keychain: keychain unavailable: its native module did not load \(Cannot find module/,
    );
  });

  it('fails at "helper" when the helper does not answer initialize', async () => {
    const helper = { command: process.execPath, args: ['-e', 'process.exit(3)'] };
    const { smoke, lines } = await run({ helper: () => Promise.resolve(helper) });
    await dashboardLoads();
    expect(await smoke.result).toBe(1);
    expect(lines.at(-1)).toMatch(/^smoke-test: FAILED at helper: .* exited \(code 3\)/);
  });

  it('fails at "tray" when an icon image is missing from the app', async () => {
    const { smoke, lines } = await run({
      trayImages: { ...trayImages, error: `${TRAY}/missingTemplate.png` },
    });
    expect(await smoke.result).toBe(1);
    expect(lines.at(-1)).toBe(
      `smoke-test: FAILED at tray: the error tray image ${TRAY}/missingTemplate.png is missing`,
    );
  });

  it('fails at "hub" when the hub cannot start, in the output rather than a dialog nobody answers', async () => {
    other = await createHub({ home: home.dir, rendererDir: `${DIST}/renderer`, env: {} });
    const { smoke, lines } = await run();
    expect(await smoke.result).toBe(1);
    expect(lines.at(-1)).toMatch(/^smoke-test: FAILED at hub: .*already running/i);
    expect(shell.errorBoxes).toEqual([]);
    expect(shell.app.exitCode).toBe(1);
  });

  it('answers dialogs itself, posts no notification and leaves Notification Center alone', async () => {
    // Run from the disk image: the app offers to move itself; the smoke test declines.
    shell.app.exePath = '/Volumes/Switchboard/Switchboard.app/Contents/MacOS/Switchboard';
    shell.app.inApplications = false;
    const { smoke, lines } = await run();
    await dashboardLoads();
    expect(await smoke.result).toBe(0);
    expect(lines).toContain(
      'smoke-test: answered "Move Switchboard to your Applications folder?" with "Not Now"',
    );
    expect(shell.app.moves).toBe(0);
    expect(shell.messageBoxes).toEqual([]);
    expect(shell.notifications).toEqual([]);
    expect(shell.removed).toEqual([]);
  });

  it('is asked for with --smoke-test, and keeps the user’s Switchboard settings out', () => {
    expect(
      wantsSmokeTest(['/Applications/Switchboard.app/Contents/MacOS/Switchboard', '--smoke-test']),
    ).toBe(true);
    expect(wantsSmokeTest(['electron', '.', '--smoke-test'])).toBe(true);
    expect(wantsSmokeTest(['electron', '.'])).toBe(false);
    expect(
      smokeEnv({
        PATH: '/usr/bin',
        HOME: '/Users/ann',
        SWITCHBOARD_HOME: '/Users/ann/real',
        SWITCHBOARD_TELEGRAM_TOKEN: '123:abc',
        SWITCHBOARD_IMESSAGE_DB: '/Users/ann/Library/Messages/chat.db',
      }),
    ).toEqual({ PATH: '/usr/bin', HOME: '/Users/ann' });
  });
});
