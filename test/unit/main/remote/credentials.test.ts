import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { proofMessage } from '../../../../src/shared/bridge-protocol';
import {
  credentialIdOf,
  formatRemoteToken,
  remoteClientProof,
} from '../../../../src/shared/remote-credential';
import {
  isCurrentSecret,
  newRemoteSecret,
  nodeProofCrypto,
  remoteCredentials,
  verifierOf,
} from '../../../../src/main/remote/credentials';
import { remoteMeta } from '../../../../src/main/remote/remote-calls';
import { remoteSessionName } from '../../../../src/main/remote/remote-sessions';
import { openDatabase, type Db } from '../../../../src/main/store/db';
import { RemoteStore } from '../../../../src/main/store/remotes';
import { tempDir } from '../../../support/paths';

const message = proofMessage('client', 'session', '1'.repeat(64), '2'.repeat(64));

describe('remote credentials on the remote socket', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let db: Db;
  let store: RemoteStore;
  beforeEach(async () => {
    dir = await tempDir('sb-remote-cred-');
    db = openDatabase(join(dir.dir, 'a.db'));
    store = new RemoteStore(db);
  });
  afterEach(async () => {
    db.close();
    await dir.cleanup();
  });

  it('accepts the current credential of a remote as that remote', () => {
    const secret = newRemoteSecret('box');
    store.add('box', verifierOf(secret), 1);
    const credential = remoteCredentials(store)(credentialIdOf(secret));
    expect(credential?.principal).toEqual({ kind: 'remote', remote: 'box' });
    expect(
      credential?.verify(message, remoteClientProof(nodeProofCrypto, secret.secret, message)),
    ).toBe(true);
    expect(isCurrentSecret(store, secret)).toBe(true);
  });

  it('refuses the local token, unknown remotes and rotated keys, and says which', () => {
    const notes: string[] = [];
    const source = remoteCredentials(store, (remote, reason) => notes.push(`${remote}:${reason}`));
    const old = newRemoteSecret('box');
    store.add('box', verifierOf(old), 1);
    const current = newRemoteSecret('box');
    store.rotate('box', verifierOf(current), 2);
    expect(source(undefined)).toBeUndefined();
    expect(source(credentialIdOf(old))).toBeUndefined();
    expect(source(credentialIdOf(newRemoteSecret('other')))).toBeUndefined();
    expect(source('not-a-remote-id')).toBeUndefined();
    expect(notes).toEqual(['box:rotated', 'other:unknown']);
    expect(isCurrentSecret(store, old)).toBe(false);
    expect(formatRemoteToken(current)).toMatch(/^sbr1\.box\./);
  });

  it('refuses a proof made with another secret under the current key id', () => {
    const secret = newRemoteSecret('box');
    store.add('box', verifierOf(secret), 1);
    const credential = remoteCredentials(store)(credentialIdOf(secret));
    const forged = remoteClientProof(nodeProofCrypto, 'ff'.repeat(32), message);
    expect(credential?.verify(message, forged)).toBe(false);
  });
});

describe('what a remote session sees', () => {
  it('gets host in its meta and none of the hub machine paths', () => {
    expect(
      remoteMeta(
        {
          chat_id: 'web:main',
          image_path: '/Users/me/Library/Application Support/Switchboard/inbox/a.png',
          attachment_path: '/Users/me/x/b.pdf',
          attachments: '/Users/me/x/b.pdf; c.txt',
          host: 'forged',
        },
        'devbox',
      ),
    ).toEqual({ chat_id: 'web:main', attachments: 'b.pdf; c.txt', host: 'devbox' });
  });

  it('is named REMOTE:session within the 64 characters names may have', () => {
    expect(remoteSessionName('devbox', 'api')).toBe('devbox:api');
    const long = remoteSessionName('a'.repeat(24), 'b'.repeat(64));
    expect(long.startsWith(`${'a'.repeat(24)}:`)).toBe(true);
    expect(long.length).toBeLessThanOrEqual(61);
  });
});
