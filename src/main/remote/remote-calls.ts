/**
 * What passes between the hub core and a remote session, in both directions.
 *
 * To the remote: deliveries carry the remote's name as `host`; a photo or file the hub saved is
 * sent ahead over the link and the delivery names it by key (the helper puts its own path there);
 * the hub's local paths never reach the remote. A download's files are sent ahead of its answer.
 * Everything to one remote goes out in order, one frame after the file chunks before it.
 *
 * From the remote: tool calls act only on conversations routed to the session (remote-scope.ts),
 * and a reply's files must be ones the session uploaded (link-files.ts) — a remote never names a
 * file on the hub's machine.
 */
import { basename } from 'node:path';
import type { CallFrame, ToHelperFrame } from '../../shared/bridge-protocol';
import type { ChannelMeta } from '../../shared/channel';
import type { FileChunkFrame } from '../../shared/file-frames';
import { drop, type Logger } from '../log';
import type { BridgeConnection } from '../bridge/server';
import type { HubCore } from '../hub/core';
import { createLinkFiles } from './link-files';
import { createRemoteScope, type RemoteScope } from './remote-scope';

export type RemoteCalls = {
  /** A frame from the hub core to a remote session. */
  toRemote: (inner: BridgeConnection, remote: string, frame: ToHelperFrame) => void;
  /** A tool call from a remote session. */
  fromRemote: (inner: BridgeConnection, connection: BridgeConnection, frame: CallFrame) => void;
  onFileChunk: (inner: BridgeConnection, frame: FileChunkFrame) => void;
  closed: (inner: BridgeConnection) => void;
};

/** Meta keys whose values are files on the hub's machine, sent ahead to the remote. */
const FILE_KEYS = ['image_path', 'attachment_path'] as const;

/** The meta a remote session sees: `host` added, the hub's local paths taken out. */
export function remoteMeta(meta: ChannelMeta, remote: string): ChannelMeta {
  const out: ChannelMeta = {};
  for (const [key, value] of Object.entries(meta)) {
    if ((FILE_KEYS as readonly string[]).includes(key)) continue;
    out[key] =
      key === 'attachments'
        ? value
            .split('; ')
            .map((entry) => (entry.startsWith('/') ? basename(entry) : entry))
            .join('; ')
        : value;
  }
  out['host'] = remote;
  return out;
}

/** What the hub is waiting to answer on a remote connection. */
type PendingCall = { tool: string; uploads: string[] };

export function createRemoteCalls(options: {
  core: HubCore;
  files: { staging: string; inbox: string };
  log: Logger;
}): RemoteCalls {
  const { core, log } = options;
  const files = createLinkFiles(options.files.staging);
  let scope: RemoteScope | undefined;
  const scopeOf = (): RemoteScope => (scope ??= createRemoteScope(core.store.db, core.router));
  const outgoing = new Map<number, Promise<void>>();
  const calls = new Map<number, Map<string, PendingCall>>();

  /** Queues work for one connection after everything queued before it. */
  function enqueue(inner: BridgeConnection, work: () => Promise<void>): void {
    const next = (outgoing.get(inner.id) ?? Promise.resolve())
      .then(work)
      .catch((error: unknown) => {
        log.warn(`remote connection ${inner.id}: ${String(error)}`);
      });
    outgoing.set(inner.id, next);
  }

  async function deliver(
    inner: BridgeConnection,
    remote: string,
    frame: Extract<ToHelperFrame, { type: 'deliver' }>,
  ): Promise<void> {
    const sent: Record<string, string> = {};
    const meta = remoteMeta(frame.meta, remote);
    for (const key of FILE_KEYS) {
      const path = frame.meta[key];
      if (path === undefined) continue;
      try {
        sent[key] = await files.send(inner, path);
        meta[key] = basename(path);
      } catch (error) {
        log.warn(
          `remote ${remote}: ${key} not sent (${String(error)}); the delivery goes without it`,
        );
      }
    }
    inner.send({ ...frame, meta, ...(Object.keys(sent).length > 0 ? { files: sent } : {}) });
  }

  async function answer(
    inner: BridgeConnection,
    frame: Extract<ToHelperFrame, { type: 'result' }>,
  ): Promise<void> {
    const pending = calls.get(inner.id)?.get(frame.id);
    calls.get(inner.id)?.delete(frame.id);
    if (pending) files.release(inner, pending.uploads);
    if (pending?.tool !== 'download_attachment' || !frame.ok) return inner.send(frame);
    // The hub's answer lists paths on this machine: the files go to the remote instead.
    const paths = frame.text.split('\n').filter((line) => line.startsWith('/'));
    if (paths.length === 0) return inner.send(frame);
    const transfers: string[] = [];
    try {
      for (const path of paths) transfers.push(await files.send(inner, path));
    } catch (error) {
      return inner.send({
        type: 'result',
        id: frame.id,
        ok: false,
        error: `the attachment could not be sent to this machine: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
    inner.send({ ...frame, text: paths.map((p) => basename(p)).join('\n'), files: transfers });
  }

  const refuse = (inner: BridgeConnection, id: string, error: string): void =>
    enqueue(inner, () => Promise.resolve(inner.send({ type: 'result', id, ok: false, error })));

  return {
    toRemote(inner, remote, frame) {
      if (frame.type === 'deliver') enqueue(inner, () => deliver(inner, remote, frame));
      else if (frame.type === 'result') enqueue(inner, () => answer(inner, frame));
      else enqueue(inner, () => Promise.resolve(inner.send(frame)));
    },
    fromRemote(inner, connection, frame) {
      const session = core.sessions.byConnection(connection);
      if (!session) return;
      const args = (typeof frame.args === 'object' && frame.args !== null ? frame.args : {}) as {
        chat_id?: unknown;
        files?: unknown;
      };
      if (typeof args.chat_id === 'string' && !scopeOf().mayAct(session, args.chat_id))
        return refuse(
          inner,
          frame.id,
          `chat ${args.chat_id} is not routed to this session (${session.name}); a remote session acts only in conversations delivered or bound to it`,
        );
      let uploads: string[] = [];
      let forwarded = frame;
      if (frame.tool === 'reply' && Array.isArray(args.files) && args.files.length > 0) {
        uploads = args.files.filter((f): f is string => typeof f === 'string');
        const staged = files.resolve(inner, uploads);
        if (!staged.ok) {
          files.release(inner, uploads);
          return refuse(inner, frame.id, staged.error);
        }
        forwarded = { ...frame, args: { ...args, files: staged.paths } };
      }
      const map = calls.get(inner.id) ?? new Map<string, PendingCall>();
      calls.set(inner.id, map);
      map.set(frame.id, { tool: frame.tool, uploads });
      core.call(connection, forwarded);
    },
    onFileChunk: (inner, frame) => files.onChunk(inner, frame),
    closed(inner) {
      calls.delete(inner.id);
      const last = outgoing.get(inner.id);
      outgoing.delete(inner.id);
      // What was queued for it ends on its closed socket; its uploads go once that settled.
      drop(
        (last ?? Promise.resolve()).then(() => files.closed(inner)),
        log,
      );
    },
  };
}
