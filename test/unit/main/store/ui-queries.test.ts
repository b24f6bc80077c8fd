/**
 * The dashboard's read queries on a real SQLite file: unread counts that skip the owner's own web
 * chat lines and hub notices and only move forward, queued messages per bound session (threads
 * inheriting their group's binding), per-thread histories, and when sessions last received and
 * replied.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewMessage } from '../../../../src/main/store/messages';
import { openStore, type Store } from '../../../../src/main/store/store';
import { conversationKey, UiQueries } from '../../../../src/main/store/ui-queries';
import { tempDir } from '../../../support/paths';

let counter = 0;
function message(overrides: Partial<NewMessage>): NewMessage {
  counter += 1;
  return {
    platform: 'telegram',
    chatId: 'tg:1',
    threadId: '',
    direction: 'in',
    externalId: `ext-${counter}`,
    senderId: '1',
    senderName: 'Grace',
    text: `message ${counter}`,
    meta: {},
    attachments: [],
    state: 'received',
    session: null,
    replyTo: null,
    createdAt: 1_000 + counter,
    ...overrides,
  };
}

describe('UiQueries', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let store: Store;
  let queries: UiQueries;

  beforeEach(async () => {
    dir = await tempDir('sb-uiq-');
    store = openStore(join(dir.dir, 'sb.db'), () => 0);
    queries = new UiQueries(store.db);
  });
  afterEach(async () => {
    store.close();
    await dir.cleanup();
  });

  it('counts unread, queued and awaiting per conversation, skipping the owner’s own web lines', () => {
    store.messages.insert(message({}));
    const delivered = store.messages.insert(message({}))!;
    store.messages.markDelivered(delivered.id, 'work', 5_000);
    store.messages.insert(message({ direction: 'out', senderId: 'switchboard', state: 'sent' }));
    store.messages.insert(message({ platform: 'web', chatId: 'web:main', senderId: 'owner' }));
    store.messages.insert(
      message({
        platform: 'web',
        chatId: 'web:main',
        direction: 'out',
        senderId: 'claude',
        state: 'sent',
      }),
    );
    const counts = queries.counts();
    expect(counts.get(conversationKey('tg:1', ''))).toMatchObject({
      unread: 2,
      queued: 1,
      awaitingReply: 1,
    });
    expect(counts.get(conversationKey('web:main', ''))).toMatchObject({ unread: 1, queued: 1 });
  });

  it('marks a conversation read up to a message, and never backwards', () => {
    const first = store.messages.insert(message({}))!;
    const second = store.messages.insert(message({}))!;
    queries.markRead('tg:1', '', second.id, 1);
    expect(queries.counts().get(conversationKey('tg:1', ''))?.unread).toBe(0);
    queries.markRead('tg:1', '', first.id, 2);
    expect(queries.counts().get(conversationKey('tg:1', ''))?.unread).toBe(0);
    store.messages.insert(message({}));
    expect(queries.counts().get(conversationKey('tg:1', ''))?.unread).toBe(1);
  });

  it('reads “everything so far”, not messages that arrive later', () => {
    store.messages.insert(message({}));
    queries.markRead('tg:1', '', Number.MAX_SAFE_INTEGER, 1);
    store.messages.insert(message({}));
    expect(queries.counts().get(conversationKey('tg:1', ''))?.unread).toBe(1);
  });

  it('keeps threads apart in histories and pages backwards', () => {
    const ids = [1, 2, 3].map(
      () => store.messages.insert(message({ chatId: 'tg:-100', threadId: '7' }))!.id,
    );
    store.messages.insert(message({ chatId: 'tg:-100', threadId: '' }));
    expect(queries.historyIds('tg:-100', '7', 10)).toEqual(ids);
    expect(queries.historyIds('tg:-100', '7', 2)).toEqual(ids.slice(1));
    expect(queries.historyIds('tg:-100', '7', 10, ids[2])).toEqual(ids.slice(0, 2));
  });

  it('counts queued messages for the session a chat — or its thread’s group — is bound to', () => {
    const at = 1;
    store.chats.touch(
      { chatId: 'tg:-100', threadId: '', platform: 'telegram', kind: 'group', title: 'Team' },
      at,
    );
    store.chats.touch(
      { chatId: 'tg:-100', threadId: '7', platform: 'telegram', kind: 'thread', title: '' },
      at,
    );
    store.chats.touch(
      { chatId: 'tg:2', threadId: '', platform: 'telegram', kind: 'dm', title: '' },
      at,
    );
    store.chats.bind('tg:-100', '', 'work');
    store.chats.bind('tg:2', '', 'play');
    store.messages.insert(message({ chatId: 'tg:-100', threadId: '7' }));
    store.messages.insert(message({ chatId: 'tg:-100' }));
    store.messages.insert(message({ chatId: 'tg:2' }));
    store.messages.insert(message({ chatId: 'tg:3' }));
    expect(queries.queuedBySession()).toEqual(
      new Map([
        ['work', 2],
        ['play', 1],
      ]),
    );
  });

  it('knows when each session last received a message and last replied', () => {
    const m = store.messages.insert(message({}))!;
    store.messages.markDelivered(m.id, 'work', 7_000);
    store.messages.insert(
      message({
        direction: 'out',
        senderId: 'claude',
        state: 'sent',
        session: 'work',
        createdAt: 8_000,
      }),
    );
    expect(queries.sessionActivity().get('work')).toEqual({
      lastReceivedAt: 7_000,
      lastRepliedAt: 8_000,
    });
    expect(queries.platformMessageDelivered()).toBe(true);
  });

  it('says no platform message reached Claude when only the web chat did', () => {
    const m = store.messages.insert(message({ platform: 'web', chatId: 'web:main' }))!;
    store.messages.markDelivered(m.id, 'work', 7_000);
    expect(queries.platformMessageDelivered()).toBe(false);
  });
});
