/**
 * Did a freshly started session come up? Through a login shell, Claude Code starts only once the
 * profile has run and the shell execs it (the pane's command changes from the shell's name); a
 * second after that, a pane whose program already ended is a failed start, reported with its last
 * lines — read from the scrollback, because tmux may clear the visible pane when it marks it dead.
 */
import { lastLines, sleep } from './launcher-types';
import type { Tmux } from './tmux';

/** A login profile gets this long to hand over to Claude Code before the start is judged anyway. */
const SHELL_START_LIMIT_MS = 30_000;
/** tmux may mark a pane dead before it has read the program's last output and exit status. */
export const DEAD_SETTLE_MS = 250;

export type EndedAtStart = { status: number | null; screen: string };

/** Undefined while the session runs; what it left behind (its tmux session removed) when not. */
export async function judgeStart(
  tmux: Tmux,
  session: string,
  shell: string | undefined,
  checkMs: number,
): Promise<EndedAtStart | undefined> {
  const deadline = Date.now() + SHELL_START_LIMIT_MS;
  for (;;) {
    const pane = await tmux.info(session);
    if (!shell || !pane || pane.dead || pane.command !== shell || Date.now() > deadline) break;
    await sleep(100);
  }
  await sleep(checkMs);
  let pane = await tmux.info(session);
  if (pane && !pane.dead) return undefined;
  await sleep(DEAD_SETTLE_MS);
  pane = (await tmux.info(session)) ?? pane;
  const screen = pane ? lastLines(await tmux.capture(session, true).catch(() => '')) : '';
  await tmux.killSession(session);
  return { status: pane?.exitStatus ?? null, screen };
}
