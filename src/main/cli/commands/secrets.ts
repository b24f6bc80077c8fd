/**
 * `switchboard secrets set|remove|status telegram|discord`: bot tokens go to the OS keychain, read
 * from stdin so they never appear in shell history or process lists, and are never printed.
 */
import { createOsKeychain } from '../../secrets/keychain';
import {
  createSecretStore,
  SECRET_NAMES,
  type SecretName,
  type SecretSource,
} from '../../secrets/secret-store';
import { UsageError } from '../args';
import { control, HubNotRunningError } from '../control-client';
import { print, type CommandContext } from '../context';

const USAGE =
  'usage: switchboard secrets set telegram|discord (token on stdin) | remove NAME | status';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    if (Buffer.concat(chunks).length > 4096) throw new Error('too much input for a token');
  }
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** Tells a running hub to pick up the new token; fine when no hub runs. */
async function reload(ctx: CommandContext, name: SecretName): Promise<string> {
  if (name !== 'telegram') return 'it is used the next time the hub starts';
  try {
    return (
      (await control(ctx.paths, 'platforms.restart', { platform: name })) as { message: string }
    ).message;
  } catch (error) {
    if (error instanceof HubNotRunningError) return 'it is used when the hub starts';
    throw error;
  }
}

export async function secrets(ctx: CommandContext): Promise<number> {
  const [, action, name] = ctx.args.positionals;
  const store = createSecretStore(ctx.env, createOsKeychain());
  if (action === 'status' || action === undefined) {
    const data = Object.fromEntries(
      await Promise.all(SECRET_NAMES.map(async (n) => [n, await store.source(n)] as const)),
    );
    const label: Record<SecretSource, string> = {
      env: 'set (environment)',
      keychain: 'set (keychain)',
      unset: 'not set',
      'keychain-unavailable': 'unknown: the OS keychain is not available',
    };
    print(ctx, data, () =>
      SECRET_NAMES.map((n) => `${n}: ${label[data[n] ?? 'unset']}`).join('\n'),
    );
    return 0;
  }
  if (!(SECRET_NAMES as readonly string[]).includes(name ?? '')) throw new UsageError(USAGE);
  const secretName = name as SecretName;
  if (action === 'set') {
    if (process.stdin.isTTY)
      ctx.err(`Paste the ${secretName} bot token, then press Enter and Ctrl+D:`);
    await store.set(secretName, await readStdin());
    const note = await reload(ctx, secretName);
    print(
      ctx,
      { name: secretName, stored: 'keychain', hub: note },
      () => `Stored the ${secretName} token in the keychain; ${note}.`,
    );
    return 0;
  }
  if (action === 'remove') {
    const removed = await store.remove(secretName);
    const note = removed ? await reload(ctx, secretName) : '';
    print(ctx, { name: secretName, removed }, () =>
      removed
        ? `Removed the ${secretName} token from the keychain; ${note}.`
        : `No ${secretName} token in the keychain.`,
    );
    return 0;
  }
  throw new UsageError(USAGE);
}
