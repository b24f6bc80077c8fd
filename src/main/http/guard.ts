/**
 * Who may talk to the local HTTP server: requests must name our own host and port (no DNS
 * rebinding), browsers must come from our own origin (no cross-site requests), and API calls must
 * carry the dashboard token, as a bearer header or the HttpOnly cookie set by /api/login.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AUTH_COOKIE } from '../../shared/webchat-api';

export type Guard = {
  hostOk: (req: IncomingMessage) => boolean;
  originOk: (req: IncomingMessage) => boolean;
  authenticated: (req: IncomingMessage) => boolean;
  bearerOk: (req: IncomingMessage) => boolean;
};

export function createGuard(token: string, port: () => number): Guard {
  const expected = Buffer.from(token);
  const matches = (candidate: string | undefined): boolean => {
    if (candidate === undefined) return false;
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const hosts = (): string[] => [`127.0.0.1:${port()}`, `localhost:${port()}`, `[::1]:${port()}`];
  const bearer = (req: IncomingMessage): string | undefined => {
    const header = req.headers.authorization;
    return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  };
  const cookie = (req: IncomingMessage): string | undefined => {
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name === AUTH_COOKIE) return value.join('=');
    }
    return undefined;
  };
  return {
    hostOk: (req) => hosts().includes(req.headers.host ?? ''),
    originOk: (req) => {
      const origin = req.headers.origin;
      return origin === undefined || hosts().some((host) => origin === `http://${host}`);
    },
    authenticated: (req) => matches(bearer(req)) || matches(cookie(req)),
    bearerOk: (req) => matches(bearer(req)),
  };
}
