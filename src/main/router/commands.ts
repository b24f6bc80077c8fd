/**
 * In-chat commands the hub answers itself, never forwarded to Claude: `/sessions`, `/use NAME`,
 * `/status`, `/help` and `/start` (also with a Telegram-style `@botname` suffix).
 */
export type ChatCommand =
  | { name: 'sessions' }
  | { name: 'status' }
  | { name: 'help' }
  | { name: 'use'; session: string | null };

const COMMAND = /^\s*\/(sessions|status|use|help|start)(?:@[\w.]+)?(?:\s+(\S+))?\s*$/i;

export function parseChatCommand(text: string): ChatCommand | undefined {
  const match = COMMAND.exec(text);
  if (!match?.[1]) return undefined;
  const name = match[1].toLowerCase();
  if (name === 'sessions') return match[2] === undefined ? { name: 'sessions' } : undefined;
  if (name === 'status') return match[2] === undefined ? { name: 'status' } : undefined;
  // Telegram clients send /start when a chat opens (sometimes with a deep-link payload).
  if (name === 'help' || name === 'start') return { name: 'help' };
  const target = match[2];
  return {
    name: 'use',
    session: target === undefined || target.toLowerCase() === 'auto' ? null : target,
  };
}
