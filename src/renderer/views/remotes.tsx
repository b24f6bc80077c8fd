/**
 * Remote machines: each remote's ssh link (linked, connecting, or waiting to retry and why) and the
 * sessions running there. Remotes are made and linked from the command line
 * (`switchboard remote add | setup | connect`); this shows them and how they are doing.
 */
import type { UiApi } from '../../shared/ui-api';
import type { RemoteUiView } from '../../shared/ui-views';
import { ago, plural } from '../format';
import { useQuery } from '../hooks';

const LINK: Readonly<Record<RemoteUiView['link']['state'], string>> = {
  connected: 'linked',
  preparing: 'connecting',
  connecting: 'connecting',
  waiting: 'not linked',
  stopped: 'not connected',
};

/** The pill's look: linked is good, a failing link is an error, the rest is plain. */
const pillClass = (state: RemoteUiView['link']['state']): string =>
  state === 'connected' ? 'connected' : state === 'waiting' ? 'error' : '';

function RemoteCard(props: { r: RemoteUiView; now: number }): React.JSX.Element {
  const { r, now } = props;
  return (
    <li className="card remote" aria-label={`Remote ${r.name}`}>
      <div className="session-head">
        <strong>{r.name}</strong>
        <span className={`pill ${pillClass(r.link.state)}`}>{LINK[r.link.state]}</span>
        <span className="count">{plural(r.sessions.length, 'session')}</span>
      </div>
      {r.host !== null && <p className="cwd">{r.host}</p>}
      {r.link.state === 'waiting' && (
        <>
          <p className="error">{r.link.error ?? 'The link failed.'}</p>
          <p className="muted">
            Switchboard keeps trying, waiting longer after each failure (up to a minute).
          </p>
        </>
      )}
      {r.link.state === 'stopped' && r.host !== null && (
        <p className="muted">
          {r.keepConnected
            ? 'Linked again when Switchboard starts with “Connect remotes at start”, or with '
            : 'Link it with '}
          <code>{`switchboard remote connect ${r.name} ${r.host}`}</code>
        </p>
      )}
      {r.host === null && (
        <p className="muted">
          Set it up with <code>{`switchboard remote setup ${r.name} [user@]HOST`}</code>, then{' '}
          <code>{`switchboard remote connect ${r.name} [user@]HOST`}</code>.
        </p>
      )}
      <dl className="facts">
        <dt>{r.link.state === 'connected' ? 'Linked' : 'Since'}</dt>
        <dd>{ago(r.link.since, now)}</dd>
        <dt>Last session</dt>
        <dd>{r.lastSeenAt === null ? 'never' : ago(r.lastSeenAt, now)}</dd>
      </dl>
      {r.sessions.length > 0 && (
        <ul className="inline-list" aria-label={`Sessions on ${r.name}`}>
          {r.sessions.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function Remotes(props: { ui: UiApi; version: number; now: number }): React.JSX.Element {
  const query = useQuery(() => props.ui.getRemotes(), props.version);
  const remotes = query.data ?? [];
  return (
    <section aria-labelledby="remotes-title">
      <h2 id="remotes-title">Other machines</h2>
      {query.error && (
        <p className="error" role="alert">
          {query.error}
        </p>
      )}
      {query.data && remotes.length === 0 && (
        <p className="muted">
          Sessions on another machine (a dev box, a server, a dev container) can use these chats
          too, over SSH: <code>switchboard remote setup NAME [user@]HOST</code>.
        </p>
      )}
      <ul aria-label="Remote machines">
        {remotes.map((r) => (
          <RemoteCard key={r.name} r={r} now={props.now} />
        ))}
      </ul>
    </section>
  );
}
