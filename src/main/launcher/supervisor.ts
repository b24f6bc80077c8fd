/**
 * Keeps the launcher's picture true over time: finds the sessions it started before Switchboard
 * restarted, notices ones that ended (killed from outside, or Claude Code exited), stops idle ones,
 * wakes projects when a message arrives for them, and tells waiting chats when a session connects.
 */
import { drop } from '../log';
import { DEFAULT_IDLE_STOP_MINUTES } from '../settings/projects-schema';
import { TMUX_PREFIX, tmuxSessionName } from './launch-command';
import { lastLines, type ChatRef, type Launcher } from './launcher';
import { settledPane } from './start-check';
import type { PaneInfo, Tmux } from './tmux';

/** After a failed wake, messages for that project wait this long before trying again. */
const WAKE_RETRY_MS = 60_000;

export class LauncherSupervisor {
  readonly #launcher: Launcher;
  readonly #sweepMs: number;
  readonly #waking = new Set<string>();
  readonly #wakeFailedAt = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #sweeping: Promise<void> | undefined;

  constructor(launcher: Launcher, options: { sweepMs?: number } = {}) {
    this.#launcher = launcher;
    this.#sweepMs = options.sweepMs ?? 5_000;
  }

  /**
   * Finds our sessions from before, then checks every few seconds. With no project configured
   * tmux is not asked at all (a hub that launches nothing leaves the user's tmux server alone).
   */
  async start(): Promise<void> {
    await this.sweep();
    this.#timer = setInterval(() => drop(this.sweep(), this.#launcher.deps.log), this.#sweepMs);
    this.#timer.unref();
  }

  close(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** One pass over our tmux sessions (none while no project is configured and none runs). */
  sweep(): Promise<void> {
    this.#sweeping ??= this.#sweep().finally(() => (this.#sweeping = undefined));
    return this.#sweeping;
  }

  async #sweep(): Promise<void> {
    const launcher = this.#launcher;
    const { deps } = launcher;
    if (launcher.running.size === 0 && Object.keys(deps.settings().projects).length === 0) return;
    const tmux = await launcher.tmux();
    if (!tmux) return;
    const seen = new Set<string>();
    for (const pane of await tmux.list()) {
      if (!pane.name.startsWith(TMUX_PREFIX) || pane.home !== deps.home) continue;
      const name = pane.name.slice(TMUX_PREFIX.length);
      seen.add(name);
      if (launcher.busy.has(name)) continue;
      if (pane.dead) {
        await this.#exited(tmux, name, pane);
        continue;
      }
      if (!launcher.running.has(name)) {
        deps.log.info(`found ${name} running in tmux (${pane.name}) from before`);
        launcher.adopt(name);
        deps.changed();
      }
      this.#checkIdle(name, pane);
    }
    for (const name of [...launcher.running.keys()]) {
      if (seen.has(name) || launcher.busy.has(name)) continue;
      this.#ended(
        name,
        `${name} stopped: its tmux session ${tmuxSessionName(name)} was ended outside Switchboard.`,
        {
          kind: 'launcher.gone',
        },
      );
    }
  }

  async #exited(tmux: Tmux, name: string, dead: PaneInfo): Promise<void> {
    const pane = (await settledPane(tmux, dead.name, dead)) ?? dead;
    const screen = lastLines(await tmux.capture(pane.name, true).catch(() => ''), 5);
    await tmux.killSession(pane.name);
    const status = pane.exitStatus ? ` (status ${pane.exitStatus})` : '';
    this.#ended(name, `${name} exited${status}.${screen ? `\n${screen}` : ''}`, {
      kind: 'launcher.exited',
      status: pane.exitStatus,
    });
  }

  #ended(name: string, text: string, detail: { kind: string; status?: number | null }): void {
    const { deps } = this.#launcher;
    const entry = this.#launcher.running.get(name);
    this.#launcher.running.delete(name);
    deps.audit.write({
      kind: detail.kind,
      actor: 'switchboard',
      subject: name,
      detail: { status: detail.status ?? null },
    });
    deps.log.info(text.split('\n')[0] ?? text);
    for (const chat of unique([...(entry?.watchers ?? []), ...deps.boundChats(name)]))
      deps.tell(chat, text);
    deps.changed();
  }

  #checkIdle(name: string, pane: PaneInfo): void {
    const launcher = this.#launcher;
    const entry = launcher.running.get(name);
    if (!entry) return;
    const minutes = launcher.project(name)?.idleStopMinutes ?? DEFAULT_IDLE_STOP_MINUTES;
    if (minutes <= 0) return;
    const last = Math.max(entry.lastActivityAt, pane.activityAt);
    if (launcher.deps.now() - last < minutes * 60_000) return;
    drop(
      launcher.stop(name, 'switchboard', 'idle').then((result) => {
        if (!result.ok) return;
        const text = `Stopped ${name} after ${formatMinutes(minutes)} without messages or output. /new ${name} starts it again.`;
        for (const chat of unique(launcher.deps.boundChats(name))) launcher.deps.tell(chat, text);
      }),
      launcher.deps.log,
    );
  }

  /**
   * A message for `name` has to wait: start the project when it wakes on messages and nothing
   * runs. True when the chat was told (so the hub's "saved, waiting" notice is not needed too).
   */
  wake(name: string, chat: ChatRef): boolean {
    const launcher = this.#launcher;
    const { deps } = launcher;
    if (!launcher.project(name)?.wake || deps.isAttached(name)) return false;
    if (this.#waking.has(name)) return true;
    const running = launcher.running.get(name);
    // Started and not connected yet: the chat waiting for it will hear when it connects.
    if (running) return running.watchers.some((w) => sameChat(w, chat));
    const failedAt = this.#wakeFailedAt.get(name);
    if (failedAt !== undefined && deps.now() - failedAt < WAKE_RETRY_MS) return false;
    this.#waking.add(name);
    deps.tell(chat, `Starting ${name}…`);
    const started = launcher
      .start(name, `switchboard (wake for ${chat.chatId})`, chat)
      .then((result) => {
        if (result.ok) this.#wakeFailedAt.delete(name);
        else {
          this.#wakeFailedAt.set(name, deps.now());
          deps.tell(chat, `Could not start ${name}: ${result.message}`);
        }
      })
      .finally(() => this.#waking.delete(name));
    drop(started, deps.log);
    return true;
  }

  /** Sessions attached or detached: tell chats waiting for one of ours that it is connected. */
  sessionsChanged(): void {
    const { deps } = this.#launcher;
    for (const [name, entry] of this.#launcher.running) {
      if (!deps.isAttached(name)) continue;
      entry.connected = true;
      if (entry.watchers.length === 0) continue;
      for (const chat of unique(entry.watchers)) deps.tell(chat, `✅ ${name} is connected.`);
      entry.watchers = [];
      this.#launcher.noteActivity(name);
    }
  }
}

function sameChat(a: ChatRef, b: ChatRef): boolean {
  return a.platform === b.platform && a.chatId === b.chatId && a.threadId === b.threadId;
}

function unique(chats: readonly ChatRef[]): ChatRef[] {
  return chats.filter((chat, i) => chats.findIndex((other) => sameChat(other, chat)) === i);
}

function formatMinutes(minutes: number): string {
  return minutes >= 1 && Number.isInteger(minutes)
    ? `${minutes} minute${minutes === 1 ? '' : 's'}`
    : `${Math.round(minutes * 60)} seconds`;
}
