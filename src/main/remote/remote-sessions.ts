/**
 * The remote socket: a second bridge server, reached from other machines through `ssh -R`, that
 * accepts only per-remote credentials and only sessions (never control). Each connection is
 * wrapped before the hub core sees it: its session is named `REMOTE:session` (a local session can
 * never carry that name, and a remote can never pick another's prefix), it can resume only
 * identities given to the same remote, its deliveries carry `host` in the channel meta, and what
 * it asks of the hub passes the remote rules in remote-calls.ts.
 */
import { REMOTE_SESSION_SEPARATOR } from '../../shared/remote-credential';
import type { HelloFrame, ToHelperFrame } from '../../shared/bridge-protocol';
import type { Logger } from '../log';
import type { Principal } from '../bridge/auth';
import {
  createBridgeServer,
  type BridgeConnection,
  type BridgeLimits,
  type HelloOutcome,
  type SessionEnd,
} from '../bridge/server';
import type { SocketLocation } from '../bridge/socket-dir';
import type { HubCore } from '../hub/core';
import type { RemoteStore } from '../store/remotes';
import { remoteCredentials } from './credentials';
import { createRemoteCalls, type RemoteCalls } from './remote-calls';

/** Remote connections are numbered apart from local ones: the session registry keys on the id. */
const REMOTE_ID_BASE = 1_000_000_000;
/** Longest session name the hub uses anywhere (bindings, the UI, the CLI). */
const MAX_SESSION_NAME = 64;

export type RemoteSessions = {
  listen: () => Promise<void>;
  close: () => Promise<void>;
  /** Ends every session of `remote` at once (removed or rotated): their connections close. */
  cut: (remote: string, reason: string) => number;
  /** How many sessions of `remote` are attached. */
  connections: (remote: string) => number;
};

export type RemoteSessionsOptions = {
  core: HubCore;
  remotes: RemoteStore;
  location: SocketLocation;
  /** Where uploads from remote sessions are staged and downloads read from. */
  files: { staging: string; inbox: string };
  log: Logger;
  now: () => number;
  /** Called when the set of connected remotes changes (for status and the UI). */
  onChange?: () => void;
  limits?: Partial<BridgeLimits>;
};

/** `REMOTE:session`, the session part shortened so the whole fits everywhere names go. */
export function remoteSessionName(remote: string, session: string): string {
  const room = MAX_SESSION_NAME - remote.length - REMOTE_SESSION_SEPARATOR.length - 3;
  return `${remote}${REMOTE_SESSION_SEPARATOR}${session.slice(0, Math.max(1, room))}`;
}

export function createRemoteSessions(options: RemoteSessionsOptions): RemoteSessions {
  const { core, log } = options;
  /** Wrapped connections by the bridge server's own id. */
  const wrappers = new Map<number, BridgeConnection>();
  const inners = new Map<BridgeConnection, BridgeConnection>();
  const byRemote = new Map<string, Set<BridgeConnection>>();
  /** Session ids the hub gave each remote: a remote may resume only its own. */
  const issued = new Map<string, Set<string>>();
  const calls: RemoteCalls = createRemoteCalls({
    core,
    files: options.files,
    log,
  });

  function wrap(inner: BridgeConnection, remote: string): BridgeConnection {
    const wrapper: BridgeConnection = {
      id: REMOTE_ID_BASE + inner.id,
      remote,
      send: (frame: ToHelperFrame) => {
        // A cut connection is detached at once; nothing more goes to it while its socket closes.
        if (wrappers.get(inner.id) === wrapper) calls.toRemote(inner, remote, frame);
      },
      close: (error) => inner.close(error),
    };
    wrappers.set(inner.id, wrapper);
    inners.set(wrapper, inner);
    return wrapper;
  }

  /** Takes a connection's session out of the hub (on close, or at once when cut). */
  function detach(inner: BridgeConnection, end: SessionEnd = 'abnormal'): void {
    const connection = wrappers.get(inner.id);
    if (!connection) return;
    wrappers.delete(inner.id);
    inners.delete(connection);
    calls.closed(inner);
    if (connection.remote !== undefined) byRemote.get(connection.remote)?.delete(connection);
    core.closed(connection, end);
    options.onChange?.();
  }

  function onHello(inner: BridgeConnection, frame: HelloFrame, principal: Principal): HelloOutcome {
    if (principal.kind !== 'remote')
      return { ok: false, message: 'the remote socket accepts remote credentials only' };
    const remote = principal.remote;
    const connection = wrap(inner, remote);
    const mine = issued.get(remote) ?? new Set<string>();
    issued.set(remote, mine);
    const renamed: HelloFrame = {
      ...frame,
      session: { ...frame.session, name: remoteSessionName(remote, frame.session.name) },
      // Another principal's session id would hand this remote that session's name and chats.
      resume: frame.resume !== undefined && mine.has(frame.resume) ? frame.resume : undefined,
    };
    const outcome = core.hello(connection, renamed);
    if (outcome.ok) {
      mine.add(outcome.sessionId);
      const set = byRemote.get(remote) ?? new Set<BridgeConnection>();
      set.add(connection);
      byRemote.set(remote, set);
      options.remotes.seen(remote, options.now());
      options.onChange?.();
    } else wrappers.delete(inner.id);
    return outcome;
  }

  /** A cut-off helper retries every few seconds: say so once a minute, not every time. */
  const lastNoted = new Map<string, number>();
  const noteOnce = (key: string): boolean => {
    const now = options.now();
    if ((lastNoted.get(key) ?? -Infinity) > now - 60_000) return false;
    lastNoted.set(key, now);
    return true;
  };

  const server = createBridgeServer({
    location: options.location,
    credentials: remoteCredentials(options.remotes, (remote, reason) => {
      if (!noteOnce(`${remote}/${reason}`)) return;
      log.warn(
        reason === 'rotated'
          ? `remote "${remote}": refused a credential that was rotated; run \`switchboard remote setup ${remote} HOST\` to install the current one`
          : `remote "${remote}": refused a credential for a remote that does not exist (removed?)`,
      );
    }),
    log,
    handlers: {
      onHello,
      onDelivered(inner, deliveryId) {
        const connection = wrappers.get(inner.id);
        if (connection) core.delivered(connection, deliveryId);
      },
      onPermissionRequest(inner, request) {
        const connection = wrappers.get(inner.id);
        if (connection) core.permissionRequest(connection, request);
      },
      onCall(inner, frame) {
        const connection = wrappers.get(inner.id);
        if (connection) calls.fromRemote(inner, connection, frame);
      },
      onFileChunk(inner, frame) {
        if (wrappers.has(inner.id)) calls.onFileChunk(inner, frame);
      },
      onControl: () =>
        Promise.resolve({ ok: false, error: 'control operations are not available to remotes' }),
      onClose: detach,
    },
    ...(options.limits ? { limits: options.limits } : {}),
  });

  return {
    listen: () => server.listen(),
    close: () => server.close(),
    cut(remote, reason) {
      const connections = [...(byRemote.get(remote) ?? [])];
      for (const connection of connections) {
        const inner = inners.get(connection);
        connection.close({ code: 'unauthorized', message: reason });
        if (inner) detach(inner);
      }
      issued.delete(remote);
      if (connections.length > 0)
        log.info(`remote "${remote}": ${reason}; ${connections.length} session(s) cut`);
      return connections.length;
    },
    connections: (remote) => byRemote.get(remote)?.size ?? 0,
  };
}
