/**
 * Bot tokens: in the OS keychain (service "Switchboard", one account per platform), or in an
 * environment variable for machines without one (which takes precedence). Secrets are never
 * logged, never written to settings or the database, and the UI only ever learns "set / not set".
 */
export const SECRET_NAMES = ['telegram', 'discord'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export const SECRET_ENV: Readonly<Record<SecretName, string>> = {
  telegram: 'SWITCHBOARD_TELEGRAM_TOKEN',
  discord: 'SWITCHBOARD_DISCORD_TOKEN',
};

export const KEYCHAIN_SERVICE = 'Switchboard';

/** The keychain itself, injected so the store is testable; see keychain.ts for the real one. */
export type Keychain = {
  get: (account: string) => Promise<string | null>;
  set: (account: string, secret: string) => Promise<void>;
  delete: (account: string) => Promise<boolean>;
};

export type SecretSource = 'env' | 'keychain' | 'unset' | 'keychain-unavailable';

export class KeychainUnavailableError extends Error {}

export type SecretStore = {
  get: (name: SecretName) => Promise<string | undefined>;
  /** Every token value this store has read (environment or keychain), for leak checks. */
  known: () => string[];
  set: (name: SecretName, secret: string) => Promise<void>;
  remove: (name: SecretName) => Promise<boolean>;
  source: (name: SecretName) => Promise<SecretSource>;
};

/** Shape checks so an obvious paste mistake is refused before it is stored. */
const SHAPES: Readonly<Record<SecretName, RegExp>> = {
  telegram: /^\d{3,20}:[A-Za-z0-9_-]{20,100}$/,
  discord: /^[A-Za-z0-9_.-]{50,100}$/,
};

export function validateSecret(name: SecretName, secret: string): string {
  const clean = secret.trim();
  if (!SHAPES[name].test(clean)) {
    throw new Error(
      name === 'telegram'
        ? 'that does not look like a Telegram bot token (123456789:ABC…, from @BotFather)'
        : 'that does not look like a Discord bot token',
    );
  }
  return clean;
}

/**
 * Removes the bot tokens from an environment (the hub's own `process.env`) once the store has read
 * them, so child processes (osascript, claude) never inherit them.
 */
export function scrubSecretEnv(env: Record<string, string | undefined>): void {
  for (const name of SECRET_NAMES) Reflect.deleteProperty(env, SECRET_ENV[name]);
}

export function createSecretStore(
  env: Readonly<Record<string, string | undefined>>,
  keychain: Keychain,
): SecretStore {
  // Read once: the environment is scrubbed after this (scrubSecretEnv).
  const envValues = new Map<SecretName, string>();
  for (const name of SECRET_NAMES) {
    const value = env[SECRET_ENV[name]]?.trim();
    if (value !== undefined && value !== '') envValues.set(name, value);
  }
  const fromEnv = (name: SecretName): string | undefined => envValues.get(name);
  const seen = new Set<string>(envValues.values());
  return {
    async get(name) {
      const value = fromEnv(name) ?? (await keychain.get(name)) ?? undefined;
      if (value !== undefined) seen.add(value);
      return value;
    },
    known: () => [...seen],
    async set(name, secret) {
      await keychain.set(name, validateSecret(name, secret));
    },
    remove: (name) => keychain.delete(name),
    async source(name) {
      if (fromEnv(name) !== undefined) return 'env';
      try {
        return (await keychain.get(name)) === null ? 'unset' : 'keychain';
      } catch {
        return 'keychain-unavailable';
      }
    },
  };
}
