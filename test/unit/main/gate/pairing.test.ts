import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_FAILED_ATTEMPTS,
  PAIRING_ALPHABET,
  PAIRING_TTL_MS,
  PairingService,
  newPairingCode,
  normalizeCode,
} from '../../../../src/main/gate/pairing';
import { openStore, type Store } from '../../../../src/main/store/store';
import { tempDir } from '../../../support/paths';

describe('pairing', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let store: Store;
  let clock: number;
  let service: PairingService;

  beforeEach(async () => {
    dir = await tempDir();
    clock = 1_000_000;
    store = openStore(`${dir.dir}/db.sqlite`, () => clock);
    service = new PairingService({
      pairings: store.pairings,
      senders: store.senders,
      audit: store.audit,
      now: () => clock,
      firstPairedIsOwner: () => true,
    });
  });
  afterEach(async () => {
    store.close();
    await dir.cleanup();
  });

  const ask = (senderId: string, text = 'hello', platform: 'telegram' | 'discord' = 'telegram') =>
    service.request({
      platform,
      senderId,
      displayName: `user ${senderId}`,
      chatId: `tg:${senderId}`,
      text,
    });

  it('makes codes of six characters from an alphabet without look-alikes', () => {
    for (const confusable of ['0', 'O', '1', 'I', 'L', '5', 'S', '8', 'B'])
      expect(PAIRING_ALPHABET).not.toContain(confusable);
    const codes = new Set(Array.from({ length: 500 }, () => newPairingCode()));
    for (const code of codes) expect(code).toMatch(new RegExp(`^[${PAIRING_ALPHABET}]{6}$`));
    expect(codes.size).toBeGreaterThan(490);
  });

  it('accepts codes typed in lower case with spaces or dashes', () => {
    expect(normalizeCode(' ac-d e4 ')).toBe('ACDE4');
  });

  it('answers a sender at most twice, with the same code', () => {
    const first = ask('1');
    const second = ask('1');
    const third = ask('1');
    expect(first).toMatchObject({ reply: true, fresh: true });
    expect(second).toEqual({ reply: true, code: first.reply ? first.code : '', fresh: false });
    expect(third).toEqual({ reply: false, reason: 'reply-limit' });
  });

  it('keeps at most three pending requests per platform, counting others separately', () => {
    expect(['1', '2', '3'].map((id) => ask(id).reply)).toEqual([true, true, true]);
    expect(ask('4')).toEqual({ reply: false, reason: 'too-many-pending', tellLater: true });
    expect(ask('5', 'hi', 'discord').reply).toBe(true);
  });

  it('tells someone turned away by a full queue only once, and counts them for the UI', () => {
    ['1', '2', '3'].forEach((id) => ask(id));
    expect(ask('4')).toMatchObject({ reason: 'too-many-pending', tellLater: true });
    expect(ask('4')).toMatchObject({ reason: 'too-many-pending', tellLater: false });
    expect(ask('5')).toMatchObject({ reason: 'too-many-pending', tellLater: true });
    expect(service.turnedAway('telegram')).toBe(2);
    expect(service.turnedAway('discord')).toBe(0);
    clock += PAIRING_TTL_MS + 1;
    expect(service.turnedAway('telegram')).toBe(0);
  });

  it('stores a preview of at most 200 characters, never the whole message', () => {
    ask('1', `${'x'.repeat(300)}\n\nsecret`);
    const [pairing] = service.pending();
    expect(pairing?.preview).toHaveLength(200);
    expect(pairing?.preview).not.toContain('secret');
  });

  it('expires codes after an hour: they leave the list and cannot be approved', () => {
    const outcome = ask('1');
    const code = outcome.reply ? outcome.code : '';
    clock += PAIRING_TTL_MS;
    expect(service.pending()).toEqual([]);
    expect(service.approve(code, 'cli')).toMatchObject({ ok: false, reason: 'expired' });
    expect(store.senders.get('telegram', '1')).toBeUndefined();
    expect(store.audit.recent().map((e) => e.kind)).toContain('pairing.approve-failed');
  });

  it('frees the slot of an expired request for a new sender', () => {
    ['1', '2', '3'].forEach((id) => ask(id));
    clock += PAIRING_TTL_MS + 1;
    expect(ask('4').reply).toBe(true);
  });

  it('makes the first approved sender the owner and later ones members', () => {
    const a = ask('1');
    const b = ask('2');
    const first = service.approve(a.reply ? a.code : '', 'cli');
    const second = service.approve(b.reply ? b.code : '', 'cli');
    expect(first.ok && first.sender?.role).toBe('owner');
    expect(second.ok && second.sender?.role).toBe('member');
    expect(store.senders.get('telegram', '1')).toMatchObject({
      status: 'allowed',
      dmChatId: 'tg:1',
    });
  });

  it('makes no owner by itself once the platform has an allowed sender (added with senders allow)', () => {
    store.senders.put(
      {
        platform: 'telegram',
        senderId: 'friend',
        displayName: 'Friend',
        status: 'allowed',
        role: 'member',
        dmChatId: null,
        addedBy: 'cli',
      },
      clock,
    );
    const a = ask('stranger');
    expect(service.becomesOwner('telegram')).toBe(false);
    const outcome = service.approve(a.reply ? a.code : '', 'cli');
    expect(outcome.ok && outcome.sender?.role).toBe('member');
  });

  it('never makes the next approved stranger owner after the owner was blocked', () => {
    const a = ask('owner');
    expect(service.approve(a.reply ? a.code : '', 'cli')).toMatchObject({
      sender: { role: 'owner' },
    });
    const owner = store.senders.get('telegram', 'owner');
    if (owner) store.senders.put({ ...owner, status: 'blocked' }, clock);
    expect(store.senders.allowedCount('telegram')).toBe(0);
    const b = ask('stranger');
    const outcome = service.approve(b.reply ? b.code : '', 'cli');
    expect(outcome.ok && outcome.sender?.role).toBe('member');
    expect(store.senders.ownerCount('telegram')).toBe(0);
  });

  it('never makes an owner by itself after the owner was removed either', () => {
    const a = ask('owner');
    service.approve(a.reply ? a.code : '', 'cli');
    store.senders.remove('telegram', 'owner');
    const b = ask('stranger');
    expect(service.approve(b.reply ? b.code : '', 'cli')).toMatchObject({
      sender: { role: 'member' },
    });
  });

  it('lets the approver choose: owner or member, whatever the default', () => {
    const a = ask('1');
    const b = ask('2');
    expect(service.becomesOwner('telegram')).toBe(true);
    expect(service.approve(a.reply ? a.code : '', 'cli', { owner: false })).toMatchObject({
      sender: { role: 'member' },
    });
    expect(service.approve(b.reply ? b.code : '', 'cli', { owner: true })).toMatchObject({
      sender: { role: 'owner' },
    });
    expect(store.audit.recent().find((e) => e.kind === 'pairing.approved')?.detail).toMatchObject({
      role: 'owner',
    });
  });

  it('does not let an approval unblock someone blocked meanwhile', () => {
    const a = ask('1');
    store.senders.put(
      {
        platform: 'telegram',
        senderId: '1',
        displayName: '',
        status: 'blocked',
        role: 'member',
        dmChatId: null,
        addedBy: 'cli',
      },
      clock,
    );
    expect(service.approve(a.reply ? a.code : '', 'cli')).toMatchObject({
      ok: false,
      reason: 'blocked',
    });
    expect(store.senders.get('telegram', '1')?.status).toBe('blocked');
  });

  it('keeps names and previews on one clean line: no terminal escapes, no invisible text', () => {
    service.request({
      platform: 'telegram',
      senderId: '9',
      displayName: 'Eve\u001B[2J\u202E',
      chatId: 'tg:9',
      text: 'hi\u001B]0;pwned\u0007 there\u200B\n\nfriend',
    });
    expect(service.pending()[0]).toMatchObject({
      displayName: 'Eve[2J',
      preview: 'hi]0;pwned there friend',
    });
  });

  it('refuses to decide a code twice (no replay)', () => {
    const a = ask('1');
    const code = a.reply ? a.code : '';
    expect(service.deny(code, 'cli').ok).toBe(true);
    expect(service.approve(code, 'cli')).toMatchObject({ ok: false, reason: 'already-decided' });
    expect(store.senders.get('telegram', '1')).toBeUndefined();
  });

  it('pauses approvals after repeated wrong codes, even for a right one, and audits it', () => {
    const a = ask('1');
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++)
      expect(service.approve(`WRONG${i}`, 'cli').ok).toBe(false);
    expect(service.approve(a.reply ? a.code : '', 'cli')).toMatchObject({
      ok: false,
      reason: 'locked',
    });
    expect(store.audit.recent().map((e) => e.kind)).toContain('pairing.locked');
    clock += 10 * 60 * 1000 + 1;
    // The code itself expired meanwhile? No: ten minutes is within the hour.
    expect(service.approve(a.reply ? a.code : '', 'cli').ok).toBe(true);
  });
});
