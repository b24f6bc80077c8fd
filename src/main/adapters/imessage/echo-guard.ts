/**
 * Remembers what Claude just sent to each chat, so the rows Messages writes for those sends — the
 * sent copy, and in a self-chat the received copy too, sometimes marked as ours only later — are
 * never read back as new messages to Claude (the official plugin's echo loop).
 */
const WINDOW_MS = 5 * 60_000;

const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();

export class EchoGuard {
  readonly #sent = new Map<string, Array<{ text: string; at: number; left: number }>>();

  remember(chatGuid: string, text: string, now = Date.now()): void {
    const list = (this.#sent.get(chatGuid) ?? []).filter((e) => now - e.at < WINDOW_MS);
    // Two copies at most: the sent row and, in a self-chat, the received row.
    list.push({ text: normalize(text), at: now, left: 2 });
    this.#sent.set(chatGuid, list);
  }

  /** True (and counts it) when this row is a copy of something Claude sent. */
  isEcho(chatGuid: string, text: string, now = Date.now()): boolean {
    const list = this.#sent.get(chatGuid);
    const entry = list?.find(
      (e) => now - e.at < WINDOW_MS && e.left > 0 && e.text === normalize(text),
    );
    if (!entry) return false;
    entry.left -= 1;
    return true;
  }
}
