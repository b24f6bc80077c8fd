/**
 * `Switchboard.app/Contents/MacOS/Switchboard --smoke-test` (or `npx electron . --smoke-test`):
 * starts the real app — Electron, tray, popover, hub, helper — against a temporary state
 * directory and a throwaway keychain service, checks each part in turn and exits 0, or 1 with
 * the failing step named:
 *
 *   hub       the web server answers its API and the bridge socket is bound
 *   tray      the icon shows the running app, its images exist, its menu is there
 *   popover   the dashboard loaded in the popover: its page called getState over IPC
 *   keychain  the keychain's native module loaded and answered a lookup
 *   helper    the bundled helper answered `initialize` over stdio and attached to the hub
 *
 * It never touches the user's state, log, keychain items or notifications: index.ts points the
 * app's user-data folder (and with it the single-instance lock) at the temporary folder, and the
 * Electron objects are wrapped here so that dialogs are answered instead of waiting for a person,
 * notifications are not posted (nor Notification Center cleared), and links are not opened.
 */
import type { HelperEntry } from '../claude/claude-cli';
import { drop } from '../log';
import type { Keychain } from '../secrets/secret-store';
import type { TrayLook } from '../ui/attention';
import type { Desktop, DesktopExtension } from './desktop';
import type { NotificationLike, ShellDeps } from './electron-types';
import { checkHelper, checkHub, checkKeychain, checkTray } from './smoke-checks';

export const SMOKE_TEST_FLAG = '--smoke-test';
export const SMOKE_STEPS = ['hub', 'tray', 'popover', 'keychain', 'helper'] as const;
export type SmokeStep = (typeof SMOKE_STEPS)[number];

export function wantsSmokeTest(argv: readonly string[]): boolean {
  return argv.includes(SMOKE_TEST_FLAG);
}

/** The environment for the smoke test's hub and helper: none of the user's Switchboard settings
 * (tokens, API roots, a state directory, a Messages database) may leak in. */
export function smokeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('SWITCHBOARD_')));
}

export type SmokeTestOptions = {
  /** The temporary state directory the hub runs on. */
  home: string;
  /** How the app runs its bundled helper (found once, also for Connect Claude Code). */
  helper: () => Promise<HelperEntry>;
  keychain: Keychain;
  keychainService: string;
  trayImages: Readonly<Record<TrayLook, string>>;
  /** Where the steps are reported (stdout). */
  write: (line: string) => void;
  /** Exits the process at once: for failures before the desktop exists, and the deadline. */
  exit: (code: number) => void;
  stepTimeoutMs?: number;
  deadlineMs?: number;
};

export type SmokeTest = {
  /** The Electron objects, wrapped so that the test never waits for a person or disturbs the user. */
  wrap: (deps: ShellDeps) => ShellDeps;
  extension: (desktop: Desktop) => DesktopExtension;
  /** Call when startDesktop returned without a desktop. */
  notStarted: () => void;
  /** The exit code, once decided. */
  result: Promise<number>;
};

const inertNotification: NotificationLike = {
  show: () => undefined,
  close: () => undefined,
  on: () => inertNotification as never,
};

export function createSmokeTest(options: SmokeTestOptions): SmokeTest {
  const stepTimeout = options.stepTimeoutMs ?? 30_000;
  let decide: (code: number) => void = () => undefined;
  const result = new Promise<number>((resolve) => (decide = resolve));
  let current: SmokeStep = 'hub';
  let decided = false;
  let dashboardLoaded: (() => void) | undefined;
  const loaded = new Promise<void>((resolve) => (dashboardLoaded = resolve));
  const controller = new AbortController();

  const failNow = (step: SmokeStep, message: string): void => {
    if (decided) return;
    decided = true;
    controller.abort();
    options.write(`smoke-test: FAILED at ${step}: ${message}`);
    decide(1);
  };
  const deadline = setTimeout(() => {
    failNow(current, `no verdict within ${Math.round((options.deadlineMs ?? 180_000) / 1000)} s`);
    options.exit(1);
  }, options.deadlineMs ?? 180_000);
  drop(result.then(() => clearTimeout(deadline)));

  const wrap = (deps: ShellDeps): ShellDeps => ({
    ...deps,
    createNotification: () => inertNotification,
    notifications: { removeAll: () => undefined, remove: () => undefined },
    shell: {
      openExternal: (url) => Promise.resolve(options.write(`smoke-test: (not opening ${url})`)),
      showItemInFolder: () => undefined,
    },
    dialog: {
      showErrorBox: (title, content) => failNow(current, `${title}: ${content}`),
      showMessageBox: (box: { message: string; buttons?: string[]; cancelId?: number }) => {
        const response = box.cancelId ?? Math.max(0, (box.buttons?.length ?? 1) - 1);
        options.write(
          `smoke-test: answered "${box.message}" with "${box.buttons?.[response] ?? 'OK'}"`,
        );
        return Promise.resolve({ response, checkboxChecked: false });
      },
    } as ShellDeps['dialog'],
    ipcMain: {
      removeHandler: (channel) => deps.ipcMain.removeHandler(channel),
      handle: (channel, handler) =>
        deps.ipcMain.handle(channel, async (event, ...args: unknown[]) => {
          const answer = (await handler(event, ...args)) as { ok?: boolean } | undefined;
          if (channel === 'ui:getState' && answer?.ok === true) dashboardLoaded?.();
          return answer;
        }),
    },
  });

  const run = async (desktop: Desktop): Promise<void> => {
    const started = Date.now();
    // A failed load is remembered whenever it happens (the page starts loading while the hub is
    // checked); an aborted navigation (-3) is not a failure.
    const failedLoad = new Promise<never>((_resolve, reject) => {
      desktop.popover.window.webContents.on(
        'did-fail-load',
        (_event, code, description, url, isMainFrame) => {
          if (isMainFrame && code !== -3)
            reject(new Error(`the page ${url} failed to load (${code} ${description})`));
        },
      );
    });
    failedLoad.catch(() => undefined);
    const checks: Record<SmokeStep, () => Promise<string>> = {
      hub: () => checkHub(desktop.hub),
      tray: () => checkTray(desktop.tray, options.trayImages),
      popover: () =>
        Promise.race([
          loaded.then(() => `the dashboard loaded and read the hub's state`),
          failedLoad,
        ]),
      keychain: () => checkKeychain(options.keychain, options.keychainService),
      helper: async () =>
        checkHelper({
          helper: await options.helper(),
          env: { ...smokeEnv(process.env), SWITCHBOARD_HOME: options.home },
          hub: desktop.hub,
          session: 'smoke-test',
          signal: controller.signal,
        }),
    };
    for (const step of SMOKE_STEPS) {
      current = step;
      const detail = await bounded(checks[step](), stepTimeout, controller.signal).catch(
        (error: unknown) => failNow(step, error instanceof Error ? error.message : String(error)),
      );
      if (decided) break;
      options.write(`smoke-test: ${step} ok — ${detail ?? ''}`);
    }
    if (!decided) {
      decided = true;
      options.write(
        `smoke-test: passed (${SMOKE_STEPS.length} steps in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
      decide(0);
    }
    await desktop.quit(await result);
  };

  return {
    wrap,
    extension: (desktop) => {
      drop(run(desktop));
      return { stop: () => controller.abort() };
    },
    notStarted: () => {
      failNow('hub', 'the app did not start (another copy holds its lock, or it quit)');
      options.exit(1);
    },
    result,
  };
}

/** Resolves with `work`, or rejects once `ms` pass or the test is aborted. */
function bounded<T>(work: Promise<T>, ms: number, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
    signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
