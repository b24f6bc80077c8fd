import type { WebSession } from '../../shared/webchat-api';

const LAUNCH = 'claude --dangerously-load-development-channels server:switchboard';

/** Which Claude Code session this web chat talks to. */
export function SessionPicker(props: {
  sessions: WebSession[];
  bound: string | null;
  onChange: (session: string | null) => void;
}): React.JSX.Element {
  const { sessions, bound } = props;
  const boundAway = bound !== null && !sessions.some((s) => s.name === bound);
  return (
    <section className="sessions" aria-label="Sessions">
      <label>
        Session{' '}
        <select
          value={bound ?? ''}
          onChange={(event) =>
            props.onChange(event.target.value === '' ? null : event.target.value)
          }
        >
          <option value="">Most recent session</option>
          {sessions.map((s) => (
            <option key={s.name} value={s.name} title={s.cwd}>
              {s.channels === 'disabled' ? `${s.name} (channels off)` : s.name}
            </option>
          ))}
          {boundAway && <option value={bound}>{`${bound} (not attached)`}</option>}
        </select>
      </label>
      {sessions.length === 0 && (
        <p className="notice">
          No Claude Code session is attached. Start one with <code>{LAUNCH}</code>; messages wait
          here until it connects.
        </p>
      )}
    </section>
  );
}
