import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { proofMessage } from '../../../src/shared/bridge-protocol';
import {
  credentialIdOf,
  deriveVerifier,
  expectedHubProof,
  formatRemoteToken,
  parseCredentialId,
  parseRemoteToken,
  remoteClientProof,
  remoteHubProof,
  remoteProofMatches,
  sameHex,
  type ProofCrypto,
} from '../../../src/shared/remote-credential';

const crypto: ProofCrypto = {
  hmac: (key, text) => createHmac('sha256', Buffer.from(key, 'hex')).update(text).digest('hex'),
  sha256: (hex) => createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex'),
};
const secret = { remote: 'devbox', keyId: '0a1b2c3d', secret: 'ab'.repeat(32) };
const message = proofMessage('client', 'session', 'c'.repeat(64), 'd'.repeat(64));
const hubMessage = proofMessage('hub', 'session', 'c'.repeat(64), 'd'.repeat(64));

describe('remote credential tokens', () => {
  it('round-trips a token and refuses anything else', () => {
    const token = formatRemoteToken(secret);
    expect(parseRemoteToken(` ${token}\n`)).toEqual(secret);
    expect(parseRemoteToken(token.replace('sbr1', 'sbr2'))).toBeUndefined();
    expect(parseRemoteToken(token.slice(0, -1))).toBeUndefined();
    expect(parseRemoteToken(token.replace('devbox', 'Dev_Box'))).toBeUndefined();
    expect(parseRemoteToken(`${token}\nextra`)).toBeUndefined();
  });

  it('names the remote and key generation in the credential id', () => {
    expect(credentialIdOf(secret)).toBe('remote.devbox.0a1b2c3d');
    expect(parseCredentialId('remote.devbox.0a1b2c3d')).toEqual({
      remote: 'devbox',
      keyId: '0a1b2c3d',
    });
    expect(parseCredentialId('devbox.0a1b2c3d')).toBeUndefined();
    expect(parseCredentialId('remote.-x.0a1b2c3d')).toBeUndefined();
  });
});

describe('remote proofs (SCRAM over the bridge nonces)', () => {
  const verifier = deriveVerifier(crypto, secret);

  it('accepts the proof of the holder of the secret', () => {
    const proof = remoteClientProof(crypto, secret.secret, message);
    expect(remoteProofMatches(crypto, verifier, message, proof)).toBe(true);
  });

  it('refuses a proof over another message (a replay on a fresh challenge)', () => {
    const proof = remoteClientProof(crypto, secret.secret, message);
    const other = proofMessage('client', 'session', 'e'.repeat(64), 'd'.repeat(64));
    expect(remoteProofMatches(crypto, verifier, other, proof)).toBe(false);
  });

  it('refuses another secret, a rotated one included', () => {
    const proof = remoteClientProof(crypto, 'cd'.repeat(32), message);
    expect(remoteProofMatches(crypto, verifier, message, proof)).toBe(false);
  });

  it('gives nothing usable to whoever reads the stored verifier', () => {
    // The stored values are not the secret: using them as one fails.
    for (const stolen of [verifier.storedKey, verifier.serverKey]) {
      const proof = remoteClientProof(crypto, stolen, message);
      expect(remoteProofMatches(crypto, verifier, message, proof)).toBe(false);
    }
    expect(verifier.storedKey).not.toContain(secret.secret);
    expect(verifier.serverKey).not.toContain(secret.secret);
  });

  it('lets the helper check the hub from the secret alone', () => {
    const fromHub = remoteHubProof(crypto, verifier.serverKey, hubMessage);
    expect(expectedHubProof(crypto, secret.secret, hubMessage)).toBe(fromHub);
    expect(expectedHubProof(crypto, 'cd'.repeat(32), hubMessage)).not.toBe(fromHub);
  });

  it('refuses malformed proofs without throwing', () => {
    expect(remoteProofMatches(crypto, verifier, message, 'zz'.repeat(32))).toBe(false);
    expect(remoteProofMatches(crypto, verifier, message, '')).toBe(false);
    expect(remoteProofMatches(crypto, verifier, message, 'ab'.repeat(33))).toBe(false);
  });

  it('compares hex without regard to where the first difference is', () => {
    expect(sameHex('abcd', 'abcd')).toBe(true);
    expect(sameHex('abcd', 'abce')).toBe(false);
    expect(sameHex('abcd', 'abc')).toBe(false);
  });
});
