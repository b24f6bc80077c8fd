/**
 * A fake Telegram Bot API server, faithful at the HTTP boundary: `/bot<token>/<method>` with JSON or
 * multipart bodies, long-polling getUpdates with offset confirmation, file downloads under
 * `/file/bot<token>/`, 401 for a wrong token, and switchable 409 / 429 answers. It records every
 * call and counts concurrent getUpdates consumers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Message, Update, User } from 'grammy/types';
import { readMultipart } from './multipart';

/** What the fake answers as `{ ok: false, error_code, description }`. */
class ApiFailure extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly retryAfter?: number,
    readonly parameters?: Record<string, number>,
  ) {
    super(description);
  }
}

export type Call = {
  method: string;
  params: Record<string, unknown>;
  files: Array<{ field: string; name: string; size: number }>;
};
export type Mode = 'ok' | 'conflict' | 'rate-limited';

export const BOT: User & { username: string } = {
  id: 999_000,
  is_bot: true,
  first_name: 'Switchboard Test',
  username: 'sb_test_bot',
};

type Chat = Message['chat'];

export class FakeTelegram {
  readonly token: string;
  readonly calls: Call[] = [];
  mode: Mode = 'ok';
  maxConcurrentPolls = 0;
  #activePolls = 0;
  #updates: Update[] = [];
  #nextUpdateId = 1;
  #nextMessageId = 1_000;
  #wake: Array<() => void> = [];
  #files = new Map<string, { path: string; bytes: Buffer; uniqueId?: string }>();
  #server: Server | undefined;
  /** Groups upgraded to supergroups: old id → new id. */
  #migrated = new Map<number, number>();

  constructor(token = '123456789:TEST_token_for_the_fake_bot_api_0000') {
    this.token = token;
  }

  get url(): string {
    return `http://127.0.0.1:${String((this.#server?.address() as AddressInfo | null)?.port ?? 0)}`;
  }

  async start(): Promise<void> {
    this.#server = createServer((req, res) => void this.#route(req, res));
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    for (const wake of this.#wake.splice(0)) wake();
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.#server ? this.#server.close(() => resolve()) : resolve(),
    );
  }

