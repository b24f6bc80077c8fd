/**
 * Splits a byte stream into newline-terminated lines with a hard size cap, for NDJSON frames.
 * Works on Uint8Array so both the hub and the helper can use it without `node:` imports.
 */
const NEWLINE = 0x0a;

export type LineDecoderEvents = {
  onLine: (line: string) => void;
  /** Called once when a line exceeds the cap; the decoder then ignores all further input. */
  onOverflow: (bytes: number) => void;
};

export type LineDecoder = {
  push: (chunk: Uint8Array) => void;
  /** Bytes of an unfinished line held in memory right now. */
  buffered: () => number;
};

/**
 * `maxBytes` may be a function, read for every chunk, so a connection can be held to a smaller
 * frame size until it has authenticated.
 */
export function createLineDecoder(
  maxBytes: number | (() => number),
  events: LineDecoderEvents,
): LineDecoder {
  const limit = typeof maxBytes === 'number' ? () => maxBytes : maxBytes;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let dead = false;

  function push(chunk: Uint8Array): void {
    let start = 0;
    while (!dead && start < chunk.length) {
      const end = chunk.indexOf(NEWLINE, start);
      const stop = end === -1 ? chunk.length : end;
      pendingBytes += stop - start;
      if (pendingBytes > limit()) {
        dead = true;
        pending = [];
        events.onOverflow(pendingBytes);
        return;
      }
      if (end === -1) {
        // A copy, so a held partial line pins only its own bytes, not the whole read buffer.
        pending.push(chunk.slice(start));
        return;
      }
      const line =
        pending.length === 0
          ? chunk.subarray(start, end)
          : concat([...pending, chunk.subarray(start, end)], pendingBytes);
      pending = [];
      pendingBytes = 0;
      start = end + 1;
      const text = decoder.decode(line);
      if (text.trim() !== '') events.onLine(text);
    }
  }

  return { push, buffered: () => (dead ? 0 : pendingBytes) };
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
