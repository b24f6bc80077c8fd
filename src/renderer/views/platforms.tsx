import type { PlatformView } from '../../shared/ui-api';
import type { WebSession } from '../../shared/webchat-api';

const LABEL: Readonly<Record<string, string>> = {
  web: 'Web chat',
  telegram: 'Telegram',
  discord: 'Discord',
  imessage: 'iMessage',
};

/** Each platform's live state, with the reason when it is in error. */
export function Platforms(props: {
  platforms: PlatformView[];
  sessions: WebSession[];
  paused: boolean;
}): React.JSX.Element {
  return (
    <section aria-label="Platforms">
      <h2>Platforms</h2>
      {props.paused && (
        <p className="notice" role="status">
          All chat platforms are paused.
        </p>
      )}
      <ul>
        {props.platforms.map((p) => (
          <li key={p.platform} className={`row platform ${p.state}`}>
            <span>
              <strong>{LABEL[p.platform] ?? p.platform}</strong>{' '}
              <span className="muted">{p.state}</span>
            </span>
            {p.detail && (
              <span className={p.state === 'error' ? 'error' : 'muted'}>{p.detail}</span>
            )}
          </li>
        ))}
      </ul>
      {!props.platforms.some((p) => p.platform === 'telegram') && (
        <p className="muted">Telegram is off until a bot token is set in Settings.</p>
      )}
      <h2>Claude Code sessions</h2>
      {props.sessions.length === 0 && <p className="muted">None attached.</p>}
      <ul aria-label="Sessions">
        {props.sessions.map((s) => (
          <li key={s.name} className="row">
            <span>
              <strong>{s.name}</strong> <span className="muted">{s.cwd}</span>
            </span>
            <span className={s.channels === 'disabled' ? 'error' : 'muted'}>
              {s.channels === 'disabled'
                ? 'channels off: started without the channel flag'
                : `since ${new Date(s.attachedAt).toLocaleTimeString()}`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
