/**
 * Which tmux server launched sessions live on: the user's default one (so `tmux attach -t
 * switchboard-<project>` joins them), or the one SWITCHBOARD_TMUX_SOCKET names — `tmux -L NAME`,
 * or `tmux -S PATH` when it holds a slash.
 */
import { findTmux } from './find-tmux';
import { tmuxSessionName } from './launch-command';
import { Tmux, type TmuxSocket } from './tmux';

type Env = Readonly<Record<string, string | undefined>>;

function socketOf(env: Env): TmuxSocket | undefined {
  const socket = env['SWITCHBOARD_TMUX_SOCKET'];
  if (!socket) return undefined;
  return socket.includes('/') ? { path: socket } : { name: socket };
}

/** A tmux client on that server, run with the hub's environment; undefined without tmux. */
export async function tmuxFor(env: Env): Promise<Tmux | undefined> {
  const bin = await findTmux(env);
  return bin ? new Tmux(bin, socketOf(env), env) : undefined;
}

/** What joins a project's session at the computer. */
export function attachCommand(env: Env, project: string): string {
  const socket = socketOf(env);
  const where = !socket ? '' : 'path' in socket ? `-S '${socket.path}' ` : `-L ${socket.name} `;
  return `tmux ${where}attach -t ${tmuxSessionName(project)}`;
}
