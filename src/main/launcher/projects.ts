/**
 * Adding, changing and removing projects — the same checks whether the CLI edits settings.json
 * itself (no hub running) or a running hub does it for the CLI or the UI: a valid name, a
 * directory that exists (stored absolute), valid Claude Code arguments.
 */
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { z } from 'zod';
import type { ProjectDraft } from '../../shared/ui-api';
import { projectNameSchema, projectSchema, type Project } from '../settings/projects-schema';
import type { Settings } from '../settings/settings';

export type CheckedProject =
  { ok: true; name: string; project: Project } | { ok: false; error: string };

function firstIssue(error: z.ZodError, what: string): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
  return `${what}${where}: ${issue?.message ?? 'invalid'}`;
}

/** Expands `~/`, resolves against `cwd`, and checks the result is a directory. */
export async function projectDir(
  dir: string,
  cwd: string,
): Promise<{ ok: true; dir: string } | { ok: false; error: string }> {
  const expanded =
    dir === '~' ? homedir() : dir.startsWith('~/') ? `${homedir()}${dir.slice(1)}` : dir;
  const absolute = resolve(cwd, expanded);
  try {
    if (!(await stat(absolute)).isDirectory())
      return { ok: false, error: `${absolute} is not a directory` };
  } catch {
    return { ok: false, error: `the directory ${absolute} does not exist` };
  }
  return { ok: true, dir: absolute };
}

/** A draft made into a project, or the first thing wrong with it. */
export async function checkProject(draft: ProjectDraft, cwd: string): Promise<CheckedProject> {
  const name = projectNameSchema.safeParse(draft.name);
  if (!name.success) return { ok: false, error: firstIssue(name.error, 'name') };
  const dir = await projectDir(draft.dir, cwd);
  if (!dir.ok) return dir;
  const project = projectSchema.safeParse({ ...draft, name: undefined, dir: dir.dir });
  if (!project.success) return { ok: false, error: firstIssue(project.error, 'project') };
  return { ok: true, name: name.data, project: project.data };
}

export type ProjectChange =
  | { kind: 'add'; name: string; project: Project }
  | { kind: 'update'; name: string; project: Project }
  | { kind: 'remove'; name: string };

/** Applies a change to a settings draft; a message when it does not fit (name taken or unknown). */
export function applyProjectChange(draft: Settings, change: ProjectChange): string | undefined {
  const exists = Object.hasOwn(draft.projects, change.name);
  switch (change.kind) {
    case 'add':
      if (exists)
        return `there is already a project "${change.name}" (remove it first, or edit it in Settings → Projects)`;
      draft.projects[change.name] = change.project;
      return undefined;
    case 'update':
      if (!exists) return `there is no project "${change.name}"`;
      draft.projects[change.name] = change.project;
      return undefined;
    case 'remove':
      if (!exists) return `there is no project "${change.name}"`;
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a record keyed by name
      delete draft.projects[change.name];
      return undefined;
  }
}
