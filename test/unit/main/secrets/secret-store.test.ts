import { mkdir, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHub } from '../../../../src/main/app/hub';
import {
  createSecretStore,
  scrubSecretEnv,
  type Keychain,
} from '../../../../src/main/secrets/secret-store';
import { DIST, tempDir } from '../../../support/paths';

const TOKEN = '123456789:AAE_unit_test_token_from_the_environment';

function memoryKeychain(entries: Record<string, string> = {}): Keychain {
  const map = new Map(Object.entries(entries));
  return {
    get: (account) => Promise.resolve(map.get(account) ?? null),
    set: (account, secret) => Promise.resolve(void map.set(account, secret)),
    delete: (account) => Promise.resolve(map.delete(account)),
  };
}

describe('bot tokens from the environment', () => {
  it('are read once, keep working after the environment is scrubbed, and are known for leak checks', async () => {
    const env: Record<string, string | undefined> = {
      SWITCHBOARD_TELEGRAM_TOKEN: ` ${TOKEN} `,
      PATH: '/usr/bin',
    };
    const store = createSecretStore(env, memoryKeychain({ discord: 'd'.repeat(60) }));
    scrubSecretEnv(env);
    expect(env).toEqual({ PATH: '/usr/bin' });
    expect(await store.get('telegram')).toBe(TOKEN);
    expect(await store.source('telegram')).toBe('env');
    expect(store.known()).toEqual([TOKEN]);
    expect(await store.get('discord')).toBe('d'.repeat(60));
    expect(store.known()).toContain('d'.repeat(60));
  });

  describe('in a running hub', () => {
    let home: { dir: string; cleanup: () => Promise<void> };
    let saved: string | undefined;
    beforeEach(async () => {
      home = await tempDir('sb-env-scrub-');
      saved = process.env['SWITCHBOARD_TELEGRAM_TOKEN'];
    });
    afterEach(async () => {
      if (saved === undefined) delete process.env['SWITCHBOARD_TELEGRAM_TOKEN'];
      else process.env['SWITCHBOARD_TELEGRAM_TOKEN'] = saved;
      await home.cleanup();
    });

    it('removes the token from process.env once read (children never inherit it)', async () => {
      await mkdir(home.dir, { recursive: true, mode: 0o700 });
      // Paused: the hub reads the token but starts no Telegram connection.
      await writeFile(`${home.dir}/settings.json`, JSON.stringify({ paused: true }));
      process.env['SWITCHBOARD_TELEGRAM_TOKEN'] = TOKEN;
      const hub = await createHub({
        home: home.dir,
        rendererDir: `${DIST}/renderer`,
        keychain: memoryKeychain(),
      });
      try {
        expect(process.env['SWITCHBOARD_TELEGRAM_TOKEN']).toBeUndefined();
        expect((await hub.ui.getState()).secrets.telegram).toBe('env');
      } finally {
        await hub.stop();
      }
    });
  });
});
