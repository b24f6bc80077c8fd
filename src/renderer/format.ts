/** How times, platforms and people read in the UI. */

export const PLATFORM_LABEL: Readonly<Record<string, string>> = {
  web: 'Web chat',
  telegram: 'Telegram',
  discord: 'Discord',
  imessage: 'iMessage',
};

export const platformLabel = (platform: string): string => PLATFORM_LABEL[platform] ?? platform;

/** "14:02" — the local wall-clock time, as the menu bar shows it. */
export function clock(ts: number): string {
  return new Date(ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** "14:02" today, "Yesterday 14:02", else "3 Mar 14:02". */
export function when(ts: number, now: number): string {
  const date = new Date(ts);
  const today = new Date(now);
  if (date.toDateString() === today.toDateString()) return clock(ts);
  const yesterday = new Date(now - 86_400_000);
  if (date.toDateString() === yesterday.toDateString()) return `Yesterday ${clock(ts)}`;
  return `${date.toLocaleDateString([], { day: 'numeric', month: 'short' })} ${clock(ts)}`;
}

/** "just now", "5 min ago", "3 h ago", then the date. */
export function ago(ts: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - ts) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return when(ts, now);
}

/** "29:41" left on a prompt; "0:00" once it is due. */
export function countdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n} ${n === 1 ? one : many}`;

/** A conversation's name: its title, else the platform's id for it; threads say so. */
export function conversationTitle(c: {
  title: string;
  chatId: string;
  threadId: string;
  parentTitle?: string | null;
}): string {
  const base = c.title || c.parentTitle || c.chatId;
  if (c.threadId === '') return base;
  return c.title && c.parentTitle
    ? `${c.parentTitle} › ${c.title}`
    : `${base} › thread ${c.threadId}`;
}
