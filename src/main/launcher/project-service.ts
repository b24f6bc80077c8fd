/**
 * Projects as the hub's surfaces use them (control operations for the CLI, the UI contract): the
 * launcher and its supervisor, plus changes to the `projects` settings made through the live
 * settings service, so a running hub never overwrites them.
 */
import type { ProjectDraft, ProjectView } from '../../shared/ui-api';
import type { SettingsService } from '../settings/settings-service';
import { DEFAULT_IDLE_STOP_MINUTES } from '../settings/projects-schema';
import { Launcher, type LauncherDeps, type LaunchResult, type ProjectStatus } from './launcher';
import { applyProjectChange, checkProject } from './projects';
import { LauncherSupervisor } from './supervisor';

export function projectView(status: ProjectStatus): ProjectView {
  const project = status.project;
  return {
    name: status.name,
    dir: project?.dir ?? null,
    resume: project?.resume ?? false,
    wake: project?.wake ?? false,
    args: project?.args ?? [],
    idleStopMinutes: project?.idleStopMinutes ?? DEFAULT_IDLE_STOP_MINUTES,
    state: status.state,
    launched: status.launched,
    tmuxSession: status.tmuxSession,
    attachCommand: status.attachCommand,
    startedAt: status.startedAt,
    lastActivityAt: status.lastActivityAt,
  };
}

export type SaveOutcome = { ok: true; view: ProjectView } | { ok: false; error: string };

export class ProjectService {
  readonly launcher: Launcher;
  readonly supervisor: LauncherSupervisor;
  readonly #settings: SettingsService;

  constructor(deps: LauncherDeps & { settingsService: SettingsService; sweepMs?: number }) {
    this.launcher = new Launcher(deps);
    this.supervisor = new LauncherSupervisor(this.launcher, { sweepMs: deps.sweepMs ?? 5_000 });
    this.#settings = deps.settingsService;
  }

  async views(): Promise<ProjectView[]> {
    return (await this.launcher.list()).map(projectView);
  }

  async view(name: string): Promise<ProjectView | undefined> {
    return (await this.views()).find((v) => v.name === name);
  }

  /** Adds or replaces a project; relative directories are resolved against `cwd`. */
  async save(
    draft: ProjectDraft,
    mode: 'add' | 'update',
    by: string,
    cwd = '/',
  ): Promise<SaveOutcome> {
    const checked = await checkProject(draft, cwd);
    if (!checked.ok) return checked;
    let refused: string | undefined;
    await this.#settings.update((settings) => {
      refused = applyProjectChange(settings, {
        kind: mode,
        name: checked.name,
        project: checked.project,
      });
    });
    if (refused) return { ok: false, error: refused };
    this.launcher.deps.audit.write({
      kind: mode === 'add' ? 'project.added' : 'project.changed',
      actor: by,
      subject: checked.name,
      detail: { ...checked.project },
    });
    const view = await this.view(checked.name);
    return view ? { ok: true, view } : { ok: false, error: 'the project was not saved' };
  }

  async remove(
    name: string,
    by: string,
  ): Promise<{ ok: true; message: string } | { ok: false; error: string }> {
    let refused: string | undefined;
    await this.#settings.update((settings) => {
      refused = applyProjectChange(settings, { kind: 'remove', name });
    });
    if (refused) return { ok: false, error: refused };
    this.launcher.deps.audit.write({ kind: 'project.removed', actor: by, subject: name });
    const still = (await this.view(name))?.launched ?? false;
    return {
      ok: true,
      message: still
        ? `Removed project ${name}. Its session still runs; stop it with \`switchboard projects stop ${name}\`.`
        : `Removed project ${name}.`,
    };
  }

  start(name: string, by: string): Promise<LaunchResult> {
    return this.launcher.start(name, by);
  }

  stop(name: string, by: string): Promise<LaunchResult> {
    return this.launcher.stop(name, by);
  }

  restart(name: string, by: string): Promise<LaunchResult> {
    return this.launcher.restart(name, by);
  }
}