  /** Queues an update as Telegram would deliver it; returns its update_id. */
  push(update: Omit<Update, 'update_id'>): number {
    const id = this.#nextUpdateId++;
    const full: Update = { update_id: id, ...update };
    this.#updates.push(full);
    for (const wake of this.#wake.splice(0)) wake();
    return id;
  }

  /** A user's message in a chat (DM by default). */
  message(input: { chat: Chat; from: User; text?: string; extra?: Partial<Message> }): Message {
    const message = {
      message_id: this.#nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: input.chat,
      from: input.from,
      ...(input.text === undefined ? {} : { text: input.text }),
      ...input.extra,
    } as Message;
    this.push({ message } as Omit<Update, 'update_id'>);
    return message;
  }

  /**
   * Serves a file for getFile and the download URL. `uniqueId` overrides the file_unique_id the
   * server reports — a self-hosted (hostile) Bot API server can say anything there.
   */
  /**
   * Upgrades a group to a supergroup as Telegram does: the old id is refused from then on (400 with
   * `migrate_to_chat_id`), and two service messages arrive — `migrate_to_chat_id` in the old group,
   * `migrate_from_chat_id` in the new supergroup. `announce: false` models a hub that was not
   * running when it happened (the updates expired).
   */
  migrateGroup(from: { id: number; title: string }, to: number, by: User, announce = true): void {
    this.#migrated.set(from.id, to);
    if (!announce) return;
    this.message({
      chat: { id: from.id, type: 'group', title: from.title },
      from: by,
      extra: { migrate_to_chat_id: to },
    });
    this.message({
      chat: { id: to, type: 'supergroup', title: from.title },
      from: by,
      extra: { migrate_from_chat_id: from.id },
    });
  }

  addFile(fileId: string, path: string, bytes: Buffer, uniqueId?: string): void {
    this.#files.set(fileId, { path, bytes, ...(uniqueId === undefined ? {} : { uniqueId }) });
  }

  removeFile(fileId: string): void {
    this.#files.delete(fileId);
  }

  pending(): number {
    return this.#updates.length;
  }

  sent(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  async #route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) {
      const entry = [...this.#files.values()].find(
        (f) => f.path === decodeURIComponent(file[2] ?? ''),
      );
      if (file[1] !== this.token || !entry) return void res.writeHead(404).end();
      return void res.writeHead(200, { 'content-length': entry.bytes.length }).end(entry.bytes);
    }
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!match) return void res.writeHead(404).end();
    if (match[1] !== this.token) return this.#error(res, 401, 'Unauthorized');
    const { params, files } = await this.#body(req);
    const method = match[2] ?? '';
    this.calls.push({ method, params, files });
    try {
      const result = await this.#method(method, params, files);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: true, result }));
    } catch (error) {
      const failure = error as Partial<ApiFailure>;
      this.#error(res, failure.code ?? 500, failure.description ?? String(error), {
        ...(failure.retryAfter ? { retry_after: failure.retryAfter } : {}),
        ...failure.parameters,
      });
    }
  }

  #error(
    res: ServerResponse,
    code: number,
    description: string,
    parameters: Record<string, number> = {},
  ): void {
    res.writeHead(code, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        ok: false,
        error_code: code,
        description,
        ...(Object.keys(parameters).length > 0 ? { parameters } : {}),
      }),
    );
  }

  async #body(
    req: IncomingMessage,
  ): Promise<{ params: Record<string, unknown>; files: Call['files'] }> {
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      const { fields, files } = await readMultipart(req);
      const params: Record<string, unknown> = {};
      for (const [key, value] of fields)
        params[key] = /^[[{]/.test(value) ? (JSON.parse(value) as unknown) : value;
      return { params, files };
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    return {
      params:
        text === ''
          ? Object.fromEntries(new URL(req.url ?? '/', 'http://fake').searchParams)
          : (JSON.parse(text) as Record<string, unknown>),
      files: [],
    };
  }

  async #method(
    method: string,
    params: Record<string, unknown>,
    files: Call['files'],
  ): Promise<unknown> {
    const chatOf = (): Chat =>
      ({
        id: Number(params['chat_id']),
        type: Number(params['chat_id']) < 0 ? 'supergroup' : 'private',
      }) as Chat;
    const sent = (extra: Partial<Message>): unknown => ({
      message_id: this.#nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: chatOf(),
      from: BOT,
      ...extra,
    });
    const movedTo = this.#migrated.get(Number(params['chat_id']));
    if (movedTo !== undefined && method !== 'getUpdates')
      throw new ApiFailure(
        400,
        'Bad Request: group chat was upgraded to a supergroup chat',
        undefined,
        { migrate_to_chat_id: movedTo },
      );
    switch (method) {
      case 'getMe':
        return BOT;
      case 'getUpdates':
        return this.#getUpdates(params);
      case 'sendMessage': {
        const text = String(params['text']);
        if (params['parse_mode'] === 'MarkdownV2' && /(?<!\\)[.!()-]/.test(text))
          throw new ApiFailure(
            400,
            "Bad Request: can't parse entities: Character '.' is reserved and must be escaped",
          );
        if (text.length > 4096) throw new ApiFailure(400, 'Bad Request: message is too long');
        return sent({ text });
      }
      case 'sendPhoto':
        return sent({
          photo: [
            { file_id: `photo-${files[0]?.name ?? ''}`, file_unique_id: 'u', width: 1, height: 1 },
          ],
        });
      case 'sendDocument':
        return sent({
          document: {
            file_id: `doc-${files[0]?.name ?? ''}`,
            file_unique_id: 'u',
            file_name: files[0]?.name ?? '',
          },
        });
      case 'editMessageText':
        return sent({ text: String(params['text']) });
      case 'getFile': {
        const id = String(params['file_id']);
        const entry = this.#files.get(id);
        if (!entry) throw new ApiFailure(400, 'Bad Request: invalid file_id');
        return {
          file_id: id,
          file_unique_id: entry.uniqueId ?? `u${id}`,
          file_size: entry.bytes.length,
          file_path: entry.path,
        };
      }
      case 'setMessageReaction':
      case 'answerCallbackQuery':
      case 'setMyCommands':
      case 'sendChatAction':
        return true;
      default:
        throw new ApiFailure(404, `Not Found: method ${method}`);
    }
  }

  async #getUpdates(params: Record<string, unknown>): Promise<Update[]> {
    if (this.mode === 'conflict')
      throw new ApiFailure(
        409,
        'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      );
    if (this.mode === 'rate-limited') {
      this.mode = 'ok';
      throw new ApiFailure(429, 'Too Many Requests: retry after 1', 1);
    }
    this.#activePolls += 1;
    this.maxConcurrentPolls = Math.max(this.maxConcurrentPolls, this.#activePolls);
    try {
      const offset = Number(params['offset'] ?? 0);
      // Asking from `offset` confirms everything before it, as Telegram does.
      this.#updates = this.#updates.filter((u) => u.update_id >= offset);
      const timeout = Math.min(Number(params['timeout'] ?? 0), 5) * 1000;
      if (this.#updates.length === 0 && timeout > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, timeout);
          this.#wake.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return this.#updates.slice(0, 100);
    } finally {
      this.#activePolls -= 1;
    }
  }
}
