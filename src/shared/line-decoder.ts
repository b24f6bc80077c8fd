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

export type LineDecoder = { push: (chunk: Uint8Array) => void };

export function createLineDecoder(maxBytes: number, events: LineDecoderEvents): LineDecoder {
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
      if (pendingBytes > maxBytes) {
        dead = true;
        pending = [];
        events.onOverflow(pendingBytes);
        return;
      }
      if (end === -1) {
        pending.push(chunk.subarray(start));
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

  return { push };
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
