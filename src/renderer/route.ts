/**
 * Where the page is, in the address fragment (`#inbox/tg%3A42/`, `#settings/claude-code`), so
 * links — the first-run checklist's among them — can point at a tab, a conversation or a section,
 * and Back works. The login fragment (`#token=…`) is not a route; a route may follow it
 * (`#token=…#settings/projects`) and is kept when the token is taken out (api/client.ts).
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

/**
 * The route from the address, following hash changes (links, Back). Each navigation gives a new
 * `Route` object, also a click on a link to the address already shown (no `hashchange` fires), so
 * "show this section" runs again when asked again.
 */
export function useRoute(): [Route, (hash: string) => void] {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(location.hash));
    const onClick = (event: MouseEvent): void => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (link?.getAttribute('href') === location.hash && location.hash !== '') onChange();
    };
    window.addEventListener('hashchange', onChange);
    document.addEventListener('click', onClick);
    return () => {
      window.removeEventListener('hashchange', onChange);
      document.removeEventListener('click', onClick);
    };
  }, []);
  const go = (hash: string): void => {
    if (location.hash !== hash) location.hash = hash;
    else setRoute(parseRoute(hash));
  };
  return [route, go];
}
