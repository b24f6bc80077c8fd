import type { Message, UserFromGetMe } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import {
  mentionsBot,
  telegramChatId,
  toInbound,
} from '../../../../../src/main/adapters/telegram/inbound';

const bot = { id: 42, is_bot: true, first_name: 'Bot', username: 'my_bot' } as UserFromGetMe;
const from = { id: 7, is_bot: false, first_name: 'Ann', last_name: 'Lee', username: 'ann' };
const msg = (extra: Partial<Message>): Message => ({
  message_id: 1,
  date: 1_700_000_000,
  chat: { id: 7, type: 'private', first_name: 'Ann' },
  from,
  text: 'hi',
  ...extra,
});
const group = { id: -100, type: 'supergroup', title: 'Team' } as Message['chat'];

describe('Telegram inbound', () => {
  it('turns a private message into a DM with the sender’s name and ids', () => {
    expect(toInbound(msg({}), bot)).toMatchObject({
      platform: 'telegram',
      chatId: 'tg:7',
      chatKind: 'dm',
      senderId: '7',
      senderName: 'Ann Lee',
      externalId: '1',
      text: 'hi',
      at: 1_700_000_000_000,
      extraMeta: { username: 'ann' },
    });
  });

  it('drops channel posts, the bot’s own messages and empty service messages', () => {
    expect(
      toInbound(msg({ chat: { id: -5, type: 'channel', title: 'News' } as never }), bot),
    ).toBeUndefined();
    expect(toInbound(msg({ from: { ...bot } }), bot)).toBeUndefined();
    expect(toInbound(msg({ text: undefined }), bot)).toBeUndefined();
  });

  it('recognises a mention by @username (any case), a text mention, a command to the bot, and a reply to it', () => {
    expect(
      mentionsBot(
        msg({
          chat: group,
          text: 'hey @My_Bot',
          entities: [{ type: 'mention', offset: 4, length: 7 }],
        }),
        bot,
      ),
    ).toBe(true);
    expect(
      mentionsBot(
        msg({
          chat: group,
          text: 'hey @other',
          entities: [{ type: 'mention', offset: 4, length: 6 }],
        }),
        bot,
      ),
    ).toBe(false);
    expect(
      mentionsBot(
        msg({
          chat: group,
          text: 'hey Bot',
          entities: [{ type: 'text_mention', offset: 4, length: 3, user: bot }],
        }),
        bot,
      ),
    ).toBe(true);
    expect(
      mentionsBot(
        msg({
          chat: group,
          text: '/status@my_bot',
          entities: [{ type: 'bot_command', offset: 0, length: 14 }],
        }),
        bot,
      ),
    ).toBe(true);
    expect(
      mentionsBot(
        msg({ chat: group, text: 'right', reply_to_message: msg({ from: bot }) as never }),
        bot,
      ),
    ).toBe(true);
    expect(mentionsBot(msg({ chat: group, text: 'plain' }), bot)).toBe(false);
  });

  it('gives forum topic messages a thread id and takes captions as text', () => {
    const inbound = toInbound(
      msg({
        chat: group,
        text: undefined,
        caption: 'see this',
        is_topic_message: true,
        message_thread_id: 9,
      }),
      bot,
    );
    expect(inbound).toMatchObject({
      chatId: 'tg:-100',
      threadId: '9',
      chatKind: 'group',
      text: 'see this',
    });
  });

  it('lists the largest photo and other media as attachments with kinds and types', () => {
    const inbound = toInbound(
      msg({
        text: undefined,
        photo: [
          { file_id: 'small', file_unique_id: 's', width: 90, height: 90, file_size: 100 },
          { file_id: 'large', file_unique_id: 'l', width: 1280, height: 960, file_size: 9000 },
        ],
        voice: { file_id: 'v', file_unique_id: 'v', duration: 3 },
      }),
      bot,
    );
    expect(inbound?.attachments).toEqual([
      expect.objectContaining({ fileId: 'large', kind: 'photo', mime: 'image/jpeg', size: 9000 }),
      expect.objectContaining({ fileId: 'v', kind: 'voice', mime: 'audio/ogg' }),
    ]);
  });

  it('maps chat ids both ways and refuses foreign ones', () => {
    expect(telegramChatId('tg:-100123')).toBe(-100123);
    expect(() => telegramChatId('dc:1')).toThrow();
    expect(() => telegramChatId('tg:abc')).toThrow();
  });
});
