/**
 * `switchboard projects list | add NAME DIR [--resume] [--wake] [--idle-stop-minutes N] [-- ARGS…]
 * | remove NAME | start NAME | stop NAME | restart NAME`. With a hub running, everything goes
 * through it (it owns settings.json while it runs); without one, list/add/remove edit the file.
 */
import { mkdir } from 'node:fs/promises';
import type { ProjectDraft, ProjectView } from '../../../shared/ui-api';
import { applyProjectChange, checkProject } from '../../launcher/projects';
import { createLogger } from '../../log';
import type { Project } from '../../settings/projects-schema';
import { saveSettings, type Settings } from '../../settings/settings';
import { loadSettingsFile } from '../../settings/settings-load';
import { stringFlag, UsageError } from '../args';
import { control, HubNotRunningError } from '../control-client';
import { print, type CommandContext } from '../context';

const USAGE =
  'usage: switchboard projects list | add NAME DIR [--resume] [--wake] [--idle-stop-minutes N] [-- CLAUDE_ARGS…] | remove NAME | start NAME | stop NAME | restart NAME';

/** Long enough for the stop grace period (up to 300 s) and a start. */
const LAUNCH_TIMEOUT_MS = 330_000;

const STATE: Readonly<Record<ProjectView['state'] | 'unknown', string>> = {
  attached: 'running, connected',
  running: 'running, not connected',
  starting: 'starting',
  stopped: 'stopped',
  unknown: 'state unknown (Switchboard is not running)',
};

type ListedProject = Omit<ProjectView, 'state'> & { state: ProjectView['state'] | 'unknown' };

function describe(p: ListedProject): string {
  const options = [
    p.resume ? 'resume' : '',
    p.wake ? 'wake' : '',
    p.idleStopMinutes > 0 ? `idle stop ${p.idleStopMinutes} min` : 'no idle stop',
    p.args.length > 0 ? `args: ${p.args.join(' ')}` : '',
  ].filter(Boolean);
  return `${p.name}  ${STATE[p.state]}  ${p.dir ?? '(removed from settings)'}  [${options.join(', ')}]`;
}

function listed(name: string, p: Project): ListedProject {
  return {
    name,
    dir: p.dir,
    resume: p.resume,
    wake: p.wake,
    args: p.args,
    idleStopMinutes: p.idleStopMinutes,
    state: 'unknown',
    launched: false,
    tmuxSession: `switchboard-${name}`,
    attachCommand: `tmux attach -t switchboard-${name}`,
    startedAt: null,
    lastActivityAt: null,
  };
}

/** Runs `op` on the hub; without one, `offline` instead (when given). */
async function viaHub<T>(
  ctx: CommandContext,
  op: string,
  args: Record<string, unknown>,
  offline?: () => Promise<T>,
): Promise<T> {
  try {
    return (await control(ctx.paths, op, args, LAUNCH_TIMEOUT_MS)) as T;
  } catch (error) {
    if (error instanceof HubNotRunningError && offline) return offline();
    throw error;
  }
}

async function editOffline(
  ctx: CommandContext,
  change: (settings: Settings) => string | undefined,
): Promise<void> {
  const log = createLogger((line) => ctx.err(line), 'warn', 'settings');
  await mkdir(ctx.paths.home, { recursive: true, mode: 0o700 });
  const { settings, problems } = await loadSettingsFile(ctx.paths.settings, log);
  // Saving now would write the repaired settings (fields reset, platforms perhaps paused) over
  // the user's file; they fix it first, or change projects through a running hub.
  if (problems.length > 0)
    throw new Error(
      `${ctx.paths.settings} has problems (see above); fix them first, or start Switchboard and change projects through it`,
    );
  const refused = change(settings);
  if (refused) throw new Error(refused);
  await saveSettings(ctx.paths.settings, settings);
}

function draftFrom(ctx: CommandContext, name: string, dir: string): ProjectDraft {
  const minutes = stringFlag(ctx.args, '--idle-stop-minutes');
  const idle = minutes === undefined ? undefined : Number(minutes);
  if (idle !== undefined && !Number.isFinite(idle))
    throw new UsageError('--idle-stop-minutes needs a number (0: never stop)');
  return {
    name,
    dir,
    ...(ctx.args.flags.has('--resume') ? { resume: true } : {}),
    ...(ctx.args.flags.has('--wake') ? { wake: true } : {}),
    ...(idle === undefined ? {} : { idleStopMinutes: idle }),
    ...(ctx.args.rest.length > 0 ? { args: ctx.args.rest } : {}),
  };
}

export async function projects(ctx: CommandContext): Promise<number> {
  const [, action, name, dir] = ctx.args.positionals;
  switch (action) {
    case undefined:
    case 'list': {
      const data = await viaHub<ListedProject[]>(ctx, 'projects.list', {}, async () =>
        Object.entries(
          (
            await loadSettingsFile(
              ctx.paths.settings,
              createLogger((l) => ctx.err(l), 'warn'),
            )
          ).settings.projects,
        ).map(([n, p]) => listed(n, p)),
      );
      print(ctx, data, () =>
        data.length === 0
          ? 'No projects. Add one: switchboard projects add NAME DIR [--resume] [--wake]'
          : data.map(describe).join('\n'),
      );
      return 0;
    }
    case 'add': {
      if (name === undefined || dir === undefined) throw new UsageError(USAGE);
      const draft = draftFrom(ctx, name, dir);
      const view = await viaHub<ListedProject>(
        ctx,
        'projects.add',
        { project: draft, cwd: process.cwd() },
        async () => {
          const checked = await checkProject(draft, process.cwd());
          if (!checked.ok) throw new Error(checked.error);
          await editOffline(ctx, (s) => applyProjectChange(s, { kind: 'add', ...checked }));
          return listed(checked.name, checked.project);
        },
      );
      print(ctx, view, () => `Added project ${view.name} (${view.dir ?? ''}).`);
      return 0;
    }
    case 'remove': {
      if (name === undefined) throw new UsageError(USAGE);
      const data = await viaHub<{ name: string; message: string }>(
        ctx,
        'projects.remove',
        { name },
        async () => {
          await editOffline(ctx, (s) => applyProjectChange(s, { kind: 'remove', name }));
          return { name, message: `Removed project ${name}.` };
        },
      );
      print(ctx, data, () => data.message);
      return 0;
    }
    case 'start':
    case 'stop':
    case 'restart': {
      if (name === undefined) throw new UsageError(USAGE);
      const data = await viaHub<{ name: string; message: string }>(ctx, `projects.${action}`, {
        name,
      });
      print(ctx, data, () => data.message);
      return 0;
    }
    default:
      throw new UsageError(USAGE);
  }
}
