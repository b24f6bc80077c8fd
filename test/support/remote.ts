/**
 * Remote helpers without ssh: a remote's credential written to a 0600 file and the real helper
 * pointed at the hub's remote socket with `SWITCHBOARD_HUB`, exactly as `remote setup` registers
 * it (the ssh hop is tested in test/e2e/remote-ssh.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeProofCrypto } from '../../src/main/remote/credentials';
import { BRIDGE_VERSION, proofMessage, type ProofRole } from '../../src/shared/bridge-protocol';
import { hubPaths } from '../../src/shared/paths';
import {
  credentialIdOf,
  parseRemoteToken,
  remoteClientProof,
} from '../../src/shared/remote-credential';
import { challengeOf } from './bridge-auth';
import { runCli } from './cli';
import { connectHelper, type HelperClient } from './helper-client';
import type { RawSocket } from './raw-socket';

export type RemoteJson = {
  name: string;
  host: string | null;
  keep_connected: boolean;
  sessions: string[];
  link: { state: string; pid?: number; error?: string };
};

/** The hub's remote socket for a home (as the hub computes it). */
export const remoteSocketOf = (home: string): string =>
  hubPaths(home, { env: process.env, tmpdir: tmpdir() }).remoteSocket;

/** `switchboard remote add NAME` → the credential token it shows once. */
export async function addRemote(home: string, name: string): Promise<string> {
  const result = await runCli(['remote', 'add', name, '--json', '--home', home]);
  if (result.code !== 0) throw new Error(`remote add failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { credential: string }).credential;
}

export async function remoteList(home: string): Promise<RemoteJson[]> {
  const result = await runCli(['remote', 'list', '--json', '--home', home]);
  if (result.code !== 0) throw new Error(`remote list failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as RemoteJson[];
}

/** Writes a credential file the way `remote setup` does (0600). */
export async function writeCredential(dir: string, token: string): Promise<string> {
  const path = join(dir, 'credential');
  await writeFile(path, `${token}\n`, { mode: 0o600 });
  return path;
}

/** The real helper as a remote's Claude Code runs it: SWITCHBOARD_HUB and the credential file. */
export function connectRemoteHelper(options: {
  home: string;
  credential: string;
  session: string;
  cwd?: string;
  socket?: string;
  env?: Record<string, string>;
}): Promise<HelperClient> {
  return connectHelper({
    home: options.home,
    session: options.session,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: {
      SWITCHBOARD_HUB: options.socket ?? remoteSocketOf(options.home),
      SWITCHBOARD_CREDENTIAL: options.credential,
      SWITCHBOARD_DEBUG: '1',
      ...options.env,
    },
  });
}

/** The first-frame fields a remote sends: its credential id, a fresh nonce and its SCRAM proof. */
export async function proveAsRemote(
  raw: RawSocket,
  token: string,
  role: ProofRole,
): Promise<{ v: typeof BRIDGE_VERSION; nonce: string; proof: string; credential: string }> {
  const secret = parseRemoteToken(token);
  if (!secret) throw new Error(`not a remote token: ${token}`);
  const hubNonce = await challengeOf(raw);
  const nonce = randomBytes(32).toString('hex');
  return {
    v: BRIDGE_VERSION,
    nonce,
    credential: credentialIdOf(secret),
    proof: remoteClientProof(
      nodeProofCrypto,
      secret.secret,
      proofMessage('client', role, hubNonce, nonce),
    ),
  };
}
