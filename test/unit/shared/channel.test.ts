import { describe, expect, it } from 'vitest';
import {
  CHAT_ID_PREFIX,
  PLATFORMS,
  REQUEST_ID_PATTERN,
  channelEventSchema,
  channelMetaSchema,
  parseTypedVerdict,
  permissionRequestSchema,
  permissionVerdictSchema,
  platformOfChat,
} from '../../../src/shared/channel';

describe('parseTypedVerdict', () => {
  it.each([
    ['yes abcde', 'allow'],
    ['y abcde', 'allow'],
    ['no abcde', 'deny'],
    ['n abcde', 'deny'],
    ['YES abcde', 'allow'],
    ['Yes abcde', 'allow'],
    ['N abcde', 'deny'],
    ['No abcde', 'deny'],
  ] as const)('reads %j as %s', (text, behavior) => {
    expect(parseTypedVerdict(text)).toEqual({ request_id: 'abcde', behavior });
  });

  it('tolerates surrounding whitespace and several spaces between the words', () => {
    expect(parseTypedVerdict('  yes   abcde \n')).toEqual({
      request_id: 'abcde',
      behavior: 'allow',
    });
    expect(parseTypedVerdict('\tn\tqwxyz\t')).toEqual({ request_id: 'qwxyz', behavior: 'deny' });
  });

  it('lower-cases an id typed in capitals', () => {
    expect(parseTypedVerdict('yes ABCDE')).toEqual({ request_id: 'abcde', behavior: 'allow' });
  });

  it('rejects ids containing l, in either case', () => {
    expect(parseTypedVerdict('yes abcdl')).toBeUndefined();
    expect(parseTypedVerdict('yes abcdL')).toBeUndefined();
  });

  it('rejects ids of the wrong length', () => {
    expect(parseTypedVerdict('yes abcd')).toBeUndefined();
    expect(parseTypedVerdict('yes abcdef')).toBeUndefined();
  });

  it('rejects ids with digits or punctuation', () => {
    expect(parseTypedVerdict('yes abc1e')).toBeUndefined();
    expect(parseTypedVerdict('yes abc-e')).toBeUndefined();
  });

  it('treats ordinary messages as messages', () => {
    for (const text of [
      'yes abcde please',
      'ok yes abcde',
      'yes, abcde',
      'yesabcde',
      'yeah abcde',
      'nope abcde',
      'yes',
      '',
      'allow abcde',
    ]) {
      expect(parseTypedVerdict(text), text).toBeUndefined();
    }
  });
});

describe('REQUEST_ID_PATTERN', () => {
  it('accepts five lower-case letters without l', () => {
    expect(REQUEST_ID_PATTERN.test('abcde')).toBe(true);
    expect(REQUEST_ID_PATTERN.test('abcdl')).toBe(false);
    expect(REQUEST_ID_PATTERN.test('ABCDE')).toBe(false);
  });
});

describe('platformOfChat', () => {
  it('maps every platform prefix back to its platform', () => {
    expect(platformOfChat('tg:123')).toBe('telegram');
    expect(platformOfChat('dc:987654321')).toBe('discord');
    expect(platformOfChat('im:+15551234567')).toBe('imessage');
    expect(platformOfChat('web:main')).toBe('web');
    for (const platform of PLATFORMS) {
      expect(platformOfChat(`${CHAT_ID_PREFIX[platform]}x`)).toBe(platform);
    }
  });

  it('returns undefined for an unknown or missing prefix', () => {
    expect(platformOfChat('slack:1')).toBeUndefined();
    expect(platformOfChat('web')).toBeUndefined();
    expect(platformOfChat('TG:1')).toBeUndefined();
    expect(platformOfChat('')).toBeUndefined();
    expect(platformOfChat('main')).toBeUndefined();
  });
});

describe('channel schemas', () => {
  it('accepts meta with identifier keys and string values only', () => {
    expect(channelMetaSchema.safeParse({ chat_id: 'web:main', _x: '' }).success).toBe(true);
    expect(channelMetaSchema.safeParse({ 'chat-id': 'web:main' }).success).toBe(false);
    expect(channelMetaSchema.safeParse({ count: 3 }).success).toBe(false);
  });

  it('requires content and meta in a channel event', () => {
    expect(channelEventSchema.safeParse({ content: 'hi', meta: {} }).success).toBe(true);
    expect(channelEventSchema.safeParse({ meta: {} }).success).toBe(false);
    expect(channelEventSchema.safeParse({ content: 'hi' }).success).toBe(false);
  });

  it('checks the request id and bounds of a permission request', () => {
    const valid = {
      request_id: 'abcde',
      tool_name: 'Bash',
      description: 'run ls',
      input_preview: '{"command":"ls"}',
    };
    expect(permissionRequestSchema.safeParse(valid).success).toBe(true);
    expect(permissionRequestSchema.safeParse({ ...valid, request_id: 'abcdl' }).success).toBe(
      false,
    );
    expect(
      permissionRequestSchema.safeParse({ ...valid, tool_name: 't'.repeat(201) }).success,
    ).toBe(false);
    expect(
      permissionRequestSchema.safeParse({ ...valid, input_preview: 'i'.repeat(20_001) }).success,
    ).toBe(false);
  });

  it('accepts only allow and deny as a verdict', () => {
    expect(
      permissionVerdictSchema.safeParse({ request_id: 'abcde', behavior: 'allow' }).success,
    ).toBe(true);
    expect(
      permissionVerdictSchema.safeParse({ request_id: 'abcde', behavior: 'deny' }).success,
    ).toBe(true);
    expect(
      permissionVerdictSchema.safeParse({ request_id: 'abcde', behavior: 'yes' }).success,
    ).toBe(false);
  });
});
