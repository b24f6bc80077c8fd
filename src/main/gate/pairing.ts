/**
 * Pairing: an unknown DM sender gets a short code; the owner approves or denies it from a local
 * surface (CLI, dashboard, menu bar, notification) — never from a chat. Codes use an alphabet
 * without look-alikes, expire after an hour, at most three wait per platform, and a sender is
 * answered at most twice, so a stranger cannot make the bot spam or fill the queue.
 */
import { randomInt } from 'node:crypto';
import type { Platform } from '../../shared/channel';
import { stripUnsafeChars, truncateUtf16 } from '../../shared/hygiene';
import type { AuditLog } from '../store/audit';
import type { Pairing, PairingStore } from '../store/pairings';
import type { Sender, SenderRole, SenderStore } from '../store/senders';

/** No 0/O, 1/I/L, 5/S, 8/B: readable aloud and off a phone screen. */
export const PAIRING_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY234679';
export const PAIRING_CODE_LENGTH = 6;
export const PAIRING_TTL_MS = 60 * 60 * 1000;
export const MAX_PENDING_PER_PLATFORM = 3;
export const MAX_REPLIES_PER_SENDER = 2;
export const PREVIEW_CHARS = 200;
/** Wrong codes tolerated in a window before approvals pause (someone is guessing). */
export const MAX_FAILED_ATTEMPTS = 10;
export const FAILED_WINDOW_MS = 10 * 60 * 1000;

export type PairingRequestOutcome =
  | { reply: true; code: string; fresh: boolean }
  | { reply: false; reason: 'reply-limit' }
  /** The queue is full: `tellLater` is true the first time this sender meets it (tell them once). */
  | { reply: false; reason: 'too-many-pending'; tellLater: boolean };

/** Who to approve as: owner or member; absent, the platform's first person becomes its owner. */
export type ApproveOptions = { owner?: boolean };

/** Senders turned away by a full queue, remembered this long (one "try later" each) and at most this many. */
const TURNED_AWAY_MEMORY_MS = PAIRING_TTL_MS;
const MAX_TURNED_AWAY = 10_000;

export type DecideOutcome =
  | { ok: true; pairing: Pairing; sender?: Sender }
  | {
      ok: false;
      reason: 'unknown-code' | 'expired' | 'already-decided' | 'blocked' | 'locked';
      message: string;
    };

export type PairingDeps = {
  pairings: PairingStore;
  senders: SenderStore;
  audit: AuditLog;
  now: () => number;
  /** Settings: whether the first sender approved on a platform (none allowed, no owner ever) becomes its owner. */
  firstPairedIsOwner: (platform: Platform) => boolean;
};

export function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++)
    code += PAIRING_ALPHABET.charAt(randomInt(PAIRING_ALPHABET.length));
  return code;
}

/** Accepts what a person types: any case, spaces or dashes in between. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/**
 * A stranger's name or text as one short line for the approval surfaces: bounded before any work,
 * control characters (terminal escape sequences in `pair list`) and invisible ones removed.
 */
function cleanLine(text: string, max: number): string {
  const bounded = truncateUtf16(text, max * 4);
  return truncateUtf16(stripUnsafeChars(bounded).replace(/\s+/g, ' ').trim(), max);
}

export class PairingService {
  readonly #deps: PairingDeps;
  #failures: number[] = [];
  /** platform + sender → when a full queue turned them away. */
  readonly #turnedAway = new Map<string, { platform: Platform; at: number }>();

  constructor(deps: PairingDeps) {
    this.#deps = deps;
  }

  request(input: {
    platform: Platform;
    senderId: string;
    displayName: string;
    chatId: string;
    text: string;
  }): PairingRequestOutcome {
    const { pairings, audit, now } = this.#deps;
    const at = now();
    pairings.pending(at); // expire old ones first
    const existing = pairings.pendingForSender(input.platform, input.senderId);
    if (existing) {
      if (existing.replies >= MAX_REPLIES_PER_SENDER)
        return { reply: false, reason: 'reply-limit' };
      pairings.bumpReplies(existing.code);
      return { reply: true, code: existing.code, fresh: false };
    }
    if (
      pairings.pending(at).filter((p) => p.platform === input.platform).length >=
      MAX_PENDING_PER_PLATFORM
    ) {
      const tellLater = this.#noteTurnedAway(input.platform, input.senderId, at);
      audit.write({
        kind: 'pairing.refused',
        actor: `${input.platform}:${input.senderId}`,
        subject: input.chatId,
        detail: { reason: 'too-many-pending', told: tellLater },
      });
      return { reply: false, reason: 'too-many-pending', tellLater };
    }
    let code = newPairingCode();
    while (pairings.get(code)) code = newPairingCode();
    pairings.insert({
      code,
      platform: input.platform,
      senderId: input.senderId,
      displayName: cleanLine(input.displayName, 100),
      chatId: input.chatId,
      preview: cleanLine(input.text, PREVIEW_CHARS),
      createdAt: at,
      expiresAt: at + PAIRING_TTL_MS,
    });
    audit.write({
      kind: 'pairing.requested',
      actor: `${input.platform}:${input.senderId}`,
      subject: code,
      detail: { chat: input.chatId },
    });
    return { reply: true, code, fresh: true };
  }

