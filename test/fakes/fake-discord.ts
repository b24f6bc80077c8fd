/**
 * A fake Discord: the REST API under `/api/v10` and the gateway (JSON over WebSocket, no
 * compression) at `/gateway` — HELLO, IDENTIFY → READY → GUILD_CREATE, heartbeats, RESUME,
 * MESSAGE_CREATE and INTERACTION_CREATE dispatches, a forced reconnect that refuses to resume —
 * with channel history kept so messages sent while the gateway is down can be fetched over REST.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { readMultipart } from './multipart';

export const DISCORD_BOT = {
  id: '900000000000000001',
  username: 'switchboard-test',
  discriminator: '0',
  bot: true,
  global_name: null,
  avatar: null,
};
export const GUILD_ID = '800000000000000001';

type Json = Record<string, unknown>;
export type RestCall = { method: string; path: string; body: Json; files: string[] };

let snowflakeCounter = 0n;
export function snowflake(): string {
  // Increasing ids, like Discord's (time-ordered).
  snowflakeCounter += 1n;
  return String(((BigInt(Date.now()) - 1420070400000n) << 22n) + snowflakeCounter);
}

export class FakeDiscord {
  readonly token = 'MTAxNTAwMDAwMDAwMDAwMDAx.GfakeX.abcdefghijklmnopqrstuvwxyz0123456789ABCD';
  readonly calls: RestCall[] = [];
  readonly channels = new Map<string, Json>();
  readonly history = new Map<string, Json[]>();
  /** Attachment bytes served at /files/<name> (Discord's CDN). */
  readonly files = new Map<string, Buffer>();
  applicationFlags = 1 << 19;
  /** Delay for every channel-history read (GET …/messages), to make catch-up slow. */
  historyDelayMs = 0;
  historyReads = 0;
  identifies = 0;
  resumes = 0;
  #server: Server | undefined;
  #wss: WebSocketServer | undefined;
  #socket: WebSocket | undefined;
  #seq = 0;
  #sessionId = '';
  #refuseResume = false;
  #rateLimitNext = false;

  get url(): string {
    return `http://127.0.0.1:${String((this.#server?.address() as AddressInfo | null)?.port ?? 0)}`;
  }

  async start(): Promise<void> {
    this.#server = createServer((req, res) => void this.#rest(req, res));
    this.#wss = new WebSocketServer({ server: this.#server, path: '/gateway' });
    this.#wss.on('connection', (ws) => this.#gateway(ws));
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    for (const client of this.#wss?.clients ?? []) client.terminate();
    this.#wss?.close();
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.#server ? this.#server.close(() => resolve()) : resolve(),
    );
  }

  addChannel(channel: Json): void {
    this.channels.set(String(channel['id']), channel);
  }

  /** A user (or bot) posts: stored in history, dispatched when the gateway is connected. */
  post(channelId: string, author: Json, content: string, extra: Json = {}): Json {
    const channel = this.channels.get(channelId);
    // Discord sends channel_type with MESSAGE_CREATE; clients need it to build DM channels they never cached.
    const message = {
      id: snowflake(),
      channel_id: channelId,
      channel_type: channel?.['type'],
      ...(channel?.['guild_id'] ? { guild_id: channel['guild_id'] } : {}),
      author,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
      ...extra,
    };
    this.history.set(channelId, [...(this.history.get(channelId) ?? []), message]);
    if (this.connected()) this.dispatch('MESSAGE_CREATE', message);
    return message;
  }

  /** A button press on one of our messages. */
  press(user: Json, message: Json, customId: string): void {
    this.dispatch('INTERACTION_CREATE', {
      id: snowflake(),
      application_id: DISCORD_BOT.id,
      type: 3,
      token: `token-${customId}-${String(user['id'])}`,
      version: 1,
      channel_id: message['channel_id'],
      ...(this.channels.get(String(message['channel_id']))?.['guild_id']
        ? {
            guild_id: GUILD_ID,
            member: {
              user,
              roles: [],
              joined_at: new Date().toISOString(),
              deaf: false,
              mute: false,
              flags: 0,
            },
          }
        : { user }),
      message,
      data: { custom_id: customId, component_type: 2 },
      app_permissions: '0',
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: {},
    });
  }

  connected(): boolean {
    return this.#socket?.readyState === 1;
  }

  /** Drops the connection and refuses to resume: the client must identify anew (a "resume failure"). */
  forceReconnect(): void {
    this.#refuseResume = true;
    this.#socket?.close(4000, 'forced reconnect');
    this.#socket = undefined;
  }

  rateLimitNextPost(): void {
    this.#rateLimitNext = true;
  }

  dispatch(t: string, d: unknown): void {
    this.#socket?.send(JSON.stringify({ op: 0, t, s: ++this.#seq, d }));
  }

  #gateway(ws: WebSocket): void {
    this.#socket = ws;
    const send = (payload: unknown): void => ws.send(JSON.stringify(payload));
    send({ op: 10, d: { heartbeat_interval: 41_250 } });
    ws.on('message', (raw: Buffer) => {
      const payload = JSON.parse(raw.toString('utf8')) as { op: number; d: Json | null };
      switch (payload.op) {
        case 1:
          send({ op: 11 });
          return;
        case 2:
          this.identifies += 1;
          this.#ready(send);
          return;
        case 6:
          if (this.#refuseResume) {
            this.#refuseResume = false;
            send({ op: 9, d: false });
          } else {
            this.resumes += 1;
            send({ op: 0, t: 'RESUMED', s: ++this.#seq, d: {} });
          }
          return;
      }
    });
  }

  #ready(send: (payload: unknown) => void): void {
    this.#sessionId = `session-${snowflake()}`;
    this.#seq = 0;
    const gatewayUrl = `${this.url.replace('http', 'ws')}/gateway`;
    send({
      op: 0,
      t: 'READY',
      s: ++this.#seq,
      d: {
        v: 10,
        user: DISCORD_BOT,
        guilds: [{ id: GUILD_ID, unavailable: true }],
        session_id: this.#sessionId,
        resume_gateway_url: gatewayUrl,
        application: { id: DISCORD_BOT.id, flags: this.applicationFlags },
        private_channels: [],
        relationships: [],
        user_settings: {},
        presences: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: [],
        shard: [0, 1],
      },
    });
    const guildChannels = [...this.channels.values()].filter(
      (c) => c['guild_id'] === GUILD_ID && c['type'] !== 11,
    );
    const threads = [...this.channels.values()].filter((c) => c['type'] === 11);
    send({
      op: 0,
      t: 'GUILD_CREATE',
      s: ++this.#seq,
      d: {
        id: GUILD_ID,
        name: 'Test Guild',
        icon: null,
        owner_id: '1',
        roles: [
          {
            id: GUILD_ID,
            name: '@everyone',
            permissions: '1071698660929',
            position: 0,
            color: 0,
            hoist: false,
            managed: false,
            mentionable: false,
            flags: 0,
          },
        ],
        emojis: [],
        features: [],
        member_count: 3,
        members: [],
        channels: guildChannels,
        threads,
        presences: [],
        voice_states: [],
        stage_instances: [],
        guild_scheduled_events: [],
        joined_at: new Date().toISOString(),
        large: false,
        unavailable: false,
        afk_timeout: 300,
        verification_level: 0,
        default_message_notifications: 0,
        explicit_content_filter: 0,
        mfa_level: 0,
        system_channel_flags: 0,
        premium_tier: 0,
        preferred_locale: 'en-US',
        nsfw_level: 0,
        stickers: [],
        premium_progress_bar_enabled: false,
      },
    });
  }

  async #rest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.replace(/^\/api\/v10/, '');
    const method = req.method ?? 'GET';
    if (method === 'GET' && path.startsWith('/files/')) {
      const bytes = this.files.get(decodeURIComponent(path.slice('/files/'.length)));
      return bytes
        ? void res.writeHead(200, { 'content-length': bytes.length }).end(bytes)
        : this.#json(res, 404, {});
    }
    // Interaction callbacks are authenticated by their token in the path, not the bot token (as on Discord).
    if (!path.startsWith('/interactions/') && req.headers.authorization !== `Bot ${this.token}`)
      return this.#json(res, 401, { message: '401: Unauthorized', code: 0 });
    const { body, files } = await this.#body(req);
    this.calls.push({ method, path, body, files });
    const reply = (data: unknown, status = 200): void => this.#json(res, status, data);
    const tooLong = contentTooLong(body);
    if (tooLong && method !== 'GET') return reply(tooLong, 400);
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/gateway/bot')
      return reply({
        url: `${this.url.replace('http', 'ws')}/gateway`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    if (method === 'GET' && path === '/users/@me') return reply(DISCORD_BOT);
    if ((m = /^\/channels\/(\d+)$/.exec(path)) && method === 'GET') {
      const channel = this.channels.get(m[1] ?? '');
      return channel ? reply(channel) : reply({ message: 'Unknown Channel', code: 10003 }, 404);
    }
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      const channelId = m[1] ?? '';
      if (method === 'GET') {
        this.historyReads += 1;
        if (this.historyDelayMs > 0)
          await new Promise((resolve) => setTimeout(resolve, this.historyDelayMs));
        const page = historyPage(this.history.get(channelId) ?? [], url.searchParams);
        return 'error' in page ? reply(page.error, 400) : reply(page.messages);
      }
      if (this.#rateLimitNext) {
        this.#rateLimitNext = false;
        res.setHeader('retry-after', '1');
        return this.#json(res, 429, {
          message: 'You are being rate limited.',
          retry_after: 0.5,
          global: false,
        });
      }
      const message = {
        id: snowflake(),
        channel_id: channelId,
        author: DISCORD_BOT,
        content: body['content'] ?? '',
        timestamp: new Date().toISOString(),
        edited_timestamp: null,
        tts: false,
        mention_everyone: false,
        mentions: [],
        mention_roles: [],
        attachments: files.map((name, i) => ({
          id: String(i),
          filename: name,
          size: 1,
          url: `${this.url}/files/${name}`,
          proxy_url: '',
        })),
        embeds: [],
        components: body['components'] ?? [],
        pinned: false,
        type: 0,
      };
      this.history.set(channelId, [...(this.history.get(channelId) ?? []), message]);
      return reply(message);
    }
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path))) {
      const found = (this.history.get(m[1] ?? '') ?? []).find((x) => x['id'] === m?.[2]);
      if (!found) return reply({ message: 'Unknown Message', code: 10008 }, 404);
      if (method === 'PATCH')
        Object.assign(found, {
          content: body['content'] ?? found['content'],
          components: body['components'] ?? found['components'],
          edited_timestamp: new Date().toISOString(),
        });
      return reply(found);
    }
    if (/^\/channels\/\d+\/messages\/\d+\/reactions\/.+\/@me$/.test(path) && method === 'PUT')
      return this.#empty(res);
    if (/^\/channels\/\d+\/typing$/.test(path) && method === 'POST') return this.#empty(res);
    if (/^\/interactions\/\d+\/[^/]+\/callback$/.test(path) && method === 'POST')
      return this.#empty(res);
    return reply({ message: `404: Not Found (${method} ${path})`, code: 0 }, 404);
  }

  #json(res: ServerResponse, status: number, data: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(data));
  }

  #empty(res: ServerResponse): void {
    res.writeHead(204).end();
  }

  async #body(req: IncomingMessage): Promise<{ body: Json; files: string[] }> {
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      const { fields, files } = await readMultipart(req);
      const json = fields.get('payload_json');
      return {
        body: json === undefined ? {} : (JSON.parse(json) as Json),
        files: files.map((f) => f.name),
      };
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    return { body: text === '' ? {} : (JSON.parse(text) as Json), files: [] };
  }
}

