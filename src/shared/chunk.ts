/**
 * Splits a long reply into messages a platform accepts: at most `limit` UTF-16 units each (the
 * unit Telegram and Discord count), preferring paragraph, then line, then word boundaries, never
 * splitting a surrogate pair, and — where asked — closing and reopening a ``` code fence across
 * the cut so each part renders.
 */
export type ChunkOptions = { limit: number; fences?: boolean };

export function chunkText(text: string, options: ChunkOptions): string[] {
  const { limit } = options;
  if (limit < 16) throw new Error('chunk limit too small');
  const chunks: string[] = [];
  let rest = text;
  let openFence: string | null = null;
  while (rest.length > 0) {
    const prefix = openFence === null ? '' : `${openFence}\n`;
    // Leave room for a closing fence if this part ends inside a code block.
    const room = limit - prefix.length - (options.fences ? 4 : 0);
    if (prefix.length + rest.length <= limit) {
      chunks.push(prefix + rest);
      break;
    }
    const cut = bestCut(rest, room);
    let part = rest.slice(0, cut.end);
    rest = rest.slice(cut.next);
    let fenceAtEnd: string | null = openFence;
    if (options.fences) fenceAtEnd = fenceStateAfter(part, openFence);
    if (options.fences && fenceAtEnd !== null) part = `${part}\n\`\`\``;
    chunks.push(prefix + part);
    openFence = fenceAtEnd;
  }
  return chunks.filter((c) => c.trim() !== '' || chunks.length === 1);
}

/**
 * Where to cut `text` so the head is at most `room` units: paragraph > line > space > hard. The
 * separator itself is dropped (`end` is where the head stops, `next` where the rest starts).
 */
function bestCut(text: string, room: number): { end: number; next: number } {
  for (const separator of ['\n\n', '\n', ' ']) {
    const at = text.lastIndexOf(separator, room - separator.length);
    // Only accept a boundary that keeps a reasonably full chunk.
    if (at > room / 2) return { end: at, next: at + separator.length };
  }
  const hard = safeCut(text, room);
  return { end: hard, next: hard };
}

/** `room`, moved back one unit if it would split a surrogate pair. */
function safeCut(text: string, room: number): number {
  const code = text.charCodeAt(room - 1);
  return code >= 0xd800 && code <= 0xdbff ? room - 1 : room;
}

/** The ``` fence (with its language) still open after `part`, given the one open before it. */
function fenceStateAfter(part: string, open: string | null): string | null {
  let state = open;
  for (const line of part.split('\n')) {
    const match = /^\s*(```[\w+-]*)\s*$/.exec(line);
    if (!match?.[1]) continue;
    state = state === null ? match[1] : null;
  }
  return state;
}
