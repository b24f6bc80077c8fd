/**
 * The bridge between a helper (`switchboard-mcp`) and the hub: newline-delimited JSON over a
 * Unix socket, every frame parsed with these schemas on both ends.
 *
 * Every connection starts with the hub's `challenge {nonce}`. The client answers with the first
 * frame of its kind, carrying its own fresh nonce and a proof — HMAC-SHA256, keyed with the
 * credential (the hub token), over both nonces (`proofMessage`) — and the hub answers with its own
 * proof over the same nonces. The token itself never crosses the socket, so a process squatting
 * the socket path learns nothing it can replay and cannot pass as the hub.
 * - a session: `hello` → `welcome` | `error`, then deliveries, verdicts, calls and heartbeats;
 * - a control client (the CLI): `control_hello` → `control_welcome`, then `control` frames, each
 *   answered by `control_result`.
 */
import { z } from 'zod';
import { behaviorSchema, channelMetaSchema, permissionRequestSchema } from './channel';
import {
  deliveredFilesSchema,
  fileAckFrame,
  fileChunkFrame,
  resultFilesSchema,
} from './file-frames';

/** 2: challenge–response authentication (version 1 sent the token itself). */
export const BRIDGE_VERSION = 2;
/** A frame larger than this closes the connection that sent it. */
export const MAX_FRAME_BYTES = 1024 * 1024;
/** Before it has authenticated, a connection may send only this much in one frame. */
export const MAX_UNAUTHENTICATED_FRAME_BYTES = 16 * 1024;
/** Each side pings this often… */
export const HEARTBEAT_INTERVAL_MS = 2_000;
/** …and drops a peer it has not heard from for this long. */
export const HEARTBEAT_TIMEOUT_MS = 7_000;

const version = z.literal(BRIDGE_VERSION);
const sessionName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}._-]+$/u, 'letters, digits, dot, dash and underscore only');

/** 32 random bytes as 64 hex digits, fresh for every connection on each side. */
const nonce = z.string().regex(/^[0-9a-f]{64}$/, '64 hex digits');
/** An HMAC-SHA256 as 64 hex digits. */
const proof = z.string().regex(/^[0-9a-f]{64}$/, '64 hex digits');
/**
 * Which credential the client proves knowledge of; absent: the local hub token (`hub.token`).
 * Reserved so other credentials (per-remote keys) need no new protocol version.
 */
const credential = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,64}$/)
  .optional();

/** The hub's first frame on every connection. */
export const challengeFrame = z.object({ type: z.literal('challenge'), v: version, nonce });

export const helloFrame = z.object({
  type: z.literal('hello'),
  v: version,
  nonce,
  proof,
  credential,
  session: z.object({
    name: sessionName,
    cwd: z.string().max(4096),
    pid: z.number().int().nonnegative(),
    /**
     * Whether the Claude Code that spawned the helper admitted it as a channel (judged from its
     * command line): a session started without the channel flag drops channel events silently,
     * so the hub must not route chats to it.
     */
    channels: z.enum(['enabled', 'disabled', 'unknown']).default('unknown'),
  }),
  /** Set when the helper reconnects: it asks to keep the identity it had. */
  resume: z.string().max(64).optional(),
});

export const welcomeFrame = z.object({
  type: z.literal('welcome'),
  v: version,
  /** The hub's proof over the same nonces: without it a helper trusts nothing on the socket. */
  proof,
  sessionId: z.string(),
  name: z.string(),
});

/** A CLI's first frame: it proves itself before any `control` frame. */
export const controlHelloFrame = z.object({
  type: z.literal('control_hello'),
  v: version,
  nonce,
  proof,
  credential,
});

export const controlWelcomeFrame = z.object({
  type: z.literal('control_welcome'),
  v: version,
  proof,
});

export const errorFrame = z.object({
  type: z.literal('error'),
  code: z.enum([
    'unauthorized',
    'bad-frame',
    'version',
    'too-large',
    'busy',
    'shutting-down',
    'internal',
  ]),
  message: z.string(),
});

export const deliverFrame = z.object({
  type: z.literal('deliver'),
  deliveryId: z.string(),
  content: z.string(),
  meta: channelMetaSchema,
  /** Remote sessions only: meta keys whose files were sent ahead (src/shared/file-frames.ts). */
  files: deliveredFilesSchema,
});

export const deliveredFrame = z.object({
  type: z.literal('delivered'),
  deliveryId: z.string(),
});

