/**
 * `switchboard remote …`: machines whose Claude Code sessions reach this hub through SSH.
 * Identities and links live in the running hub (it supervises the ssh links); `setup` runs here,
 * over the user's own ssh (remote-setup.ts).
 */
import { UsageError } from '../args';
import { control } from '../control-client';
import { print, type CommandContext } from '../context';
import { remoteSetup } from './remote-setup';

export type RemoteJson = {
  name: string;
  host: string | null;
  ssh_options: string[];
  keep_connected: boolean;
  remote_socket: string | null;
  last_seen_at: string | null;
  link: {
    state: string;
    since: string;
    pid?: number;
    error?: string;
    retry_at?: string;
    failures: number;
  };
  sessions: string[];
};

const USAGE = `usage: switchboard remote list
       switchboard remote add NAME
       switchboard remote setup NAME [user@]HOST [--ssh-opt KEY=VALUE]… [--remote-node PATH] [--remote-claude PATH] [--remote-socket PATH]
       switchboard remote connect NAME [user@]HOST [--ssh-opt KEY=VALUE]… [--remote-socket PATH] [--no-wait]
       switchboard remote disconnect NAME
       switchboard remote rotate NAME
       switchboard remote remove NAME`;

/** One line about a remote's link, as people read it. */
export function describeLink(remote: RemoteJson): string {
  const { link } = remote;
  switch (link.state) {
    case 'connected':
      return `linked to ${remote.host ?? '?'} since ${link.since}`;
    case 'preparing':
    case 'connecting':
      return `connecting to ${remote.host ?? '?'}`;
    case 'waiting':
      return `not linked (${link.error ?? 'unknown error'}); retrying at ${link.retry_at ?? '?'}`;
    default:
      return remote.host === null ? 'never connected' : `not connected (last host ${remote.host})`;
  }
}

function describe(remote: RemoteJson): string {
  const sessions = remote.sessions.length === 0 ? 'no sessions' : remote.sessions.join(', ');
  return `${remote.name}  ${describeLink(remote)}; ${sessions}`;
}

export async function remote(ctx: CommandContext): Promise<number> {
  const [, action, name, host] = ctx.args.positionals;
  const needName = (): string => {
    if (name === undefined) throw new UsageError(USAGE);
    return name;
  };
  switch (action) {
    case undefined:
    case 'list': {
      const data = (await control(ctx.paths, 'remote.list')) as RemoteJson[];
      print(ctx, data, () =>
        data.length === 0
          ? 'No remotes. Add one with `switchboard remote add NAME`.'
          : data.map(describe).join('\n'),
      );
      return 0;
    }
    case 'add':
    case 'rotate': {
      const data = (await control(ctx.paths, `remote.${action}`, { name: needName() })) as {
        name: string;
        credential: string;
      };
      print(ctx, data, () =>
        [
          action === 'add'
            ? `Added remote "${data.name}".`
            : `Rotated the credential of "${data.name}"; its sessions were disconnected and the old credential no longer works.`,
          `Its credential (shown once; \`switchboard remote setup ${data.name} HOST\` installs a new one for you):`,
          `  ${data.credential}`,
          'On the remote, keep it in a file only you can read (chmod 600) and point SWITCHBOARD_CREDENTIAL at it.',
        ].join('\n'),
      );
      return 0;
    }
    case 'remove': {
      const data = await control(ctx.paths, 'remote.remove', { name: needName() });
      print(ctx, data, () => `Removed remote "${needName()}"; its sessions and link were cut.`);
      return 0;
    }
    case 'connect':
      if (host === undefined) throw new UsageError(USAGE);
      return connectRemote(ctx, needName(), host);
    case 'disconnect': {
      const data = (await control(ctx.paths, 'remote.disconnect', {
        name: needName(),
      })) as RemoteJson;
      print(ctx, data, () => `Disconnected "${data.name}"; the hub no longer keeps it linked.`);
      return 0;
    }
    case 'setup':
      if (host === undefined) throw new UsageError(USAGE);
      return remoteSetup(ctx, needName(), host);
    default:
      throw new UsageError(USAGE);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks the hub to keep the remote linked, then waits (up to 30 s) to say how it went. */
async function connectRemote(ctx: CommandContext, name: string, host: string): Promise<number> {
  const remoteSocket = ctx.args.flags.get('--remote-socket');
  let data = (await control(ctx.paths, 'remote.connect', {
    name,
    host,
    sshOptions: ctx.args.repeated.get('--ssh-opt') ?? [],
    ...(typeof remoteSocket === 'string' ? { remoteSocket } : {}),
  })) as RemoteJson;
  const deadline = Date.now() + 30_000;
  while (!ctx.args.flags.has('--no-wait') && Date.now() < deadline) {
    if (data.link.state === 'connected' || data.link.state === 'waiting') break;
    await sleep(250);
    const all = (await control(ctx.paths, 'remote.list')) as RemoteJson[];
    data = all.find((r) => r.name === name) ?? data;
  }
  print(ctx, data, () =>
    data.link.state === 'connected'
      ? `Linked "${name}" to ${host}: sessions there reach this hub (the hub keeps the link up).`
      : `"${name}": ${describeLink(data)}. The hub keeps trying; see \`switchboard remote list\`.`,
  );
  return 0;
}
