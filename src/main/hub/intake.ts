/**
 * Intake when the store cannot write. A platform is told "received" only after the message is
 * committed (Telegram's offset, Discord's catch-up mark, iMessage's ROWID cursor move after
 * `receive` resolves), so when the disk is full the right thing is to wait: `run` retries the
 * step with a growing delay until the store takes it, while every platform with a message waiting
 * shows why. Nothing is dropped and nothing is acknowledged early; intake resumes by itself when
 * space returns.
 */
import { isDiskFull } from '../adapters/download';
import type { Logger } from '../log';

/** The adapter is stopping while its message waited: it must not advance past it. */
export class IntakeStoppedError extends Error {
  constructor() {
    super('intake stopped before the message could be stored');
  }
}

/** Why intake is paused, since when; `diskFull` words the status. */
export type IntakePause = { since: number; reason: string; diskFull: boolean };

/** What the guard needs: a log, a way to tell surfaces, a clock, and (for tests) sleep and delays. */
export type IntakeDeps = {
  log: Logger;
  /** Paused or resumed: surfaces refresh (platform statuses, tray, notifications). */
  changed: () => void;
  now: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  firstDelayMs?: number;
  maxDelayMs?: number;
};

/** Why a storage error stops intake, or undefined when it is not a storage problem. */
export function storageFailure(error: unknown): { reason: string; diskFull: boolean } | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  const text = error instanceof Error ? error.message : String(error);
  if (isDiskFull(error))
    return { diskFull: true, reason: `the disk is full (${String(code)}: ${text})` };
  if (typeof code === 'string' && /^SQLITE_(IOERR|READONLY|CANTOPEN|BUSY|LOCKED)/.test(code))
    return { diskFull: false, reason: `the database cannot be written (${code}: ${text})` };
  return undefined;
}

/** One per hub: every platform's `receive` runs through it (see the module comment). */
export class IntakeGuard {
  readonly #deps: IntakeDeps;
  #paused: IntakePause | undefined;
  /** Platforms with a message waiting for the store, counted. */
  readonly #waiting = new Map<string, number>();

  constructor(deps: IntakeDeps) {
    this.#deps = deps;
  }

  paused(): IntakePause | undefined {
    return this.#paused;
  }

  /** Whether this platform has a message waiting for the store right now. */
  waiting(platform: string): boolean {
    return (this.#waiting.get(platform) ?? 0) > 0;
  }

  /**
   * Runs one intake step, retrying it while the store cannot write. Other errors propagate at
   * once; stopping (the signal) rejects with IntakeStoppedError. Either way the caller's cursor
   * stays where it was.
   */
  async run<T>(platform: string, step: () => Promise<T>, signal: AbortSignal): Promise<T> {
    let delay = this.#deps.firstDelayMs ?? 500;
    const waiting = (): void => {
      this.#waiting.set(platform, (this.#waiting.get(platform) ?? 0) + 1);
      this.#deps.changed();
    };
    let counted = false;
    try {
      // While paused, new messages queue behind the pause instead of hammering the disk.
      if (this.#paused) {
        counted = true;
        waiting();
        await this.#sleep(delay, signal);
      }
      for (;;) {
        if (signal.aborted) throw new IntakeStoppedError();
        try {
          const result = await step();
          this.#resume();
          return result;
        } catch (error) {
          const failure = storageFailure(error);
          if (!failure) throw error;
          this.#pause(failure);
          if (!counted) {
            counted = true;
            waiting();
          }
          await this.#sleep(delay, signal);
          delay = Math.min(delay * 2, this.#deps.maxDelayMs ?? 10_000);
        }
      }
    } finally {
      if (counted) {
        const left = (this.#waiting.get(platform) ?? 1) - 1;
        if (left > 0) this.#waiting.set(platform, left);
        else this.#waiting.delete(platform);
        this.#deps.changed();
      }
    }
  }

  #pause(failure: { reason: string; diskFull: boolean }): void {
    if (this.#paused?.reason === failure.reason) return;
    const first = this.#paused === undefined;
    this.#paused = { since: this.#paused?.since ?? this.#deps.now(), ...failure };
    if (first) this.#deps.log.warn(`intake paused: ${failure.reason}`);
    this.#deps.changed();
  }

  #resume(): void {
    const paused = this.#paused;
    if (!paused) return;
    this.#paused = undefined;
    const seconds = Math.round((this.#deps.now() - paused.since) / 1000);
    this.#deps.log.info(`intake resumed after ${seconds} s: the store accepts messages again`);
    this.#deps.changed();
  }

  async #sleep(ms: number, signal: AbortSignal): Promise<void> {
    await (this.#deps.sleep ?? abortableSleep)(ms, signal);
    if (signal.aborted) throw new IntakeStoppedError();
  }
}

/** The status a platform shows while one of its messages waits for the store. */
export function pausedDetail(pause: IntakePause): string {
  return pause.diskFull
    ? `intake paused: ${pause.reason}. Free some disk space; new messages wait on the platform's side and Switchboard resumes by itself — nothing is lost.`
    : `intake paused: ${pause.reason}. Switchboard keeps retrying; new messages wait on the platform's side and nothing is lost.`;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
