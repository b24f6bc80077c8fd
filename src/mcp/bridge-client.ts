/**
 * The helper's side of the bridge: connects to the hub's socket, says hello, keeps the connection
 * alive with heartbeats and reconnects with backoff whenever it drops — for as long as the helper
 * lives. It never throws at callers: a call while disconnected resolves to a typed failure.
 *
 * It trusts the socket only after the hub has proved it knows the hub token (the `welcome`
 * proof), and it never sends the token: a process squatting the socket learns nothing.
 */
import { connect, type Socket } from 'node:net';
import { checkSocketDir } from './socket-check';
import {
  BRIDGE_VERSION,
  HEARTBEAT_INTERVAL_MS,
  HEARTBEAT_TIMEOUT_MS,
  MAX_FRAME_BYTES,
  encodeFrame,
  proofMessage,
  toHelperFrame,
  type DeliverFrame,
  type ToHelperFrame,
  type ToHubFrame,
} from '../shared/bridge-protocol';
import type { Behavior, PermissionRequest } from '../shared/channel';
import type { FileAckFrame, FileChunkFrame } from '../shared/file-frames';
import { createLineDecoder } from '../shared/line-decoder';
import type { ChannelMode } from './channel-mode';
import { createDeliveryWriter, drainedOf, type DeliveryWriter } from './delivery-writer';
import type { EndKind } from './session-end';
import { localAuth, sameProof, type HelperAuth, type HelperKey } from './helper-auth';
import { nodeCrypto } from './node-crypto';

export type BridgeClientOptions = {
  socketPath: string;
  tokenPath: string;
  /**
   * What the helper proves (default: the hub token at `tokenPath`). A remote credential makes the
   * socket's directory be checked as a private fallback directory (0700, ours, not a link).
   */
  auth?: HelperAuth;
  session: { name: string; cwd: string; pid: number };
  /** Whether Claude Code admitted this helper as a channel; sent with every hello. */
  channels: Promise<ChannelMode>;
  log: (message: string) => void;
  /** Backoff bounds for reconnecting; the delay doubles from min to max. */
  minRetryMs?: number;
  maxRetryMs?: number;
  callTimeoutMs?: number;
  /** Resolves once stdout handed everything written so far to the pipe (default: process.stdout). */
  stdoutDrained?: () => Promise<void>;
};

export type BridgeHandlers = {
  /** Emit the channel event (the delivery writer then waits for stdout to drain). */
  onDeliver: (frame: DeliverFrame) => Promise<void>;
  onVerdict: (requestId: string, behavior: Behavior) => Promise<void>;
  /** File chunks and acknowledgements (remote sessions: src/mcp/remote-files.ts). */
  onFileFrame?: (frame: FileChunkFrame | FileAckFrame) => void;
};

export type CallOutcome =
  | { ok: true; text: string; files?: string[] }
  | {
      ok: false;
      error: 'hub-not-running' | 'hub-disconnected' | 'timeout' | 'rejected';
      message: string;
    };

export type BridgeClient = {
  start: (handlers: BridgeHandlers) => void;
  call: (tool: string, args: unknown) => Promise<CallOutcome>;
  sendPermissionRequest: (request: PermissionRequest) => void;
  /** Sends a frame on the authenticated connection; false while disconnected. */
  sendFrame: (frame: ToHubFrame) => boolean;
  isConnected: () => boolean;
  sessionName: () => string | undefined;
  /**
   * Ends the session. Clean: finishes the event being written, acknowledges it and says `bye`, so
   * the hub knows the rest was never written; abnormal: just drops the connection.
   */
  end: (kind: EndKind) => Promise<void>;
  close: () => void;
};

type PendingCall = { resolve: (outcome: CallOutcome) => void; timer: NodeJS.Timeout };

/** How long a clean end waits for the event being written and the `bye` to go out. */
const END_FLUSH_MS = 200;
/** Permission requests raised while the hub is down are held (bounded) and sent on reconnect. */
const QUEUED_REQUESTS_CAP = 100;

/** What one connection attempt knows: the key it read and the nonces exchanged. */
type Handshake = { key: HelperKey; channels: ChannelMode; hubNonce?: string; ownNonce?: string };

