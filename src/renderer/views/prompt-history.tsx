/**
 * Answered prompts leave a line: "Bash in work — allowed by you from Telegram at 14:02". The
 * newest few show under the approvals; the rest behind "Show all".
 */
import { useState } from 'react';
import type { SettledPromptView } from '../../shared/ui-views';
import { when } from '../format';

const SHOWN = 3;

export function outcomeLine(p: SettledPromptView, now: number): string {
  const at = when(p.decidedAt, now);
  switch (p.verdict) {
    case 'allow':
      return `allowed by ${p.by} from ${p.via} at ${at}`;
    case 'deny':
      return `denied by ${p.by} from ${p.via} at ${at}`;
    case 'expired':
      return `expired at ${at}${p.via ? ` (${p.via})` : ''}`;
  }
}

const MARK = { allow: '✓', deny: '✕', expired: '⌛' } as const;

export function PromptHistory(props: {
  recent: SettledPromptView[];
  now: number;
}): React.JSX.Element | null {
  const [all, setAll] = useState(false);
  if (props.recent.length === 0) return null;
  const shown = all ? props.recent : props.recent.slice(0, SHOWN);
  return (
    <section className="prompt-history" aria-label="Answered prompts">
      <ul>
        {shown.map((p) => (
          <li key={`${p.session}:${p.request_id}`} className={`outcome ${p.verdict}`}>
            <span aria-hidden="true" className="mark">
              {MARK[p.verdict]}
            </span>{' '}
            <strong>{p.tool_name}</strong> in {p.session} — {outcomeLine(p, props.now)}
          </li>
        ))}
      </ul>
      {props.recent.length > SHOWN && (
        <button type="button" className="link" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${props.recent.length}`}
        </button>
      )}
    </section>
  );
}
