import { EventEmitter } from 'node:events';
import type { StoredMessage } from '../store/messages';

/** What the hub tells its surfaces (dashboard, web chat, later the tray) when state changes. */
export type HubEventMap = {
  message: [message: StoredMessage, change: 'new' | 'update'];
  sessions: [];
  permissions: [];
  pairings: [];
  senders: [];
  settings: [];
  platforms: [];
  secrets: [];
  /** Remotes: added, removed, rotated, their links and sessions. */
  remotes: [];
};

export type HubEvents = EventEmitter<HubEventMap>;

export function createHubEvents(): HubEvents {
  const events = new EventEmitter<HubEventMap>();
  events.setMaxListeners(0);
  return events;
}
