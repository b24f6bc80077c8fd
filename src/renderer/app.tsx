/**
 * The dashboard and web chat, also the menu-bar popover: the first-run checklist until it is done,
 * what needs the owner (permission prompts, new people), then tabs — the chat with Claude, every
 * conversation, sessions, platforms, people, settings. All state comes from the hub through the UI
 * contract; this page only shows it and sends actions back.
 */
import { useEffect, useMemo, useState } from 'react';
import { ApiError, login } from './api/client';
import { trackInFlight } from './api/in-flight';
import { connectUi } from './api/ui';
import { Dashboard } from './dashboard';

export function App(): React.JSX.Element {
  const [live, setLive] = useState(false);
  const { ui, loading } = useMemo(() => trackInFlight(connectUi(setLive)), []);
  const [ready, setReady] = useState(false);
  const [fatal, setFatal] = useState<string | null>(null);

  useEffect(() => {
    login()
      .then(() => ui.getState())
      .then(
        () => setReady(true),
        (error: unknown) =>
          setFatal(
            error instanceof ApiError && error.status === 401
              ? 'Open the dashboard link printed by `switchboard serve` (it carries the access token).'
              : 'The access token in this link is not valid any more. Open the link printed by `switchboard serve`.',
          ),
      );
  }, [ui]);

  if (fatal)
    return (
      <main className="fatal" role="alert">
        {fatal}
      </main>
    );
  if (!ready) return <main className="loading">Connecting to Switchboard…</main>;
  return <Dashboard ui={ui} live={live} loading={loading} />;
}
