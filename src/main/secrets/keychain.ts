/**
 * The OS keychain through @napi-rs/keyring: the macOS Keychain, the Secret Service on Linux
 * (GNOME Keyring, KWallet), the Credential Manager on Windows.
 */
import { AsyncEntry } from '@napi-rs/keyring';
import { KEYCHAIN_SERVICE, KeychainUnavailableError, type Keychain } from './secret-store';

function explain(error: unknown): KeychainUnavailableError {
  const detail = error instanceof Error ? error.message : String(error);
  return new KeychainUnavailableError(
    `the OS keychain is not available (${detail}); on a machine without one, set the token in an environment variable instead (SWITCHBOARD_TELEGRAM_TOKEN / SWITCHBOARD_DISCORD_TOKEN)`,
  );
}

export function createOsKeychain(service = KEYCHAIN_SERVICE): Keychain {
  // On Linux, only the Secret Service persists: the kernel keyring (the library's fallback) forgets
  // tokens at logout, which would lose them silently.
  const entry = (account: string): AsyncEntry =>
    new AsyncEntry(service, account, { linux: { store: 'secret-service' } });
  return {
    async get(account) {
      try {
        return await entry(account).getPassword();
      } catch (error) {
        throw explain(error);
      }
    },
    async set(account, secret) {
      try {
        await entry(account).setPassword(secret);
      } catch (error) {
        throw explain(error);
      }
    },
    async delete(account) {
      try {
        return await entry(account).deleteCredential();
      } catch (error) {
        throw explain(error);
      }
    },
  };
}
