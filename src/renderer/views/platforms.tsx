import type { PlatformView } from '../../shared/ui-api';
import { ago, platformLabel } from '../format';

const STATE: Readonly<Record<PlatformView['state'], string>> = {
  starting: 'starting',
  connected: 'connected',
  error: 'error',
  stopped: 'stopped',
};

/** Each platform's live state, with the reason when it is in error. */
export function Platforms(props: {
  platforms: PlatformView[];
  paused: boolean;
  now: number;
}): React.JSX.Element {
  return (
    <section aria-labelledby="platforms-title">
      <h2 id="platforms-title">Platforms</h2>
      {props.paused && (
        <p className="notice" role="status">
          All chat platforms are paused.
        </p>
      )}
      <ul>
        {props.platforms.map((p) => (
          <li key={p.platform} className={`card platform ${p.state}`}>
            <div className="platform-head">
              <strong>{platformLabel(p.platform)}</strong>
              <span className={`pill ${p.state}`}>{STATE[p.state]}</span>
              {p.lastEventAt !== null && (
                <span className="muted">last event {ago(p.lastEventAt, props.now)}</span>
              )}
            </div>
            {p.detail && <p className={p.state === 'error' ? 'error' : 'muted'}>{p.detail}</p>}
          </li>
        ))}
      </ul>
      {!props.platforms.some((p) => p.platform === 'telegram') && (
        <p className="muted">
          Telegram is off until a bot token is set in <a href="#settings/bot-tokens">Settings</a>.
        </p>
      )}
    </section>
  );
}
