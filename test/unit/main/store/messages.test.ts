import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewMessage, StoredMessage } from '../../../../src/main/store/messages';
import { openStore, type Store } from '../../../../src/main/store/store';
import { tempDir } from '../../../support/paths';

let counter = 0;
function inbound(overrides: Partial<NewMessage> = {}): NewMessage {
  counter += 1;
  return {
    platform: 'web',
    chatId: 'web:main',
    threadId: '',
    direction: 'in',
    externalId: `ext-${counter}`,
    senderId: 'owner',
    senderName: 'Ann',
    text: `message ${counter}`,
    meta: { chat_id: 'web:main' },
    attachments: [],
    state: 'received',
    session: null,
    replyTo: null,
    createdAt: 1_000 + counter,
    ...overrides,
  };
}

describe('MessageStore', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let store: Store;

  beforeEach(async () => {
    dir = await tempDir('sb-msg-');
    store = openStore(join(dir.dir, 'sb.db'), () => 0);
  });
  afterEach(async () => {
    store.close();
    await dir.cleanup();
  });

  const insert = (overrides: Partial<NewMessage> = {}): StoredMessage => {
    const stored = store.messages.insert(inbound(overrides));
    if (!stored) throw new Error('unexpected duplicate');
    return stored;
  };

  it('stores a message and gives it back with meta and attachments intact', () => {
    const stored = insert({
      meta: { chat_id: 'web:main', user: 'Ann' },
      attachments: [{ fileId: 'f1', name: 'a.png', mime: 'image/png', size: 3, path: '/i/a.png' }],
      replyTo: 'ext-0',
    });
    expect(stored.id).toBeGreaterThan(0);
    expect(store.messages.get(stored.id)).toEqual(stored);
    expect(stored).toMatchObject({
      meta: { chat_id: 'web:main', user: 'Ann' },
      attachments: [{ fileId: 'f1', name: 'a.png', mime: 'image/png', size: 3, path: '/i/a.png' }],
      reactions: [],
      state: 'received',
      replyTo: 'ext-0',
      deliveredAt: null,
      editedAt: null,
    });
  });

  it('returns undefined for a message the platform already gave us, and stores it once', () => {
    const first = insert({ externalId: 'dup' });
    expect(store.messages.insert(inbound({ externalId: 'dup', text: 'again' }))).toBeUndefined();
    const all = store.messages.history('web:main', 100);
    expect(all.map((m) => m.id)).toEqual([first.id]);
    expect(all[0]?.text).toBe(first.text);
  });

  it('treats the same external id in another chat, direction or platform as a different message', () => {
    insert({ externalId: 'same' });
    expect(
      store.messages.insert(inbound({ externalId: 'same', chatId: 'web:other' })),
    ).toBeDefined();
    expect(
      store.messages.insert(inbound({ externalId: 'same', direction: 'out', state: 'sent' })),
    ).toBeDefined();
    expect(
      store.messages.insert(inbound({ externalId: 'same', platform: 'telegram' })),
    ).toBeDefined();
  });

  it('finds a message by chat, direction and external id', () => {
    const stored = insert({ externalId: 'find-me' });
    expect(store.messages.byExternalId('web:main', 'in', 'find-me')?.id).toBe(stored.id);
    expect(store.messages.byExternalId('web:main', 'out', 'find-me')).toBeUndefined();
    expect(store.messages.get(9_999)).toBeUndefined();
  });

  it('lists only received messages as waiting, oldest first', () => {
    const a = insert();
    const b = insert({ chatId: 'web:other' });
    insert({ direction: 'out', state: 'sent' });
    const c = insert();
    store.messages.markDelivered(b.id, 'alpha', 5);
    expect(store.messages.waiting().map((m) => m.id)).toEqual([a.id, c.id]);
  });

  it('marks a received message delivered to a session, once', () => {
    const m = insert();
    expect(store.messages.markDelivered(m.id, 'alpha', 42)).toBe(true);
    expect(store.messages.get(m.id)).toMatchObject({
      state: 'delivered',
      session: 'alpha',
      deliveredAt: 42,
    });
    expect(store.messages.markDelivered(m.id, 'beta', 43)).toBe(false);
    expect(store.messages.get(m.id)).toMatchObject({ session: 'alpha', deliveredAt: 42 });
  });

  it('does not mark outbound or unknown messages delivered', () => {
    const out = insert({ direction: 'out', state: 'sent' });
    expect(store.messages.markDelivered(out.id, 'alpha', 1)).toBe(false);
    expect(store.messages.get(out.id)?.state).toBe('sent');
    expect(store.messages.markDelivered(12_345, 'alpha', 1)).toBe(false);
  });

  it("marks answered only that session's delivered inbound messages in that chat before the reply", () => {
    const mine = insert();
    const otherSession = insert();
    const otherChat = insert({ chatId: 'web:other' });
    const notDelivered = insert();
    const reply = insert({ direction: 'out', state: 'sent', session: 'alpha' });
    const after = insert();
    store.messages.markDelivered(mine.id, 'alpha', 1);
    store.messages.markDelivered(otherSession.id, 'beta', 1);
    store.messages.markDelivered(otherChat.id, 'alpha', 1);
    store.messages.markDelivered(after.id, 'alpha', 1);

    store.messages.markAnswered('web:main', 'alpha', reply.id);

    const state = (m: StoredMessage): string | undefined => store.messages.get(m.id)?.state;
    expect(state(mine)).toBe('answered');
    expect(state(otherSession)).toBe('delivered');
    expect(state(otherChat)).toBe('delivered');
    expect(state(notDelivered)).toBe('received');
    expect(state(reply)).toBe('sent');
    expect(state(after)).toBe('delivered');
  });

  it('gives the most recent history oldest first', () => {
    const ids = Array.from({ length: 5 }, () => insert().id);
    insert({ chatId: 'web:other' });
    expect(store.messages.history('web:main', 3).map((m) => m.id)).toEqual(ids.slice(2));
    expect(store.messages.history('web:main', 100).map((m) => m.id)).toEqual(ids);
  });

  it('gives history before a message, oldest first', () => {
    const ids = Array.from({ length: 6 }, () => insert().id);
    expect(store.messages.history('web:main', 2, ids[4])).toEqual(
      [ids[2], ids[3]].map((id) => store.messages.get(id!)),
    );
    expect(store.messages.history('web:main', 10, ids[0])).toEqual([]);
  });

  it('updates text, reactions and meta in place', () => {
    const m = insert();
    store.messages.updateText(m.id, 'edited', 77);
    store.messages.setReactions(m.id, [{ emoji: '👍', by: 'alpha' }]);
    store.messages.setMeta(m.id, { chat_id: 'web:main', edited: 'yes' });
    expect(store.messages.get(m.id)).toMatchObject({
      text: 'edited',
      editedAt: 77,
      reactions: [{ emoji: '👍', by: 'alpha' }],
      meta: { chat_id: 'web:main', edited: 'yes' },
    });
  });
});
