/**
 * The page's side of the dashboard API: logs in once with the token from the URL fragment (which
 * never reaches the server's logs), keeps the browser session's secret in sessionStorage (private
 * to this exact origin, port included, unlike cookies) and sends it with every request and as the
 * event WebSocket's subprotocol. Downloads use the session's cookie, which opens nothing else.
 */
import {
  EVENTS_PROTOCOL,
  SESSION_HEADER,
  SESSION_PROTOCOL_PREFIX,
  type LoginResponse,
  type PostMessageBody,
  type WebAttachment,
  type WebEvent,
  type WebMessage,
  type WebState,
} from '../../shared/webchat-api';

const SESSION_KEY = 'switchboard.session';

/** The headers that authenticate this tab's requests. */
export function sessionHeaders(): Record<string, string> {
  const secret = sessionStorage.getItem(SESSION_KEY);
  return secret === null ? {} : { [SESSION_HEADER]: secret };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = { ...sessionHeaders(), ...(init.headers as Record<string, string> | undefined) };
  const res = await fetch(path, { credentials: 'same-origin', ...init, headers });
  const text = await res.text();
  const body = text === '' ? {} : (JSON.parse(text) as unknown);
  if (!res.ok)
    throw new ApiError(
      res.status,
      (body as { error?: string }).error ?? `request failed (${res.status})`,
    );
  return body as T;
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/**
 * Exchanges the token in `#token=…` for a session of this tab and removes it from the address bar.
 * A route may follow the token (`#token=…#settings/projects`: the printed link with a section
 * appended); it stays in the address, so the page opens there.
 */
export async function login(): Promise<void> {
  const fragment = location.hash.slice(1);
  const cut = fragment.indexOf('#');
  const token = new URLSearchParams(cut === -1 ? fragment : fragment.slice(0, cut)).get('token');
  if (token === null) return;
  const route = cut === -1 ? '' : fragment.slice(cut);
  history.replaceState(null, '', location.pathname + location.search + route);
  const { session } = await call<LoginResponse>('/api/login', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  sessionStorage.setItem(SESSION_KEY, session);
}

export const api = {
  state: () => call<WebState>('/api/state'),
  history: (chat: string) =>
    call<{ messages: WebMessage[] }>(
      `/api/chats/${encodeURIComponent(chat)}/messages?limit=200`,
    ).then((r) => r.messages),
  post: (chat: string, body: PostMessageBody) =>
    call<{ message: WebMessage | null }>(
      `/api/chats/${encodeURIComponent(chat)}/messages`,
      json('POST', body),
    ),
  upload: (chat: string, file: File) =>
    call<{ file: WebAttachment }>(
      `/api/chats/${encodeURIComponent(chat)}/files?name=${encodeURIComponent(file.name)}`,
      {
        method: 'POST',
        headers: { 'content-type': file.type || 'application/octet-stream' },
        body: file,
      },
    ).then((r) => r.file),
  bindWebChat: (chat: string, session: string | null) =>
    call(`/api/chats/${encodeURIComponent(chat)}/binding`, json('PUT', { session })),
};

/** The live event stream, reconnecting with backoff; `onOpen` runs after every (re)connect. */
export function subscribe(
  onEvent: (event: WebEvent) => void,
  onStatus: (live: boolean) => void,
  onOpen: () => void,
): () => void {
  let socket: WebSocket | undefined;
  let delay = 500;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connect = (): void => {
    const secret = sessionStorage.getItem(SESSION_KEY);
    socket = new WebSocket(
      `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/events`,
      [EVENTS_PROTOCOL, ...(secret === null ? [] : [`${SESSION_PROTOCOL_PREFIX}${secret}`])],
    );
    socket.onopen = () => {
      delay = 500;
      onStatus(true);
      onOpen();
    };
    socket.onmessage = (message: MessageEvent<string>) =>
      onEvent(JSON.parse(message.data) as WebEvent);
    socket.onclose = () => {
      onStatus(false);
      if (stopped) return;
      timer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10_000);
    };
  };
  connect();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    socket?.close();
  };
}
