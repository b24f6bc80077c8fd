import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../../src/main/store/store';
import { tempDir } from '../../../support/paths';

describe('ChatStore', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let store: Store;

  beforeEach(async () => {
    dir = await tempDir('sb-chats-');
    store = openStore(join(dir.dir, 'sb.db'), () => 0);
  });
  afterEach(async () => {
    store.close();
    await dir.cleanup();
  });

  const web = (title = 'Main') =>
    ({ chatId: 'web:main', threadId: '', platform: 'web', kind: 'dm', title }) as const;

  it('creates a chat on first touch', () => {
    expect(store.chats.touch(web(), 100)).toEqual({
      chatId: 'web:main',
      threadId: '',
      platform: 'web',
      kind: 'dm',
      groupId: null,
      title: 'Main',
      boundSession: null,
      createdAt: 100,
      lastMessageAt: 100,
    });
  });

  it('moves last-message time on a later touch but keeps the creation time', () => {
    store.chats.touch(web(), 100);
    expect(store.chats.touch(web(), 200)).toMatchObject({ createdAt: 100, lastMessageAt: 200 });
  });

  it('keeps the title when touched with an empty one, and takes a new non-empty one', () => {
    store.chats.touch(web('Main'), 1);
    expect(store.chats.touch(web(''), 2).title).toBe('Main');
    expect(store.chats.touch(web('Renamed'), 3).title).toBe('Renamed');
  });

  it('binds a chat to a session and unbinds it', () => {
    store.chats.touch(web(), 1);
    store.chats.bind('web:main', '', 'alpha');
    expect(store.chats.get('web:main')?.boundSession).toBe('alpha');
    store.chats.bind('web:main', '', null);
    expect(store.chats.get('web:main')?.boundSession).toBeNull();
  });

  it('keeps a binding when the chat is touched again', () => {
    store.chats.touch(web(), 1);
    store.chats.bind('web:main', '', 'alpha');
    expect(store.chats.touch(web(), 2).boundSession).toBe('alpha');
  });

  it('keeps threads of one chat apart', () => {
    store.chats.touch({ ...web(), chatId: 'tg:1', platform: 'telegram', kind: 'group' }, 1);
    store.chats.touch(
      { chatId: 'tg:1', threadId: '7', platform: 'telegram', kind: 'thread', title: 'Topic' },
      2,
    );
    store.chats.bind('tg:1', '7', 'beta');
    expect(store.chats.get('tg:1')?.boundSession).toBeNull();
    expect(store.chats.get('tg:1', '7')?.boundSession).toBe('beta');
  });

  it('returns undefined for a chat it has never seen', () => {
    expect(store.chats.get('web:nope')).toBeUndefined();
  });

  it("lists a platform's chats, most recently active first", () => {
    store.chats.touch({ ...web(), chatId: 'web:a' }, 10);
    store.chats.touch({ ...web(), chatId: 'web:b' }, 30);
    store.chats.touch({ ...web(), chatId: 'web:c' }, 20);
    store.chats.touch(
      { chatId: 'tg:1', threadId: '', platform: 'telegram', kind: 'dm', title: '' },
      40,
    );
    expect(store.chats.listByPlatform('web').map((c) => c.chatId)).toEqual([
      'web:b',
      'web:c',
      'web:a',
    ]);
    expect(store.chats.listByPlatform('discord')).toEqual([]);
  });
});
