/**
 * Remote credentials: what a machine reached over SSH proves to the hub, and how. One per remote,
 * written to the remote as a single token (`sbr1.NAME.KEYID.SECRET`); the hub keeps only values
 * derived from it, so reading the hub's database does not give anyone a way in.
 *
 * The proof is the SCRAM construction (RFC 5802) over the bridge's nonces: the client key is an
 * HMAC of the secret, the hub stores its SHA-256 (`storedKey`) and a separate `serverKey`. The
 * client sends `clientKey XOR HMAC(storedKey, message)`; the hub recovers the client key from it
 * and checks its hash, and proves itself with `HMAC(serverKey, message)`. A 256-bit random secret
 * needs no salt or iteration count. The primitives are injected because this module runs
 * everywhere (no `node:` imports here): the hub and the helper both pass node:crypto.
 */
import { z } from 'zod';

/** Remote names: short, lower case, safe in a session name (`NAME:session`) and a file name. */
export const REMOTE_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,23}$/;
export const remoteNameSchema = z
  .string()
  .regex(
    REMOTE_NAME_PATTERN,
    'lower-case letters, digits and dashes, at most 24, not starting with a dash',
  );

/** Separates the remote's name from the session's own name: `devbox:api`. Never in a local name. */
export const REMOTE_SESSION_SEPARATOR = ':';

const TOKEN_PATTERN = /^sbr1\.([a-z0-9][a-z0-9-]{0,23})\.([0-9a-f]{8})\.([0-9a-f]{64})$/;

/** A remote credential as the remote holds it. */
export type RemoteSecret = { remote: string; keyId: string; secret: string };

/** What the hub keeps of a credential: nothing that lets anyone prove knowledge of it. */
export type RemoteVerifier = { keyId: string; storedKey: string; serverKey: string };

/** HMAC-SHA256 keyed with the bytes of `keyHex`, over the UTF-8 text; hex out. */
export type Hmac = (keyHex: string, text: string) => string;
/** SHA-256 of the bytes of `hex`; hex out. */
export type Sha256 = (hex: string) => string;
export type ProofCrypto = { hmac: Hmac; sha256: Sha256 };

export function formatRemoteToken(secret: RemoteSecret): string {
  return `sbr1.${secret.remote}.${secret.keyId}.${secret.secret}`;
}

/** Parses a credential token (surrounding whitespace allowed); undefined when it is not one. */
export function parseRemoteToken(text: string): RemoteSecret | undefined {
  const match = TOKEN_PATTERN.exec(text.trim());
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  return { remote: match[1], keyId: match[2], secret: match[3] };
}

/** The credential id a client names in `hello`: which remote, which generation of its key. */
export const credentialIdOf = (secret: { remote: string; keyId: string }): string =>
  `remote.${secret.remote}.${secret.keyId}`;

/** Splits a credential id back into remote and key id; undefined for anything else. */
export function parseCredentialId(id: string): { remote: string; keyId: string } | undefined {
  const match = /^remote\.([a-z0-9][a-z0-9-]{0,23})\.([0-9a-f]{8})$/.exec(id);
  return match?.[1] && match[2] ? { remote: match[1], keyId: match[2] } : undefined;
}

const clientKeyOf = (crypto: ProofCrypto, secret: string): string =>
  crypto.hmac(secret, 'switchboard-remote/client-key');

/** The verifier the hub stores for a secret. */
export function deriveVerifier(crypto: ProofCrypto, secret: RemoteSecret): RemoteVerifier {
  return {
    keyId: secret.keyId,
    storedKey: crypto.sha256(clientKeyOf(crypto, secret.secret)),
    serverKey: crypto.hmac(secret.secret, 'switchboard-remote/server-key'),
  };
}

/** The client's proof over `message` (the bridge's proofMessage for the client side). */
export function remoteClientProof(crypto: ProofCrypto, secret: string, message: string): string {
  const clientKey = clientKeyOf(crypto, secret);
  return xorHex(clientKey, crypto.hmac(crypto.sha256(clientKey), message));
}

/** The hub's proof over `message` (the bridge's proofMessage for the hub side). */
export const remoteHubProof = (crypto: ProofCrypto, serverKey: string, message: string): string =>
  crypto.hmac(serverKey, message);

/**
 * Whether `proof` shows knowledge of the client key behind `storedKey`. Compares hashes with a
 * constant-time loop: what leaks through timing is a hash of a value the attacker already sent.
 */
export function remoteProofMatches(
  crypto: ProofCrypto,
  verifier: RemoteVerifier,
  message: string,
  proof: string,
): boolean {
  if (!/^[0-9a-f]{64}$/.test(proof)) return false;
  const clientKey = xorHex(proof, crypto.hmac(verifier.storedKey, message));
  return sameHex(crypto.sha256(clientKey), verifier.storedKey);
}

/** The proof the helper expects from the hub, from the secret alone. */
export function expectedHubProof(crypto: ProofCrypto, secret: string, message: string): string {
  return crypto.hmac(crypto.hmac(secret, 'switchboard-remote/server-key'), message);
}

/** XOR of two equal-length hex strings. */
function xorHex(a: string, b: string): string {
  let out = '';
  for (let i = 0; i < a.length; i += 2) {
    const byte = parseInt(a.slice(i, i + 2), 16) ^ parseInt(b.slice(i, i + 2), 16);
    out += byte.toString(16).padStart(2, '0');
  }
  return out;
}

/** Compares two hex strings without an early exit. */
export function sameHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
