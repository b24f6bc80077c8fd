import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../../src/main/store/store';
import { tempDir } from '../../../support/paths';

describe('SessionStore', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let store: Store;

  beforeEach(async () => {
    dir = await tempDir('sb-sess-');
    store = openStore(join(dir.dir, 'sb.db'), () => 0);
  });
  afterEach(async () => {
    store.close();
    await dir.cleanup();
  });

  const attach = (id: string, at: number, name = id) =>
    store.sessions.attached({ id, name, cwd: `/w/${id}`, pid: 100, attachedAt: at });

  it('records an attached session', () => {
    attach('s1', 10, 'alpha');
    expect(store.sessions.recent()).toEqual([
      {
        id: 's1',
        name: 'alpha',
        cwd: '/w/s1',
        pid: 100,
        attachedAt: 10,
        detachedAt: null,
        lastSeenAt: 10,
      },
    ]);
  });

  it('records a detach time', () => {
    attach('s1', 10);
    store.sessions.detached('s1', 25);
    expect(store.sessions.recent()[0]).toMatchObject({ detachedAt: 25, lastSeenAt: 25 });
  });

  it('clears the detach time when the same session attaches again', () => {
    attach('s1', 10, 'alpha');
    store.sessions.detached('s1', 20);
    attach('s1', 30, 'alpha-2');
    expect(store.sessions.recent()).toEqual([
      expect.objectContaining({
        id: 's1',
        name: 'alpha-2',
        attachedAt: 30,
        detachedAt: null,
        lastSeenAt: 30,
      }),
    ]);
  });

  it('detaches every attached session at start, leaving earlier detach times alone', () => {
    attach('s1', 10);
    attach('s2', 11);
    store.sessions.detached('s1', 15);
    store.sessions.detachAll(99);
    const byId = new Map(store.sessions.recent().map((s) => [s.id, s]));
    expect(byId.get('s1')?.detachedAt).toBe(15);
    expect(byId.get('s2')?.detachedAt).toBe(99);
  });

  it('lists the most recently seen sessions first, up to the limit', () => {
    attach('old', 10);
    attach('new', 30);
    attach('mid', 20);
    expect(store.sessions.recent().map((s) => s.id)).toEqual(['new', 'mid', 'old']);
    expect(store.sessions.recent(2).map((s) => s.id)).toEqual(['new', 'mid']);
  });
});
