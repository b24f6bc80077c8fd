/**
 * The hub's end of files across the remote link (protocol: src/shared/file-frames.ts).
 *
 * Uploads: a remote session's `reply` files arrive in chunks and are staged in a private folder
 * of the hub (0700 folders, 0600 files, sanitized names), each chunk written before it is
 * acknowledged. A call may then name them as `upload:<transfer>` — only its own connection's,
 * only complete ones — and they are deleted once the call is answered, when the connection
 * closes, or after ten minutes unused.
 *
 * Downloads: files the hub has (attachments in its inbox) are sent to the remote in chunks,
 * waiting for the socket to drain between them; the remote decides where they land.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  FILE_CHUNK_BYTES,
  MAX_LINK_FILE_BYTES,
  UPLOAD_PREFIX,
  type FileChunkFrame,
} from '../../shared/file-frames';
import { sanitizeFileName } from '../../shared/hygiene';
import type { BridgeConnection } from '../bridge/server';

/** Uploads one connection may hold at once (a reply takes at most ten files). */
const MAX_UPLOADS = 10;
const UNUSED_UPLOAD_MS = 10 * 60_000;

type Upload = {
  dir: string;
  path: string;
  size: number;
  written: number;
  done: boolean;
  handle?: FileHandle;
};

/** One transfer: its file once created, and the chain its chunks are written along, in order. */
type Entry = { upload?: Upload; chain: Promise<void>; timer: NodeJS.Timeout };

export type LinkFiles = {
  /** A chunk of an upload from a remote session. */
  onChunk: (inner: BridgeConnection, frame: FileChunkFrame) => void;
  /** The staged paths of `upload:<transfer>` names, or why a name is not usable. */
  resolve: (
    inner: BridgeConnection,
    names: readonly string[],
  ) => { ok: true; paths: string[] } | { ok: false; error: string };
  /** Deletes these uploads (their call was answered). */
  release: (inner: BridgeConnection, names: readonly string[]) => void;
  /** Sends a file of the hub's to the remote; resolves to its transfer id. */
  send: (inner: BridgeConnection, path: string) => Promise<string>;
  closed: (inner: BridgeConnection) => void;
};

