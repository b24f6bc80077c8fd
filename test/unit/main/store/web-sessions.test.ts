import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../../src/main/store/store';
import { tempDir } from '../../../support/paths';

describe('WebSessionStore', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let store: Store;
  beforeEach(async () => {
    dir = await tempDir('sb-websess-');
    store = openStore(join(dir.dir, 'sb.db'), () => 0);
  });
  afterEach(async () => {
    store.close();
    await dir.cleanup();
  });

  it('hands out a secret and a cookie once and stores neither', () => {
    const session = store.webSessions.create('Chromium', 1_000);
    expect(session.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.cookie).not.toBe(session.secret);
    const dump = JSON.stringify(store.db.prepare('SELECT * FROM web_sessions').all());
    expect(dump).not.toContain(session.secret);
    expect(dump).not.toContain(session.cookie);
    expect(store.webSessions.bySecret(session.secret, 1_000)?.id).toBe(session.id);
    expect(store.webSessions.byCookie(session.cookie, 1_000)?.id).toBe(session.id);
  });

  it('does not take a cookie for a secret or a secret for a cookie', () => {
    const session = store.webSessions.create('x', 0);
    expect(store.webSessions.bySecret(session.cookie, 0)).toBeUndefined();
    expect(store.webSessions.byCookie(session.secret, 0)).toBeUndefined();
  });

  it('revokes one session or all of them', () => {
    const a = store.webSessions.create('a', 0);
    const b = store.webSessions.create('b', 0);
    expect(store.webSessions.revoke(a.id)).toBe(true);
    expect(store.webSessions.bySecret(a.secret, 0)).toBeUndefined();
    expect(store.webSessions.bySecret(b.secret, 0)).toBeDefined();
    expect(store.webSessions.revokeAll()).toBe(1);
    expect(store.webSessions.byCookie(b.cookie, 0)).toBeUndefined();
  });

  it('records use at most every ten minutes and prunes sessions unused for long', () => {
    const session = store.webSessions.create('a', 0);
    store.webSessions.bySecret(session.secret, 60_000);
    expect(store.webSessions.list()[0]?.lastUsedAt).toBe(0);
    store.webSessions.bySecret(session.secret, 600_000);
    expect(store.webSessions.list()[0]?.lastUsedAt).toBe(600_000);
    expect(store.webSessions.prune(600_000)).toBe(0);
    expect(store.webSessions.prune(600_001)).toBe(1);
    expect(store.webSessions.list()).toEqual([]);
  });
});
