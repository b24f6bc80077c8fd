/**
 * The keychain's native module is loaded on first use: a missing or wrong-CPU binding makes the
 * keychain "unavailable" — tokens still come from the environment, the hub still starts — instead
 * of killing the process at startup.
 */
import { describe, expect, it } from 'vitest';
import { createHub } from '../../../../src/main/app/hub';
import { createOsKeychain } from '../../../../src/main/secrets/keychain';
import {
  createSecretStore,
  KeychainUnavailableError,
} from '../../../../src/main/secrets/secret-store';
import { DIST, tempDir } from '../../../support/paths';

const missingBinding = () =>
  Promise.reject(
    new Error('Cannot find native binding. npm has a bug related to optional dependencies\n(more)'),
  );

describe('the OS keychain without its native module', () => {
  it('loads nothing until it is used, and loads once', async () => {
    let loads = 0;
    const keychain = createOsKeychain('Switchboard-test', () => {
      loads += 1;
      return missingBinding();
    });
    expect(loads).toBe(0);
    await expect(keychain.get('telegram')).rejects.toBeInstanceOf(KeychainUnavailableError);
    await expect(keychain.set('telegram', 'x')).rejects.toBeInstanceOf(KeychainUnavailableError);
    expect(loads).toBe(1);
  });

  it('says "keychain unavailable" with the reason on one line, and what to do', async () => {
    const keychain = createOsKeychain('Switchboard-test', missingBinding);
    await expect(keychain.get('telegram')).rejects.toThrow(
      /^keychain unavailable: its native module did not load \(Cannot find native binding\. npm has a bug related to optional dependencies\); reinstall Switchboard .*SWITCHBOARD_TELEGRAM_TOKEN/,
    );
  });

  it('still serves tokens from the environment and reports the keychain as unavailable', async () => {
    const store = createSecretStore(
      { SWITCHBOARD_TELEGRAM_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ' },
      createOsKeychain('Switchboard-test', missingBinding),
    );
    expect(await store.get('telegram')).toBe('123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(await store.source('telegram')).toBe('env');
    expect(await store.source('discord')).toBe('keychain-unavailable');
  });

  it('lets a hub start and show the keychain as unavailable', async () => {
    const home = await tempDir();
    const hub = await createHub({
      home: home.dir,
      rendererDir: `${DIST}/renderer`,
      env: {},
      keychain: createOsKeychain('Switchboard-test', missingBinding),
    });
    try {
      expect((await hub.ui.getState()).secrets).toEqual({
        telegram: 'keychain-unavailable',
        discord: 'keychain-unavailable',
      });
    } finally {
      await hub.stop();
      await home.cleanup();
    }
  });
});
