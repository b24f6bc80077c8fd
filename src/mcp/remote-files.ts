/**
 * Files across the remote link, on the helper's side (protocol: src/shared/file-frames.ts). It
 * wraps the bridge client of a helper on a remote machine:
 * - a `reply` with files uploads each (after src/mcp/file-policy.ts allows it) and names it as
 *   `upload:<transfer>` in the call the hub receives;
 * - files the hub sends ahead — a download's, or a delivery's photo — are written into this
 *   session's own temp folder (0700, made here, never a path the hub chose), and the answer or the
 *   event names them by their path here. They stay after the session ends, as downloads do on
 *   the hub's machine (the OS cleans its temp folder).
 */
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { DeliverFrame } from '../shared/bridge-protocol';
import {
  FILE_CHUNK_BYTES,
  MAX_LINK_FILE_BYTES,
  UPLOAD_PREFIX,
  type FileAckFrame,
  type FileChunkFrame,
} from '../shared/file-frames';
import { sanitizeFileName } from '../shared/hygiene';
import type { BridgeClient, CallOutcome } from './bridge-client';
import { checkSendable, idOf, type FilePolicy } from './file-policy';
import { nodeCrypto } from './node-crypto';

/** Chunks in flight before the helper waits for the hub's acknowledgements. */
const WINDOW = 4;
/** An upload with no acknowledgement for this long has failed. */
const ACK_TIMEOUT_MS = 60_000;

type Incoming = {
  path?: string;
  handle?: FileHandle;
  size: number;
  written: number;
  chain: Promise<void>;
};
type Outgoing = { acked: number; error?: string; wake?: () => void };

const failed = (message: string): CallOutcome => ({ ok: false, error: 'rejected', message });

