/**
 * Pushes the hub's events to every open dashboard WebSocket (`/api/events`). The stream is
 * one-way: anything a page sends on it is ignored (actions go through the API).
 */
import type { WebSocket, WebSocketServer } from 'ws';
import type { WebEvent } from '../../shared/webchat-api';
import type { HubEvents } from '../events/hub-events';
import { toWebMessage, type HubCore } from '../hub/core';

/** Starts forwarding; returns the function that stops it. */
export function forwardEvents(
  core: HubCore,
  events: HubEvents,
  sockets: WebSocketServer,
): () => void {
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
  const changed =
    (what: 'platforms' | 'senders' | 'settings' | 'secrets' | 'remotes') => (): void =>
      broadcast({ type: 'changed', what });
  const onChanged = {
    platforms: changed('platforms'),
    senders: changed('senders'),
    settings: changed('settings'),
    secrets: changed('secrets'),
    remotes: changed('remotes'),
  };
  events.on('message', onMessage);
  events.on('sessions', onSessions);
  events.on('permissions', onPermissions);
  events.on('pairings', onPairings);
  for (const [what, listener] of Object.entries(onChanged))
    events.on(what as keyof typeof onChanged, listener);

  sockets.on('connection', (ws: WebSocket) => {
    ws.on('message', () => undefined);
    ws.on('error', () => ws.terminate());
  });

  return () => {
    events.off('message', onMessage);
    events.off('sessions', onSessions);
    events.off('permissions', onPermissions);
    events.off('pairings', onPairings);
    for (const [what, listener] of Object.entries(onChanged))
      events.off(what as keyof typeof onChanged, listener);
  };
}
