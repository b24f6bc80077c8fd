/**
 * The hub's end of the bridge: a Unix socket server speaking the NDJSON frames of
 * src/shared/bridge-protocol.ts. It authenticates, enforces size and time limits, keeps
 * heartbeats, and hands well-formed frames to the hub. A bad connection is closed alone.
 */
import { timingSafeEqual } from 'node:crypto';
import { chmod, unlink } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import {
  BRIDGE_VERSION,
  HEARTBEAT_INTERVAL_MS,
  HEARTBEAT_TIMEOUT_MS,
  MAX_FRAME_BYTES,
  encodeFrame,
  toHubFrame,
  type CallFrame,
  type ControlFrame,
  type ControlOutcome,
  type ErrorFrame,
  type HelloFrame,
  type ToHelperFrame,
} from '../../shared/bridge-protocol';
import type { PermissionRequest } from '../../shared/channel';
import { createLineDecoder } from '../../shared/line-decoder';
import type { Logger } from '../log';

/** Connections that have not said hello within this long are closed. */
const HELLO_TIMEOUT_MS = 5_000;
const MAX_CONNECTIONS = 512;

export type BridgeConnection = {
  readonly id: number;
  send: (frame: ToHelperFrame) => void;
  close: (error?: Omit<ErrorFrame, 'type'>) => void;
};

/**
 * How a session's connection ended: `clean` after a `bye` frame, `hub-stopping` when the hub closes
 * its socket, else `abnormal` (the helper died, or its Claude Code did).
 */
export type SessionEnd = 'clean' | 'abnormal' | 'hub-stopping';

export type HelloOutcome =
  { ok: true; sessionId: string; name: string } | { ok: false; message: string };

export type BridgeHandlers = {
  onHello: (connection: BridgeConnection, frame: HelloFrame) => HelloOutcome;
  onDelivered: (connection: BridgeConnection, deliveryId: string) => void;
  onPermissionRequest: (connection: BridgeConnection, request: PermissionRequest) => void;
  onCall: (connection: BridgeConnection, frame: CallFrame) => void;
  onControl: (frame: ControlFrame) => Promise<ControlOutcome>;
  onClose: (connection: BridgeConnection, end: SessionEnd) => void;
};

export type BridgeServer = {
  listen: () => Promise<void>;
  close: () => Promise<void>;
  connectionCount: () => number;
};

