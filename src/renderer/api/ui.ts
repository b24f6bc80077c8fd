/**
 * The UI contract as this page reaches it: through the preload (`window.switchboard`) inside the
 * menu-bar app, or over the dashboard's HTTP API in a browser. Both are the same `UiApi`.
 */
import type { UiApi, UiEvent, UiMethod, UiResults } from '../../shared/ui-api';
import { UI_METHODS } from '../../shared/ui-api';
import type { WebEvent } from '../../shared/webchat-api';
import { ApiError, sessionHeaders, subscribe as subscribeHttp } from './client';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    switchboard?: UiApi;
  }
}

async function call<K extends UiMethod>(method: K, args: unknown[]): Promise<UiResults[K]> {
  const res = await fetch(`/api/ui/${method}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { ...sessionHeaders(), 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const body = (await res.json()) as UiResults[K] | { error: string };
  if (!res.ok)
    throw new ApiError(
      res.status,
      (body as { error?: string }).error ?? `request failed (${res.status})`,
    );
  return body as UiResults[K];
}

function toUiEvent(event: WebEvent): UiEvent {
  switch (event.type) {
    case 'message':
      return event;
    case 'sessions':
    case 'permissions':
    case 'pairings':
      return { type: 'changed', what: event.type };
    case 'changed':
      return event;
  }
}

function createHttpUiApi(onLive: (live: boolean) => void): UiApi {
  const methods = Object.fromEntries(
    UI_METHODS.map((m) => [m, (...args: unknown[]) => call(m, args)]),
  ) as unknown as Omit<UiApi, 'subscribe'>;
  return {
    ...methods,
    subscribe: (listener) =>
      subscribeHttp(
        (event) => listener(toUiEvent(event)),
        onLive,
        () => listener({ type: 'changed', what: 'settings' }),
      ),
  };
}

/** The contract for this page, and whether its event stream is live. */
export function connectUi(onLive: (live: boolean) => void): UiApi {
  if (window.switchboard) {
    onLive(true);
    return window.switchboard;
  }
  return createHttpUiApi(onLive);
}
