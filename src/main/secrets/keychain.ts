/**
 * The OS keychain through @napi-rs/keyring: the macOS Keychain, the Secret Service on Linux
 * (GNOME Keyring, KWallet), the Credential Manager on Windows.
 *
 * The native binding is loaded on first use, not at startup: an app carrying the wrong CPU's
 * binding (or none) must still start — its keychain is "unavailable", tokens can come from the
 * environment, and everything else works — instead of dying with "Cannot find native binding"
 * before it can show anything.
 */
import type { AsyncEntry } from '@napi-rs/keyring';
import { KEYCHAIN_SERVICE, KeychainUnavailableError, type Keychain } from './secret-store';

export type KeyringModule = { AsyncEntry: typeof AsyncEntry };
export type KeyringLoader = () => Promise<KeyringModule>;

const loadKeyring: KeyringLoader = () => import('@napi-rs/keyring');

const ENV_HINT =
  'on a machine without one, set the token in an environment variable instead (SWITCHBOARD_TELEGRAM_TOKEN / SWITCHBOARD_DISCORD_TOKEN)';

function explain(error: unknown): KeychainUnavailableError {
  const detail = error instanceof Error ? error.message : String(error);
  return new KeychainUnavailableError(`the OS keychain is not available (${detail}); ${ENV_HINT}`);
}

function notLoaded(error: unknown): KeychainUnavailableError {
  const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return new KeychainUnavailableError(
    `keychain unavailable: its native module did not load (${detail}); reinstall Switchboard for this Mac's processor, or ${ENV_HINT}`,
  );
}

export function createOsKeychain(
  service = KEYCHAIN_SERVICE,
  load: KeyringLoader = loadKeyring,
): Keychain {
  let module: Promise<KeyringModule> | undefined;
  // On Linux, only the Secret Service persists: the kernel keyring (the library's fallback) forgets
  // tokens at logout, which would lose them silently.
  const entry = async (account: string): Promise<AsyncEntry> => {
    module ??= load();
    let keyring: KeyringModule;
    try {
      keyring = await module;
    } catch (error) {
      throw notLoaded(error);
    }
    return new keyring.AsyncEntry(service, account, { linux: { store: 'secret-service' } });
  };
  const guarded = async <T>(account: string, use: (e: AsyncEntry) => Promise<T>): Promise<T> => {
    const found = await entry(account);
    try {
      return await use(found);
    } catch (error) {
      throw explain(error);
    }
  };
  return {
    get: (account) => guarded(account, (e) => e.getPassword()),
    set: (account, secret) => guarded(account, (e) => e.setPassword(secret)),
    delete: (account) => guarded(account, (e) => e.deleteCredential()),
  };
}
