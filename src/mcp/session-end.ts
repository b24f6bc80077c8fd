/**
 * Tells a clean end of the helper from an abnormal one. Claude Code ends a stdio server it is done
 * with by sending SIGINT (then SIGTERM) while it lives on for a moment to watch it exit; a generic
 * MCP client closes stdin first. Either way the parent is still our parent. When Claude Code
 * crashes or is killed, the kernel closes its end of our stdin and re-parents us: stdin ends (or
 * stdout breaks) and the parent id changes. A terminal that closes sends SIGHUP to Claude Code and
 * us alike: abnormal as well. Only a clean end lets the hub treat the events it delivered as seen.
 */
export type EndReason = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'stdin' | 'stdout';
export type EndKind = 'clean' | 'abnormal';

/** How long a re-parenting may lag behind the stdin EOF it causes (it is microseconds on Linux). */
const REPARENT_GRACE_MS = 30;
const POLL_MS = 5;

export async function classifyEnd(
  reason: EndReason,
  parentAtStart: number,
  currentParent: () => number,
): Promise<EndKind> {
  if (reason === 'SIGHUP' || reason === 'stdout') return 'abnormal';
  for (let waited = 0; ; waited += POLL_MS) {
    if (currentParent() !== parentAtStart) return 'abnormal';
    if (waited >= REPARENT_GRACE_MS) return 'clean';
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
