/**
 * A tiny leveled logger writing one line per event to a sink (stderr, and in the app a rotating
 * file too: log-file.ts). Secrets are never logged on purpose; as a last line of defence every line
 * passes through `redactSecrets` on its way out.
 */
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
    write(redactSecrets(`${new Date().toISOString()} ${at.padEnd(5)} ${scope}: ${message}\n`));
  };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (child) => createLogger(write, level, `${scope}.${child}`),
  };
}

const SECRETS: ReadonlyArray<[RegExp, string]> = [
  // Telegram bot tokens (also inside Bot API URLs: /bot<token>/).
  [/(?<![0-9])\d{5,15}:[A-Za-z0-9_-]{30,}/g, '<telegram token>'],
  // Discord bot tokens: three base64url parts.
  [/\b[A-Za-z0-9_-]{23,30}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/g, '<discord token>'],
  // Our own tokens (hub and dashboard: 32 random bytes as hex), and any token= or Bearer value.
  [/\b[0-9a-f]{64}\b/gi, '<token>'],
  [/(token=)[^&\s"']+/gi, '$1<token>'],
  [/(Bearer\s+)[^\s"']+/gi, '$1<token>'],
];

/** The line with anything shaped like a token replaced by a placeholder. */
export function redactSecrets(line: string): string {
  let out = line;
  for (const [pattern, replacement] of SECRETS) out = out.replace(pattern, replacement);
  return out;
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
