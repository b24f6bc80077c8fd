import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../../../src/main/adapters/adapter';
import { Gate } from '../../../../src/main/gate/gate';
import { settingsSchema, type Settings } from '../../../../src/main/settings/settings';
import { openStore, type Store } from '../../../../src/main/store/store';
import { tempDir } from '../../../support/paths';

function message(overrides: Partial<InboundMessage> = {}): InboundMessage {
  return {
    platform: 'telegram',
    chatId: 'tg:1',
    chatKind: 'dm',
    externalId: 'm1',
    senderId: '1',
    senderName: 'Ann',
    text: 'hi',
    attachments: [],
    at: 0,
    ...overrides,
  };
}

describe('gate', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let store: Store;
  let settings: Settings;
  let gate: Gate;

  beforeEach(async () => {
    dir = await tempDir();
    store = openStore(`${dir.dir}/db.sqlite`, () => 0);
    settings = settingsSchema.parse({});
    gate = new Gate(store.senders, () => settings);
  });
  afterEach(async () => {
    store.close();
    await dir.cleanup();
  });

  const allow = (
    senderId: string,
    role: 'owner' | 'member' = 'member',
    dmChatId: string | null = `tg:${senderId}`,
  ) =>
    store.senders.put(
      {
        platform: 'telegram',
        senderId,
        displayName: '',
        status: 'allowed',
        role,
        dmChatId,
        addedBy: 'test',
      },
      0,
    );

  it('accepts the web chat as the owner without any sender record', () => {
    expect(gate.check(message({ platform: 'web', chatId: 'web:main' }))).toEqual({
      action: 'accept',
      role: 'owner',
    });
  });

  it('sends unknown DM senders to pairing by default on Telegram and Discord, but not iMessage', () => {
    expect(gate.check(message())).toEqual({ action: 'pair' });
    expect(gate.check(message({ platform: 'discord', chatId: 'dc:1' }))).toEqual({
      action: 'pair',
    });
    expect(gate.check(message({ platform: 'imessage', chatId: 'im:x' }))).toEqual({
      action: 'drop',
      reason: 'not-allowlisted',
    });
  });

  it('follows the DM policy: allowlist and disabled never pair', () => {
    settings = settingsSchema.parse({ access: { telegram: { dmPolicy: 'allowlist' } } });
    expect(gate.check(message())).toEqual({ action: 'drop', reason: 'not-allowlisted' });
    settings = settingsSchema.parse({ access: { telegram: { dmPolicy: 'disabled' } } });
    expect(gate.check(message())).toEqual({ action: 'drop', reason: 'dm-disabled' });
  });

  it('accepts allowed senders with their role and drops blocked ones everywhere', () => {
    allow('1', 'owner');
    expect(gate.check(message())).toEqual({ action: 'accept', role: 'owner' });
    store.senders.put(
      {
        platform: 'telegram',
        senderId: '1',
        displayName: '',
        status: 'blocked',
        role: 'owner',
        dmChatId: 'tg:1',
        addedBy: 'test',
      },
      0,
    );
    expect(gate.check(message())).toEqual({ action: 'drop', reason: 'blocked' });
    settings = settingsSchema.parse({
      access: { telegram: { groups: { 'tg:-5': { requireMention: false } } } },
    });
    expect(gate.check(message({ chatId: 'tg:-5', chatKind: 'group' }))).toEqual({
      action: 'drop',
      reason: 'blocked',
    });
  });

  it('drops group messages unless the group is enabled, never pairing', () => {
    expect(gate.check(message({ chatId: 'tg:-5', chatKind: 'group', mentionsBot: true }))).toEqual({
      action: 'drop',
      reason: 'group-not-enabled',
    });
  });

  it('requires a mention, a reply to the bot or a pattern in groups that ask for it', () => {
    settings = settingsSchema.parse({
      access: {
        telegram: { groups: { 'tg:-5': {} }, mentionPatterns: ['^hey claude\\b'] },
      },
    });
    // The settings loader drops a pattern that does not compile; the gate must survive one anyway.
    settings.access.telegram.mentionPatterns.push('(invalid');
    const group = { chatId: 'tg:-5', chatKind: 'group' as const };
    expect(gate.check(message({ ...group, text: 'just chatting' }))).toEqual({
      action: 'drop',
      reason: 'not-mentioned',
    });
    expect(gate.check(message({ ...group, mentionsBot: true }))).toEqual({
      action: 'accept',
      role: 'member',
    });
    expect(gate.check(message({ ...group, text: 'Hey Claude please' }))).toEqual({
      action: 'accept',
      role: 'member',
    });
  });

  it('applies a group allowlist, and lets threads inherit their parent group', () => {
    settings = settingsSchema.parse({
      access: { telegram: { groups: { 'tg:-5': { requireMention: false, allowFrom: ['7'] } } } },
    });
    expect(gate.check(message({ chatId: 'tg:-5', chatKind: 'group', senderId: '8' }))).toEqual({
      action: 'drop',
      reason: 'not-in-group-allowlist',
    });
    expect(
      gate.check(
        message({ chatId: 'thread:9', groupId: 'tg:-5', chatKind: 'thread', senderId: '7' }),
      ),
    ).toEqual({ action: 'accept', role: 'member' });
  });

  it('lets Claude write only to DMs of allowed senders and to enabled groups', () => {
    const chat = (chatId: string, kind: 'dm' | 'group') =>
      store.chats.touch({ chatId, threadId: '', platform: 'telegram', kind, title: '' }, 0);
    const dm = chat('tg:1', 'dm');
    expect(gate.mayWrite(dm)).toBe(false);
    allow('1');
    expect(gate.mayWrite(dm)).toBe(true);
    const group = chat('tg:-5', 'group');
    expect(gate.mayWrite(group)).toBe(false);
    settings = settingsSchema.parse({ access: { telegram: { groups: { 'tg:-5': {} } } } });
    expect(gate.mayWrite(group)).toBe(true);
    expect(
      gate.mayWrite(
        store.chats.touch(
          { chatId: 'web:main', threadId: '', platform: 'web', kind: 'dm', title: '' },
          0,
        ),
      ),
    ).toBe(true);
  });
});
