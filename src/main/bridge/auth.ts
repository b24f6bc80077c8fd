/**
 * Challenge–response for the bridge: both ends prove they know a credential by MACing fresh
 * nonces, so the credential never crosses the socket. Credentials are looked up by the id a client
 * names (none: the local hub token), and each carries the principal it authenticates, so another
 * kind of credential (per-remote keys on their own socket) plugs in as another `CredentialSource`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { proofMessage, type ProofRole, type ProofSide } from '../../shared/bridge-protocol';

/**
 * Who a connection proved to be: the local owner (the hub token), or — once per-remote
 * credentials exist (issue #18) — a remote, which may run sessions but never control operations.
 */
export type Principal = { kind: 'local' } | { kind: 'remote'; remote: string };

export type Credential = { principal: Principal; key: string };

/** Finds the credential a client names; undefined when there is no such credential. */
export type CredentialSource = (id: string | undefined) => Credential | undefined;

/** The local hub token (`hub.token`), read through a getter so rotation takes effect at once. */
export function localCredentials(token: () => string): CredentialSource {
  return (id) => (id === undefined ? { principal: { kind: 'local' }, key: token() } : undefined);
}

/** Control operations (pairing approval, verdicts, senders) are for the local owner only. */
export const mayControl = (principal: Principal): boolean => principal.kind === 'local';

/** A fresh 32-byte nonce as hex. */
export const newNonce = (): string => randomBytes(32).toString('hex');

/** The proof one side sends: HMAC-SHA256(key, proofMessage(…)) as hex. */
export function computeProof(
  key: string,
  side: ProofSide,
  role: ProofRole,
  hubNonce: string,
  clientNonce: string,
): string {
  return createHmac('sha256', key)
    .update(proofMessage(side, role, hubNonce, clientNonce))
    .digest('hex');
}

/** Compares a received proof with the expected one in constant time. */
export function proofMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(given, 'hex');
  return a.length === 32 && b.length === 32 && timingSafeEqual(a, b);
}

/**
 * Verifies a client's proof: the credential it named, its proof over the hub's nonce and its own.
 * The client's nonce must differ from the hub's, or a client could echo the challenge back.
 */
export function verifyClient(
  source: CredentialSource,
  frame: { credential?: string | undefined; nonce: string; proof: string },
  role: ProofRole,
  hubNonce: string,
): Credential | undefined {
  const credential = source(frame.credential);
  if (!credential || frame.nonce === hubNonce) return undefined;
  const expected = computeProof(credential.key, 'client', role, hubNonce, frame.nonce);
  return proofMatches(expected, frame.proof) ? credential : undefined;
}
