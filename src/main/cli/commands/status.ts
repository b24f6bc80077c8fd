import { control, HubNotRunningError } from '../control-client';
import { print, type CommandContext } from '../context';
import { describeLink, type RemoteJson } from './remote';

type Status = {
  pid: number;
  home: string;
  socket: string;
  dashboardUrl: string;
  version: string;
  platforms: Array<{ platform: string; state: string; detail: string }>;
  sessions: Array<{ name: string; cwd: string }>;
  pending: { permissions: number; pairings: number };
  settingsProblems?: string[];
  remotes?: RemoteJson[];
};

/** `switchboard status`: exit 0 when the hub runs, 3 when it does not. */
export async function status(ctx: CommandContext): Promise<number> {
  let data: Status;
  try {
    data = (await control(ctx.paths, 'status')) as Status;
  } catch (error) {
    if (!(error instanceof HubNotRunningError)) throw error;
    print(ctx, { running: false, home: ctx.paths.home }, () => error.message);
    return 3;
  }
  print(ctx, data, () =>
    [
      `Switchboard ${data.version} is running (pid ${data.pid}).`,
      `  Dashboard: ${data.dashboardUrl}`,
      `  Platforms: ${data.platforms.map((p) => `${p.platform} ${p.state}${p.detail ? ` (${p.detail})` : ''}`).join(', ')}`,
      `  Sessions:  ${data.sessions.length === 0 ? 'none attached' : data.sessions.map((s) => s.name).join(', ')}`,
      `  Pending:   ${data.pending.permissions} permission prompt(s), ${data.pending.pairings} pairing(s)`,
      ...(data.remotes ?? []).map((r) => `  Remote:    ${r.name} ${describeLink(r)}`),
      ...(data.settingsProblems && data.settingsProblems.length > 0
        ? [
            '  Settings problems (settings.json):',
            ...data.settingsProblems.map((p) => `    - ${p}`),
          ]
        : []),
    ].join('\n'),
  );
  return 0;
}
