/**
 * The signed-in page: state from the hub, re-read (debounced) whenever it pushes an event; the web
 * chat's messages live; the route from the address. Each tab loads what it shows.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UiApi, UiEvent, UiState } from '../shared/ui-api';
import type { WebMessage } from '../shared/webchat-api';
import { api } from './api/client';
import { useNow, useQuery } from './hooks';
import { useRoute, type TabId } from './route';
import { useSectionFocus } from './section-focus';
import { Tabs, type TabBadge } from './tabs';
import { Approvals } from './views/approvals';
import { ChatView } from './views/chat-view';
import { FirstRun } from './views/first-run';
import { Inbox } from './views/inbox';
import { People } from './views/people';
import { Platforms } from './views/platforms';
import { ProjectSessions } from './views/project-sessions';
import { ProjectsSettings } from './views/projects';
import { SessionPicker } from './views/session-picker';
import { Sessions } from './views/sessions';
import { Settings } from './views/settings';
import { UpdateBanner } from './views/update-banner';

export const WEB_CHAT = 'main';
const WEB_CHAT_ID = `web:${WEB_CHAT}`;

function upsert(list: WebMessage[], message: WebMessage): WebMessage[] {
  const index = list.findIndex((m) => m.id === message.id);
  if (index === -1) return [...list, message];
  return list.map((m, i) => (i === index ? message : m));
}

/** Bumps a version after a burst of events settles, so views re-read once, not per event. */
function useVersion(): [number, () => void] {
  const [version, setVersion] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const bump = useCallback(() => {
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      setVersion((v) => v + 1);
    }, 80);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);
  return [version, bump];
}

/**
 * Scrolls to the prompt the menu-bar app asked to show (a notification was clicked) and focuses it
 * — a permission prompt's card, so A / D answer it and a Return typed for another window allows no
 * tool; a pairing's first button. Retries for a moment in case the prompt is still on its way in.
 */
function focusPrompt(target: string, tries = 20): void {
  const card = [...document.querySelectorAll<HTMLElement>('[data-prompt]')].find(
    (el) => el.dataset['prompt'] === target,
  );
  if (card) {
    card.scrollIntoView({ block: 'center' });
    (card.classList.contains('prompt') ? card : card.querySelector<HTMLElement>('button'))?.focus();
  } else if (tries > 0) setTimeout(() => focusPrompt(target, tries - 1), 100);
}

export function Dashboard(props: {
  ui: UiApi;
  live: boolean;
  /** True while UI calls are on their way (a section link holds its place meanwhile). */
  loading?: () => boolean;
}): React.JSX.Element {
  const { ui } = props;
  const [state, setState] = useState<UiState | null>(null);
  const [messages, setMessages] = useState<WebMessage[]>([]);
  const [version, bump] = useVersion();
  const [route, go] = useRoute();
  const now = useNow(15_000);
  const prompts = useQuery(() => ui.getPrompts(), version);
  const firstRun = useQuery(() => ui.getFirstRun(), version);
  const conversations = useQuery(() => ui.getConversations(), version);

  useEffect(() => {
    void Promise.all([ui.getState(), api.history(WEB_CHAT)]).then(([next, history]) => {
      setState(next);
      setMessages(history);
    });
  }, [ui, version]);

  useEffect(
    () =>
      ui.subscribe((event: UiEvent) => {
        if (event.type === 'focus') return focusPrompt(event.target);
        if (event.type === 'message' && event.message.chatId === WEB_CHAT_ID)
          setMessages((list) => upsert(list, event.message));
        bump();
      }),
    [ui, bump],
  );

  // The web chat is read while its tab is open.
  const lastWeb = messages.at(-1)?.id;
  useEffect(() => {
    if (route.tab === 'chat' && lastWeb !== undefined)
      void ui.markRead(WEB_CHAT_ID, '', Number.MAX_SAFE_INTEGER).then(bump, () => undefined);
  }, [ui, route.tab, lastWeb, bump]);

  useSectionFocus(route, props.loading);

  if (!state) return <main className="loading">Connecting to Switchboard…</main>;
  const webChat = state.chats.find((c) => c.chatId === WEB_CHAT_ID);
  const errors = state.platforms.filter((p) => p.state === 'error').length;
  const unread = (conversations.data ?? [])
    .filter((c) => c.chatId !== WEB_CHAT_ID)
    .reduce((sum, c) => sum + c.unread, 0);
  const badges: Partial<Record<TabId, TabBadge>> = {};
  if (unread > 0) badges.inbox = { count: unread, label: 'unread' };
  if (errors > 0) badges.platforms = { count: errors, label: errors === 1 ? 'error' : 'errors' };

  return (
    <main className="app">
      <header className="bar">
        <h1>Switchboard</h1>
        <span className={props.live ? 'live on' : 'live'} role="status">
          {props.live ? 'Live' : 'Reconnecting…'}
        </span>
      </header>
      <UpdateBanner update={state.update} ui={ui} />
      <FirstRun view={firstRun.data} ui={ui} onChange={firstRun.reload} />
      {state.settingsProblems.length > 0 && (
        <section className="approvals" role="alert" aria-label="Settings problems">
          <h2>settings.json has problems</h2>
          <ul>
            {state.settingsProblems.map((problem) => (
              <li key={problem} className="error">
                {problem}
              </li>
            ))}
          </ul>
        </section>
      )}
      <Approvals
        pairings={state.pairings}
        prompts={prompts.data}
        queues={state.pairingQueues}
        ui={ui}
        now={now}
      />
      <Tabs current={route.tab} badges={badges} onSelect={(tab) => go(`#${tab}`)} />
      <div role="tabpanel" id="panel" aria-labelledby={`tab-${route.tab}`} className="panel">
        {route.tab === 'chat' && (
          <>
            <SessionPicker
              sessions={state.sessions}
              bound={webChat?.boundSession ?? null}
              onChange={(session) => void api.bindWebChat(WEB_CHAT, session).then(bump)}
            />
            <ChatView chat={WEB_CHAT} messages={messages} ownerName={state.ownerName} />
          </>
        )}
        {route.tab === 'inbox' && (
          <Inbox
            ui={ui}
            conversations={conversations}
            version={version}
            now={now}
            sessions={state.sessions}
            open={route.conversation}
          />
        )}
        {route.tab === 'sessions' && <Sessions ui={ui} version={version} now={now} />}
        {route.tab === 'sessions' && (
          <ProjectSessions projects={state.projects} ui={ui} now={now} />
        )}
        {route.tab === 'platforms' && (
          <Platforms platforms={state.platforms} paused={state.settings.paused} now={now} />
        )}
        {route.tab === 'people' && <People senders={state.senders} ui={ui} />}
        {route.tab === 'settings' && (
          <Settings settings={state.settings} secrets={state.secrets} ui={ui} />
        )}
        {route.tab === 'settings' && (
          <ProjectsSettings projects={state.projects} settings={state.settings} ui={ui} />
        )}
      </div>
    </main>
  );
}
