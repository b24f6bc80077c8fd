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
      // Logout and shutdown must not be held up; otherwise wait for our own exit (bounded).
      if (this.#shutdown) return;
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

  /** Runs the steps (once), bounded by the timeout, then exits the app whatever happened. */
  quit(): Promise<void> {
    this.#quitting ??= this.#run();
    return this.#quitting;
  }

  async #run(): Promise<void> {
    const limit = this.#shutdown ? this.#shutdownTimeoutMs : this.#timeoutMs;
    const started = Date.now();
    try {
      for (const step of [...this.#steps].reverse()) {
        const left = Math.max(0, limit - (Date.now() - started));
        await this.#bounded(step, left);
      }
    } finally {
      this.#app.exit(0);
    }
  }

  async #bounded(step: QuitStep, ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), ms);
    });
    try {
      const outcome = await Promise.race([Promise.resolve().then(step.run), timeout]);
      if (outcome === 'timeout')
        this.#log(`quitting: ${step.name} did not finish within ${ms} ms; exiting anyway`);
    } catch (error) {
      this.#log(
        `quitting: ${step.name} failed (${error instanceof Error ? error.message : String(error)}); exiting anyway`,
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
