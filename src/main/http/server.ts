/**
 * The hub's local web server: the React app (web chat and dashboard), its JSON API and a
 * WebSocket of live events. Bound to 127.0.0.1 only; every API request and the WebSocket upgrade
 * pass the guard (Host, Origin, token).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { AUTH_COOKIE, type WebEvent } from '../../shared/webchat-api';
import { toWebMessage, type HubCore } from '../hub/core';
import type { HubEvents } from '../events/hub-events';
import type { Logger } from '../log';
import { createGuard } from './guard';
import { HttpError, sendError } from './respond';
import { securityHeaders, serveStatic } from './static-files';
import { handleApi } from './webchat-routes';
import { handleUiCall } from './ui-routes';
import type { UiHost } from '../ui/ui-host';

export type HttpServerOptions = {
  core: HubCore;
  ui: UiHost;
  events: HubEvents;
  token: string;
  port: number;
  rendererDir: string;
  inbox: string;
  log: Logger;
  now: () => number;
};

export type HubHttpServer = { port: number; close: () => Promise<void> };

const MAX_WS_PAYLOAD = 64 * 1024;

export async function startHttpServer(options: HttpServerOptions): Promise<HubHttpServer> {
  const { core, log } = options;
  let port = options.port;
  const guard = createGuard(options.token, () => port);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_PAYLOAD });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!guard.hostOk(req)) return sendError(res, 421, 'unexpected Host header');
    if (!guard.originOk(req)) return sendError(res, 403, 'cross-origin requests are not allowed');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/api/login' && req.method === 'POST') {
      if (!guard.bearerOk(req)) return sendError(res, 401, 'wrong or missing token');
      res.writeHead(204, {
        'set-cookie': `${AUTH_COOKIE}=${options.token}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      return void res.end();
    }
    if (url.pathname.startsWith('/api/')) {
      if (!guard.authenticated(req))
        return sendError(
          res,
          401,
          'wrong or missing token: open the dashboard URL that `switchboard serve` printed',
        );
      const uiCall = /^\/api\/ui\/(\w+)$/.exec(url.pathname);
      if (uiCall?.[1] && req.method === 'POST')
        return handleUiCall(options.ui, uiCall[1], req, res);
      if (await handleApi({ core, inbox: options.inbox, now: options.now }, req, res, url)) return;
      return sendError(res, 404, 'no such endpoint');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendError(res, 405, 'method not allowed');
    if (await serveStatic(options.rendererDir, url.pathname, res, port)) return;
    res.writeHead(404, { ...securityHeaders(port), 'content-type': 'text/plain' });
    res.end('not found');
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) return sendError(res, error.status, error.message);
      log.error(
        `http ${req.method ?? ''} ${req.url?.split('?')[0] ?? ''}: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!res.headersSent) sendError(res, 500, 'internal error');
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 5 * 60_000;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: string): void => {
      socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\n\r\n`);
    };
    if (!guard.hostOk(req)) return refuse('421 Misdirected Request');
    if (!guard.originOk(req)) return refuse('403 Forbidden');
    if (!guard.authenticated(req)) return refuse('401 Unauthorized');
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/api/events')
      return refuse('404 Not Found');
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });

  const broadcast = (event: WebEvent): void => {
    const text = JSON.stringify(event);
    for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(text);
  };
  const onMessage = (message: Parameters<typeof toWebMessage>[0]): void =>
    broadcast({ type: 'message', message: toWebMessage(message) });
  const onSessions = (): void => broadcast({ type: 'sessions', sessions: core.webSessions() });
  const onPairings = (): void => broadcast({ type: 'pairings', pairings: core.webPairings() });
  const onPermissions = (): void =>
    broadcast({ type: 'permissions', permissions: core.webPermissions() });
  options.events.on('message', onMessage);
  options.events.on('sessions', onSessions);
  options.events.on('permissions', onPermissions);
  options.events.on('pairings', onPairings);
  const changed = (what: 'platforms' | 'senders' | 'settings' | 'secrets') => (): void =>
    broadcast({ type: 'changed', what });
  const onChanged = {
    platforms: changed('platforms'),
    senders: changed('senders'),
    settings: changed('settings'),
    secrets: changed('secrets'),
  };
  for (const [what, listener] of Object.entries(onChanged))
    options.events.on(what as keyof typeof onChanged, listener);

  sockets.on('connection', (ws: WebSocket) => {
    // The stream is one-way; anything the page sends is ignored (posts go through the API).
    ws.on('message', () => undefined);
    ws.on('error', () => ws.terminate());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    async close() {
      options.events.off('message', onMessage);
      options.events.off('sessions', onSessions);
      options.events.off('permissions', onPermissions);
      options.events.off('pairings', onPairings);
      for (const [what, listener] of Object.entries(onChanged))
        options.events.off(what as keyof typeof onChanged, listener);
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