  pending(): Pairing[] {
    return this.#deps.pairings.pending(this.#deps.now());
  }

  /** How many people a full queue turned away on this platform in the last hour. */
  turnedAway(platform: Platform): number {
    this.#forgetTurnedAway(this.#deps.now());
    let count = 0;
    for (const entry of this.#turnedAway.values()) if (entry.platform === platform) count++;
    return count;
  }

  /**
   * Whether approving someone on this platform makes them its owner when the approver does not
   * choose: only for the very first person — nobody allowed there yet, and nobody ever owner
   * (an owner who was blocked or removed is not replaced by the next stranger).
   */
  becomesOwner(platform: Platform): boolean {
    const { senders } = this.#deps;
    return (
      this.#deps.firstPairedIsOwner(platform) &&
      senders.allowedCount(platform) === 0 &&
      !senders.everHadOwner(platform)
    );
  }

  approve(codeInput: string, by: string, options: ApproveOptions = {}): DecideOutcome {
    return this.#decide(codeInput, 'approved', by, options);
  }

  deny(codeInput: string, by: string): DecideOutcome {
    return this.#decide(codeInput, 'denied', by, {});
  }

  #noteTurnedAway(platform: Platform, senderId: string, at: number): boolean {
    this.#forgetTurnedAway(at);
    const key = `${platform}\u0000${senderId}`;
    if (this.#turnedAway.has(key)) return false;
    if (this.#turnedAway.size >= MAX_TURNED_AWAY)
      this.#turnedAway.delete(this.#turnedAway.keys().next().value ?? '');
    this.#turnedAway.set(key, { platform, at });
    return true;
  }

  #forgetTurnedAway(at: number): void {
    for (const [key, entry] of this.#turnedAway) {
      if (at - entry.at < TURNED_AWAY_MEMORY_MS) break; // insertion order is time order
      this.#turnedAway.delete(key);
    }
  }

  #decide(
    codeInput: string,
    state: 'approved' | 'denied',
    by: string,
    options: ApproveOptions,
  ): DecideOutcome {
    const { pairings, senders, audit, now } = this.#deps;
    const at = now();
    const code = normalizeCode(codeInput);
    this.#failures = this.#failures.filter((t) => at - t < FAILED_WINDOW_MS);
    if (this.#failures.length >= MAX_FAILED_ATTEMPTS) {
      audit.write({ kind: 'pairing.locked', actor: by, subject: code });
      return {
        ok: false,
        reason: 'locked',
        message: 'too many wrong pairing codes recently; wait ten minutes and try again',
      };
    }
    const pairing = pairings.get(code);
    const fail = (
      reason: 'unknown-code' | 'expired' | 'already-decided' | 'blocked',
      message: string,
    ): DecideOutcome => {
      this.#failures.push(at);
      audit.write({
        kind: `pairing.${state === 'approved' ? 'approve' : 'deny'}-failed`,
        actor: by,
        subject: code,
        detail: { reason },
      });
      return { ok: false, reason, message };
    };
    if (!pairing) return fail('unknown-code', `no pairing request with code ${code}`);
    if (pairing.state === 'pending' && pairing.expiresAt <= at) {
      pairings.decide(code, 'expired', 'clock', at);
      return fail(
        'expired',
        `pairing code ${code} expired; ask the sender to message again for a new one`,
      );
    }
    if (pairing.state !== 'pending')
      return fail(
        pairing.state === 'expired' ? 'expired' : 'already-decided',
        `pairing code ${code} was already ${pairing.state}`,
      );
    const existing = senders.get(pairing.platform, pairing.senderId);
    if (state === 'approved' && existing?.status === 'blocked')
      return fail(
        'blocked',
        `${pairing.displayName || pairing.senderId} is blocked on ${pairing.platform}; unblock them first (switchboard senders allow ${pairing.platform} ${pairing.senderId})`,
      );
    if (!pairings.decide(code, state, by, at))
      return fail('already-decided', `pairing code ${code} was already decided`);
    // Someone already allowed keeps their role unless the approver chooses one.
    const role: SenderRole =
      options.owner !== undefined
        ? options.owner
          ? 'owner'
          : 'member'
        : existing?.status === 'allowed'
          ? existing.role
          : this.becomesOwner(pairing.platform)
            ? 'owner'
            : 'member';
    audit.write({
      kind: `pairing.${state}`,
      actor: by,
      subject: code,
      detail: {
        platform: pairing.platform,
        sender: pairing.senderId,
        ...(state === 'approved' ? { role } : {}),
      },
    });
    const decided = pairings.get(code) ?? pairing;
    if (state === 'denied') return { ok: true, pairing: decided };
    const sender = senders.put(
      {
        platform: pairing.platform,
        senderId: pairing.senderId,
        displayName: pairing.displayName,
        status: 'allowed',
        role,
        dmChatId: pairing.chatId,
        addedBy: by,
      },
      at,
    );
    return { ok: true, pairing: decided, sender };
  }
}
