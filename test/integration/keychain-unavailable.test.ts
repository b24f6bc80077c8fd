/**
 * The built CLI and hub with @napi-rs/keyring unable to load its binding (the state of an app
 * carrying the wrong CPU's module): napi-rs loads only NAPI_RS_NATIVE_LIBRARY_PATH when it is
 * set, so pointing it nowhere reproduces "Cannot find native binding" in the real module.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { tempDir } from '../support/paths';

const BROKEN = { NAPI_RS_NATIVE_LIBRARY_PATH: '/nonexistent/keyring.node' };

describe('a keychain module that cannot load', () => {
  it('leaves the CLI working and says the keychain is unavailable', async () => {
    const home = await tempDir();
    try {
      const status = await runCli(['secrets', 'status', '--json', '--home', home.dir], {
        ...BROKEN,
        SWITCHBOARD_TELEGRAM_TOKEN: '',
        SWITCHBOARD_DISCORD_TOKEN: '',
      });
      expect(status.stderr).toBe('');
      expect(status.code).toBe(0);
      expect(JSON.parse(status.stdout)).toEqual({
        telegram: 'keychain-unavailable',
        discord: 'keychain-unavailable',
      });
      const stored = await runCli(
        ['secrets', 'set', 'telegram', '--home', home.dir],
        BROKEN,
        '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ\n',
      );
      expect(stored.code).toBe(1);
      expect(stored.stderr).toContain(
        'keychain unavailable: its native module did not load (Cannot find native binding',
      );
    } finally {
      await home.cleanup();
    }
  });
});