/** Discord's message limit, in characters. */
const MAX_CONTENT = 2000;

/**
 * The error Discord returns for message content over 2,000 characters — in a message, an edit or
 * an interaction's reply (`data.content`) — or undefined when the body is within the limit.
 */
function contentTooLong(body: Json): Json | undefined {
  const data = body['data'];
  const nested = typeof data === 'object' && data !== null ? (data as Json)['content'] : undefined;
  const content = typeof body['content'] === 'string' ? body['content'] : nested;
  if (typeof content !== 'string' || Array.from(content).length <= MAX_CONTENT) return undefined;
  const errors = {
    content: {
      _errors: [
        { code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MAX_CONTENT} or fewer in length.` },
      ],
    },
  };
  return {
    code: 50035,
    message: 'Invalid Form Body',
    errors: body['content'] === content ? errors : { data: errors },
  };
}

/**
 * GET /channels/{id}/messages as Discord answers it: `limit` 1–100 (default 50, else 400 Invalid
 * Form Body); one of `around`, `before`, `after` (in that precedence); `after` gives the oldest
 * `limit` messages after the id, `before` the newest before it, `around` those around it, none the
 * newest; every page sorted newest first.
 */
export function historyPage(
  all: readonly Json[],
  params: URLSearchParams,
): { messages: Json[] } | { error: Json } {
  const limit = Number(params.get('limit') ?? '50');
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return {
      error: {
        code: 50035,
        message: 'Invalid Form Body',
        errors: {
          limit: {
            _errors: [
              {
                code: 'NUMBER_TYPE_MAX',
                message: 'int value should be less than or equal to 100.',
              },
            ],
          },
        },
      },
    };
  const id = (m: Json): bigint => BigInt(String(m['id']));
  const ascending = [...all].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
  const around = params.get('around');
  const before = params.get('before');
  const after = params.get('after');
  let page: Json[];
  if (around !== null) {
    const pivot = BigInt(around);
    const older = ascending.filter((m) => id(m) < pivot);
    const rest = ascending.filter((m) => id(m) >= pivot);
    const half = Math.floor(limit / 2);
    page = [...older.slice(Math.max(0, older.length - half)), ...rest.slice(0, limit - half)];
  } else if (before !== null) {
    const older = ascending.filter((m) => id(m) < BigInt(before));
    page = older.slice(Math.max(0, older.length - limit));
  } else if (after !== null) {
    page = ascending.filter((m) => id(m) > BigInt(after)).slice(0, limit);
  } else page = ascending.slice(Math.max(0, ascending.length - limit));
  return { messages: page.reverse() };
}
