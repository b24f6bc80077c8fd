/**
 * Did a freshly started session come up? Through a login shell, Claude Code starts only once the
 * profile has run and the shell execs it (the pane's command changes from the shell's name); a
 * second after that, a pane whose program already ended is a failed start, reported with its last
 * lines — read from the scrollback, because tmux may clear the visible pane when it marks it dead.
 */
import { lastLines, sleep } from './launcher-types';
import type { PaneInfo, Tmux } from './tmux';

/** A login profile gets this long to hand over to Claude Code before the start is judged anyway. */
const SHELL_START_LIMIT_MS = 30_000;
/** tmux may mark a pane dead before it has read the program's last output and exit status. */
export const DEAD_SETTLE_MS = 250;
/** How long a dead pane's exit status is waited for (tmux learns it when it reaps the process). */
const STATUS_WAIT_MS = 3_000;

/**
 * A dead pane as it settles: its last output read and, once tmux has reaped the program, its exit
 * status (which can lag the pane's death by more than a moment on a loaded machine, and which tmux
 * 3.3 sometimes never learns: then it stays null and the report leaves it out).
 */
export async function settledPane(
  tmux: Tmux,
  session: string,
  seen: PaneInfo | undefined,
): Promise<PaneInfo | undefined> {
  await sleep(DEAD_SETTLE_MS);
  let pane = (await tmux.info(session)) ?? seen;
  for (const end = Date.now() + STATUS_WAIT_MS; pane?.dead && pane.exitStatus === null;) {
    if (Date.now() > end) break;
    await sleep(100);
    pane = (await tmux.info(session)) ?? pane;
  }
  return pane;
}

export type EndedAtStart = { status: number | null; screen: string };

/** Undefined while the session runs; what it left behind (its tmux session removed) when not. */
export async function judgeStart(
  tmux: Tmux,
  session: string,
  shell: string | undefined,
  checkMs: number,
  connected: () => boolean = () => false,
): Promise<EndedAtStart | undefined> {
  const deadline = Date.now() + SHELL_START_LIMIT_MS;
  for (;;) {
    if (connected()) return undefined;
    const pane = await tmux.info(session);
    if (!shell || !pane || pane.dead || pane.command !== shell || Date.now() > deadline) break;
    await sleep(100);
  }
  // A session whose helper connected has started, even if it ends a moment later: that end is
  // the supervisor's to report ("ended outside Switchboard", "exited"), not a failed start.
  for (const end = Date.now() + checkMs; Date.now() < end;) {
    if (connected()) return undefined;
    await sleep(Math.min(100, end - Date.now()));
  }
  if (connected()) return undefined;
  let pane = await tmux.info(session);
  if (pane && !pane.dead) return undefined;
  pane = await settledPane(tmux, session, pane);
  const screen = pane ? lastLines(await tmux.capture(session, true).catch(() => '')) : '';
  await tmux.killSession(session);
  return { status: pane?.exitStatus ?? null, screen };
}
