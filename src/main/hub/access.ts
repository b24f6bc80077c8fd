/**
 * Decisions about people, taken only from local surfaces (CLI, dashboard, menu bar,
 * notifications): approving or denying pairing codes — the sender is told in their chat — and
 * managing the allowlist.
 */
import { platformSchema, type Platform } from '../../shared/channel';
import {
  MAX_PENDING_PER_PLATFORM,
  type ApproveOptions,
  type DecideOutcome,
  type PairingService,
} from '../gate/pairing';
import { normalizeHandle } from '../adapters/imessage/handles';
import type { AuditLog } from '../store/audit';
import type { ChatStore } from '../store/chats';
import type { Sender, SenderRole, SenderStore } from '../store/senders';
import type { HubEvents } from '../events/hub-events';

export type Notify = (
  chat: { platform: Platform; chatId: string; threadId: string },
  text: string,
  store: boolean,
) => void;

export class AccessService {
  readonly #pairing: PairingService;
  readonly #senders: SenderStore;
  readonly #audit: AuditLog;
  readonly #events: HubEvents;
  readonly #notify: Notify;
  readonly #now: () => number;
  readonly #chats: ChatStore;

  constructor(deps: {
    pairing: PairingService;
    chats: ChatStore;
    senders: SenderStore;
    audit: AuditLog;
    events: HubEvents;
    notify: Notify;
    now: () => number;
  }) {
    this.#pairing = deps.pairing;
    this.#chats = deps.chats;
    this.#senders = deps.senders;
    this.#audit = deps.audit;
    this.#events = deps.events;
    this.#notify = deps.notify;
    this.#now = deps.now;
  }

  pendingPairings(): ReturnType<PairingService['pending']> {
    return this.#pairing.pending();
  }

  /** Whether approving someone on this platform, without choosing, makes them its owner. */
  becomesOwner(platform: Platform): boolean {
    return this.#pairing.becomesOwner(platform);
  }

  /** Per platform with a full queue or people turned away by one in the last hour. */
  pairingQueues(): Array<{
    platform: Platform;
    pending: number;
    capacity: number;
    turnedAway: number;
  }> {
    const pending = this.pendingPairings();
    const platforms: Platform[] = ['telegram', 'discord', 'imessage'];
    return platforms
      .map((platform) => ({
        platform,
        pending: pending.filter((p) => p.platform === platform).length,
        capacity: MAX_PENDING_PER_PLATFORM,
        turnedAway: this.#pairing.turnedAway(platform),
      }))
      .filter((q) => q.pending >= q.capacity || q.turnedAway > 0);
  }

  /**
   * Approves a pairing code. `options.owner` chooses the role; without it only the platform's
   * very first person becomes owner (see PairingService.becomesOwner), everyone else a member.
   */
  approve(code: string, by: string, options: ApproveOptions = {}): DecideOutcome {
    const outcome = this.#pairing.approve(code, by, options);
    if (outcome.ok) {
      const { pairing, sender } = outcome;
      // The DM is a known chat from now on: Claude may answer there, prompts may be shown there.
      this.#chats.touch(
        {
          chatId: pairing.chatId,
          threadId: '',
          platform: pairing.platform,
          kind: 'dm',
          title: pairing.displayName,
        },
        this.#now(),
      );
      const role =
        sender?.role === 'owner'
          ? ' You are the owner: you can answer Claude’s permission prompts here.'
          : '';
      this.#notify(
        { platform: pairing.platform, chatId: pairing.chatId, threadId: '' },
        `✅ Paired! You can talk to Claude now.${role}`,
        true,
      );
      this.#events.emit('pairings');
      this.#events.emit('senders');
    }
    return outcome;
  }

  deny(code: string, by: string): DecideOutcome {
    const outcome = this.#pairing.deny(code, by);
    if (outcome.ok) this.#events.emit('pairings');
    return outcome;
  }

  /** An allowed sender wrote from this DM: Claude may answer there (the outbound gate checks it). */
  noteDmChat(platform: Platform, senderId: string, chatId: string): void {
    const sender = this.#senders.get(platform, senderId);
    if (sender?.status !== 'allowed' || sender.dmChatId === chatId) return;
    this.#senders.put({ ...sender, dmChatId: chatId }, this.#now());
  }

  /** The owner's own identity on a platform (iMessage self-chat): allowed, owner, that chat. */
  claimOwner(platform: Platform, senderId: string, dmChatId: string, name: string): void {
    const existing = this.#senders.get(platform, senderId);
    if (
      existing?.status === 'allowed' &&
      existing.role === 'owner' &&
      existing.dmChatId === dmChatId
    )
      return;
    if (existing?.status === 'blocked') return;
    this.#senders.put(
      {
        platform,
        senderId,
        displayName: name,
        status: 'allowed',
        role: 'owner',
        dmChatId,
        addedBy: 'self',
      },
      this.#now(),
    );
    this.#chats.touch(
      { chatId: dmChatId, threadId: '', platform, kind: 'dm', title: name },
      this.#now(),
    );
    this.#audit.write({
      kind: 'sender.self-owner',
      actor: 'switchboard',
      subject: `${platform}:${senderId}`,
      detail: { chat: dmChatId },
    });
    this.#events.emit('senders');
  }

  senders(): Sender[] {
    return this.#senders.list();
  }

  /** allow | block | role: creates the sender when unknown (allow/block), audits every change. */
  setSender(
    platformName: string,
    senderId: string,
    change: { status?: 'allowed' | 'blocked'; role?: SenderRole },
    by: string,
  ): Sender {
    const platform = parsePlatform(platformName);
    senderId = normalizeSenderId(platform, senderId);
    const existing = this.#senders.get(platform, senderId);
    if (!existing && change.status === undefined)
      throw new Error(`no sender ${senderId} on ${platform}; allow it first`);
    const sender = this.#senders.put(
      {
        platform,
        senderId,
        displayName: existing?.displayName ?? '',
        status: change.status ?? existing?.status ?? 'allowed',
        role: change.role ?? existing?.role ?? 'member',
        dmChatId: existing?.dmChatId ?? null,
        addedBy: existing?.addedBy ?? by,
      },
      this.#now(),
    );
    this.#audit.write({
      kind: 'sender.changed',
      actor: by,
      subject: `${platform}:${senderId}`,
      detail: change,
    });
    this.#events.emit('senders');
    return sender;
  }

  removeSender(platformName: string, senderId: string, by: string): boolean {
    const platform = parsePlatform(platformName);
    const removed = this.#senders.remove(platform, normalizeSenderId(platform, senderId));
    if (removed) {
      this.#audit.write({ kind: 'sender.removed', actor: by, subject: `${platform}:${senderId}` });
      this.#events.emit('senders');
    }
    return removed;
  }
}

/** Sender ids as the platform's adapter produces them (iMessage: E.164 phones, lower-case emails). */
function normalizeSenderId(platform: Platform, id: string): string {
  return platform === 'imessage' ? normalizeHandle(id) : id.trim();
}

function parsePlatform(name: string): Platform {
  const parsed = platformSchema.safeParse(name);
  if (!parsed.success || parsed.data === 'web')
    throw new Error(`unknown platform "${name}" (telegram, discord or imessage)`);
  return parsed.data;
}
