/**
 * The dashboard and web chat, also the menu-bar popover: what needs the owner on top (pairings,
 * permission prompts), then tabs — the chat with Claude, platforms, people, settings. All state
 * comes from the hub through the UI contract; this page only shows it and sends actions back.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { UiEvent, UiState } from '../shared/ui-api';
import type { WebMessage } from '../shared/webchat-api';
import { api, ApiError, login } from './api/client';
import { connectUi } from './api/ui';
import { Approvals } from './views/approvals';
import { ChatView } from './views/chat-view';
import { Conversations } from './views/conversations';
import { People } from './views/people';
import { Platforms } from './views/platforms';
import { ProjectSessions } from './views/project-sessions';
import { ProjectsSettings } from './views/projects';
import { SessionPicker } from './views/session-picker';
import { Settings } from './views/settings';

export const WEB_CHAT = 'main';
const WEB_CHAT_ID = `web:${WEB_CHAT}`;
const TABS = ['Chat', 'Platforms', 'People', 'Settings'] as const;
type Tab = (typeof TABS)[number];

/** Scrolls to the prompt the menu-bar app asked to show (a notification was clicked); retries
 * for a moment in case the prompt is still on its way in the state. */
function focusPrompt(target: string, tries = 20): void {
  const card = [...document.querySelectorAll<HTMLElement>('[data-prompt]')].find(
    (el) => el.dataset['prompt'] === target,
  );
  if (card) {
    card.scrollIntoView({ block: 'center' });
    card.querySelector<HTMLButtonElement>('button')?.focus();
  } else if (tries > 0) setTimeout(() => focusPrompt(target, tries - 1), 100);
}

function upsert(list: WebMessage[], message: WebMessage): WebMessage[] {
  const index = list.findIndex((m) => m.id === message.id);
  if (index === -1) return [...list, message];
  return list.map((m, i) => (i === index ? message : m));
}

export function App(): React.JSX.Element {
  const [live, setLive] = useState(false);
  const ui = useMemo(() => connectUi(setLive), []);
  const [state, setState] = useState<UiState | null>(null);
  const [messages, setMessages] = useState<WebMessage[]>([]);
  const [fatal, setFatal] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('Chat');

  const reload = useCallback(async () => {
    try {
      const [next, history] = await Promise.all([ui.getState(), api.history(WEB_CHAT)]);
      setState(next);
      setMessages(history);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401)
        setFatal(
          'Open the dashboard link printed by `switchboard serve` (it carries the access token).',
        );
    }
  }, [ui]);

  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    const onEvent = (event: UiEvent): void => {
      if (event.type === 'focus') focusPrompt(event.target);
      else if (event.type === 'message' && event.message.chatId === WEB_CHAT_ID)
        setMessages((list) => upsert(list, event.message));
      else void reload();
    };
    login()
      .then(() => {
        unsubscribe = ui.subscribe(onEvent);
        return reload();
      })
      .catch(() =>
        setFatal(
          'The access token in this link is not valid any more. Open the link printed by `switchboard serve`.',
        ),
      );
    return () => unsubscribe?.();
  }, [ui, reload]);

  if (fatal)
    return (
      <main className="fatal" role="alert">
        {fatal}
      </main>
    );
  if (!state) return <main className="loading">Connecting to Switchboard…</main>;
  const webChat = state.chats.find((c) => c.chatId === WEB_CHAT_ID);
  const errors = state.platforms.filter((p) => p.state === 'error').length;

  return (
    <main className="app">
      <header className="bar">
        <h1>Switchboard</h1>
        <span className={live ? 'live on' : 'live'} role="status">
          {live ? 'Live' : 'Reconnecting…'}
        </span>
      </header>
      <Approvals pairings={state.pairings} permissions={state.permissions} ui={ui} />
      <nav className="tabs" role="tablist" aria-label="Sections">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'tab on' : 'tab'}
            onClick={() => setTab(name)}
          >
            {name}
            {name === 'Platforms' && errors > 0 ? ` (${errors} error${errors > 1 ? 's' : ''})` : ''}
          </button>
        ))}
      </nav>
      <div role="tabpanel" aria-label={tab} className="panel">
        {tab === 'Chat' && (
          <>
            <SessionPicker
              sessions={state.sessions}
              bound={webChat?.boundSession ?? null}
              onChange={(session) => void api.bindWebChat(WEB_CHAT, session).then(reload)}
            />
            <ChatView chat={WEB_CHAT} messages={messages} ownerName={state.ownerName} />
            <Conversations
              chats={state.chats.filter((c) => c.platform !== 'web')}
              sessions={state.sessions}
              onBind={(chat, session) =>
                void ui.bindChat(chat.chatId, chat.threadId, session).then(reload)
              }
            />
          </>
        )}
        {tab === 'Platforms' && (
          <Platforms
            platforms={state.platforms}
            sessions={state.sessions}
            paused={state.settings.paused}
          />
        )}
        {tab === 'Platforms' && <ProjectSessions projects={state.projects} ui={ui} />}
        {tab === 'People' && <People senders={state.senders} ui={ui} />}
        {tab === 'Settings' && (
          <Settings settings={state.settings} secrets={state.secrets} ui={ui} />
        )}
        {tab === 'Settings' && (
          <ProjectsSettings projects={state.projects} settings={state.settings} ui={ui} />
        )}
      </div>
    </main>
  );
}
