/**
 * "typing…" while Claude works on a chat's message: Telegram shows a chat action for about five
 * seconds, so it is refreshed every four until the reply is sent or a time limit passes.
 */
export const TYPING_REFRESH_MS = 4_000;
export const TYPING_LIMIT_MS = 2 * 60_000;

export type TypingIndicator = {
  start: (chatId: string, threadId: string) => void;
  stop: (chatId: string) => void;
  stopAll: () => void;
};

export function createTypingIndicator(
  send: (chatId: string, threadId: string) => Promise<unknown>,
  limits = { refreshMs: TYPING_REFRESH_MS, limitMs: TYPING_LIMIT_MS },
): TypingIndicator {
  const active = new Map<string, { timer: NodeJS.Timeout; until: number }>();
  const stop = (chatId: string): void => {
    const entry = active.get(chatId);
    if (entry) clearInterval(entry.timer);
    active.delete(chatId);
  };
  return {
    start(chatId, threadId) {
      stop(chatId);
      const fire = (): void => void send(chatId, threadId).catch(() => undefined);
      fire();
      const until = Date.now() + limits.limitMs;
      const timer = setInterval(
        () => (Date.now() >= until ? stop(chatId) : fire()),
        limits.refreshMs,
      );
      timer.unref();
      active.set(chatId, { timer, until });
    },
    stop,
    stopAll() {
      for (const chatId of [...active.keys()]) stop(chatId);
    },
  };
}
