/**
 * What passes between the hub core and a remote session, in both directions. Deliveries carry the
 * remote's name as `host` and lose the hub's local file paths (they mean nothing on the remote).
 * Tool calls act only on conversations routed to the session (remote-scope.ts); a remote never
 * names a file on the hub's machine.
 */
import { basename } from 'node:path';
import type { CallFrame, ToHelperFrame } from '../../shared/bridge-protocol';
import type { ChannelMeta } from '../../shared/channel';
import type { Logger } from '../log';
import type { BridgeConnection } from '../bridge/server';
import type { HubCore } from '../hub/core';
import { createRemoteScope, type RemoteScope } from './remote-scope';

export type RemoteCalls = {
  /** A frame from the hub core to a remote session. */
  toRemote: (inner: BridgeConnection, remote: string, frame: ToHelperFrame) => void;
  /** A tool call from a remote session. */
  fromRemote: (inner: BridgeConnection, connection: BridgeConnection, frame: CallFrame) => void;
  closed: (inner: BridgeConnection) => void;
};

/** Meta keys whose values are paths on the hub's machine. */
const PATH_KEYS = new Set(['image_path', 'attachment_path']);

/** The meta a remote session sees: `host` added, the hub's local paths taken out. */
export function remoteMeta(meta: ChannelMeta, remote: string): ChannelMeta {
  const out: ChannelMeta = {};
  for (const [key, value] of Object.entries(meta)) {
    if (PATH_KEYS.has(key)) continue;
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

export function createRemoteCalls(options: {
  core: HubCore;
  files: { staging: string; inbox: string };
  log: Logger;
}): RemoteCalls {
  const { core } = options;
  let scope: RemoteScope | undefined;
  const scopeOf = (): RemoteScope => (scope ??= createRemoteScope(core.store.db, core.router));

  const refuse = (inner: BridgeConnection, id: string, error: string): void =>
    inner.send({ type: 'result', id, ok: false, error });

  return {
    toRemote(inner, remote, frame) {
      if (frame.type === 'deliver') inner.send({ ...frame, meta: remoteMeta(frame.meta, remote) });
      else inner.send(frame);
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
      if (frame.tool === 'reply' && Array.isArray(args.files) && args.files.length > 0)
        return refuse(inner, frame.id, 'files cannot be sent from a remote session yet');
      if (frame.tool === 'download_attachment')
        return refuse(inner, frame.id, 'attachments cannot be downloaded to a remote session yet');
      core.call(connection, frame);
    },
    closed() {
      // Nothing held per connection yet.
    },
  };
}
