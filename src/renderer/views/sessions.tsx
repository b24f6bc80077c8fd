/**
 * Claude Code sessions: the attached ones first (state, channels off, messages waiting for them),
 * then the ones seen recently — each with its directory, the chats bound to it, and when it last
 * received a message and last replied.
 */
import type { UiApi } from '../../shared/ui-api';
import type { SessionDetailView } from '../../shared/ui-views';
import { ago, conversationTitle, platformLabel, plural } from '../format';
import { useQuery } from '../hooks';
import { conversationHref } from './inbox';
import { Remotes } from './remotes';

export const LAUNCH = 'claude --dangerously-load-development-channels server:switchboard';

const STATE: Readonly<Record<SessionDetailView['state'], string>> = {
  attached: 'attached',
  'channels-off': 'channels off',
  detached: 'not attached',
};

function SessionCard(props: { s: SessionDetailView; now: number }): React.JSX.Element {
  const { s, now } = props;
  return (
    <li className={`card session ${s.state}`}>
      <div className="session-head">
        <strong>{s.name}</strong>
        <span className={`pill ${s.state}`}>{STATE[s.state]}</span>
        {s.host !== null && <span className="badge">{`on ${s.host}`}</span>}
        {s.queued > 0 && <span className="count queued">{plural(s.queued, 'message')} queued</span>}
      </div>
      <p className="cwd" title={s.cwd}>
        {s.cwd}
      </p>
      {s.state === 'channels-off' && (
        <p className="error">
          Started without the channel flag, so it receives no chats. Restart it with{' '}
          <code>{LAUNCH}</code>.
        </p>
      )}
      <dl className="facts">
        <dt>{s.state === 'detached' ? 'Left' : 'Attached'}</dt>
        <dd>{ago(s.detachedAt ?? s.attachedAt, now)}</dd>
        <dt>Last received</dt>
        <dd>{s.lastReceivedAt === null ? 'never' : ago(s.lastReceivedAt, now)}</dd>
        <dt>Last replied</dt>
        <dd>{s.lastRepliedAt === null ? 'never' : ago(s.lastRepliedAt, now)}</dd>
      </dl>
      {s.boundChats.length > 0 && (
        <div className="bound">
          <span className="muted">Bound chats: </span>
          <ul className="inline-list">
            {s.boundChats.map((c) => (
              <li key={`${c.chatId}#${c.threadId}`}>
                <a href={conversationHref(c)}>
                  {conversationTitle(c)} ({platformLabel(c.platform)})
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}

export function Sessions(props: { ui: UiApi; version: number; now: number }): React.JSX.Element {
  const query = useQuery(() => props.ui.getSessions(), props.version);
  const sessions = query.data ?? [];
  const live = sessions.filter((s) => s.state !== 'detached');
  const gone = sessions.filter((s) => s.state === 'detached');
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">Claude Code sessions</h2>
      {query.error && (
        <p className="error" role="alert">
          {query.error}
        </p>
      )}
      {query.data && live.length === 0 && (
        <p className="notice">
          No Claude Code session is attached. Start one with <code>{LAUNCH}</code>; messages wait
          until it connects.
        </p>
      )}
      <ul aria-label="Attached sessions">
        {live.map((s) => (
          <SessionCard key={s.name} s={s} now={props.now} />
        ))}
      </ul>
      {gone.length > 0 && (
        <>
          <h2>Recently seen</h2>
          <ul aria-label="Recently seen sessions">
            {gone.map((s) => (
              <SessionCard key={s.name} s={s} now={props.now} />
            ))}
          </ul>
        </>
      )}
      <Remotes ui={props.ui} version={props.version} now={props.now} />
    </section>
  );
}
