/**
 * Updates for the menu-bar app, through electron-updater (GitHub Releases; on macOS its MacUpdater
 * downloads the release's zip, checks its sha512 and hands it to Squirrel.Mac, which verifies the
 * signature and installs it — the update engine is injected, so tests run the real MacUpdater
 * against a local feed with Electron's objects faked).
 *
 * - Checks a little after start and then daily (an hourly tick compares with the last check, so a
 *   Mac that slept through the day checks when it wakes); downloads in the background.
 * - A downloaded update shows "Restart to Update" in the tray menu and the popover. It installs
 *   when the user chooses that, or when Switchboard quits (`autoInstallOnAppQuit`; Squirrel.Mac
 *   installs the staged update as the app exits).
 * - It never restarts on its own while a permission prompt waits: Claude Code is blocked on that
 *   answer. Asked to restart then, it offers to wait until the prompts are answered, and restarts
 *   only once none is pending.
 * - Off — and saying why — where an update could not be verified (updater-support.ts).
 */
import type { AppUpdaterEvents } from 'electron-updater/out/AppUpdater';
import type { Logger as UpdaterLogger } from 'electron-updater/out/types';
import type { UpdateView } from '../../shared/ui-api';
import type { MenuItemConstructorOptions, ShellDeps } from './electron-types';
import type { UpdateSupport } from './updater-support';

/** The slice of electron-updater's AppUpdater (MacUpdater on macOS) the app drives. */
export type UpdateEngine = {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: UpdaterLogger | null;
  on<E extends keyof AppUpdaterEvents>(event: E, listener: AppUpdaterEvents[E]): unknown;
  /** With autoDownload, the result carries the download, which rejects on its own failure. */
  checkForUpdates(): Promise<{ downloadPromise?: Promise<unknown> | null } | null>;
  quitAndInstall(): void;
};

export const FIRST_CHECK_DELAY_MS = 15_000;
export const CHECK_EVERY_MS = 24 * 60 * 60 * 1000;
export const TICK_MS = 60 * 60 * 1000;

export type UpdaterDeps = Pick<ShellDeps, 'dialog' | 'shell' | 'createNotification'> & {
  version: string;
  /** Resolves whether this copy can update itself (signature, feed, packaging). */
  support: Promise<UpdateSupport>;
  /** Creates the engine; called only when updates are on. */
  engine: () => UpdateEngine;
  /** Permission prompts waiting for an answer now. */
  pendingPrompts: () => number;
  /** Called whenever the updater's state changed (re-render the menu, push to the popover). */
  changed: () => void;
  /** Stops the app, then runs `install` (the engine's quitAndInstall), which quits it. */
  quitForUpdate: (install: () => void) => Promise<void>;
  log: (message: string) => void;
  now?: () => number;
  schedule?: (run: () => void, ms: number) => () => void;
  firstCheckDelayMs?: number;
};

type State =
  | { state: 'starting' }
  | { state: 'off'; reason: string }
  | { state: 'idle'; checkedAt: number | null }
  | { state: 'checking'; byUser: boolean }
  | { state: 'downloading'; next: string; percent: number }
  | { state: 'ready'; next: string }
  | { state: 'error'; message: string };

const realSchedule = (run: () => void, ms: number): (() => void) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

export class Updater {
  readonly #deps: UpdaterDeps;
  readonly #now: () => number;
  readonly #schedule: (run: () => void, ms: number) => () => void;
  #state: State = { state: 'starting' };
  #engine: UpdateEngine | undefined;
  #releasesUrl: string | undefined;
  #lastCheck = Number.NEGATIVE_INFINITY;
  #restartWhenAnswered = false;
  #cancelTimer: () => void = () => undefined;
  #stopped = false;
  /** Settles once the support check is done (tests wait on it). */
  readonly ready: Promise<void>;

  constructor(deps: UpdaterDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#schedule = deps.schedule ?? realSchedule;
    this.ready = deps.support.then(
      (support) => this.#start(support),
      (error: unknown) => this.#set({ state: 'off', reason: `Updates are off: ${String(error)}` }),
    );
  }