export function withRemoteFiles(
  bridge: BridgeClient,
  options: { policy: FilePolicy; log: (message: string) => void },
): BridgeClient {
  const incoming = new Map<string, Incoming>();
  const outgoing = new Map<string, Outgoing>();
  let folder: Promise<string> | undefined;
  const used = new Set<string>();
  const sessionFolder = (): Promise<string> =>
    (folder ??= mkdtemp(join(tmpdir(), 'switchboard-files-')));

  /** A free name in the session folder: the sender's name, sanitized, numbered when taken. */
  async function placeFor(name: string): Promise<string> {
    const dir = await sessionFolder();
    const clean = sanitizeFileName(basename(name)) || 'file';
    const dot = clean.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [clean.slice(0, dot), clean.slice(dot)] : [clean, ''];
    for (let n = 1; ; n++) {
      const path = join(dir, n === 1 ? clean : `${stem}-${n}${ext}`);
      if (!used.has(path)) {
        used.add(path);
        return path;
      }
    }
  }

  function onChunk(frame: FileChunkFrame): void {
    let entry = incoming.get(frame.transfer);
    if (!entry) {
      if (frame.offset !== 0 || frame.name === undefined || frame.size === undefined) return;
      const name = frame.name;
      const created: Incoming = { size: frame.size, written: 0, chain: Promise.resolve() };
      created.chain = placeFor(name).then(async (path) => {
        created.path = path;
        created.handle = await open(path, 'wx', 0o600);
      });
      incoming.set(frame.transfer, (entry = created));
    }
    const target = entry;
    target.chain = target.chain.then(async () => {
      const bytes = Buffer.from(frame.data, 'base64');
      if (frame.offset !== target.written || target.written + bytes.length > target.size)
        throw new Error('file chunks out of order or past the announced size');
      await target.handle?.write(bytes, 0, bytes.length, target.written);
      target.written += bytes.length;
      if (frame.last) {
        await target.handle?.close();
        delete target.handle;
        if (target.written !== target.size) throw new Error('file shorter than announced');
      }
    });
  }

  /** The path here of a transfer the hub sent, once it is completely written. */
  async function received(transfer: string): Promise<string | undefined> {
    const entry = incoming.get(transfer);
    if (!entry) return undefined;
    incoming.delete(transfer);
    try {
      await entry.chain;
      return entry.handle === undefined ? entry.path : undefined;
    } catch (error) {
      options.log(`a file from the hub was not saved: ${String(error)}`);
      if (entry.path) await rm(entry.path, { force: true });
      return undefined;
    }
  }

  function onAck(frame: FileAckFrame): void {
    const entry = outgoing.get(frame.transfer);
    if (!entry) return;
    if (frame.error !== undefined) entry.error = frame.error;
    else entry.acked++;
    entry.wake?.();
  }

  /** Waits until at most `inFlight` chunks are unacknowledged; false on error or timeout. */
  async function settle(entry: Outgoing, sent: number, inFlight: number): Promise<boolean> {
    while (entry.error === undefined && sent - entry.acked > inFlight) {
      const woke = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), ACK_TIMEOUT_MS);
        entry.wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
      if (!woke) entry.error = 'Switchboard stopped acknowledging the upload';
    }
    return entry.error === undefined;
  }

  async function upload(
    path: string,
  ): Promise<{ ok: true; name: string } | { ok: false; message: string }> {
    const sendable = await checkSendable(path, options.policy);
    if (!sendable.ok) return { ok: false, message: sendable.reason };
    const handle = await open(sendable.path, 'r');
    const transfer = `u${nodeCrypto().randomBytes(12).toString('hex')}`;
    const entry: Outgoing = { acked: 0 };
    outgoing.set(transfer, entry);
    try {
      // The file read is the file checked: a swap between the two is refused.
      const info = await handle.stat();
      if (idOf(info) !== sendable.id || info.size > MAX_LINK_FILE_BYTES)
        return { ok: false, message: `${path} changed while it was being sent` };
      const buffer = Buffer.alloc(FILE_CHUNK_BYTES);
      let offset = 0;
      let sent = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, FILE_CHUNK_BYTES, offset);
        const last = bytesRead === 0 || offset + bytesRead >= info.size;
        const ok = bridge.sendFrame({
          type: 'file_chunk',
          transfer,
          offset,
          data: buffer.subarray(0, bytesRead).toString('base64'),
          last,
          ...(offset === 0 ? { name: sendable.name, size: info.size } : {}),
        });
        if (!ok)
          return { ok: false, message: 'the connection to Switchboard dropped during the upload' };
        offset += bytesRead;
        sent++;
        if (!(await settle(entry, sent, last ? 0 : WINDOW - 1)))
          return {
            ok: false,
            message: `Switchboard refused ${sendable.name}: ${entry.error ?? ''}`,
          };
        if (last) return { ok: true, name: `${UPLOAD_PREFIX}${transfer}` };
      }
    } finally {
      outgoing.delete(transfer);
      await handle.close();
    }
  }

  async function withReceived(outcome: CallOutcome): Promise<CallOutcome> {
    if (!outcome.ok || !outcome.files) return outcome;
    const paths: string[] = [];
    for (const transfer of outcome.files) {
      const path = await received(transfer);
      if (path === undefined) return failed('an attachment did not arrive completely; try again');
      paths.push(path);
    }
    return { ok: true, text: paths.join('\n') };
  }

  return {
    ...bridge,
    start(handlers) {
      bridge.start({
        ...handlers,
        onFileFrame: (frame) => (frame.type === 'file_chunk' ? onChunk(frame) : onAck(frame)),
        async onDeliver(frame: DeliverFrame) {
          const paths = new Map<string, string | undefined>();
          for (const [key, transfer] of Object.entries(frame.files ?? {}))
            paths.set(key, await received(transfer));
          // A file that did not arrive leaves its key out rather than naming nothing.
          const meta = Object.fromEntries(
            Object.entries(frame.meta)
              .map(([key, value]): [string, string | undefined] => [
                key,
                paths.has(key) ? paths.get(key) : value,
              ])
              .filter((entry): entry is [string, string] => entry[1] !== undefined),
          );
          await handlers.onDeliver({ ...frame, meta });
        },
      });
    },
    async call(tool, args) {
      const files = (args as { files?: unknown } | null)?.files;
      if (tool !== 'reply' || !Array.isArray(files) || files.length === 0)
        return withReceived(await bridge.call(tool, args));
      if (!bridge.isConnected()) return bridge.call(tool, args);
      const names: string[] = [];
      for (const path of files as string[]) {
        const sent = await upload(path);
        if (!sent.ok) return failed(sent.message);
        names.push(sent.name);
      }
      return bridge.call(tool, { ...(args as object), files: names });
    },
  };
}
