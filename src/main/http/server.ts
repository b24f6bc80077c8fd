/**
 * The hub's local web server: the React app (web chat and dashboard), its JSON API and a
 * WebSocket of live events. Bound to 127.0.0.1 only; every request passes the guard (Host, where a
 * browser says it comes from, credentials), and connections are capped and timed out tightly so a
 * local flood cannot take the hub's file descriptors (connections.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { EVENTS_PROTOCOL } from '../../shared/webchat-api';
import type { HubCore } from '../hub/core';
import type { HubEvents } from '../events/hub-events';
import type { Logger } from '../log';
import type { WebSessionStore } from '../store/web-sessions';
import type { UiHost } from '../ui/ui-host';
import { DEFAULT_CONNECTION_LIMITS, trackConnections, type ConnectionLimits } from './connections';
import { forwardEvents } from './events';
import { createGuard, type Caller } from './guard';
import { HttpError, sendError } from './respond';
import { login, logout, SESSION_IDLE_LIMIT_MS } from './session-routes';
import { securityHeaders, serveStatic } from './static-files';
import { handleApi } from './webchat-routes';
import { handleUiCall } from './ui-routes';

export type HttpServerOptions = {
  core: HubCore;
  ui: UiHost;
  events: HubEvents;
  token: string;
  /** The state directory: names this hub's cookie, so hubs on one machine never share one. */
  home: string;
  sessions: WebSessionStore;
  port: number;
  rendererDir: string;
  inbox: string;
  log: Logger;
  now: () => number;
  limits?: ConnectionLimits;
};

export type HubHttpServer = {
  port: number;
  /** Signs every browser out and makes `token` the only way in again. */
  signOutAll: (token: string) => number;
  close: () => Promise<void>;
};

const MAX_WS_PAYLOAD = 64 * 1024;
/** A request's headers must arrive within this long, the whole request within REQUEST_TIMEOUT. */
const HEADERS_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 60_000;

function parseUrl(raw: string | undefined, port: number): URL {
  try {
    return new URL(raw ?? '/', `http://127.0.0.1:${port}`);
  } catch {
    throw new HttpError(400, 'malformed request URL');
  }
}

export async function startHttpServer(options: HttpServerOptions): Promise<HubHttpServer> {
  const { core, log, sessions, now } = options;
  let port = options.port;
  const guard = createGuard({
    token: options.token,
    home: options.home,
    port: () => port,
    sessions,
    now,
  });
  sessions.prune(now() - SESSION_IDLE_LIMIT_MS);
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_WS_PAYLOAD,
    handleProtocols: (offered) => (offered.has(EVENTS_PROTOCOL) ? EVENTS_PROTOCOL : false),
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!guard.hostOk(req)) return sendError(res, 421, 'unexpected Host header');
    if (!guard.fromOurPage(req))
      return sendError(res, 403, 'requests from other origins are not allowed');
    const url = parseUrl(req.url, port);
    if (url.pathname === '/api/login' && req.method === 'POST')
      return login({ guard, sessions, now }, req, res);
    if (url.pathname.startsWith('/api/')) {
      const isFile = req.method === 'GET' && url.pathname.startsWith('/api/files/');
      const caller = isFile ? guard.fileReader(req) : guard.caller(req);
      if (!caller)
        return sendError(
          res,
          401,
          'wrong or missing credentials: open the dashboard URL that `switchboard serve` printed',
        );
      tracker.prove(req.socket);
      return routeApi(caller, req, res, url);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendError(res, 405, 'method not allowed');
    if (await serveStatic(options.rendererDir, url.pathname, res, port)) return;
    res.writeHead(404, { ...securityHeaders(port), 'content-type': 'text/plain' });
    res.end('not found');
  }

  async function routeApi(
    caller: Caller,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): Promise<void> {
    if (url.pathname === '/api/logout' && req.method === 'POST')
      return logout({ guard, sessions }, caller, res);
    const uiCall = /^\/api\/ui\/(\w+)$/.exec(url.pathname);
    if (uiCall?.[1] && req.method === 'POST') return handleUiCall(options.ui, uiCall[1], req, res);
    if (await handleApi({ core, inbox: options.inbox, now }, req, res, url)) return;
    return sendError(res, 404, 'no such endpoint');
  }

  const server: Server = createServer(
    // Checked every second instead of every 30: a half-open request is dropped within ~6 s.
    { connectionsCheckingInterval: 1_000, headersTimeout: HEADERS_TIMEOUT_MS },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        if (error instanceof HttpError) return sendError(res, error.status, error.message);
        log.error(
          `http ${req.method ?? ''} ${req.url?.split('?')[0] ?? ''}: ${error instanceof Error ? error.message : String(error)}`,
        );
        if (!res.headersSent) sendError(res, 500, 'internal error');
        else res.destroy();
      });
    },
  );
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = 5_000;
  const tracker = trackConnections(server, options.limits ?? DEFAULT_CONNECTION_LIMITS, (m) =>
    log.warn(m),
  );

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: string): void => {
      socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\n\r\n`);
    };
    if (!guard.hostOk(req)) return refuse('421 Misdirected Request');
    if (!guard.fromOurPage(req)) return refuse('403 Forbidden');
    if (!guard.caller(req)) return refuse('401 Unauthorized');
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/api/events')
      return refuse('404 Not Found');
    tracker.prove(socket);
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });
  const stopEvents = forwardEvents(core, options.events, sockets);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    signOutAll(token) {
      guard.setToken(token);
      const count = sessions.revokeAll();
      for (const client of sockets.clients) client.close(4001, 'signed out');
      return count;
    },
    async close() {
      stopEvents();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