  #start(support: UpdateSupport): void {
    this.#releasesUrl = support.releasesUrl;
    if (this.#stopped) return;
    if (!support.enabled) {
      this.#deps.log(`updates are off: ${support.reason}`);
      this.#set({ state: 'off', reason: support.reason });
      return;
    }
    const engine = this.#deps.engine();
    engine.autoDownload = true;
    engine.autoInstallOnAppQuit = true;
    engine.logger = {
      info: (m: unknown) => this.#deps.log(`updater: ${String(m)}`),
      warn: (m: unknown) => this.#deps.log(`updater: ${String(m)}`),
      error: (m: unknown) => this.#deps.log(`updater: ${String(m)}`),
    };
    engine.on('update-available', (info) =>
      this.#set({ state: 'downloading', next: info.version, percent: 0 }),
    );
    engine.on('update-not-available', () => this.#set({ state: 'idle', checkedAt: this.#now() }));
    engine.on('download-progress', (progress) => {
      if (this.#state.state === 'downloading')
        this.#set({ ...this.#state, percent: Math.floor(progress.percent) });
    });
    engine.on('update-downloaded', (event) => this.#downloaded(event.version));
    engine.on('error', (error) => this.#failed(error));
    this.#engine = engine;
    this.#set({ state: 'idle', checkedAt: null });
    this.#plan(this.#deps.firstCheckDelayMs ?? FIRST_CHECK_DELAY_MS);
  }

  /** The next tick: check when a day has passed since the last check. */
  #plan(ms: number): void {
    this.#cancelTimer();
    this.#cancelTimer = this.#schedule(() => {
      if (this.#stopped) return;
      if (this.#now() - this.#lastCheck >= CHECK_EVERY_MS) this.check(false);
      this.#plan(TICK_MS);
    }, ms);
  }

  /** Looks for an update; `byUser` (the menu item) reports the outcome in a dialog. */
  check(byUser: boolean): void {
    const engine = this.#engine;
    if (!engine) {
      if (byUser) this.#explainOff();
      return;
    }
    const busy = this.#state.state;
    if (busy === 'checking' || busy === 'downloading' || busy === 'ready') {
      if (byUser && busy === 'ready') void this.restart();
      return;
    }
    this.#lastCheck = this.#now();
    this.#set({ state: 'checking', byUser });
    engine.checkForUpdates().then(
      (result) => {
        // The failure is reported through the engine's `error` event; the promise must not be
        // left rejected and unhandled.
        result?.downloadPromise?.catch(() => undefined);
        if (!byUser) return;
        const now = this.#state;
        if (now.state === 'idle')
          this.#tell('Switchboard is up to date', `Version ${this.#deps.version} is the newest.`);
        else if (now.state === 'downloading')
          this.#tell(
            `Switchboard ${now.next} is available`,
            'It is downloading in the background; the menu says when it is ready.',
          );
      },
      (error: unknown) => {
        this.#failed(error instanceof Error ? error : new Error(String(error)));
        if (byUser)
          this.#tell(
            'Could not check for updates',
            error instanceof Error ? error.message : String(error),
          );
      },
    );
  }

  /** "Restart to Update": installs now, or once the waiting permission prompts are answered. */
  async restart(): Promise<string> {
    const state = this.#state;
    if (state.state !== 'ready' || !this.#engine) return 'No update is ready to install.';
    const waiting = this.#deps.pendingPrompts();
    if (waiting === 0) return this.#install(state.next);
    const { response } = await this.#deps.dialog.showMessageBox({
      type: 'question',
      message: `Claude Code is waiting for your answer to ${waiting === 1 ? 'a permission prompt' : `${waiting} permission prompts`}`,
      detail: `Switchboard ${state.next} is ready. Restarting now interrupts the prompt; Switchboard can restart by itself as soon as nothing waits for you.`,
      buttons: ['Restart When Answered', 'Restart Now', 'Cancel'],
      defaultId: 0,
      cancelId: 2,
    });
    if (response === 1) return this.#install(state.next);
    if (response !== 0) return 'Not restarted.';
    this.#restartWhenAnswered = true;
    this.#deps.changed();
    return 'Switchboard will restart to update once the permission prompts are answered.';
  }

