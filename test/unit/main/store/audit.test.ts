import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../../src/main/store/store';
import { tempDir } from '../../../support/paths';

describe('AuditLog', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let store: Store;
  let clock = 1_000;

  beforeEach(async () => {
    dir = await tempDir('sb-audit-');
    store = openStore(join(dir.dir, 'sb.db'), () => clock);
  });
  afterEach(async () => {
    store.close();
    await dir.cleanup();
  });

  it('stamps each entry with the store clock and keeps its detail', () => {
    clock = 5_000;
    store.audit.write({ kind: 'pairing', actor: 'owner', subject: 'tg:1', detail: { code: 'x' } });
    expect(store.audit.recent()).toEqual([
      { ts: 5_000, kind: 'pairing', actor: 'owner', subject: 'tg:1', detail: { code: 'x' } },
    ]);
  });

  it('stores an empty detail when none is given', () => {
    store.audit.write({ kind: 'k', actor: 'a', subject: 's' });
    expect(store.audit.recent()[0]?.detail).toEqual({});
  });

  it('lists the newest entries first, up to the limit', () => {
    for (const subject of ['one', 'two', 'three']) {
      clock += 1;
      store.audit.write({ kind: 'k', actor: 'a', subject });
    }
    expect(store.audit.recent().map((e) => e.subject)).toEqual(['three', 'two', 'one']);
    expect(store.audit.recent(2).map((e) => e.subject)).toEqual(['three', 'two']);
  });
});
