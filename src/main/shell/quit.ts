/**
 * Quitting: the hub is stopped (socket and lock removed) before the process exits — but never at
 * the cost of not exiting. Each step is bounded by a timeout and the app exits `finally`, so a hub
 * that hangs or throws cannot keep Switchboard (and with it logout or shutdown) waiting.
 *
 * On logout and shutdown macOS asks the app to terminate; an app that cancels `before-quit` then
 * holds up logout ("Switchboard interrupted logout"). `powerMonitor` emits `shutdown` first
 * (macOS and Linux); its `preventDefault()` asks the system to wait a moment while the app exits
 * "as soon as possible" (Electron's powerMonitor docs), so then the app stops within a shorter
 * time and never cancels `before-quit` (Venipa/ytmdesktop2#214).
 */
import type { ShellDeps } from './electron-types';

export const QUIT_TIMEOUT_MS = 5000;
export const SHUTDOWN_TIMEOUT_MS = 2000;

export type QuitStep = { name: string; run: () => Promise<void> | void };

export class QuitController {
  readonly #app: ShellDeps['app'];
  readonly #log: (message: string) => void;
  readonly #steps: QuitStep[] = [];
  readonly #timeoutMs: number;
  readonly #shutdownTimeoutMs: number;
  #quitting: Promise<void> | undefined;
  #shutdown = false;
  /** Stopped for an update: Electron's own quit must now go through. */
  #released = false;

  constructor(deps: {
    app: ShellDeps['app'];
    powerMonitor: ShellDeps['powerMonitor'];
    log: (message: string) => void;
    timeoutMs?: number;
    shutdownTimeoutMs?: number;
  }) {
    this.#app = deps.app;
    this.#log = deps.log;
    this.#timeoutMs = deps.timeoutMs ?? QUIT_TIMEOUT_MS;
    this.#shutdownTimeoutMs = deps.shutdownTimeoutMs ?? SHUTDOWN_TIMEOUT_MS;
    deps.app.on('before-quit', (event) => {
      // Logout and shutdown must not be held up, nor an update's quit; otherwise wait for our
      // own exit (bounded).
      if (this.#shutdown || this.#released) return;
      event.preventDefault();
      void this.quit();
    });
    // Electron's typings give the listener no argument; at run time it receives the event.
    deps.powerMonitor.on('shutdown', (event?: { preventDefault?: () => void }) => {
      this.#shutdown = true;
      event?.preventDefault?.();
      this.#log('the system is shutting down or logging out: quitting');
      void this.quit();
    });
  }

  /** Registers what quitting undoes; steps run in reverse order of registration. */
  add(step: QuitStep): void {
    this.#steps.push(step);
  }

  /**
   * Runs the steps (once), bounded by the timeout, then exits the app with `code` (0 unless told
   * otherwise, e.g. by a failed smoke test) whatever happened.
   */
  quit(code = 0): Promise<void> {
    this.#quitting ??= this.#run(code);
    return this.#quitting;
  }

  /**
   * Quitting to install an update (autoUpdater.quitAndInstall): Electron closes every window and
   * only then quits (electron/electron#15453), and Squirrel.Mac replaces the app once the process
   * has exited; a quit cancelled in `before-quit` and resumed later can hold that up. So every
   * step runs first, then `install` is called and Electron's quit is let through. Should the app
   * still be running after `watchdogMs` (the install failed), it relaunches — the old version,
   * with a working hub — rather than stay up with everything stopped.
   */
  quitForUpdate(install: () => void, relaunch: () => void, watchdogMs = 30_000): Promise<void> {
    this.#quitting ??= (async () => {
      await this.#stopAll(this.#timeoutMs);
      this.#released = true;
      const watchdog = setTimeout(() => {
        this.#log(`the update did not install within ${watchdogMs} ms; relaunching`);
        relaunch();
        this.#app.exit(0);
      }, watchdogMs);
      watchdog.unref();
      try {
        install();
      } catch (error) {
        this.#log(
          `installing the update failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        clearTimeout(watchdog);
        relaunch();
        this.#app.exit(0);
      }
    })();
    return this.#quitting;
  }

  async #run(code: number): Promise<void> {
    try {
      await this.#stopAll(this.#shutdown ? this.#shutdownTimeoutMs : this.#timeoutMs);
    } finally {
      this.#app.exit(code);
    }
  }

  async #stopAll(limit: number): Promise<void> {
    const started = Date.now();
    for (const step of [...this.#steps].reverse()) {
      const left = Math.max(0, limit - (Date.now() - started));
      await this.#bounded(step, left, limit);
    }
  }

  /** Runs `step` for at most `ms`, what is left of the quit's `limit` (the log names the limit). */
  async #bounded(step: QuitStep, ms: number, limit: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), ms);
    });
    try {
      const outcome = await Promise.race([Promise.resolve().then(step.run), timeout]);
      if (outcome === 'timeout')
        this.#log(
          `quitting: ${step.name} did not finish within the ${limit} ms limit; exiting anyway`,
        );
    } catch (error) {
      this.#log(
        `quitting: ${step.name} failed (${error instanceof Error ? error.message : String(error)}); exiting anyway`,
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
