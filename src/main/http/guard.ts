/**
 * Who may talk to the local HTTP server. Every request must name our own host and port (no DNS
 * rebinding), and whatever a browser says about where it comes from — `Origin`, and the fetch
 * metadata `Sec-Fetch-Site` every current browser sends — must be our own page.
 *
 * Credentials: the long-lived dashboard token only as a bearer header (the CLI, tests, and the
 * page's one login), else a browser session: its secret in the `x-switchboard-session` header
 * (the page keeps it in sessionStorage, which is private to this exact origin, port included), or
 * — for downloads only, which cannot carry a header — its cookie. Browsers send cookies to every
 * port of 127.0.0.1, so the cookie is named for this hub, is scoped to `/api/files/`, and opens
 * nothing but files whose 128-bit ids a page already had to know.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { fnv1a64 } from '../../shared/paths';
import { SESSION_HEADER, SESSION_PROTOCOL_PREFIX } from '../../shared/webchat-api';
import type { WebSession, WebSessionStore } from '../store/web-sessions';

/** Who made a request: the token holder (CLI, tests) or a logged-in browser. */
export type Caller = { kind: 'token' } | { kind: 'browser'; session: WebSession };

export type Guard = {
  cookieName: string;
  hostOk: (req: IncomingMessage) => boolean;
  /** `Origin` absent or ours, and `Sec-Fetch-Site` absent, same-origin, or a typed URL. */
  fromOurPage: (req: IncomingMessage) => boolean;
  bearerOk: (req: IncomingMessage) => boolean;
  /** API calls and the event stream: the bearer token or a session secret, never the cookie. */
  caller: (req: IncomingMessage) => Caller | undefined;
  /** File downloads: also the session cookie. */
  fileReader: (req: IncomingMessage) => Caller | undefined;
  /** Replaces the dashboard token (after a sign-out of every browser). */
  setToken: (token: string) => void;
};

export function createGuard(options: {
  token: string;
  home: string;
  port: () => number;
  sessions: WebSessionStore;
  now: () => number;
}): Guard {
  let expected = Buffer.from(options.token);
  const { port, sessions, now } = options;
  const cookieName = `switchboard_files_${fnv1a64(options.home)}`;
  const hosts = (): string[] => [`127.0.0.1:${port()}`, `localhost:${port()}`, `[::1]:${port()}`];
  const matches = (candidate: string | undefined): boolean => {
    if (candidate === undefined) return false;
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const bearer = (req: IncomingMessage): string | undefined => {
    const header = req.headers.authorization;
    return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  };
  const headerSecret = (req: IncomingMessage): string | undefined => {
    const value = req.headers[SESSION_HEADER];
    if (typeof value === 'string') return value;
    // The event WebSocket cannot send headers from a browser: the secret rides as a subprotocol.
    for (const protocol of (req.headers['sec-websocket-protocol'] ?? '').split(','))
      if (protocol.trim().startsWith(SESSION_PROTOCOL_PREFIX))
        return protocol.trim().slice(SESSION_PROTOCOL_PREFIX.length);
    return undefined;
  };
  const cookie = (req: IncomingMessage): string | undefined => {
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name === cookieName) return value.join('=');
    }
    return undefined;
  };
  const bySecret = (secret: string | undefined): Caller | undefined => {
    const session = secret ? sessions.bySecret(secret, now()) : undefined;
    return session ? { kind: 'browser', session } : undefined;
  };

  const guard: Guard = {
    cookieName,
    hostOk: (req) => hosts().includes(req.headers.host ?? ''),
    fromOurPage: (req) => {
      const origin = req.headers.origin;
      if (origin !== undefined && !hosts().some((host) => origin === `http://${host}`))
        return false;
      const site = req.headers['sec-fetch-site'];
      return site === undefined || site === 'same-origin' || site === 'none';
    },
    bearerOk: (req) => matches(bearer(req)),
    caller: (req) => (matches(bearer(req)) ? { kind: 'token' } : bySecret(headerSecret(req))),
    fileReader: (req) => {
      const caller = guard.caller(req);
      if (caller) return caller;
      const value = cookie(req);
      const session = value ? sessions.byCookie(value, now()) : undefined;
      return session ? { kind: 'browser', session } : undefined;
    },
    setToken: (token) => {
      expected = Buffer.from(token);
    },
  };
  return guard;
}
