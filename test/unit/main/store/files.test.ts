import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../../src/main/store/store';
import { tempDir } from '../../../support/paths';

describe('FileStore', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let store: Store;

  beforeEach(async () => {
    dir = await tempDir('sb-files-');
    store = openStore(join(dir.dir, 'sb.db'), () => 0);
  });
  afterEach(async () => {
    store.close();
    await dir.cleanup();
  });

  const file = {
    id: 'f1',
    path: '/home/inbox/a.png',
    name: 'a.png',
    mime: 'image/png',
    size: 123,
    chatId: 'web:main',
    createdAt: 9,
  };

  it('gives back a file it stored', () => {
    store.files.add(file);
    expect(store.files.get('f1')).toEqual(file);
  });

  it('returns undefined for an unknown id', () => {
    expect(store.files.get('nope')).toBeUndefined();
  });

  it('refuses a second file with the same id', () => {
    store.files.add(file);
    expect(() => store.files.add({ ...file, path: '/elsewhere' })).toThrow(/UNIQUE/);
    expect(store.files.get('f1')?.path).toBe('/home/inbox/a.png');
  });
});
