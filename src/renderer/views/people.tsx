import { useState } from 'react';
import type { SenderView, UiApi } from '../../shared/ui-api';

/** Who may talk to Claude: roles, blocking, removal. */
export function People(props: { senders: SenderView[]; ui: UiApi }): React.JSX.Element {
  const [error, setError] = useState<string | null>(null);
  const act = (run: () => Promise<unknown>): void => {
    setError(null);
    run().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <section aria-label="People">
      <h2>People</h2>
      {props.senders.length === 0 && (
        <p className="muted">Nobody yet. New people appear above when they message a bot.</p>
      )}
      <ul>
        {props.senders.map((s) => {
          const who = `${s.name || s.sender} (${s.platform})`;
          return (
            <li key={`${s.platform}:${s.sender}`} className="row">
              <span>
                <strong>{s.name || s.sender}</strong>{' '}
                <span className="muted">
                  {s.platform} · {s.sender} · {s.status}
                </span>
              </span>
              <span className="actions">
                <select
                  aria-label={`Role of ${who}`}
                  value={s.role}
                  onChange={(e) =>
                    act(() =>
                      props.ui.setSender(s.platform as 'telegram', s.sender, {
                        role: e.target.value as 'owner' | 'member',
                      }),
                    )
                  }
                >
                  <option value="owner">owner</option>
                  <option value="member">member</option>
                </select>
                {s.status === 'allowed' ? (
                  <button
                    type="button"
                    className="danger"
                    onClick={() =>
                      act(() =>
                        props.ui.setSender(s.platform as 'telegram', s.sender, {
                          status: 'blocked',
                        }),
                      )
                    }
                  >
                    Block
                  </button>
                ) : (
                  <button
                    type="button"
                    onClick={() =>
                      act(() =>
                        props.ui.setSender(s.platform as 'telegram', s.sender, {
                          status: 'allowed',
                        }),
                      )
                    }
                  >
                    Unblock
                  </button>
                )}
                <button
                  type="button"
                  aria-label={`Remove ${who}`}
                  onClick={() =>
                    act(() => props.ui.removeSender(s.platform as 'telegram', s.sender))
                  }
                >
                  Remove
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
