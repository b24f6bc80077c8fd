/**
 * The web chat and dashboard API: JSON over HTTP, all behind the guard in server.ts.
 */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import {
  bindingBody,
  chatBindingBody,
  pairingActionBody,
  postMessageBody,
  verdictBody,
  WEB_CHAT_NAME,
} from '../../shared/webchat-api';
import {
  saveUpload,
  toInbound,
  UnknownFileError,
  UploadTooLargeError,
  webChatId,
} from '../adapters/webchat/webchat-inbound';
import { toWebMessage, type HubCore } from '../hub/core';
import { API_HEADERS, decodeSegment, HttpError, readJson, sendError, sendJson } from './respond';

const MAX_JSON_BYTES = 256 * 1024;
const DASHBOARD = 'local owner (dashboard)';

export type RouteContext = { core: HubCore; inbox: string; now: () => number };

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new HttpError(
      400,
      result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  return result.data;
}

function chatName(raw: string | undefined): string {
  const name = decodeSegment(raw);
  if (!WEB_CHAT_NAME.test(name))
    throw new HttpError(400, 'chat names are 1–32 lowercase letters, digits, - or _');
  return name;
}

/** Handles /api/… requests; returns false when no route matches. */
export async function handleApi(
  ctx: RouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const { core } = ctx;
  const parts = url.pathname.split('/').filter(Boolean); // ['api', resource, id?, sub?]
  const [, resource, id, sub] = parts;
  const route = `${req.method ?? 'GET'} /${[resource, id === undefined ? undefined : ':id', sub].filter(Boolean).join('/')}`;

  switch (route) {
    case 'GET /state':
      sendJson(res, 200, core.webState());
      return true;
    case 'GET /chats/:id/messages': {
      const chatId = webChatId(chatName(parts[2]));
      const limit = Math.min(
        Math.max(Number(url.searchParams.get('limit') ?? '100') || 100, 1),
        500,
      );
      const beforeExternal = url.searchParams.get('before');
      const before = beforeExternal
        ? (core.store.messages.byExternalId(chatId, 'in', beforeExternal) ??
          core.store.messages.byExternalId(chatId, 'out', beforeExternal))
        : undefined;
      sendJson(res, 200, {
        messages: core.store.messages.history(chatId, limit, before?.id).map(toWebMessage),
      });
      return true;
    }
    case 'POST /chats/:id/messages': {
      const name = chatName(parts[2]);
      const body = parse(postMessageBody, await readJson(req, MAX_JSON_BYTES));
      if (body.text.trim() === '' && body.files.length === 0)
        throw new HttpError(400, 'message is empty');
      let inbound;
      try {
        inbound = toInbound({
          chatName: name,
          body,
          ownerName: core.ownerName,
          files: core.store.files,
          now: ctx.now(),
        });
      } catch (error) {
        if (error instanceof UnknownFileError) throw new HttpError(400, error.message);
        throw error;
      }
      const outcome = await core.receive(inbound);
      if (outcome.kind === 'stored') {
        sendJson(res, 201, { message: toWebMessage(outcome.message), duplicate: false });
      } else if (outcome.kind === 'duplicate') {
        const existing = core.store.messages.byExternalId(inbound.chatId, 'in', inbound.externalId);
        sendJson(res, 200, { message: existing ? toWebMessage(existing) : null, duplicate: true });
      } else {
        // Commands (/sessions, /use) and typed verdicts are answered by Switchboard in the chat.
        sendJson(res, 200, { message: null, duplicate: false, handled: outcome.kind });
      }
      return true;
    }
    case 'POST /chats/:id/files': {
      const name = chatName(parts[2]);
      const fileName = url.searchParams.get('name') ?? 'file';
      try {
        const file = await saveUpload({
          req,
          chatName: name,
          fileName,
          inbox: ctx.inbox,
          files: core.store.files,
          now: ctx.now(),
        });
        sendJson(res, 201, {
          file: { fileId: file.id, name: file.name, mime: file.mime, size: file.size },
        });
      } catch (error) {
        if (error instanceof UploadTooLargeError) {
          res.setHeader('connection', 'close');
          throw new HttpError(413, error.message);
        }
        throw error;
      }
      return true;
    }
    case 'PUT /chats/:id/binding': {
      const chatId = webChatId(chatName(parts[2]));
      const body = parse(bindingBody, await readJson(req, MAX_JSON_BYTES));
      core.store.chats.touch(
        { chatId, threadId: '', platform: 'web', kind: 'dm', title: chatName(parts[2]) },
        ctx.now(),
      );
      core.bind(chatId, '', body.session, 'dashboard');
      sendJson(res, 200, { chatId, boundSession: body.session });
      return true;
    }
    case 'GET /files/:id': {
      const file = core.store.files.get(decodeSegment(parts[2]));
      if (!file) throw new HttpError(404, 'no such file');
      res.writeHead(200, {
        'content-type':
          file.mime.startsWith('image/') && file.mime !== 'image/svg+xml'
            ? file.mime
            : 'application/octet-stream',
        'content-length': file.size,
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        ...API_HEADERS,
        'cache-control': 'private, max-age=3600',
      });
      createReadStream(file.path)
        .on('error', () => res.destroy())
        .pipe(res);
      return true;
    }
    case 'POST /pairings/:id': {
      const body = parse(pairingActionBody, await readJson(req, MAX_JSON_BYTES));
      const code = decodeSegment(id);
      const pairing = core.access.pendingPairings().find((p) => p.code === code.toUpperCase());
      const outcome =
        body.action === 'approve'
          ? core.access.approve(code, DASHBOARD)
          : core.access.deny(code, DASHBOARD);
      if (!outcome.ok) {
        sendError(res, outcome.reason === 'unknown-code' ? 404 : 409, outcome.message);
        return true;
      }
      if (body.action === 'block' && pairing)
        core.access.setSender(pairing.platform, pairing.senderId, { status: 'blocked' }, DASHBOARD);
      sendJson(res, 200, { code: outcome.pairing.code, action: body.action });
      return true;
    }
    case 'PUT /bindings': {
      const body = parse(chatBindingBody, await readJson(req, MAX_JSON_BYTES));
      if (!core.store.chats.get(body.chatId, body.threadId))
        throw new HttpError(404, `no chat ${body.chatId}`);
      core.bind(body.chatId, body.threadId, body.session, DASHBOARD);
      sendJson(res, 200, body);
      return true;
    }
    case 'POST /permissions/:id': {
      const body = parse(verdictBody, await readJson(req, MAX_JSON_BYTES));
      const outcome = core.broker.decide({
        requestId: decodeSegment(parts[2]),
        behavior: body.behavior,
        by: 'local owner',
        via: 'dashboard',
        ...(body.session === undefined ? {} : { session: body.session }),
      });
      if (!outcome.ok) sendError(res, outcome.reason === 'not-found' ? 404 : 409, outcome.message);
      else sendJson(res, 200, { request_id: outcome.request.request_id, behavior: body.behavior });
      return true;
    }
    default:
      return false;
  }
}
