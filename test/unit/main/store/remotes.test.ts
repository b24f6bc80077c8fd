import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../src/main/store/db';
import { RemoteStore } from '../../../../src/main/store/remotes';
import { tempDir } from '../../../support/paths';

const verifier = (keyId: string) => ({
  keyId,
  storedKey: 'a'.repeat(64),
  serverKey: 'b'.repeat(64),
});

describe('RemoteStore', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let db: Db;
  let store: RemoteStore;
  beforeEach(async () => {
    dir = await tempDir('sb-remotes-');
    db = openDatabase(join(dir.dir, 'a.db'));
    store = new RemoteStore(db);
  });
  afterEach(async () => {
    db.close();
    await dir.cleanup();
  });

  it('adds a remote once and keeps only its verifier', () => {
    expect(store.add('box', verifier('00000001'), 1)).toBe(true);
    expect(store.add('box', verifier('00000002'), 2)).toBe(false);
    expect(store.get('box')).toMatchObject({
      name: 'box',
      verifier: verifier('00000001'),
      createdAt: 1,
      rotatedAt: null,
      host: null,
      sshOptions: [],
      keepConnected: false,
    });
    const columns = db.prepare<[], { name: string }>('PRAGMA table_info(remotes)').all();
    expect(columns.map((c) => c.name)).not.toContain('secret');
  });

  it('rotates, links and removes', () => {
    store.add('box', verifier('00000001'), 1);
    expect(store.rotate('box', verifier('00000002'), 5)).toBe(true);
    expect(store.rotate('nope', verifier('00000002'), 5)).toBe(false);
    store.setLink('box', { host: 'ann@box', sshOptions: ['Port=2222'], keepConnected: true });
    store.setRemoteSocket('box', '/home/ann/.switchboard/hub.sock');
    store.seen('box', 9);
    expect(store.get('box')).toMatchObject({
      verifier: verifier('00000002'),
      rotatedAt: 5,
      host: 'ann@box',
      sshOptions: ['Port=2222'],
      keepConnected: true,
      remoteSocket: '/home/ann/.switchboard/hub.sock',
      lastSeenAt: 9,
    });
    store.setKeepConnected('box', false);
    expect(store.get('box')?.keepConnected).toBe(false);
    expect(store.list().map((r) => r.name)).toEqual(['box']);
    expect(store.remove('box')).toBe(true);
    expect(store.remove('box')).toBe(false);
    expect(store.get('box')).toBeUndefined();
  });
});
