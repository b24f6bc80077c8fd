/**
 * What needs the owner: permission prompts (Allow / Deny, with what they would run and a
 * countdown), the lines answered prompts leave, and pairing requests (Approve / Deny / Block).
 * Errors (e.g. answered elsewhere meanwhile) are shown beside the item.
 */
import type { WebPairing } from '../../shared/webchat-api';
import { useState } from 'react';
import type { PairingQueueView, UiApi } from '../../shared/ui-api';
import type { PromptsView } from '../../shared/ui-views';
import { useAction } from '../hooks';
import { PromptCard } from './prompt-card';
import { PromptHistory } from './prompt-history';

function PairingItem({ pairing, ui }: { pairing: WebPairing; ui: UiApi }): React.JSX.Element {
  const [error, act] = useAction();
  // Default member; only a platform's very first person starts out as owner (the hub says which).
  const [asOwner, setAsOwner] = useState(pairing.becomesOwner === true);
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
        <label title="Owners can answer Claude’s permission prompts from their chat">
          <input type="checkbox" checked={asOwner} onChange={(e) => setAsOwner(e.target.checked)} />{' '}
          as owner
        </label>
        <button
          type="button"
          className="primary"
          onClick={() => act(() => ui.decidePairing(pairing.code, 'approve', { owner: asOwner }))}
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

/** A full pairing queue, so the owner knows people are being turned away. */
function QueueNotice({ queue }: { queue: PairingQueueView }): React.JSX.Element {
  const full = queue.pending >= queue.capacity;
  return (
    <p className="error" role="status">
      {full
        ? `The ${queue.platform} pairing queue is full (${queue.pending} of ${queue.capacity} waiting): new people are told to try again later. Approve or deny someone to make room.`
        : `The ${queue.platform} pairing queue was full recently.`}
      {queue.turnedAway > 0 &&
        ` ${queue.turnedAway} ${queue.turnedAway === 1 ? 'person was' : 'people were'} turned away in the last hour.`}
    </p>
  );
}

export function Approvals(props: {
  pairings: WebPairing[];
  prompts: PromptsView | undefined;
  queues?: PairingQueueView[];
  ui: UiApi;
  now: number;
}): React.JSX.Element | null {
  const pending = props.prompts?.pending ?? [];
  const queues = props.queues ?? [];
  // Lines from the last day: older answers are history, not something to act on.
  const recent = (props.prompts?.recent ?? []).filter((p) => props.now - p.decidedAt < 86_400_000);
  if (
    props.pairings.length === 0 &&
    pending.length === 0 &&
    recent.length === 0 &&
    queues.length === 0
  )
    return null;
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
      {(props.pairings.length > 0 || queues.length > 0) && (
        <>
          <h2>New people</h2>
          {queues.map((q) => (
            <QueueNotice key={q.platform} queue={q} />
          ))}
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
