/**
 * What needs the owner: permission prompts (Allow / Deny, with what they would run and a
 * countdown), the lines answered prompts leave, and pairing requests (Approve / Deny / Block).
 * Errors (e.g. answered elsewhere meanwhile) are shown beside the item.
 */
import type { WebPairing } from '../../shared/webchat-api';
import type { UiApi } from '../../shared/ui-api';
import type { PromptsView } from '../../shared/ui-views';
import { useAction } from '../hooks';
import { PromptCard } from './prompt-card';
import { PromptHistory } from './prompt-history';

function PairingItem({ pairing, ui }: { pairing: WebPairing; ui: UiApi }): React.JSX.Element {
  const [error, act] = useAction();
  return (
    <li className="card" data-prompt={`pairing:${pairing.code}`}>
      <div>
        <strong>{pairing.name || pairing.sender}</strong>{' '}
        <span className="muted">
          on {pairing.platform} · code {pairing.code}
        </span>
      </div>
      {pairing.preview && <p className="preview">“{pairing.preview}”</p>}
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={() => act(() => ui.decidePairing(pairing.code, 'approve'))}
        >
          Approve
        </button>
        <button type="button" onClick={() => act(() => ui.decidePairing(pairing.code, 'deny'))}>
          Deny
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => act(() => ui.decidePairing(pairing.code, 'block'))}
        >
          Block
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

export function Approvals(props: {
  pairings: WebPairing[];
  prompts: PromptsView | undefined;
  ui: UiApi;
  now: number;
}): React.JSX.Element | null {
  const pending = props.prompts?.pending ?? [];
  // Lines from the last day: older answers are history, not something to act on.
  const recent = (props.prompts?.recent ?? []).filter((p) => props.now - p.decidedAt < 86_400_000);
  if (props.pairings.length === 0 && pending.length === 0 && recent.length === 0) return null;
  return (
    <section className="approvals" aria-label="Needs you">
      {pending.length > 0 && (
        <>
          <h2>Permission prompts</h2>
          <ul>
            {pending.map((r, index) => (
              <PromptCard
                key={`${r.session}:${r.request_id}`}
                prompt={r}
                ui={props.ui}
                autoFocus={index === 0}
              />
            ))}
          </ul>
        </>
      )}
      <PromptHistory recent={recent} now={props.now} />
      {props.pairings.length > 0 && (
        <>
          <h2>New people</h2>
          <ul>
            {props.pairings.map((p) => (
              <PairingItem key={p.code} pairing={p} ui={props.ui} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
