/**
 * Remote credentials on the hub's side: minting a secret (shown once, or written straight to the
 * remote by `switchboard remote setup`), keeping only its verifier, and checking a remote's proof
 * on the remote socket. The verifier is read from the database on every attempt, so removing or
 * rotating a remote refuses its old credential at once.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import {
  deriveVerifier,
  parseCredentialId,
  remoteHubProof,
  remoteProofMatches,
  type ProofCrypto,
  type RemoteSecret,
  type RemoteVerifier,
} from '../../shared/remote-credential';
import type { Credential, CredentialSource } from '../bridge/auth';
import type { RemoteStore } from '../store/remotes';

/** The node:crypto primitives the shared credential code needs. */
export const nodeProofCrypto: ProofCrypto = {
  hmac: (keyHex, text) =>
    createHmac('sha256', Buffer.from(keyHex, 'hex')).update(text, 'utf8').digest('hex'),
  sha256: (hex) => createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex'),
};

/** A fresh credential for `remote`: 256 random bits and a new key id. */
export function newRemoteSecret(remote: string): RemoteSecret {
  return {
    remote,
    keyId: randomBytes(4).toString('hex'),
    secret: randomBytes(32).toString('hex'),
  };
}

export const verifierOf = (secret: RemoteSecret): RemoteVerifier =>
  deriveVerifier(nodeProofCrypto, secret);

/** Why a remote credential was refused, for the hub's log (never told to the client). */
export type RefusalNote = (remote: string, reason: 'unknown' | 'rotated') => void;

/**
 * The credentials the remote socket accepts: per-remote ones only. The local hub token (no
 * credential id) and anything that is not a current remote key are refused.
 */
export function remoteCredentials(store: RemoteStore, note?: RefusalNote): CredentialSource {
  return (id) => {
    if (id === undefined) return undefined;
    const named = parseCredentialId(id);
    if (!named) return undefined;
    const record = store.get(named.remote);
    if (!record) {
      note?.(named.remote, 'unknown');
      return undefined;
    }
    if (record.verifier.keyId !== named.keyId) {
      note?.(named.remote, 'rotated');
      return undefined;
    }
    const verifier = record.verifier;
    const credential: Credential = {
      principal: { kind: 'remote', remote: record.name },
      verify: (message, proof) => remoteProofMatches(nodeProofCrypto, verifier, message, proof),
      prove: (message) => remoteHubProof(nodeProofCrypto, verifier.serverKey, message),
    };
    return credential;
  };
}

/** Whether `secret` is the current credential of its remote (used by setup to change nothing). */
export function isCurrentSecret(store: RemoteStore, secret: RemoteSecret): boolean {
  const record = store.get(secret.remote);
  if (!record || record.verifier.keyId !== secret.keyId) return false;
  const derived = verifierOf(secret);
  return (
    derived.storedKey === record.verifier.storedKey &&
    derived.serverKey === record.verifier.serverKey
  );
}
