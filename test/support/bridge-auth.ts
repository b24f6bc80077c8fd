/**
 * The client half of the bridge handshake for raw-socket tests: waits for the hub's challenge and
 * answers it the way a real helper or CLI does, so a test can then misbehave after authenticating.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { BRIDGE_VERSION, proofMessage, type ProofRole } from '../../src/shared/bridge-protocol';
import { eventually } from './eventually';
import type { RawSocket } from './raw-socket';

export const hmac = (key: string, text: string): string =>
  createHmac('sha256', key).update(text).digest('hex');

/** The hub's challenge nonce, once it has arrived. */
export async function challengeOf(raw: RawSocket): Promise<string> {
  let nonce = '';
  await eventually(() => {
    const frame = raw.frames().find((f) => (f as { type?: string }).type === 'challenge') as
      { nonce: string } | undefined;
    if (!frame) throw new Error('no challenge yet');
    nonce = frame.nonce;
  });
  return nonce;
}

/** The authentication fields of a first frame: a fresh nonce and a proof made with `key`. */
export async function proveTo(
  raw: RawSocket,
  key: string,
  role: ProofRole,
): Promise<{ v: typeof BRIDGE_VERSION; nonce: string; proof: string }> {
  const hubNonce = await challengeOf(raw);
  const nonce = randomBytes(32).toString('hex');
  return {
    v: BRIDGE_VERSION,
    nonce,
    proof: hmac(key, proofMessage('client', role, hubNonce, nonce)),
  };
}

/** Frames after the challenge. */
export const afterChallenge = (raw: RawSocket): unknown[] =>
  raw.frames().filter((f) => (f as { type?: string }).type !== 'challenge');
