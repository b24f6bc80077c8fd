/**
 * Challenge–response for the bridge: both ends prove they know a credential by MACing fresh
 * nonces, so the credential never crosses the socket. Credentials are looked up by the id a client
 * names (none: the local hub token), and each carries the principal it authenticates, so another
 * kind of credential (per-remote keys on their own socket) plugs in as another `CredentialSource`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { proofMessage, type ProofRole, type ProofSide } from '../../shared/bridge-protocol';

/**
 * Who a connection proved to be: the local owner (the hub token), or a remote (a per-remote
 * credential on the remote socket), which may run sessions but never control operations.
 */
export type Principal = { kind: 'local' } | { kind: 'remote'; remote: string };

/**
 * A credential the hub can check: `verify` judges the client's proof over a proof message, and
 * `prove` makes the hub's. The local token is a shared HMAC key; a remote credential is checked
 * against a stored verifier (src/shared/remote-credential.ts), so the hub never holds its secret.
 */
export type Credential = {
  principal: Principal;
  verify: (message: string, proof: string) => boolean;
  prove: (message: string) => string;
};

/** Finds the credential a client names; undefined when there is no such credential. */
export type CredentialSource = (id: string | undefined) => Credential | undefined;

/** The local hub token (`hub.token`), read through a getter so rotation takes effect at once. */
export function localCredentials(token: () => string): CredentialSource {
  return (id) => {
    if (id !== undefined) return undefined;
    const key = token();
    const mac = (message: string): string =>
      createHmac('sha256', key).update(message).digest('hex');
    return {
      principal: { kind: 'local' },
      verify: (message, proof) => proofMatches(mac(message), proof),
      prove: mac,
    };
  };
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
  const message = proofMessage('client', role, hubNonce, frame.nonce);
  return credential.verify(message, frame.proof) ? credential : undefined;
}

/** The hub's answer to a client that proved itself with `credential`. */
export const hubProof = (
  credential: Credential,
  role: ProofRole,
  hubNonce: string,
  clientNonce: string,
): string => credential.prove(proofMessage('hub', role, hubNonce, clientNonce));
