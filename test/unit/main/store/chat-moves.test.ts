import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moveChat } from '../../../../src/main/store/chat-moves';
import type { NewMessage } from '../../../../src/main/store/messages';
import { openStore, type Store } from '../../../../src/main/store/store';
import { tempDir } from '../../../support/paths';

const message = (chatId: string, externalId: string, text: string): NewMessage => ({
  platform: 'telegram',
  chatId,
  threadId: '',
  direction: 'in',
  externalId,
  senderId: '4001',
  senderName: 'Ann',
  text,
  meta: {},
  attachments: [],
  state: 'delivered',
  session: 'work',
  replyTo: null,
  createdAt: 1,
});

describe('moving a chat to a new id', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let store: Store;
  beforeEach(async () => {
    dir = await tempDir('sb-move-');
    store = openStore(join(dir.dir, 'sb.db'), () => 0);
  });
  afterEach(async () => {
    store.close();
    await dir.cleanup();
  });

  it('moves binding and history, and the new chat’s own message 1 is never a duplicate of the old one', () => {
    const chat = {
      platform: 'telegram' as const,
      kind: 'group' as const,
      title: 'Team',
      threadId: '',
    };
    store.chats.touch({ ...chat, chatId: 'tg:-4123' }, 1);
    store.chats.bind('tg:-4123', '', 'work');
    store.messages.insert(message('tg:-4123', '1', 'old one'));
    store.messages.insert(message('tg:-4123', '2', 'old two'));
    // The supergroup already spoke (its service message came first) and has no binding yet.
    store.chats.touch({ ...chat, chatId: 'tg:-1004123', title: '' }, 2);

    const moved = moveChat(store.db, 'tg:-4123', 'tg:-1004123');
    expect(moved).toEqual({
      from: 'tg:-4123',
      to: 'tg:-1004123',
      messages: 2,
      boundSession: 'work',
    });
    expect(store.chats.get('tg:-4123')).toBeUndefined();
    expect(store.chats.get('tg:-1004123')).toMatchObject({ boundSession: 'work', title: 'Team' });
    expect(store.messages.insert(message('tg:-1004123', '1', 'new one'))).toBeDefined();
    expect(
      store.messages.history('tg:-1004123', 10).map((m) => `${m.externalId} ${m.text}`),
    ).toEqual(['1@tg:-4123 old one', '2@tg:-4123 old two', '1 new one']);
  });
});
