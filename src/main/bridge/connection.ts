/**
 * One connection to the bridge socket: the challenge, authentication, and every frame after it.
 * The hub speaks first (`challenge`); until the client has proved it knows a credential, it may
 * send only small frames and nothing but `hello` / `control_hello`. A bad frame closes this
 * connection alone, after an `error` frame that says why.
 */
import type { Socket } from 'node:net';
import {
  BRIDGE_VERSION,
  HEARTBEAT_INTERVAL_MS,
  HEARTBEAT_TIMEOUT_MS,
  MAX_FRAME_BYTES,
  MAX_UNAUTHENTICATED_FRAME_BYTES,
  encodeFrame,
  toHubFrame,
  type ErrorFrame,
  type ToHelperFrame,
  type ToHubFrame,
} from '../../shared/bridge-protocol';
import { createLineDecoder } from '../../shared/line-decoder';
import type { Logger } from '../log';
import {
  hubProof,
  mayControl,
  newNonce,
  verifyClient,
  type CredentialSource,
  type Principal,
} from './auth';
import type { BridgeConnection, BridgeHandlers, BridgeLimits, SessionEnd } from './server';

export type ConnectionKind = 'new' | 'session' | 'control';

/** Below this much unsent output a sender of large transfers may go on. */
const DRAINED_BYTES = 1024 * 1024;

/** What the server needs to know about a connection to keep its budgets. */
export type ConnectionEvents = {
  /** The connection authenticated; false refuses it (the server is full). */
  onAuthenticated: () => boolean;
  /** The bytes of unfinished frames it holds changed by `delta`; false: over the shared budget. */
  onBuffered: (delta: number) => boolean;
  onClosed: () => void;
  /** Whether the hub is closing its socket (a session ending then is not the helper's doing). */
  stopping: () => boolean;
};

export type Connection = {
  readonly id: number;
  kind: () => ConnectionKind;
  /** Whether it has sent anything: real clients ping at once, idle squatters never speak. */
  spoke: () => boolean;
  /**
   * Closes with an error frame (eviction, rotation, shutdown). `byHub`: the peer did nothing wrong
   * and will come back (a session then ends `hub-closed`, not `abnormal`).
   */
  close: (code: ErrorFrame['code'], message: string, how?: { byHub: boolean }) => void;
  destroy: () => void;
};

