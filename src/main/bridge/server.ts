/**
 * The hub's end of the bridge: a Unix socket server speaking the NDJSON frames of
 * src/shared/bridge-protocol.ts (one connection's life is in connection.ts). It checks the
 * socket's directory before binding, and keeps budgets so no client can crowd out the others:
 * connections that have not authenticated share a small pool (for a newcomer, the oldest one that
 * never said anything is evicted — real clients ping as soon as they connect — so idle squatters
 * cannot keep a helper out), and unfinished input across all connections is capped.
 */
import { chmod } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import type {
  CallFrame,
  ControlFrame,
  ControlOutcome,
  ErrorFrame,
  HelloFrame,
  ToHelperFrame,
} from '../../shared/bridge-protocol';
import type { PermissionRequest } from '../../shared/channel';
import type { FileChunkFrame } from '../../shared/file-frames';
import type { Logger } from '../log';
import type { CredentialSource, Principal } from './auth';
import { openConnection, type Connection } from './connection';
import { clearSocketPath, prepareSocketDir, type SocketLocation } from './socket-dir';

export type BridgeLimits = {
  /** Connections still proving themselves; past this the oldest is closed for the newcomer. */
  maxUnauthenticated: number;
  /** Authenticated helpers and CLIs. */
  maxAuthenticated: number;
  /** A connection that has not authenticated within this long is closed. */
  helloTimeoutMs: number;
  /** Unfinished frames held in memory across every connection. */
  maxBufferedBytes: number;
  /** Frames queued to one peer that does not read them. */
  maxWriteBacklogBytes: number;
};

export const DEFAULT_BRIDGE_LIMITS: BridgeLimits = {
  maxUnauthenticated: 64,
  maxAuthenticated: 1024,
  helloTimeoutMs: 5_000,
  maxBufferedBytes: 32 * 1024 * 1024,
  maxWriteBacklogBytes: 16 * 1024 * 1024,
};

export type BridgeConnection = {
  readonly id: number;
  /** Set for connections from the remote socket: the remote they authenticated as. */
  readonly remote?: string;
  send: (frame: ToHelperFrame) => void;
  close: (error?: Omit<ErrorFrame, 'type'>) => void;
  /** Resolves once the peer has read most of what was sent (or is gone): for large transfers. */
  drained?: () => Promise<void>;
};

/**
 * How a session's connection ended: `clean` after a `bye` frame, `hub-stopping` when the hub closes
 * its socket, `hub-closed` when the hub closed a healthy connection it will take back (every
 * connection after a token rotation: the helper lives on and reconnects, so what it acknowledged
 * was written and is not sent again), else `abnormal` (the helper died, or its Claude Code did).
 */
export type SessionEnd = 'clean' | 'abnormal' | 'hub-stopping' | 'hub-closed';

export type HelloOutcome =
  { ok: true; sessionId: string; name: string } | { ok: false; message: string };

export type BridgeHandlers = {
  /** `principal`: who the connection proved to be (the local owner, or which remote). */
  onHello: (connection: BridgeConnection, frame: HelloFrame, principal: Principal) => HelloOutcome;
  onDelivered: (connection: BridgeConnection, deliveryId: string) => void;
  onPermissionRequest: (connection: BridgeConnection, request: PermissionRequest) => void;
  onCall: (connection: BridgeConnection, frame: CallFrame) => void;
  /** File chunks (the remote socket's uploads); absent: a session sending one is closed. */
  onFileChunk?: (connection: BridgeConnection, frame: FileChunkFrame) => void;
  onControl: (frame: ControlFrame) => Promise<ControlOutcome>;
  onClose: (connection: BridgeConnection, end: SessionEnd) => void;
};

export type BridgeServer = {
  listen: () => Promise<void>;
  close: () => Promise<void>;
  connectionCount: () => number;
  /** Closes every connection (after a credential rotation: clients must prove themselves again). */
  disconnectAll: (reason: string) => void;
};

export function createBridgeServer(options: {
  location: SocketLocation;
  credentials: CredentialSource;
  handlers: BridgeHandlers;
  log: Logger;
  limits?: Partial<BridgeLimits>;
}): BridgeServer {
  const { log } = options;
  const limits = { ...DEFAULT_BRIDGE_LIMITS, ...options.limits };
  const socketPath = options.location.socket;
  /** Insertion order is age: the first unauthenticated entry is the oldest. */
  const unauthenticated = new Set<Connection>();
  const authenticated = new Set<Connection>();
  const sockets = new Set<Socket>();
  let bufferedBytes = 0;
  let evictions = 0;
  let nextId = 1;
  let server: Server | undefined;
  let stopping = false;

  function evictOldest(): void {
    let oldest: Connection | undefined;
    for (const connection of unauthenticated)
      if (!connection.spoke()) {
        oldest = connection;
        break;
      }
    oldest ??= unauthenticated.values().next().value;
    if (!oldest) return;
    unauthenticated.delete(oldest);
    // Logged once per burst, not once per connection: a flood must not flood the log too.
    if (evictions++ % 100 === 0)
      log.warn(
        `bridge: more than ${limits.maxUnauthenticated} connections have not authenticated; closing the oldest (${evictions} so far)`,
      );
    oldest.destroy();
  }

  function accept(socket: Socket): void {
    if (unauthenticated.size >= limits.maxUnauthenticated) evictOldest();
    sockets.add(socket);
    const connection: Connection = openConnection({
      id: nextId++,
      socket,
      handlers: options.handlers,
      credentials: options.credentials,
      limits,
      log,
      events: {
        onAuthenticated() {
          unauthenticated.delete(connection);
          if (authenticated.size >= limits.maxAuthenticated) return false;
          authenticated.add(connection);
          return true;
        },
        onBuffered(delta) {
          bufferedBytes += delta;
          return delta <= 0 || bufferedBytes <= limits.maxBufferedBytes;
        },
        onClosed() {
          unauthenticated.delete(connection);
          authenticated.delete(connection);
          sockets.delete(socket);
        },
        stopping: () => stopping,
      },
    });
    if (connection.kind() === 'new' && !socket.destroyed) unauthenticated.add(connection);
  }

  return {
    async listen() {
      // Checked right before binding: the directory must be ours and private, and whatever
      // stands at the socket path is either a stale socket or reported, never silently reused.
      await prepareSocketDir(options.location);
      await clearSocketPath(socketPath, (message) => log.warn(`bridge: ${message}`));
      server = createServer(accept);
      await new Promise<void>((resolve, reject) => {
        server?.once('error', reject);
        server?.listen(socketPath, () => resolve());
      });
      await chmod(socketPath, 0o600);
    },
    async close() {
      stopping = true;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      await clearSocketPath(socketPath, () => undefined).catch(() => undefined);
    },
    connectionCount: () => sockets.size,
    disconnectAll(reason) {
      for (const connection of [...authenticated, ...unauthenticated])
        connection.close('unauthorized', reason, { byHub: true });
    },
  };
}
