/**
 * Reads the text out of a Messages `attributedBody`: an NSArchiver "typedstream" holding an
 * NSAttributedString whose NSString is stored as a length-prefixed UTF-8 run. The length is one
 * byte below 0x80, else 0x81 + 2 bytes, 0x82 + 4 bytes or 0x83 + 8 bytes, little-endian — the
 * multi-byte forms are what the official plugin's decoder gets wrong (it truncates past 127 bytes).
 */
const NSSTRING = new TextEncoder().encode('NSString');
/** After the class chain: 0x84 (new object), 0x01 (one value), '+' (a C string of bytes). */
const STRING_VALUE = [0x84, 0x01, 0x2b];

function indexOf(haystack: Uint8Array, needle: ArrayLike<number>, from = 0): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Reads a typedstream length at `at`; returns the length and where the data starts. */
export function readLength(
  bytes: Uint8Array,
  at: number,
): { length: number; start: number } | undefined {
  const first = bytes[at];
  if (first === undefined) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (first < 0x80) return { length: first, start: at + 1 };
  if (first === 0x81 && at + 3 <= bytes.length)
    return { length: view.getUint16(at + 1, true), start: at + 3 };
  if (first === 0x82 && at + 5 <= bytes.length)
    return { length: view.getUint32(at + 1, true), start: at + 5 };
  if (first === 0x83 && at + 9 <= bytes.length) {
    const length = Number(view.getBigUint64(at + 1, true));
    return Number.isSafeInteger(length) ? { length, start: at + 9 } : undefined;
  }
  return undefined;
}

/** The message text inside an attributedBody blob, or undefined when there is none. */
export function decodeAttributedBody(blob: Uint8Array | null | undefined): string | undefined {
  if (!blob || blob.length === 0) return undefined;
  const classAt = indexOf(blob, NSSTRING);
  if (classAt < 0) return undefined;
  const valueAt = indexOf(blob, STRING_VALUE, classAt + NSSTRING.length);
  if (valueAt < 0) return undefined;
  const length = readLength(blob, valueAt + STRING_VALUE.length);
  if (!length || length.start + length.length > blob.length) return undefined;
  return new TextDecoder('utf-8', { fatal: false }).decode(
    blob.subarray(length.start, length.start + length.length),
  );
}
