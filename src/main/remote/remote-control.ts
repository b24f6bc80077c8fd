/**
 * The `remote.*` control operations the CLI runs on a running hub. Control connections exist only
 * on the local socket and only for the local credential, so no remote can reach these.
 */
import { z } from 'zod';
import type { ControlOutcome } from '../../shared/bridge-protocol';
import { remoteNameSchema } from '../../shared/remote-credential';
import { RemoteError, type RemoteService, type RemoteView } from './remote-service';

const nameArgs = z.object({ name: remoteNameSchema });
const connectArgs = nameArgs.extend({
  host: z.string().min(1).max(255),
  sshOptions: z.array(z.string().max(1024)).max(32).default([]),
  remoteSocket: z.string().max(256).optional(),
});
const checkArgs = z.object({ token: z.string().max(256) });

/** A remote as JSON for the CLI (`--json`) and scripts. */
export function remoteJson(remote: RemoteView): Record<string, unknown> {
  const iso = (ms: number | null | undefined): string | null =>
    ms === null || ms === undefined ? null : new Date(ms).toISOString();
  return {
    name: remote.name,
    host: remote.host,
    ssh_options: remote.sshOptions,
    keep_connected: remote.keepConnected,
    remote_socket: remote.remoteSocket,
    created_at: iso(remote.createdAt),
    rotated_at: iso(remote.rotatedAt),
    last_seen_at: iso(remote.lastSeenAt),
    link: {
      state: remote.link.phase,
      since: iso(remote.link.since),
      ...(remote.link.pid === undefined ? {} : { pid: remote.link.pid }),
      ...(remote.link.error === undefined ? {} : { error: remote.link.error }),
      ...(remote.link.retryAt === undefined ? {} : { retry_at: iso(remote.link.retryAt) }),
      failures: remote.link.failures,
    },
    sessions: remote.sessions,
  };
}

/** Runs a `remote.*` operation; undefined for any other operation. */
export async function runRemoteControl(
  remotes: RemoteService,
  op: string,
  args: Record<string, unknown>,
): Promise<ControlOutcome | undefined> {
  const parse = <T extends z.ZodType>(schema: T): z.infer<T> => {
    const result = schema.safeParse(args);
    if (!result.success)
      throw new RemoteError(
        result.error.issues
          .map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`)
          .join('; '),
      );
    return result.data;
  };
  try {
    switch (op) {
      case 'remote.list':
        return { ok: true, data: remotes.list().map(remoteJson) };
      case 'remote.add': {
        const { name } = parse(nameArgs);
        return { ok: true, data: { name, credential: remotes.add(name) } };
      }
      case 'remote.rotate': {
        const { name } = parse(nameArgs);
        return { ok: true, data: { name, credential: remotes.rotate(name) } };
      }
      case 'remote.remove': {
        const { name } = parse(nameArgs);
        await remotes.remove(name);
        return { ok: true, data: { name, removed: true } };
      }
      case 'remote.check': {
        const { token } = parse(checkArgs);
        return { ok: true, data: { current: remotes.isCurrent(token) } };
      }
      case 'remote.connect': {
        const a = parse(connectArgs);
        const view = await remotes.connect({
          name: a.name,
          host: a.host,
          sshOptions: a.sshOptions,
          ...(a.remoteSocket === undefined ? {} : { remoteSocket: a.remoteSocket }),
        });
        return { ok: true, data: remoteJson(view) };
      }
      case 'remote.disconnect': {
        const { name } = parse(nameArgs);
        return { ok: true, data: remoteJson(await remotes.disconnect(name)) };
      }
      default:
        return undefined;
    }
  } catch (error) {
    if (error instanceof RemoteError) return { ok: false, error: error.message };
    throw error;
  }
}
