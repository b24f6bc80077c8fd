/**
 * Control operations about projects for the CLI: `projects.list|add|remove|start|stop|restart`.
 * Arguments are parsed here; the directory of `add` is resolved against the CLI's working
 * directory, which it sends along.
 */
import { z } from 'zod';
import type { ControlOutcome } from '../../shared/bridge-protocol';
import { projectDraftSchema } from '../../shared/ui-api';
import type { ProjectService } from '../launcher/project-service';

const BY = 'local owner (cli)';
const nameArgs = z.object({ name: z.string().min(1).max(64) });
const addArgs = z.object({
  project: projectDraftSchema,
  cwd: z.string().min(1).max(4096).default('/'),
});

function bad(error: z.ZodError): ControlOutcome {
  return {
    ok: false,
    error: `bad arguments: ${error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
  };
}

/** Handles the project operations; undefined for an operation that is not one of them. */
export async function runProjectControl(
  projects: ProjectService,
  op: string,
  args: Record<string, unknown>,
): Promise<ControlOutcome | undefined> {
  switch (op) {
    case 'projects.list':
      return { ok: true, data: await projects.views() };
    case 'projects.add': {
      const parsed = addArgs.safeParse(args);
      if (!parsed.success) return bad(parsed.error);
      const saved = await projects.save(parsed.data.project, 'add', BY, parsed.data.cwd);
      return saved.ok ? { ok: true, data: saved.view } : { ok: false, error: saved.error };
    }
    case 'projects.remove': {
      const parsed = nameArgs.safeParse(args);
      if (!parsed.success) return bad(parsed.error);
      const removed = await projects.remove(parsed.data.name, BY);
      return removed.ok
        ? { ok: true, data: { name: parsed.data.name, message: removed.message } }
        : { ok: false, error: removed.error };
    }
    case 'projects.start':
    case 'projects.stop':
    case 'projects.restart': {
      const parsed = nameArgs.safeParse(args);
      if (!parsed.success) return bad(parsed.error);
      const { name } = parsed.data;
      const result =
        op === 'projects.start'
          ? await projects.start(name, BY)
          : op === 'projects.stop'
            ? await projects.stop(name, BY)
            : await projects.restart(name, BY);
      if (!result.ok) return { ok: false, error: result.message };
      return { ok: true, data: { name, message: result.message, view: await projects.view(name) } };
    }
    default:
      return undefined;
  }
}
