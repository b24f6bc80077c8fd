/**
 * When the helper connects to the hub. Claude Code waits for the helper's opening answers
 * (discovery, initialize, tools/list) at every session start and for nothing else; the first
 * connection attempt, in turn, reads files through libuv's thread pool — whose start holds the
 * main thread while its threads come up — and opens the socket. So the bridge starts once the
 * opening exchange has gone quiet, and within a fixed bound of the start whatever happens.
 */
import type { BridgeClient, BridgeHandlers } from './bridge-client';

export type PacedBridge = {
  /** The bridge to hand to the server; its `start` only records the handlers. */
  bridge: BridgeClient;
  /** Call after every answer written to Claude Code: the quiet period starts again. */
  answered: () => void;
};

export function paceBridgeStart(
  bridge: BridgeClient,
  beforeStart: () => void,
  timing: { quietMs: number; latestMs: number },
): PacedBridge {
  let handlers: BridgeHandlers | undefined;
  let started = false;
  let quiet: NodeJS.Timeout | undefined;
  const start = (): void => {
    if (started || !handlers) return;
    started = true;
    clearTimeout(quiet);
    clearTimeout(latest);
    beforeStart();
    bridge.start(handlers);
  };
  const latest = setTimeout(start, timing.latestMs);
  /** Ended before it started: it never will. */
  const stop = (): void => {
    started = true;
    clearTimeout(quiet);
    clearTimeout(latest);
  };
  return {
    bridge: {
      ...bridge,
      start: (h) => {
        handlers = h;
      },
      end: (kind) => {
        stop();
        return bridge.end(kind);
      },
      close: () => {
        stop();
        bridge.close();
      },
    },
    answered: () => {
      if (started) return;
      clearTimeout(quiet);
      quiet = setTimeout(start, timing.quietMs);
    },
  };
}
