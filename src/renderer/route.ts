/**
 * Where the page is, in the address fragment (`#inbox/tg%3A42/`, `#settings/claude-code`), so
 * links — the first-run checklist's among them — can point at a tab, a conversation or a section,
 * and Back works. The login fragment (`#token=…`) is not a route.
 */
import { useEffect, useState } from 'react';

export const TABS = [
  { id: 'chat', label: 'Chat' },
  { id: 'inbox', label: 'Inbox' },
  { id: 'sessions', label: 'Sessions' },
  { id: 'platforms', label: 'Platforms' },
  { id: 'people', label: 'People' },
  { id: 'settings', label: 'Settings' },
] as const;
export type TabId = (typeof TABS)[number]['id'];

export type Route = {
  tab: TabId;
  /** The open conversation (inbox) or the section to show (settings). */
  conversation: { chatId: string; threadId: string } | null;
  section: string | null;
};

const isTab = (value: string): value is TabId => TABS.some((t) => t.id === value);

export function parseRoute(hash: string): Route {
  const [tab = '', ...rest] = hash.replace(/^#/, '').split('/');
  if (!isTab(tab)) return { tab: 'chat', conversation: null, section: null };
  if (tab === 'inbox' && rest.length >= 1 && rest[0]) {
    try {
      return {
        tab,
        conversation: {
          chatId: decodeURIComponent(rest[0]),
          threadId: decodeURIComponent(rest[1] ?? ''),
        },
        section: null,
      };
    } catch {
      return { tab, conversation: null, section: null };
    }
  }
  return { tab, conversation: null, section: rest[0] ?? null };
}

/** The route from the address, following hash changes (links, Back). */
export function useRoute(): [Route, (hash: string) => void] {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const go = (hash: string): void => {
    if (location.hash !== hash) location.hash = hash;
    else setRoute(parseRoute(hash));
  };
  return [route, go];
}
