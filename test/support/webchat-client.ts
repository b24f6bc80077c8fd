/**
 * Talks to the web chat as the page in a browser does: HTTP with the dashboard token and the
 * page's own Origin, and the live event WebSocket.
 */
import WebSocket from 'ws';
import type { WebEvent, WebMessage } from '../../src/shared/webchat-api';
import { Waitable } from './waitable';

export type WebchatClient = {
  post: (
    text: string,
    options?: { chat?: string; nonce?: string; files?: string[] },
  ) => Promise<{
    status: number;
    body: { message?: WebMessage; error?: string; duplicate?: boolean };
  }>;
  history: (chat?: string) => Promise<WebMessage[]>;
  bind: (session: string | null, chat?: string) => Promise<number>;
  upload: (
    name: string,
    data: Buffer,
    mime: string,
    chat?: string,
  ) => Promise<{
    status: number;
    body: { file?: { fileId: string; name: string; size: number }; error?: string };
  }>;
  request: (path: string, init?: RequestInit) => Promise<Response>;
  events: () => Promise<{ events: Waitable<WebEvent>; close: () => void }>;
};

export function webchat(hub: { origin: string; token: string }): WebchatClient {
  const headers = { authorization: `Bearer ${hub.token}`, origin: hub.origin };
  const request = (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${hub.origin}${path}`, {
      ...init,
      headers: { ...headers, ...(init.headers as Record<string, string> | undefined) },
    });
  return {
    request,
    async post(text, options = {}) {
      const res = await request(`/api/chats/${options.chat ?? 'main'}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          text,
          ...(options.nonce ? { nonce: options.nonce } : {}),
          files: options.files ?? [],
        }),
      });
      return {
        status: res.status,
        body: (await res.json()) as { message?: WebMessage; error?: string },
      };
    },
    async history(chat = 'main') {
      const res = await request(`/api/chats/${chat}/messages?limit=500`);
      return ((await res.json()) as { messages: WebMessage[] }).messages;
    },
    async bind(session, chat = 'main') {
      const res = await request(`/api/chats/${chat}/binding`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ session }),
      });
      return res.status;
    },
    async upload(name, data, mime, chat = 'main') {
      const res = await request(`/api/chats/${chat}/files?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': mime },
        body: new Uint8Array(data),
      });
      return {
        status: res.status,
        body: (await res.json()) as { file?: { fileId: string; name: string; size: number } },
      };
    },
    async events() {
      const events = new Waitable<WebEvent>();
      const ws = new WebSocket(`${hub.origin.replace('http', 'ws')}/api/events`, { headers });
      ws.on('message', (data: Buffer) =>
        events.push(JSON.parse(data.toString('utf8')) as WebEvent),
      );
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      return { events, close: () => ws.close() };
    },
  };
}