export function openConnection(options: {
  id: number;
  socket: Socket;
  handlers: BridgeHandlers;
  credentials: CredentialSource;
  limits: BridgeLimits;
  events: ConnectionEvents;
  log: Logger;
}): Connection {
  const { id, socket, handlers, limits, events, log } = options;
  const hubNonce = newNonce();
  let kind: ConnectionKind = 'new';
  let principal: Principal | undefined;
  let lastHeard = Date.now();
  let buffered = 0;
  /** Set once the connection is being closed: nothing it sends afterwards is acted on. */
  let closing = false;
  let spoke = false;
  /** The helper said `bye`: it is ending cleanly, having acknowledged all it wrote. */
  let saidBye = false;
  /** The hub closed a healthy connection (rotation): the helper is alive and reconnects. */
  let closedByHub = false;
  /** Delivery ids sent on this connection and not yet acknowledged: the only acks it may send. */
  const outstanding = new Set<string>();

  const send = (frame: ToHelperFrame): void => {
    if (socket.destroyed) return;
    if (frame.type === 'deliver') outstanding.add(frame.deliveryId);
    socket.write(encodeFrame(frame));
    // A peer that stops reading must not make the hub buffer without bound.
    if (socket.writableLength > limits.maxWriteBacklogBytes) {
      log.warn(`bridge: connection ${id} is not reading its frames; dropping it`);
      socket.destroy();
    }
  };
  const connection: BridgeConnection = {
    id,
    send,
    drained: () =>
      socket.destroyed || socket.writableLength <= DRAINED_BYTES
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const done = (): void => {
              socket.off('drain', done);
              socket.off('close', done);
              resolve();
            };
            socket.on('drain', done);
            socket.on('close', done);
          }),
    close(error) {
      if (error) send({ type: 'error', ...error });
      // Read nothing more: a peer flooding us must not make us buffer what we will discard.
      socket.pause();
      socket.end();
      setTimeout(() => socket.destroy(), 200).unref();
    },
  };
  const reject = (code: ErrorFrame['code'], message: string): void => {
    if (closing) return;
    closing = true;
    log.warn(`bridge: closing connection ${id}: ${message}`);
    connection.close({ code, message });
  };

  const helloTimer = setTimeout(() => {
    if (kind === 'new') reject('unauthorized', `no hello within ${limits.helloTimeoutMs / 1000} s`);
  }, limits.helloTimeoutMs);
  const heartbeat = setInterval(() => {
    if (Date.now() - lastHeard > HEARTBEAT_TIMEOUT_MS) {
      log.warn(`bridge: connection ${id} missed its heartbeats; dropping it`);
      socket.destroy();
    } else if (kind === 'session') send({ type: 'ping' });
  }, HEARTBEAT_INTERVAL_MS);

  const decoder = createLineDecoder(
    () => (kind === 'new' ? MAX_UNAUTHENTICATED_FRAME_BYTES : MAX_FRAME_BYTES),
    {
      onLine: (line) => handleLine(line),
      onOverflow: (bytes) => {
        const max = kind === 'new' ? MAX_UNAUTHENTICATED_FRAME_BYTES : MAX_FRAME_BYTES;
        reject('too-large', `frame of more than ${bytes} bytes exceeds the ${max}-byte limit`);
      },
    },
  );

  function parse(line: string): ToHubFrame | undefined {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      reject('bad-frame', 'malformed JSON');
      return undefined;
    }
    const parsed = toHubFrame.safeParse(json);
    if (parsed.success) return parsed.data;
    const version = (json as { v?: unknown } | null)?.v;
    if (version !== undefined && version !== BRIDGE_VERSION)
      reject(
        'version',
        `unsupported bridge version ${JSON.stringify(version)} (this hub speaks ${BRIDGE_VERSION}); the helper or CLI is from another Switchboard version — restart the Claude Code session`,
      );
    else {
      const issue = parsed.error.issues[0];
      reject('bad-frame', `invalid frame: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`);
    }
    return undefined;
  }

  /** hello / control_hello: checks the proof, then answers with the hub's own. */
  function authenticate(frame: ToHubFrame): void {
    // Clients ping as soon as they connect, before the challenge arrives, to be told apart from
    // connections that never speak (those are evicted first when the server is crowded).
    if (frame.type === 'ping') return send({ type: 'pong' });
    if (frame.type !== 'hello' && frame.type !== 'control_hello')
      return reject('unauthorized', 'the first frame must be hello or control_hello');
    const role = frame.type === 'hello' ? 'session' : 'control';
    const credential = verifyClient(options.credentials, frame, role, hubNonce);
    if (!credential) return reject('unauthorized', 'authentication failed (wrong proof)');
    if (role === 'control' && !mayControl(credential.principal))
      return reject('unauthorized', 'this credential may not run control operations');
    if (!events.onAuthenticated()) return reject('busy', 'too many connections');
    clearTimeout(helloTimer);
    principal = credential.principal;
    const proof = hubProof(credential, role, hubNonce, frame.nonce);
    if (frame.type === 'control_hello') {
      kind = 'control';
      send({ type: 'control_welcome', v: BRIDGE_VERSION, proof });
      return;
    }
    const outcome = handlers.onHello(connection, frame, credential.principal);
    if (!outcome.ok) return reject('internal', outcome.message);
    kind = 'session';
    send({
      type: 'welcome',
      v: BRIDGE_VERSION,
      proof,
      sessionId: outcome.sessionId,
      name: outcome.name,
    });
  }

  function handleLine(line: string): void {
    if (closing) return;
    const frame = parse(line);
    if (!frame) return;
    if (kind === 'new') return authenticate(frame);
    switch (frame.type) {
      case 'hello':
      case 'control_hello':
        return reject('bad-frame', `${frame.type} sent twice`);
      case 'control':
        if (kind !== 'control' || !principal || !mayControl(principal))
          return reject('bad-frame', 'control frames need a control connection');
        runControl(frame);
        return;
      case 'ping':
        send({ type: 'pong' });
        return;
      case 'pong':
        return;
      case 'bye':
        if (kind !== 'session') return reject('bad-frame', 'bye needs a session');
        saidBye = true;
        return;
      case 'file_chunk':
        if (kind !== 'session' || !handlers.onFileChunk)
          return reject('bad-frame', 'file chunks are accepted from remote sessions only');
        handlers.onFileChunk(connection, frame);
        return;
      case 'delivered':
      case 'permission_request':
      case 'call':
        if (kind !== 'session')
          return reject('bad-frame', `${frame.type} needs a session (send hello first)`);
        if (frame.type === 'delivered') {
          // Only what this connection was given: an ack for another session's delivery would
          // mark that message delivered and it would never reach its session.
          if (outstanding.delete(frame.deliveryId))
            handlers.onDelivered(connection, frame.deliveryId);
          else log.warn(`bridge: connection ${id} acknowledged a delivery it was never given`);
        } else if (frame.type === 'call') handlers.onCall(connection, frame);
        else {
          const { type: _type, ...request } = frame;
          handlers.onPermissionRequest(connection, request);
        }
        return;
    }
  }

  /** What the inbox needs to know about a session's end (see SessionEnd). */
  function howEnded(): SessionEnd {
    if (events.stopping()) return 'hub-stopping';
    if (saidBye) return 'clean';
    return closedByHub ? 'hub-closed' : 'abnormal';
  }

  function runControl(frame: Extract<ToHubFrame, { type: 'control' }>): void {
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
  }

  socket.on('data', (chunk: Buffer) => {
    if (closing) return;
    spoke = true;
    lastHeard = Date.now();
    decoder.push(chunk);
    const now = decoder.buffered();
    if (now === buffered) return;
    const delta = now - buffered;
    buffered = now;
    if (!events.onBuffered(delta)) reject('busy', 'the hub is holding too much unfinished input');
  });
  socket.on('error', (error) => log.debug(`bridge: connection ${id}: ${error.message}`));
  socket.on('close', () => {
    clearTimeout(helloTimer);
    clearInterval(heartbeat);
    events.onBuffered(-buffered);
    buffered = 0;
    events.onClosed();
    if (kind === 'session') handlers.onClose(connection, howEnded());
  });
  send({ type: 'challenge', v: BRIDGE_VERSION, nonce: hubNonce });

  return {
    id,
    kind: () => kind,
    spoke: () => spoke,
    close: (code, message, how) => {
      if (how?.byHub) closedByHub = true;
      reject(code, message);
    },
    destroy: () => socket.destroy(),
  };
}
