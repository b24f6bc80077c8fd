/**
 * A permission prompt: the tool, the session, Claude's description and the input it wants to run
 * (the command or file path first, monospace, scrollable when long) — all visible without a
 * click — a countdown to expiry, and Allow / Deny, also on the keys A and D while it has focus.
 */
import { useEffect, useId, useRef } from 'react';
import type { UiApi } from '../../shared/ui-api';
import type { PendingPromptView } from '../../shared/ui-views';
import { countdown } from '../format';
import { useAction, useNow } from '../hooks';

/** Claude Code sends the input as JSON-shaped text (possibly cut short): show what matters first. */
export function describeInput(preview: string): { lead: string | null; rest: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(preview);
  } catch {
    return { lead: null, rest: preview };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { lead: null, rest: preview };
  const { command, file_path: filePath, ...others } = parsed as Record<string, unknown>;
  const lead =
    typeof command === 'string' ? `$ ${command}` : typeof filePath === 'string' ? filePath : null;
  const remaining = lead === null ? (parsed as Record<string, unknown>) : others;
  const rest = Object.keys(remaining).length === 0 ? '' : JSON.stringify(remaining, null, 2);
  return { lead, rest };
}

export function PromptCard(props: {
  prompt: PendingPromptView;
  ui: UiApi;
  /** Take focus when shown (the first prompt, when nothing else has focus). */
  autoFocus: boolean;
}): React.JSX.Element {
  const { prompt, ui } = props;
  const [error, act] = useAction();
  const now = useNow(1000);
  const titleId = useId();
  const card = useRef<HTMLDivElement>(null);
  const left = prompt.expiresAt - now;
  const input = describeInput(prompt.input_preview);
  const decide = (behavior: 'allow' | 'deny'): void =>
    act(() => ui.decidePermission(prompt.request_id, behavior));

  useEffect(() => {
    if (props.autoFocus && document.activeElement === document.body) card.current?.focus();
  }, [props.autoFocus]);

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
    const key = e.key.toLowerCase();
    if (key === 'a') decide('allow');
    else if (key === 'd') decide('deny');
    else return;
    e.preventDefault();
  };

  return (
    <li>
      <div
        className="card prompt"
        data-prompt={`permission:${prompt.session}:${prompt.request_id}`}
        role="group"
        aria-labelledby={titleId}
        tabIndex={-1}
        ref={card}
        onKeyDown={onKeyDown}
      >
        <div className="prompt-head">
          <span id={titleId}>
            <strong>{prompt.tool_name}</strong> <span className="muted">in session</span>{' '}
            <strong>{prompt.session}</strong>
          </span>
          <span
            className={left < 60_000 ? 'countdown soon' : 'countdown'}
            role="timer"
            aria-label={`Expires in ${countdown(left)}`}
          >
            {countdown(left)}
          </span>
        </div>
        {prompt.description && <p className="prompt-description">{prompt.description}</p>}
        {prompt.problems?.map((problem) => (
          <p key={problem} className="error">
            ⚠ {problem}
          </p>
        ))}
        <div className="prompt-input" role="group" tabIndex={0} aria-label="Input">
          {input.lead !== null && <pre className="lead">{input.lead}</pre>}
          {input.rest !== '' && <pre>{input.rest}</pre>}
        </div>
        <div className="actions">
          <button
            type="button"
            className="primary"
            aria-keyshortcuts="a"
            onClick={() => decide('allow')}
          >
            Allow <kbd aria-hidden="true">A</kbd>
          </button>
          <button
            type="button"
            className="danger"
            aria-keyshortcuts="d"
            onClick={() => decide('deny')}
          >
            Deny <kbd aria-hidden="true">D</kbd>
          </button>
          <span className="muted id">{prompt.request_id}</span>
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
    </li>
  );
}