  /** The prompts changed: a restart that waited for them may happen now. */
  promptsChanged(): void {
    if (
      this.#restartWhenAnswered &&
      this.#state.state === 'ready' &&
      this.#deps.pendingPrompts() === 0
    )
      this.#install(this.#state.next);
    else if (this.#state.state === 'ready') this.#deps.changed();
  }

  #install(next: string): string {
    const engine = this.#engine;
    this.#restartWhenAnswered = false;
    this.#deps.log(`restarting to install ${next}`);
    if (engine) void this.#deps.quitForUpdate(() => engine.quitAndInstall());
    return `Restarting to install Switchboard ${next}…`;
  }

  #downloaded(next: string): void {
    this.#set({ state: 'ready', next });
    this.#deps.log(`update ${next} downloaded; it installs on restart or quit`);
    this.#deps
      .createNotification({
        title: `Switchboard ${next} is ready`,
        body: 'Choose Restart to Update in the menu, or it installs when you quit Switchboard.',
      })
      .show();
  }

  #failed(error: Error): void {
    this.#deps.log(`update failed: ${error.message}`);
    this.#set({ state: 'error', message: error.message.split('\n')[0] ?? error.message });
  }

  #explainOff(): void {
    const reason =
      this.#state.state === 'off' ? this.#state.reason : 'Updates are not available yet.';
    const url = this.#releasesUrl;
    void this.#deps.dialog
      .showMessageBox({
        type: 'info',
        message: 'Automatic updates are off for this copy of Switchboard',
        detail: reason,
        buttons: url ? ['Open Releases Page', 'OK'] : ['OK'],
        defaultId: 0,
        cancelId: url ? 1 : 0,
      })
      .then(({ response }) => {
        if (url && response === 0) void this.#deps.shell.openExternal(url);
      });
  }

  #tell(title: string, body: string): void {
    void this.#deps.dialog.showMessageBox({
      type: 'info',
      message: title,
      detail: body,
      buttons: ['OK'],
    });
  }

  #set(state: State): void {
    this.#state = state;
    this.#deps.changed();
  }

  /** Tray menu items: "Check for Updates…", progress, or "Restart to Update". */
  menuItems(): MenuItemConstructorOptions[] {
    const s = this.#state;
    const item: MenuItemConstructorOptions =
      s.state === 'checking'
        ? { label: 'Checking for Updates…', enabled: false }
        : s.state === 'downloading'
          ? { label: `Downloading Update ${s.next} (${s.percent}%)…`, enabled: false }
          : s.state === 'ready'
            ? {
                label: this.#restartWhenAnswered
                  ? `Restart to Update (${s.next}) — after the waiting prompts`
                  : `Restart to Update (${s.next})`,
                click: () => void this.restart(),
              }
            : { label: 'Check for Updates…', click: () => this.check(true) };
    return [item, { type: 'separator' }];
  }

  view(): UpdateView {
    const version = this.#deps.version;
    const s = this.#state;
    switch (s.state) {
      case 'starting':
        return { state: 'idle', version, checkedAt: null };
      case 'checking':
        return { state: 'checking', version };
      case 'ready':
        return { state: 'ready', version, next: s.next, waitingFor: this.#deps.pendingPrompts() };
      case 'off':
        return { state: 'off', version, reason: s.reason };
      case 'idle':
        return { state: 'idle', version, checkedAt: s.checkedAt };
      case 'downloading':
        return { state: 'downloading', version, next: s.next, percent: s.percent };
      case 'error':
        return { state: 'error', version, message: s.message };
    }
  }

  stop(): void {
    this.#stopped = true;
    this.#cancelTimer();
  }
}
