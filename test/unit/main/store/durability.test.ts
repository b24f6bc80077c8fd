import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../../src/main/store/store';
import { tempDir } from '../../../support/paths';

describe('store durability', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let store: Store;

  beforeEach(async () => {
    dir = await tempDir('sb-durable-');
    store = openStore(join(dir.dir, 'sb.db'), () => 0);
  });
  afterEach(async () => {
    store.close();
    await dir.cleanup();
  });

  // Platforms forget a message once told "received" (Telegram's offset, Discord's mark, the
  // iMessage cursor), and that happens right after our commit: the commit must survive a power
  // loss, which in WAL mode takes synchronous=FULL (NORMAL may lose the last transactions).
  it('commits with synchronous=FULL in WAL mode', () => {
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
  });
});
