/**
 * Reads a PNG's size after checking it is whole: the signature, every chunk's length and CRC,
 * IHDR first, at least one IDAT, IEND last. The screenshot test uses it on `npm run screenshots`'
 * pictures, so a truncated or corrupted file fails there, not in a reader's browser.
 */
import { crc32 } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type PngSize = { width: number; height: number };

/** The width and height from IHDR, or an error saying what is wrong with the file. */
export function readPng(bytes: Buffer): PngSize | { error: string } {
  if (bytes.length < SIGNATURE.length || !bytes.subarray(0, 8).equals(SIGNATURE))
    return { error: 'no PNG signature' };
  const types: string[] = [];
  let size: PngSize | undefined;
  let at = SIGNATURE.length;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) return { error: `a chunk header is cut short at byte ${at}` };
    const length = bytes.readUInt32BE(at);
    const end = at + 12 + length;
    if (end > bytes.length) return { error: `chunk at byte ${at} runs past the end of the file` };
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== bytes.readUInt32BE(end - 4))
      return { error: `${type} chunk at byte ${at} fails its CRC` };
    if (type === 'IHDR' && length === 13)
      size = { width: bytes.readUInt32BE(at + 8), height: bytes.readUInt32BE(at + 12) };
    types.push(type);
    at = end;
  }
  if (types[0] !== 'IHDR' || !size) return { error: 'IHDR is not the first chunk' };
  if (!types.includes('IDAT')) return { error: 'no IDAT chunk' };
  if (types.at(-1) !== 'IEND') return { error: 'IEND is not the last chunk' };
  return size;
}
