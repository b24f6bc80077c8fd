/** A tiny leveled logger writing one line per event to a stream (stderr by default). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Logger = {
  debug: (message: string) => void;
  info: (message: string) => void;
  warn: (message: string) => void;
  error: (message: string) => void;
  child: (scope: string) => Logger;
};

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function createLogger(
  write: (line: string) => void,
  level: LogLevel = 'info',
  scope = 'hub',
): Logger {
  const emit = (at: LogLevel) => (message: string) => {
    if (ORDER[at] < ORDER[level]) return;
    write(`${new Date().toISOString()} ${at.padEnd(5)} ${scope}: ${message}\n`);
  };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (child) => createLogger(write, level, `${scope}.${child}`),
  };
}

/** Discards everything; for tests and benchmarks that do not want output. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};

/** Marks a promise whose outcome is deliberately not awaited; failures are logged, not lost. */
export function drop(promise: Promise<unknown>, log?: Logger): void {
  promise.catch((error: unknown) => log?.error(String(error)));
}
