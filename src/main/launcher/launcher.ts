/**
 * The launcher: starts a project's Claude Code session in a tmux session `switchboard-<project>`,
 * stops and restarts it, and finds the ones it started again after Switchboard restarts (tmux keeps
 * them; each carries an `@switchboard-home` marker naming the Switchboard that owns it). Operations
 * on one project run one at a time. Results are typed, with a sentence for the person who asked.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Project } from '../settings/projects-schema';
import { switchboardServerScope } from './claude-config';
import { TMUX_INSTALL_HINT } from './find-tmux';
import { claudeArgs, launchCommand, resolveClaude, tmuxSessionName } from './launch-command';
import {
  errorText,
  sleep,
  type ChatRef,
  type LauncherDeps,
  type LaunchResult,
  type ProjectState,
  type ProjectStatus,
  type Running,
} from './launcher-types';
import type { PaneInfo, Tmux } from './tmux';
import { judgeStart } from './start-check';
import { attachCommand, tmuxFor } from './tmux-setup';

export type * from './launcher-types';
export { errorText, lastLines } from './launcher-types';

export class Launcher {
  readonly deps: LauncherDeps;
  /** Sessions of ours known to run, by project name. */
  readonly running = new Map<string, Running>();
  readonly #queues = new Map<string, Promise<unknown>>();
  /** Names with an operation in flight (a sweep leaves them alone). */
  readonly busy = new Set<string>();

  constructor(deps: LauncherDeps) {
    this.deps = deps;
  }

  /** Runs operations on one project one after another. */
  serial<T>(name: string, op: () => Promise<T>): Promise<T> {
    const run = (this.#queues.get(name) ?? Promise.resolve()).then(async () => {
      this.busy.add(name);
      try {
        return await op();
      } finally {
        this.busy.delete(name);
      }
    });
    const tail = run.catch(() => undefined);
    this.#queues.set(name, tail);
    void tail.then(() => {
      if (this.#queues.get(name) === tail) this.#queues.delete(name);
    });
    return run;
  }

  /** tmux as configured, or undefined when it is not installed. */
  tmux(): Promise<Tmux | undefined> {
    return tmuxFor(this.deps.env);
  }

  /** Our pane for a project, refusing a same-named tmux session another Switchboard started. */
  async ours(tmux: Tmux, name: string): Promise<{ pane?: PaneInfo; foreign?: LaunchResult }> {
    const pane = await tmux.info(tmuxSessionName(name));
    if (!pane) return {};
    if (pane.home !== this.deps.home)
      return {
        foreign: {
          ok: false,
          error: 'foreign',
          message: `The tmux session ${tmuxSessionName(name)} was not started by this Switchboard; leaving it alone.`,
        },
      };
    return { pane };
  }

  project(name: string): Project | undefined {
    const projects = this.deps.settings().projects;
    return Object.hasOwn(projects, name) ? projects[name] : undefined;
  }

  /** Starts a project's session unless it runs; `chat` is told when it connects. */
  start(name: string, by: string, chat?: ChatRef): Promise<LaunchResult> {
    return this.serial(name, () => this.#start(name, by, chat));
  }

  async #start(name: string, by: string, chat?: ChatRef): Promise<LaunchResult> {
    const project = this.project(name);
    if (!project)
      return { ok: false, error: 'unknown-project', message: `There is no project "${name}".` };
    const tmux = await this.tmux();
    if (!tmux) return { ok: false, error: 'tmux-missing', message: TMUX_INSTALL_HINT };
    const session = tmuxSessionName(name);
    const { pane, foreign } = await this.ours(tmux, name);
    if (foreign) return foreign;
    if (pane && !pane.dead) {
      this.adopt(name).watchers.push(...(chat ? [chat] : []));
      return { ok: true, already: true, message: `${name} is already running.` };
    }
    if (pane) await tmux.killSession(session);
    if (!(await isDirectory(project.dir)))
      return {
        ok: false,
        error: 'dir-missing',
        message: `The directory of ${name} (${project.dir}) does not exist any more.`,
      };
    const claude = await (this.deps.resolveClaude ?? resolveClaude)(this.deps.env);
    if (!claude.ok) return { ok: false, error: 'claude-missing', message: claude.message };
    const args = claudeArgs(project, this.deps.settings().launcher);
    const shell = this.deps.settings().launcher.loginShell ? this.deps.env['SHELL'] : undefined;
    const command = launchCommand({ shell, dir: project.dir, claude: claude.bin, args });
    try {
      await tmux.newSession({
        name: session,
        cwd: project.dir,
        command,
        // PATH: where `claude` (and the node an npm install of it needs) was found; a login
        // shell builds on it.
        env: {
          SWITCHBOARD_SESSION: name,
          SWITCHBOARD_HOME: this.deps.home,
          ...(claude.path ? { PATH: claude.path } : {}),
        },
        home: this.deps.home,
        width: 100,
        height: 30,
      });
    } catch (error) {
      return { ok: false, error: 'tmux-failed', message: errorText(error) };
    }
    const now = this.deps.now();
    this.running.set(name, { startedAt: now, lastActivityAt: now, watchers: chat ? [chat] : [] });
    this.deps.audit.write({
      kind: 'launcher.start',
      actor: by,
      subject: name,
      detail: { dir: project.dir, args, claude: claude.bin },
    });
    this.deps.log.info(`started ${name} in ${project.dir} (tmux ${session})`);
    this.deps.changed();
    // Through a login shell, Claude Code starts only once the profile has run and the shell execs it.
    const through = command[0] === claude.bin ? undefined : basename(command[0] ?? '');
    return this.#checkStarted(tmux, name, project, through);
  }

  /** A session whose program ended at once is cleaned up and reported with its last words. */
  async #checkStarted(
    tmux: Tmux,
    name: string,
    project: Project,
    shell: string | undefined,
  ): Promise<LaunchResult> {
    const session = tmuxSessionName(name);
    const ended = await judgeStart(tmux, session, shell, this.deps.startCheckMs ?? 1000);
    if (ended) {
      this.running.delete(name);
      this.deps.audit.write({
        kind: 'launcher.exited',
        actor: 'switchboard',
        subject: name,
        detail: { status: ended.status, atStart: true },
      });
      this.deps.changed();
      return {
        ok: false,
        error: 'exited',
        message: `Claude Code exited right after starting${ended.status ? ` (status ${ended.status})` : ''}.${ended.screen ? `\n${ended.screen}` : ''}`,
      };
    }
    const scope = await switchboardServerScope(project.dir, this.deps.env);
    const warning = scope
      ? ''
      : ' Warning: Claude Code has no "switchboard" MCP server for this directory, so it will not connect; run Connect Claude Code (switchboard setup claude) first.';
    return {
      ok: true,
      message: `Started ${name} in ${project.dir} (tmux session ${session}).${warning}`,
    };
  }

  /** Types /exit, waits the grace period, then ends the tmux session if it is still there. */
  stop(name: string, by: string, reason = 'asked'): Promise<LaunchResult> {
    return this.serial(name, () => this.#stop(name, by, reason));
  }

  async #stop(name: string, by: string, reason: string): Promise<LaunchResult> {
    const tmux = await this.tmux();
    if (!tmux) return { ok: false, error: 'tmux-missing', message: TMUX_INSTALL_HINT };
    const session = tmuxSessionName(name);
    const { pane, foreign } = await this.ours(tmux, name);
    if (foreign) return foreign;
    if (!pane) {
      const known = this.running.delete(name);
      if (known) this.deps.changed();
      return {
        ok: false,
        error: 'not-launched',
        message: this.deps.isAttached(name)
          ? `${name} was not started by Switchboard; stop it in its own terminal.`
          : `${name} is not running.`,
      };
    }
    let forced = false;
    if (!pane.dead) {
      await tmux.sendLiteral(session, '/exit').catch(() => undefined);
      await tmux.sendKeys(session, ['Enter']).catch(() => undefined);
      const deadline = Date.now() + this.deps.settings().launcher.stopGraceSeconds * 1000;
      for (;;) {
        const now = await tmux.info(session);
        if (!now || now.dead) break;
        if (Date.now() >= deadline) {
          forced = true;
          break;
        }
        await sleep(200);
      }
    }
    await tmux.killSession(session);
    this.running.delete(name);
    this.deps.audit.write({
      kind: 'launcher.stop',
      actor: by,
      subject: name,
      detail: { reason, forced },
    });
    this.deps.log.info(`stopped ${name} (${reason}${forced ? ', forced' : ''})`);
    this.deps.changed();
    const grace = this.deps.settings().launcher.stopGraceSeconds;
    return {
      ok: true,
      message: forced
        ? `Stopped ${name}: it did not exit within ${grace} s of /exit, so its tmux session was ended.`
        : `Stopped ${name}.`,
    };
  }

  /** Stop (when running) and start again; chats stay bound to the name. */
  async restart(name: string, by: string, chat?: ChatRef): Promise<LaunchResult> {
    if (!this.project(name))
      return { ok: false, error: 'unknown-project', message: `There is no project "${name}".` };
    const stopped = await this.stop(name, by, 'restart');
    if (!stopped.ok && stopped.error !== 'not-launched') return stopped;
    const started = await this.start(name, by, chat);
    if (!started.ok) return started;
    return {
      ok: true,
      message: `${stopped.ok ? 'Restarted' : 'Was not running; started'} ${name}. ${started.message}`,
    };
  }

  /** Every project and every session of ours still running, with its state. */
  async list(): Promise<ProjectStatus[]> {
    const names = new Set(Object.keys(this.deps.settings().projects));
    for (const name of this.running.keys()) names.add(name);
    // Nothing to show: leave tmux alone (the UI asks on every refresh).
    if (names.size === 0) return [];
    const tmux = await this.tmux();
    const panes = new Map<string, PaneInfo>();
    for (const pane of tmux ? await tmux.list() : [])
      if (pane.home === this.deps.home) panes.set(pane.name, pane);
    return [...names].sort().map((name) => {
      const pane = panes.get(tmuxSessionName(name));
      const entry = this.running.get(name);
      const launched = pane !== undefined && !pane.dead;
      const state: ProjectState = this.deps.isAttached(name)
        ? 'attached'
        : launched
          ? 'running'
          : this.busy.has(name)
            ? 'starting'
            : 'stopped';
      return {
        name,
        project: this.project(name) ?? null,
        state,
        launched,
        tmuxSession: tmuxSessionName(name),
        attachCommand: attachCommand(this.deps.env, name),
        startedAt: entry?.startedAt ?? null,
        lastActivityAt: entry ? Math.max(entry.lastActivityAt, pane?.activityAt ?? 0) : null,
      };
    });
  }

  /** A message went to or came from this session: it is not idle. */
  noteActivity(name: string): void {
    const entry = this.running.get(name);
    if (entry) entry.lastActivityAt = this.deps.now();
  }

  /** The entry of a session of ours, made when it was found rather than started (after a restart). */
  adopt(name: string): Running {
    let entry = this.running.get(name);
    if (!entry) {
      const now = this.deps.now();
      entry = { startedAt: now, lastActivityAt: now, watchers: [] };
      this.running.set(name, entry);
    }
    return entry;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
