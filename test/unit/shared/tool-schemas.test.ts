import { describe, expect, it } from 'vitest';
import {
  MAX_FILES_PER_REPLY,
  MAX_REPLY_CHARS,
  TOOL_NAMES,
  downloadAttachmentArgs,
  editMessageArgs,
  fetchMessagesArgs,
  reactArgs,
  replyArgs,
  toolArgSchemas,
} from '../../../src/shared/tool-schemas';

describe('reply arguments', () => {
  it('accepts a plain reply', () => {
    expect(replyArgs.parse({ chat_id: 'web:main', text: 'hi' })).toEqual({
      chat_id: 'web:main',
      text: 'hi',
    });
  });

  it('accepts up to ten files and rejects the eleventh', () => {
    const files = (n: number): string[] => Array.from({ length: n }, (_, i) => `/tmp/f${i}.png`);
    expect(MAX_FILES_PER_REPLY).toBe(10);
    expect(replyArgs.safeParse({ chat_id: 'web:main', text: '', files: files(10) }).success).toBe(
      true,
    );
    expect(replyArgs.safeParse({ chat_id: 'web:main', text: '', files: files(11) }).success).toBe(
      false,
    );
  });

  it('rejects an empty file path', () => {
    expect(replyArgs.safeParse({ chat_id: 'web:main', text: 'x', files: [''] }).success).toBe(
      false,
    );
  });

  it('caps the text at 64 Ki characters', () => {
    expect(
      replyArgs.safeParse({ chat_id: 'web:main', text: 'a'.repeat(MAX_REPLY_CHARS) }).success,
    ).toBe(true);
    expect(
      replyArgs.safeParse({ chat_id: 'web:main', text: 'a'.repeat(MAX_REPLY_CHARS + 1) }).success,
    ).toBe(false);
  });

  it('requires a chat id', () => {
    expect(replyArgs.safeParse({ text: 'hi' }).success).toBe(false);
    expect(replyArgs.safeParse({ chat_id: '', text: 'hi' }).success).toBe(false);
  });

  it('accepts only the known formats', () => {
    expect(replyArgs.safeParse({ chat_id: 'tg:1', text: 'x', format: 'markdownv2' }).success).toBe(
      true,
    );
    expect(replyArgs.safeParse({ chat_id: 'tg:1', text: 'x', format: 'html' }).success).toBe(false);
  });
});

describe('react and edit_message arguments', () => {
  it('requires a non-empty emoji of bounded length', () => {
    expect(
      reactArgs.safeParse({ chat_id: 'web:main', message_id: 'm1', emoji: '👍' }).success,
    ).toBe(true);
    expect(reactArgs.safeParse({ chat_id: 'web:main', message_id: 'm1', emoji: '' }).success).toBe(
      false,
    );
    expect(
      reactArgs.safeParse({ chat_id: 'web:main', message_id: 'm1', emoji: 'x'.repeat(65) }).success,
    ).toBe(false);
  });

  it('refuses to edit a message to empty text', () => {
    expect(
      editMessageArgs.safeParse({ chat_id: 'web:main', message_id: 'm1', text: '' }).success,
    ).toBe(false);
  });
});

describe('fetch_messages arguments', () => {
  it('accepts limits from 1 to 100 and no limit at all', () => {
    for (const limit of [1, 20, 100]) {
      expect(
        fetchMessagesArgs.safeParse({ chat_id: 'web:main', limit }).success,
        String(limit),
      ).toBe(true);
    }
    expect(fetchMessagesArgs.safeParse({ chat_id: 'web:main' }).success).toBe(true);
  });

  it('rejects limits out of bounds or fractional', () => {
    for (const limit of [0, -1, 101, 2.5]) {
      expect(
        fetchMessagesArgs.safeParse({ chat_id: 'web:main', limit }).success,
        String(limit),
      ).toBe(false);
    }
    expect(fetchMessagesArgs.safeParse({ chat_id: 'web:main', limit: '10' }).success).toBe(false);
  });
});

describe('download_attachment arguments', () => {
  it('accepts a message id or a file id', () => {
    expect(downloadAttachmentArgs.safeParse({ chat_id: 'tg:1', message_id: '5' }).success).toBe(
      true,
    );
    expect(downloadAttachmentArgs.safeParse({ chat_id: 'tg:1', file_id: 'AgAD' }).success).toBe(
      true,
    );
  });

  it('requires a message id or a file id', () => {
    const result = downloadAttachmentArgs.safeParse({ chat_id: 'tg:1' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('give message_id or file_id');
  });
});

describe('toolArgSchemas', () => {
  it('has a schema for every tool name and nothing else', () => {
    expect(Object.keys(toolArgSchemas).sort()).toEqual([...TOOL_NAMES].sort());
  });
});
