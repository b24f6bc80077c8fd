/**
 * What the helper proves to the hub, and how it checks the hub's answer. Locally that is the hub
 * token (`hub.token`, an HMAC key shared with the hub); on a remote machine it is the remote's
 * credential (src/shared/remote-credential.ts), of which the hub holds only a verifier. Either way
 * the secret never crosses the socket. Both are read again before every connection attempt, so a
 * rotated token or a credential rewritten by `switchboard remote setup` takes effect by itself.
 */
import { readFile, stat } from 'node:fs/promises';
import {
  credentialIdOf,
  expectedHubProof,
  parseRemoteToken,
  remoteClientProof,
  type ProofCrypto,
} from '../shared/remote-credential';
import { nodeCrypto } from './node-crypto';

/** The key material of one connection attempt. */
export type HelperKey = {
  /** The credential id sent in `hello`; absent for the local hub token. */
  credential?: string;
  clientProof: (message: string) => string;
  hubProof: (message: string) => string;
};

export type LoadedKey = { ok: true; key: HelperKey } | { ok: false; reason: string };

export type HelperAuth = { load: () => Promise<LoadedKey> };

const cryptoPrimitives: ProofCrypto = {
  hmac: (keyHex, text) =>
    nodeCrypto()
      .createHmac('sha256', Buffer.from(keyHex, 'hex'))
      .update(text, 'utf8')
      .digest('hex'),
  sha256: (hex) => nodeCrypto().createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex'),
};

/** Compares two hex proofs in constant time. */
export function sameProof(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(given, 'hex');
  return a.length === 32 && b.length === 32 && nodeCrypto().timingSafeEqual(a, b);
}

/** The local hub token. */
export function localAuth(tokenPath: string): HelperAuth {
  return {
    async load() {
      let token: string;
      try {
        token = (await readFile(tokenPath, 'utf8')).trim();
      } catch {
        return { ok: false, reason: 'hub not running (no token file)' };
      }
      const mac = (message: string): string =>
        nodeCrypto().createHmac('sha256', token).update(message).digest('hex');
      return { ok: true, key: { clientProof: mac, hubProof: mac } };
    },
  };
}

/** A remote credential file, as `switchboard remote setup` writes it (one token, mode 0600). */
export function remoteAuth(credentialPath: string): HelperAuth {
  return {
    async load() {
      let text: string;
      try {
        const info = await stat(credentialPath);
        // Like ssh with a private key: a credential others can read is not used.
        if ((info.mode & 0o077) !== 0)
          return {
            ok: false,
            reason: `warning: ${credentialPath} can be read by other users (mode ${(info.mode & 0o777).toString(8)}); run chmod 600 ${credentialPath}`,
          };
        text = await readFile(credentialPath, 'utf8');
      } catch {
        return {
          ok: false,
          reason: `warning: no remote credential at ${credentialPath}; run \`switchboard remote setup NAME HOST\` on the Mac`,
        };
      }
      const secret = parseRemoteToken(text);
      if (!secret)
        return {
          ok: false,
          reason: `warning: ${credentialPath} does not hold a Switchboard remote credential`,
        };
      return {
        ok: true,
        key: {
          credential: credentialIdOf(secret),
          clientProof: (message) => remoteClientProof(cryptoPrimitives, secret.secret, message),
          hubProof: (message) => expectedHubProof(cryptoPrimitives, secret.secret, message),
        },
      };
    },
  };
}