/**
 * The helper ends because Claude Code asked it to (a signal or stdin closed while Claude Code is
 * alive), after acknowledging every event it wrote: what it was given and did not acknowledge was
 * never written. A session connection that closes without it ended abnormally.
 */
export const byeFrame = z.object({ type: z.literal('bye') });

export const verdictFrame = z.object({
  type: z.literal('verdict'),
  request_id: z.string(),
  behavior: behaviorSchema,
});

export const permissionRequestFrame = permissionRequestSchema.extend({
  type: z.literal('permission_request'),
});

export const callFrame = z.object({
  type: z.literal('call'),
  id: z.string().max(64),
  tool: z.string().max(64),
  args: z.unknown(),
});

export const resultFrame = z.discriminatedUnion('ok', [
  z.object({
    type: z.literal('result'),
    id: z.string(),
    ok: z.literal(true),
    text: z.string(),
    /** Remote sessions only: the files of a download, sent ahead. */
    files: resultFilesSchema,
  }),
  z.object({ type: z.literal('result'), id: z.string(), ok: z.literal(false), error: z.string() }),
]);

export const pingFrame = z.object({ type: z.literal('ping') });
export const pongFrame = z.object({ type: z.literal('pong') });

export const controlFrame = z.object({
  type: z.literal('control'),
  v: version,
  id: z.string().max(64),
  op: z.string().max(64),
  args: z.record(z.string(), z.unknown()).default({}),
});

export const controlResultFrame = z.discriminatedUnion('ok', [
  z.object({
    type: z.literal('control_result'),
    id: z.string(),
    ok: z.literal(true),
    data: z.unknown(),
  }),
  z.object({
    type: z.literal('control_result'),
    id: z.string(),
    ok: z.literal(false),
    error: z.string(),
  }),
]);

/** Everything a helper or control client may send to the hub. */
export const toHubFrame = z.discriminatedUnion('type', [
  helloFrame,
  controlHelloFrame,
  deliveredFrame,
  byeFrame,
  permissionRequestFrame,
  callFrame,
  pingFrame,
  pongFrame,
  controlFrame,
  fileChunkFrame,
]);
export type ToHubFrame = z.infer<typeof toHubFrame>;

/** Everything the hub may send to a helper or control client. */
export const toHelperFrame = z.discriminatedUnion('type', [
  challengeFrame,
  welcomeFrame,
  controlWelcomeFrame,
  errorFrame,
  deliverFrame,
  verdictFrame,
  resultFrame,
  pingFrame,
  pongFrame,
  controlResultFrame,
  fileChunkFrame,
  fileAckFrame,
]);
export type ToHelperFrame = z.infer<typeof toHelperFrame>;

export type HelloFrame = z.infer<typeof helloFrame>;
export type ControlHelloFrame = z.infer<typeof controlHelloFrame>;
/** A hello as written by a sender (defaults not yet applied). */
export type HelloInput = z.input<typeof helloFrame>;
export type ToHubInput = z.input<typeof toHubFrame>;
export type DeliverFrame = z.infer<typeof deliverFrame>;
export type CallFrame = z.infer<typeof callFrame>;
export type ResultFrame = z.infer<typeof resultFrame>;
export type ControlFrame = z.infer<typeof controlFrame>;
export type ControlResultFrame = z.infer<typeof controlResultFrame>;
export type ErrorFrame = z.infer<typeof errorFrame>;

/** Serialises one frame as an NDJSON line. */
export function encodeFrame(frame: ToHubFrame | ToHelperFrame): string {
  return `${JSON.stringify(frame)}\n`;
}

/** The body of a control answer, without its frame envelope. */
export type ControlOutcome = { ok: true; data: unknown } | { ok: false; error: string };

/** Who computes a proof: the connecting client, or the hub answering it. */
export type ProofSide = 'client' | 'hub';
/** What the client asks to be: a session (helper) or a control client (CLI). */
export type ProofRole = 'session' | 'control';

/**
 * The exact text both ends MAC for a proof. The side and role are in it so a proof can never be
 * reflected back (a hub proof is not a client proof) or reused for another kind of connection;
 * both nonces are in it so every proof is fresh on both ends.
 */
export function proofMessage(
  side: ProofSide,
  role: ProofRole,
  hubNonce: string,
  clientNonce: string,
): string {
  return `switchboard-bridge/${BRIDGE_VERSION}\n${side}\n${role}\n${hubNonce}\n${clientNonce}`;
}
