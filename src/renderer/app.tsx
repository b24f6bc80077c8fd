/**
 * The dashboard and web chat: approvals on top (pairings, permission prompts), the conversation
 * with Claude, and the other chats with their session bindings. All state comes from the hub;
 * this page only shows it and sends the owner's actions back.
 */
import { useCallback, useEffect, useState } from 'react';
import type { WebEvent, WebMessage, WebState } from '../shared/webchat-api';
import { api, ApiError, login, subscribe } from './api/client';
import { Approvals } from './views/approvals';
import { ChatView } from './views/chat-view';
import { Conversations } from './views/conversations';
import { SessionPicker } from './views/session-picker';

export const WEB_CHAT = 'main';
const WEB_CHAT_ID = `web:${WEB_CHAT}`;

function upsert(list: WebMessage[], message: WebMessage): WebMessage[] {
  const index = list.findIndex((m) => m.id === message.id);
  if (index === -1) return [...list, message];
  return list.map((m, i) => (i === index ? message : m));
}

export function App(): React.JSX.Element {
  const [state, setState] = useState<WebState | null>(null);
  const [messages, setMessages] = useState<WebMessage[]>([]);
  const [live, setLive] = useState(false);
  const [fatal, setFatal] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const [next, history] = await Promise.all([api.state(), api.history(WEB_CHAT)]);
      setState(next);
      setMessages(history);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setFatal(
          'Open the dashboard link printed by `switchboard serve` (it carries the access token).',
        );
      }
    }
  }, []);

  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    const onEvent = (event: WebEvent): void => {
      switch (event.type) {
        case 'message':
          if (event.message.chatId === WEB_CHAT_ID)
            setMessages((list) => upsert(list, event.message));
          else void reload();
          return;
        case 'sessions':
          setState((s) => (s ? { ...s, sessions: event.sessions } : s));
          return;
        case 'permissions':
          setState((s) => (s ? { ...s, permissions: event.permissions } : s));
          return;
        case 'pairings':
          setState((s) => (s ? { ...s, pairings: event.pairings } : s));
          return;
      }
    };
    login()
      .then(() => {
        unsubscribe = subscribe(onEvent, setLive, () => void reload());
      })
      .catch(() =>
        setFatal(
          'The access token in this link is not valid any more. Open the link printed by `switchboard serve`.',
        ),
      );
    return () => unsubscribe?.();
  }, [reload]);

  if (fatal)
    return (
      <main className="fatal" role="alert">
        {fatal}
      </main>
    );
  if (!state) return <main className="loading">Connecting to Switchboard…</main>;
  const webChat = state.chats.find((c) => c.chatId === WEB_CHAT_ID);

  return (
    <main className="app">
      <header className="bar">
        <h1>Switchboard</h1>
        <span className={live ? 'live on' : 'live'} role="status">
          {live ? 'Live' : 'Reconnecting…'}
        </span>
      </header>
      <Approvals pairings={state.pairings} permissions={state.permissions} />
      <SessionPicker
        sessions={state.sessions}
        bound={webChat?.boundSession ?? null}
        onChange={(session) => void api.bindWebChat(WEB_CHAT, session).then(reload)}
      />
      <ChatView chat={WEB_CHAT} messages={messages} ownerName={state.ownerName} />
      <Conversations
        chats={state.chats.filter((c) => c.platform !== 'web')}
        sessions={state.sessions}
        onBind={(chat, session) => void api.bind(chat.chatId, chat.threadId, session).then(reload)}
      />
    </main>
  );
}