export function createBridgeServer(options: {
  socketPath: string;
  token: string;
  handlers: BridgeHandlers;
  log: Logger;
}): BridgeServer {
  const { handlers, log } = options;
  const expected = Buffer.from(options.token);
  const sockets = new Set<Socket>();
  let nextId = 1;
  let server: Server | undefined;
  let stopping = false;

  const tokenOk = (token: string): boolean => {
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  function accept(socket: Socket): void {
    if (sockets.size >= MAX_CONNECTIONS) {
      log.warn('bridge: too many connections; refusing one');
      socket.destroy();
      return;
    }
    sockets.add(socket);
    const id = nextId++;
    let kind: 'new' | 'session' | 'control' = 'new';
    let saidBye = false;
    let lastHeard = Date.now();

    const send = (frame: ToHelperFrame): void => {
      if (!socket.destroyed) socket.write(encodeFrame(frame));
    };
    const connection: BridgeConnection = {
      id,
      send,
      close(error) {
        if (error) send({ type: 'error', ...error });
        socket.end();
        setTimeout(() => socket.destroy(), 200).unref();
      },
    };
    const reject = (code: ErrorFrame['code'], message: string): void => {
      log.warn(`bridge: closing connection ${id}: ${message}`);
      connection.close({ code, message });
    };

    const helloTimer = setTimeout(() => {
      if (kind === 'new') reject('bad-frame', 'no hello within 5 s');
    }, HELLO_TIMEOUT_MS);
    const heartbeat = setInterval(() => {
      if (Date.now() - lastHeard > HEARTBEAT_TIMEOUT_MS) {
        log.warn(`bridge: connection ${id} missed its heartbeats; dropping it`);
        socket.destroy();
      } else if (kind === 'session') send({ type: 'ping' });
    }, HEARTBEAT_INTERVAL_MS);

    const decoder = createLineDecoder(MAX_FRAME_BYTES, {
      onLine: (line) => handleLine(line),
      onOverflow: (bytes) =>
        reject(
          'too-large',
          `frame of more than ${bytes} bytes exceeds the ${MAX_FRAME_BYTES}-byte limit`,
        ),
    });

    function handleLine(line: string): void {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        reject('bad-frame', 'malformed JSON');
        return;
      }
      const parsed = toHubFrame.safeParse(json);
      if (!parsed.success) {
        const version = (json as { v?: unknown } | null)?.v;
        if (version !== undefined && version !== BRIDGE_VERSION)
          reject('version', `unsupported bridge version ${JSON.stringify(version)}`);
        else
          reject(
            'bad-frame',
            `invalid frame: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`,
          );
        return;
      }
      const frame = parsed.data;
      if (kind === 'new') {
        if (frame.type !== 'hello' && frame.type !== 'control') {
          reject('unauthorized', 'the first frame must be hello or control');
          return;
        }
        if (!tokenOk(frame.token)) {
          reject('unauthorized', 'wrong token');
          return;
        }
        clearTimeout(helloTimer);
      }
      switch (frame.type) {
        case 'hello': {
          if (kind !== 'new') return reject('bad-frame', 'hello sent twice');
          const outcome = handlers.onHello(connection, frame);
          if (!outcome.ok) return reject('internal', outcome.message);
          kind = 'session';
          send({
            type: 'welcome',
            v: BRIDGE_VERSION,
            sessionId: outcome.sessionId,
            name: outcome.name,
          });
          return;
        }
        case 'control': {
          if (kind === 'session')
            return reject('bad-frame', 'control frames are not allowed on a session connection');
          if (!tokenOk(frame.token)) return reject('unauthorized', 'wrong token');
          kind = 'control';
          void handlers.onControl(frame).then(
            (result) =>
              send(
                result.ok
                  ? { type: 'control_result', id: frame.id, ok: true, data: result.data }
                  : { type: 'control_result', id: frame.id, ok: false, error: result.error },
              ),
            (error: unknown) =>
              send({ type: 'control_result', id: frame.id, ok: false, error: String(error) }),
          );
          return;
        }
        case 'ping':
          send({ type: 'pong' });
          return;
        case 'pong':
          return;
        case 'bye':
          if (kind !== 'session') return reject('bad-frame', 'bye needs a session');
          saidBye = true;
          return;
        case 'delivered':
        case 'permission_request':
        case 'call':
          if (kind !== 'session')
            return reject('bad-frame', `${frame.type} needs a session (send hello first)`);
          if (frame.type === 'delivered') handlers.onDelivered(connection, frame.deliveryId);
          else if (frame.type === 'call') handlers.onCall(connection, frame);
          else {
            const { type: _type, ...request } = frame;
            handlers.onPermissionRequest(connection, request);
          }
          return;
      }
    }

    socket.on('data', (chunk: Buffer) => {
      lastHeard = Date.now();
      decoder.push(chunk);
    });
    socket.on('error', (error) => log.debug(`bridge: connection ${id}: ${error.message}`));
    socket.on('close', () => {
      clearTimeout(helloTimer);
      clearInterval(heartbeat);
      sockets.delete(socket);
      if (kind === 'session')
        handlers.onClose(connection, stopping ? 'hub-stopping' : saidBye ? 'clean' : 'abnormal');
    });
  }

  return {
    async listen() {
      await unlink(options.socketPath).catch(() => undefined);
      server = createServer(accept);
      await new Promise<void>((resolve, reject) => {
        server?.once('error', reject);
        server?.listen(options.socketPath, () => resolve());
      });
      await chmod(options.socketPath, 0o600);
    },
    async close() {
      stopping = true;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      await unlink(options.socketPath).catch(() => undefined);
    },
    connectionCount: () => sockets.size,
  };
}
