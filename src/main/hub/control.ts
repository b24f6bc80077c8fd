/**
 * Operations the CLI performs on a running hub over the bridge socket (`control` frames). Every
 * argument is parsed here; answers are plain JSON the CLI prints or passes through with --json.
 */
import { z } from 'zod';
import type { ControlFrame, ControlOutcome } from '../../shared/bridge-protocol';
import { behaviorSchema } from '../../shared/channel';
import { runAccessControl } from './control-access';
import { runProjectControl } from './control-projects';
import type { ProjectService } from '../launcher/project-service';
import type { HubCore } from './core';
import type { Platforms } from './platforms';

export type HubInfo = {
  pid: number;
  home: string;
  socket: string;
  dashboardUrl: string;
  startedAt: number;
  version: string;
  /** What was wrong with settings.json when it was loaded (fields rejected, file unreadable). */
  settingsProblems?: () => readonly string[];
};

const decideArgs = z.object({
  request_id: z.string().min(1).max(16),
  behavior: behaviorSchema,
  session: z.string().max(64).optional(),
});

type Result = ControlOutcome;

/** Credential upkeep the hub performs for `switchboard doctor` (implemented in app/hub.ts). */
export type Maintenance = {
  /** A new hub.token; every bridge connection must prove itself again. */
  rotateBridgeToken: () => Promise<void>;
  /** A new dashboard token; every browser session ends. */
  signOutBrowsers: () => Promise<{ signedOut: number; dashboardUrl: string }>;
};

export async function handleControl(
  core: HubCore,
  info: HubInfo,
  frame: ControlFrame,
  platforms: Platforms,
  maintenance?: Maintenance,
  projects?: ProjectService,
): Promise<Result> {
  if (maintenance && frame.op === 'hub.rotate-token') {
    await maintenance.rotateBridgeToken();
    return { ok: true, data: { rotated: true } };
  }
  if (maintenance && frame.op === 'dashboard.sign-out')
    return { ok: true, data: await maintenance.signOutBrowsers() };
  if (projects && frame.op.startsWith('projects.')) {
    const outcome = await runProjectControl(projects, frame.op, frame.args);
    if (outcome) return outcome;
  }
  if (frame.op === 'platforms.restart') {
    const parsed = z
      .object({ platform: z.enum(['telegram', 'discord', 'imessage']) })
      .safeParse(frame.args);
    if (!parsed.success)
      return { ok: false, error: 'platform must be telegram, discord or imessage' };
    const message =
      parsed.data.platform === 'telegram'
        ? await platforms.restart('telegram')
        : parsed.data.platform === 'discord'
          ? await platforms.restartDiscord()
          : await platforms.restartImessage();
    return { ok: true, data: { message } };
  }
  return run(core, info, frame);
}

function run(core: HubCore, info: HubInfo, frame: ControlFrame): Result {
  switch (frame.op) {
    case 'status': {
      const { settingsProblems, ...facts } = info;
      return {
        ok: true,
        data: {
          running: true,
          ...facts,
          settingsProblems: settingsProblems?.() ?? [],
          platforms: core.adapterStatuses(),
          sessions: core.attachedSessions().map((s) => ({
            name: s.name,
            cwd: s.cwd,
            pid: s.pid,
            attachedAt: s.attachedAt,
            channels: s.channels,
          })),
          pending: {
            permissions: core.broker.pending().length,
            pairings: core.access.pendingPairings().length,
          },
        },
      };
    }
    case 'sessions':
      return {
        ok: true,
        data: {
          attached: core.attachedSessions().map((s) => ({
            name: s.name,
            cwd: s.cwd,
            pid: s.pid,
            attachedAt: s.attachedAt,
            channels: s.channels,
          })),
          recent: core.store.sessions.recent(20).map((s) => ({
            name: s.name,
            cwd: s.cwd,
            pid: s.pid,
            attachedAt: s.attachedAt,
            detachedAt: s.detachedAt,
          })),
        },
      };
    case 'permissions.list':
      return {
        ok: true,
        data: core.broker.pending().map((r) => ({
          request_id: r.request_id,
          session: r.sessionName,
          tool_name: r.tool_name,
          description: r.description,
          input_preview: r.input_preview,
          created_at: new Date(r.createdAt).toISOString(),
        })),
      };
    case 'permissions.decide': {
      const args = decideArgs.safeParse(frame.args);
      if (!args.success)
        return { ok: false, error: `bad arguments: ${args.error.issues[0]?.message ?? ''}` };
      const outcome = core.broker.decide({
        requestId: args.data.request_id,
        behavior: args.data.behavior,
        by: 'local owner',
        via: 'cli',
        ...(args.data.session === undefined ? {} : { session: args.data.session }),
      });
      if (!outcome.ok) return { ok: false, error: outcome.message };
      return {
        ok: true,
        data: {
          request_id: outcome.request.request_id,
          session: outcome.request.sessionName,
          tool_name: outcome.request.tool_name,
          behavior: args.data.behavior,
        },
      };
    }
    default:
      return (
        runAccessControl(core, frame.op, frame.args) ?? {
          ok: false,
          error: `unknown operation ${frame.op}`,
        }
      );
  }
}