export function createBridgeClient(options: BridgeClientOptions): BridgeClient {
  const minRetry = options.minRetryMs ?? 100;
  const maxRetry = options.maxRetryMs ?? 2_000;
  const auth = options.auth ?? localAuth(options.tokenPath);
  const callTimeout = options.callTimeoutMs ?? 120_000;
  let handlers: BridgeHandlers | undefined;
  let socket: Socket | undefined;
  let welcomed = false;
  let closed = false;
  let retryDelay = minRetry;
  let retryTimer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let lastHeard = 0;
  let sessionId: string | undefined;
  let name: string | undefined;
  let nextCallId = 1;
  let lastFailure = '';
  let handshake: Handshake | undefined;
  const pending = new Map<string, PendingCall>();
  let writer: DeliveryWriter | undefined;
  const queuedRequests: PermissionRequest[] = [];
  /** Read after an await: `close()` may have run meanwhile. */
  const isClosed = (): boolean => closed;

  function send(frame: ToHubFrame): boolean {
    if (!socket || socket.destroyed) return false;
    socket.write(encodeFrame(frame));
    return true;
  }

  function scheduleReconnect(): void {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void attempt();
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, maxRetry);
  }

  function onDisconnected(reason: string): void {
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = undefined;
    const wasWelcomed = welcomed;
    welcomed = false;
    socket = undefined;
    writer?.disconnected();
    for (const [id, call] of pending) {
      clearTimeout(call.timer);
      call.resolve({
        ok: false,
        error: 'hub-disconnected',
        message: `the connection to Switchboard dropped (${reason})`,
      });
      pending.delete(id);
    }
    if (wasWelcomed || reason !== lastFailure) options.log(`hub disconnected: ${reason}`);
    lastFailure = reason;
    scheduleReconnect();
  }

  async function attempt(): Promise<void> {
    if (closed) return;
    const channels = await options.channels;
    const loaded = await auth.load();
    if (!loaded.ok) {
      if (loaded.reason.startsWith('warning') && loaded.reason !== lastFailure)
        options.log(loaded.reason);
      onDisconnected(loaded.reason);
      return;
    }
    // Checked before every connect: a socket in a directory someone else controls is not the hub.
    const dirProblem = await checkSocketDir(
      options.socketPath,
      options.auth ? '' : options.tokenPath,
    );
    if (dirProblem !== undefined) {
      const reason = `warning: not connecting to ${options.socketPath}: ${dirProblem}`;
      if (reason !== lastFailure) options.log(reason);
      lastFailure = reason;
      onDisconnected(reason);
      return;
    }
    if (isClosed()) return;
    const sock = connect(options.socketPath);
    socket = sock;
    handshake = { key: loaded.key, channels };
    const decoder = createLineDecoder(MAX_FRAME_BYTES, {
      onLine: (line) => handleLine(line),
      onOverflow: () => sock.destroy(new Error('frame from hub exceeds the size limit')),
    });
    sock.on('connect', () => {
      lastHeard = Date.now();
      // Speaking at once tells the hub this is a real client, not an idle squatter.
      send({ type: 'ping' });
    });
    sock.on('data', (chunk: Buffer) => {
      lastHeard = Date.now();
      decoder.push(chunk);
    });
    sock.on('error', () => undefined);
    sock.on('close', () => {
      if (socket === sock) onDisconnected(welcomed ? 'connection closed' : 'hub not running');
    });
  }

  function handleLine(line: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      options.log('ignored a malformed frame from the hub');
      return;
    }
    const result = toHelperFrame.safeParse(parsed);
    if (!result.success) {
      options.log(
        `ignored an invalid frame from the hub: ${result.error.issues[0]?.message ?? ''}`,
      );
      return;
    }
    const frame = result.data;
    if (!welcomed && frame.type !== 'challenge' && frame.type !== 'welcome') {
      // Nothing from an unproven peer is acted on; an error frame is only reported.
      if (frame.type === 'error') {
        options.log(`hub refused the connection: ${frame.message}`);
        socket?.destroy();
      }
      return;
    }
    switch (frame.type) {
      case 'challenge':
        answerChallenge(frame.nonce);
        return;
      case 'welcome':
        if (!welcomeIsGenuine(frame)) {
          options.log(
            `warning: the process at ${options.socketPath} could not prove it is Switchboard; not trusting it`,
          );
          socket?.destroy();
          return;
        }
        welcomed = true;
        retryDelay = minRetry;
        sessionId = frame.sessionId;
        name = frame.name;
        options.log(`connected to Switchboard as session "${frame.name}"`);
        heartbeat = setInterval(() => {
          if (Date.now() - lastHeard > HEARTBEAT_TIMEOUT_MS) socket?.destroy();
          else send({ type: 'ping' });
        }, HEARTBEAT_INTERVAL_MS);
        heartbeat.unref();
        for (const request of queuedRequests.splice(0))
          send({ type: 'permission_request', ...request });
        return;
      case 'error':
        options.log(`hub refused the connection: ${frame.message}`);
        socket?.destroy();
        return;
      case 'deliver':
        writer?.push(frame);
        return;
      case 'verdict':
        void handlers
          ?.onVerdict(frame.request_id, frame.behavior)
          .catch((error: unknown) => options.log(`verdict not emitted: ${String(error)}`));
        return;
      case 'result': {
        const call = pending.get(frame.id);
        if (!call) return;
        pending.delete(frame.id);
        clearTimeout(call.timer);
        call.resolve(
          frame.ok
            ? { ok: true, text: frame.text, ...(frame.files ? { files: frame.files } : {}) }
            : { ok: false, error: 'rejected', message: frame.error },
        );
        return;
      }
      case 'ping':
        send({ type: 'pong' });
        return;
      case 'file_chunk':
      case 'file_ack':
        handlers?.onFileFrame?.(frame);
        return;
      case 'pong':
      case 'control_result':
      case 'control_welcome':
        return;
    }
  }

  function answerChallenge(hubNonce: string): void {
    if (!handshake || handshake.hubNonce !== undefined) {
      socket?.destroy();
      return;
    }
    const ownNonce = nodeCrypto().randomBytes(32).toString('hex');
    handshake.hubNonce = hubNonce;
    handshake.ownNonce = ownNonce;
    send({
      type: 'hello',
      v: BRIDGE_VERSION,
      nonce: ownNonce,
      proof: handshake.key.clientProof(proofMessage('client', 'session', hubNonce, ownNonce)),
      ...(handshake.key.credential === undefined ? {} : { credential: handshake.key.credential }),
      session: { ...options.session, channels: handshake.channels },
      ...(sessionId ? { resume: sessionId } : {}),
    });
  }

  function welcomeIsGenuine(frame: Extract<ToHelperFrame, { type: 'welcome' }>): boolean {
    if (!handshake?.hubNonce || !handshake.ownNonce) return false;
    const expected = handshake.key.hubProof(
      proofMessage('hub', 'session', handshake.hubNonce, handshake.ownNonce),
    );
    return sameProof(expected, frame.proof);
  }

  async function end(kind: EndKind): Promise<void> {
    const sock = socket;
    if (kind === 'clean' && welcomed && sock) {
      const flushed = (async () => {
        await writer?.stop();
        send({ type: 'bye' });
        await new Promise<void>((resolve) => sock.end(resolve));
      })();
      // A stdout that stopped draining (Claude Code hung) must not hold the exit: no bye then.
      await Promise.race([flushed, new Promise((resolve) => setTimeout(resolve, END_FLUSH_MS))]);
    }
    closed = true;
    if (retryTimer) clearTimeout(retryTimer);
    if (heartbeat) clearInterval(heartbeat);
    socket?.destroy();
  }

  return {
    start(h) {
      handlers = h;
      writer = createDeliveryWriter({
        emit: h.onDeliver,
        drained: options.stdoutDrained ?? drainedOf(process.stdout),
        acknowledge: (deliveryId) => send({ type: 'delivered', deliveryId }),
        log: options.log,
      });
      void attempt();
    },
    call(tool, args) {
      if (!welcomed) {
        return Promise.resolve({
          ok: false,
          error: 'hub-not-running',
          message: 'Switchboard is not running',
        });
      }
      const id = String(nextCallId++);
      return new Promise<CallOutcome>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve({
            ok: false,
            error: 'timeout',
            message: `Switchboard did not answer within ${callTimeout / 1000} s`,
          });
        }, callTimeout);
        pending.set(id, { resolve, timer });
        send({ type: 'call', id, tool, args });
      });
    },
    sendPermissionRequest(request) {
      if (welcomed && send({ type: 'permission_request', ...request })) return;
      if (queuedRequests.length >= QUEUED_REQUESTS_CAP) queuedRequests.shift();
      queuedRequests.push(request);
    },
    sendFrame: (frame) => welcomed && send(frame),
    isConnected: () => welcomed,
    sessionName: () => name,
    end,
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      if (heartbeat) clearInterval(heartbeat);
      socket?.destroy();
    },
  };
}