export function createLinkFiles(staging: string): LinkFiles {
  const uploads = new Map<number, Map<string, Entry>>();
  const of = (inner: BridgeConnection): Map<string, Entry> => {
    let map = uploads.get(inner.id);
    if (!map) uploads.set(inner.id, (map = new Map<string, Entry>()));
    return map;
  };

  function drop(inner: BridgeConnection, transfer: string): void {
    const entry = uploads.get(inner.id)?.get(transfer);
    if (!entry) return;
    uploads.get(inner.id)?.delete(transfer);
    clearTimeout(entry.timer);
    void entry.chain
      .catch(() => undefined)
      .then(async () => {
        await entry.upload?.handle?.close().catch(() => undefined);
        if (entry.upload) await rm(entry.upload.dir, { recursive: true, force: true });
      });
  }

  async function start(inner: BridgeConnection, frame: FileChunkFrame): Promise<Upload> {
    if (frame.offset !== 0 || frame.name === undefined || frame.size === undefined)
      throw new Error('an upload starts at offset 0 with its name and size');
    const dir = join(staging, `${inner.id}-${frame.transfer}`);
    await mkdir(dir, { mode: 0o700 });
    const path = join(dir, sanitizeFileName(basename(frame.name)) || 'file');
    return {
      dir,
      path,
      size: frame.size,
      written: 0,
      done: false,
      handle: await open(path, 'wx', 0o600),
    };
  }

  async function write(upload: Upload | undefined, frame: FileChunkFrame): Promise<void> {
    if (!upload) throw new Error('the upload did not start');
    if (upload.done) throw new Error('the upload is already complete');
    if (frame.offset !== upload.written) throw new Error('chunks must arrive in order');
    const bytes = Buffer.from(frame.data, 'base64');
    if (bytes.length > FILE_CHUNK_BYTES) throw new Error('chunk too large');
    if (upload.written + bytes.length > upload.size)
      throw new Error(`more bytes than the ${upload.size} announced`);
    await upload.handle?.write(bytes, 0, bytes.length, upload.written);
    upload.written += bytes.length;
    if (frame.last) {
      if (upload.written !== upload.size)
        throw new Error(`${upload.written} bytes arrived of the ${upload.size} announced`);
      await upload.handle?.close();
      delete upload.handle;
      upload.done = true;
    }
  }

  return {
    onChunk(inner, frame) {
      const map = of(inner);
      let entry = map.get(frame.transfer);
      const ack = (): void =>
        inner.send({ type: 'file_ack', transfer: frame.transfer, offset: frame.offset });
      if (!entry) {
        if (map.size >= MAX_UPLOADS) {
          inner.send({
            type: 'file_ack',
            transfer: frame.transfer,
            offset: frame.offset,
            error: `at most ${MAX_UPLOADS} uploads may wait at once`,
          });
          return;
        }
        const timer = setTimeout(() => drop(inner, frame.transfer), UNUSED_UPLOAD_MS);
        timer.unref();
        const created: Entry = { chain: Promise.resolve(), timer };
        created.chain = start(inner, frame).then(async (upload) => {
          created.upload = upload;
          await write(upload, frame);
          ack();
        });
        map.set(frame.transfer, (entry = created));
      } else {
        const current = entry;
        current.chain = current.chain.then(async () => {
          await write(current.upload, frame);
          ack();
        });
      }
      entry.chain.catch((error: unknown) => {
        drop(inner, frame.transfer);
        inner.send({
          type: 'file_ack',
          transfer: frame.transfer,
          offset: frame.offset,
          error: error instanceof Error ? error.message : String(error),
        });
      });
    },
    resolve(inner, names) {
      const paths: string[] = [];
      for (const name of names) {
        const upload = name.startsWith(UPLOAD_PREFIX)
          ? uploads.get(inner.id)?.get(name.slice(UPLOAD_PREFIX.length))?.upload
          : undefined;
        if (!upload?.done)
          return {
            ok: false,
            error: `"${name}" is not a file this session uploaded; a remote session sends files from its own machine (its helper uploads them)`,
          };
        paths.push(upload.path);
      }
      return { ok: true, paths };
    },
    release(inner, names) {
      for (const name of names)
        if (name.startsWith(UPLOAD_PREFIX)) drop(inner, name.slice(UPLOAD_PREFIX.length));
    },
    async send(inner, path) {
      const info = await stat(path);
      if (!info.isFile()) throw new Error(`not a regular file: ${basename(path)}`);
      if (info.size > MAX_LINK_FILE_BYTES)
        throw new Error(`${basename(path)} is larger than ${MAX_LINK_FILE_BYTES} bytes`);
      const transfer = `d${randomBytes(12).toString('hex')}`;
      const handle = await open(path, 'r');
      try {
        const buffer = Buffer.alloc(FILE_CHUNK_BYTES);
        let offset = 0;
        for (;;) {
          const { bytesRead } = await handle.read(buffer, 0, FILE_CHUNK_BYTES, offset);
          const last = offset + bytesRead >= info.size || bytesRead === 0;
          inner.send({
            type: 'file_chunk',
            transfer,
            offset,
            data: buffer.subarray(0, bytesRead).toString('base64'),
            last,
            ...(offset === 0 ? { name: basename(path), size: info.size } : {}),
          });
          offset += bytesRead;
          if (last) break;
          // A slow link must not make the hub hold the whole file in the socket's buffer.
          await inner.drained?.();
        }
      } finally {
        await handle.close();
      }
      return transfer;
    },
    closed(inner) {
      for (const transfer of [...(uploads.get(inner.id)?.keys() ?? [])]) drop(inner, transfer);
      uploads.delete(inner.id);
    },
  };
}
