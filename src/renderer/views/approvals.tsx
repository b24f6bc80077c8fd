/**
 * What needs the owner: pairing requests (Approve / Deny / Block) and permission prompts
 * (Allow / Deny). Errors (e.g. answered elsewhere meanwhile) are shown beside the item.
 */
import { useState } from 'react';
import type { WebPairing, WebPermission } from '../../shared/webchat-api';
import type { UiApi } from '../../shared/ui-api';

function useAction(): [string | null, (run: () => Promise<unknown>) => void] {
  const [error, setError] = useState<string | null>(null);
  const act = (run: () => Promise<unknown>): void => {
    setError(null);
    run().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  return [error, act];
}

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

function PermissionItem({ request, ui }: { request: WebPermission; ui: UiApi }): React.JSX.Element {
  const [error, act] = useAction();
  return (
    <li className="card" data-prompt={`permission:${request.session}:${request.request_id}`}>
      <div>
        <strong>{request.tool_name}</strong>{' '}
        <span className="muted">
          · session {request.session} · {request.request_id}
        </span>
      </div>
      <p>{request.description}</p>
      <details>
        <summary>Input</summary>
        <pre>{request.input_preview}</pre>
      </details>
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={() => act(() => ui.decidePermission(request.request_id, 'allow'))}
        >
          Allow
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => act(() => ui.decidePermission(request.request_id, 'deny'))}
        >
          Deny
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
  permissions: WebPermission[];
  ui: UiApi;
}): React.JSX.Element | null {
  if (props.pairings.length === 0 && props.permissions.length === 0) return null;
  return (
    <section className="approvals" aria-label="Needs you">
      {props.permissions.length > 0 && (
        <>
          <h2>Permission prompts</h2>
          <ul>
            {props.permissions.map((r) => (
              <PermissionItem key={`${r.session}:${r.request_id}`} request={r} ui={props.ui} />
            ))}
          </ul>
        </>
      )}
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
