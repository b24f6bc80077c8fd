/**
 * The real macOS Keychain through @napi-rs/keyring, as the app uses it (src/main/secrets/keychain.ts),
 * under a throwaway service name: stored, read back byte for byte, replaced, removed — never the
 * user's "Switchboard" items.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createOsKeychain } from '../../src/main/secrets/keychain';
import { macosOnly } from './macos-only';

const skip = macosOnly('the macOS Keychain');
const service = `Switchboard Test ${randomUUID()}`;

describe.skipIf(skip !== undefined)('the macOS Keychain', () => {
  const keychain = createOsKeychain(service);
  afterAll(async () => {
    await keychain.delete('telegram').catch(() => false);
  });

  it('finds nothing under a new service', async () => {
    expect(await keychain.get('telegram')).toBeNull();
    expect(await keychain.delete('telegram')).toBe(false);
  });

  it('stores a token, reads it back exactly, replaces it and removes it', async () => {
    const token = '123456789:AAH-éè_ünïcødé-😀-"quotes"\\';
    await keychain.set('telegram', token);
    expect(await keychain.get('telegram')).toBe(token);
    await keychain.set('telegram', '987654321:replaced');
    expect(await keychain.get('telegram')).toBe('987654321:replaced');
    expect(await keychain.delete('telegram')).toBe(true);
    expect(await keychain.get('telegram')).toBeNull();
  });

  it('keeps services apart', async () => {
    const other = createOsKeychain(`${service} other`);
    await keychain.set('telegram', '1:first');
    expect(await other.get('telegram')).toBeNull();
    await keychain.delete('telegram');
  });
});
