/**
 * The one getUpdates consumer for a bot token on this machine. Confirms an update (advances the
 * offset) only after the hub has stored or dropped it, persists the offset, and keeps going
 * through every kind of failure: 409 (another consumer elsewhere) and network errors back off and
 * retry forever with the reason in the status; 429 waits `retry_after`; a rejected token stops
 * with a clear status instead of looping. An update whose handler fails is never confirmed: the
 * poller asks for it again after a backoff, so Telegram keeps it until the hub has it.
 */
import { GrammyError, HttpError, type Api } from 'grammy';
import type { Update } from 'grammy/types';

export type PollState = { state: 'connected' } | { state: 'error'; reason: string; fatal: boolean };

export type PollerDeps = {
  api: Api;
  handle: (update: Update) => Promise<void>;
  loadOffset: () => number;
  saveOffset: (offset: number) => void;
  onState: (state: PollState) => void;
  log: (message: string) => void;
  signal: AbortSignal;
  /** Long-poll timeout in seconds (Telegram holds the request this long when idle). */
  timeoutSeconds?: number;
  maxBackoffMs?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
};

/** grammy types its signal with an old polyfill's AbortSignal; the runtime object is the same. */
export function grammySignal(signal: AbortSignal): Parameters<Api['getUpdates']>[1] {
  return signal as unknown as Parameters<Api['getUpdates']>[1];
}

export const ALLOWED_UPDATES = [
  'message',
  'edited_message',
  'channel_post',
  'callback_query',
] as const;

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

export async function poll(deps: PollerDeps): Promise<void> {
  const sleep = deps.sleep ?? abortableSleep;
  const maxBackoff = deps.maxBackoffMs ?? 30_000;
  let offset = deps.loadOffset();
  let backoff = 1_000;
  while (!deps.signal.aborted) {
    let updates: Update[];
    try {
      updates = await deps.api.getUpdates(
        { offset, timeout: deps.timeoutSeconds ?? 25, allowed_updates: [...ALLOWED_UPDATES] },
        grammySignal(deps.signal),
      );
    } catch (error) {
      // Stopping aborts the pending long poll; that is not a failure.
      if (stopped(deps.signal)) return;
      const wait = classify(error, backoff, deps);
      if (wait === 'stop') return;
      await sleep(wait, deps.signal);
      backoff = Math.min(backoff * 2, maxBackoff);
      continue;
    }
    deps.onState({ state: 'connected' });
    const failed = await handleAll(updates, deps, (next) => (offset = next));
    if (failed === undefined) {
      backoff = 1_000;
      continue;
    }
    if (stopped(deps.signal)) return;
    deps.onState({ state: 'error', fatal: false, reason: failed });
    await sleep(backoff, deps.signal);
    backoff = Math.min(backoff * 2, maxBackoff);
  }
}

/**
 * Handles updates in order, confirming each one after its handler succeeded; stops at the first
 * failure (returning why), so that update and everything after it are fetched again.
 */
async function handleAll(
  updates: readonly Update[],
  deps: PollerDeps,
  confirm: (offset: number) => void,
): Promise<string | undefined> {
  for (const update of updates) {
    try {
      await deps.handle(update);
    } catch (error) {
      const reason = `update ${update.update_id} could not be stored (${error instanceof Error ? error.message : String(error)}); Telegram keeps it and Switchboard retries`;
      deps.log(reason);
      return reason;
    }
    confirm(update.update_id + 1);
    try {
      deps.saveOffset(update.update_id + 1);
    } catch (error) {
      // The update is stored; a stale saved offset only means a repeat after a crash, which the
      // inbox drops as a duplicate. Polling goes on with the offset in memory.
      deps.log(`could not save the update offset: ${String(error)}`);
    }
  }
  return undefined;
}

/** How long to wait after a failed getUpdates, or 'stop' when retrying cannot help. */
function classify(error: unknown, backoff: number, deps: PollerDeps): number | 'stop' {
  if (error instanceof GrammyError) {
    switch (error.error_code) {
      case 409:
        deps.onState({
          state: 'error',
          fatal: false,
          reason: `another program is reading this bot's updates (409 Conflict: ${error.description}). Stop the other bot or plugin using this token; Switchboard keeps retrying.`,
        });
        return backoff;
      case 429: {
        const seconds = error.parameters.retry_after ?? backoff / 1000;
        deps.onState({
          state: 'error',
          fatal: false,
          reason: `Telegram asks to slow down (429); retrying in ${seconds} s`,
        });
        return seconds * 1000;
      }
      case 401:
      case 404:
        deps.onState({
          state: 'error',
          fatal: true,
          reason: `Telegram rejected the bot token (${error.error_code} ${error.description}). Set a valid token with \`switchboard secrets set telegram\`.`,
        });
        return 'stop';
      default:
        deps.onState({
          state: 'error',
          fatal: false,
          reason: `Telegram error ${error.error_code}: ${error.description}`,
        });
        return backoff;
    }
  }
  const reason =
    error instanceof HttpError
      ? `network error talking to Telegram (${String(error.error)})`
      : `unexpected error: ${String(error)}`;
  deps.onState({ state: 'error', fatal: false, reason });
  return backoff;
}

/** Read through a call: the signal changes while a request is pending. */
function stopped(signal: AbortSignal): boolean {
  return signal.aborted;
}
