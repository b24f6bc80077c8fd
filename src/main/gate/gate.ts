/**
 * The gate: decides, before anything is stored or routed, whether a message reaches Claude, starts
 * a pairing, or is dropped. The same rules answer whether Claude may write to a chat.
 */
import type { Platform } from '../../shared/channel';
import type { InboundMessage } from '../adapters/adapter';
import type { PlatformAccess, Settings } from '../settings/settings';
import type { Chat } from '../store/chats';
import type { SenderRole, SenderStore } from '../store/senders';

export type DropReason =
  | 'blocked'
  | 'dm-disabled'
  | 'not-allowlisted'
  | 'group-not-enabled'
  | 'not-in-group-allowlist'
  | 'not-mentioned';

export type GateDecision =
  | { action: 'accept'; role: SenderRole }
  | { action: 'pair' }
  | { action: 'drop'; reason: DropReason };

type RemotePlatform = Exclude<Platform, 'web'>;

export class Gate {
  readonly #senders: SenderStore;
  readonly #settings: () => Settings;
  readonly #patterns = new Map<string, RegExp | null>();

  constructor(senders: SenderStore, settings: () => Settings) {
    this.#senders = senders;
    this.#settings = settings;
  }

  access(platform: RemotePlatform): PlatformAccess {
    return this.#settings().access[platform];
  }

  check(message: InboundMessage): GateDecision {
    // The web chat is the local owner's, behind the dashboard token.
    if (message.platform === 'web') return { action: 'accept', role: 'owner' };
    const access = this.access(message.platform);
    const sender = this.#senders.get(message.platform, message.senderId);
    if (sender?.status === 'blocked') return { action: 'drop', reason: 'blocked' };
    if (message.chatKind === 'dm') {
      if (sender?.status === 'allowed') return { action: 'accept', role: sender.role };
      switch (access.dmPolicy) {
        case 'disabled':
          return { action: 'drop', reason: 'dm-disabled' };
        case 'allowlist':
          return { action: 'drop', reason: 'not-allowlisted' };
        case 'pairing':
          return { action: 'pair' };
      }
    }
    const group = access.groups[message.groupId ?? message.chatId];
    if (!group) return { action: 'drop', reason: 'group-not-enabled' };
    if (group.allowFrom.length > 0 && !group.allowFrom.includes(message.senderId))
      return { action: 'drop', reason: 'not-in-group-allowlist' };
    if (group.requireMention && !message.mentionsBot && !this.#matchesPattern(access, message.text))
      return { action: 'drop', reason: 'not-mentioned' };
    return { action: 'accept', role: sender?.status === 'allowed' ? sender.role : 'member' };
  }

  /** Outbound gate: Claude may write only to chats the inbound gate would let through. */
  mayWrite(chat: Chat): boolean {
    if (chat.platform === 'web') return true;
    const access = this.access(chat.platform);
    if (chat.kind === 'dm') return this.#senders.allowedInDm(chat.platform, chat.chatId);
    return access.groups[chat.groupId ?? chat.chatId] !== undefined;
  }

  #matchesPattern(access: PlatformAccess, text: string): boolean {
    return access.mentionPatterns.some((source) => {
      let pattern = this.#patterns.get(source);
      if (pattern === undefined) {
        try {
          pattern = new RegExp(source, 'i');
        } catch {
          pattern = null; // an invalid pattern never matches; settings validation reports it
        }
        this.#patterns.set(source, pattern);
      }
      return pattern?.test(text) ?? false;
    });
  }
}
