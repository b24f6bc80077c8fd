/**
 * Browser sessions: `POST /api/login` trades the dashboard token (bearer, sent once by the page
 * from the URL fragment) for a session of this browser tab, `POST /api/logout` ends it. The
 * long-lived token never becomes a cookie.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoginResponse } from '../../shared/webchat-api';
import type { WebSessionStore } from '../store/web-sessions';
import type { Caller, Guard } from './guard';
import { API_HEADERS, HttpError } from './respond';

/** Sessions unused this long are forgotten when the hub starts. */
export const SESSION_IDLE_LIMIT_MS = 30 * 24 * 60 * 60_000;

export function login(
  deps: { guard: Guard; sessions: WebSessionStore; now: () => number },
  req: IncomingMessage,
  res: ServerResponse,
): void {
  if (!deps.guard.bearerOk(req)) throw new HttpError(401, 'wrong or missing token');
  const label = (req.headers['user-agent'] ?? 'unknown browser').slice(0, 200);
  const session = deps.sessions.create(label, deps.now());
  const body: LoginResponse = { session: session.secret };
  const text = JSON.stringify(body);
  res.writeHead(200, {
    ...API_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    // Downloads cannot carry a header; this cookie opens /api/files/ only (see guard.ts).
    'set-cookie': `${deps.guard.cookieName}=${session.cookie}; HttpOnly; SameSite=Strict; Path=/api/files/`,
  });
  res.end(text);
}

export function logout(
  deps: { guard: Guard; sessions: WebSessionStore },
  caller: Caller,
  res: ServerResponse,
): void {
  if (caller.kind === 'browser') deps.sessions.revoke(caller.session.id);
  res.writeHead(204, {
    ...API_HEADERS,
    'set-cookie': `${deps.guard.cookieName}=; HttpOnly; SameSite=Strict; Path=/api/files/; Max-Age=0`,
  });
  res.end();
}
