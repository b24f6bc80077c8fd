/**
 * The first-run checklist, at the top until every step is done (or the owner hides it): each
 * step ticks itself from the hub's real state and links to the place where it is done.
 */
import type { UiApi } from '../../shared/ui-api';
import type { FirstRunStep, FirstRunView } from '../../shared/ui-views';
import { useAction } from '../hooks';

const STEPS: ReadonlyArray<{
  step: FirstRunStep;
  title: string;
  how: string;
  href: string;
  link: string;
}> = [
  {
    step: 'claude',
    title: 'Connect Claude Code',
    how: 'Register Switchboard with Claude Code and start a session with the channel.',
    href: '#settings/claude-code',
    link: 'Open Connect Claude Code',
  },
  {
    step: 'platform',
    title: 'Add a platform',
    how: 'Paste a Telegram or Discord bot token, or turn on iMessage.',
    href: '#settings/bot-tokens',
    link: 'Open bot tokens',
  },
  {
    step: 'pair',
    title: 'Pair yourself',
    how: 'Message your bot from your phone, then approve the code that appears here.',
    href: '#people',
    link: 'Open People',
  },
  {
    step: 'message',
    title: 'Send a first message',
    how: 'Write to your bot; it reaches your Claude Code session.',
    href: '#inbox',
    link: 'Open Inbox',
  },
];

export function FirstRun(props: {
  view: FirstRunView | undefined;
  ui: UiApi;
  onChange: () => void;
}): React.JSX.Element | null {
  const [error, act] = useAction();
  const view = props.view;
  if (!view || view.dismissed) return null;
  const done = STEPS.filter((s) => view.steps[s.step]).length;
  if (done === STEPS.length) return null;
  return (
    <section className="first-run card" aria-labelledby="first-run-title">
      <div className="first-run-head">
        <h2 id="first-run-title">Get started</h2>
        <span className="muted">
          {done} of {STEPS.length} done
        </span>
      </div>
      <ol>
        {STEPS.map((s) => {
          const ok = view.steps[s.step];
          return (
            <li key={s.step} className={ok ? 'step done' : 'step'}>
              <span className="tick" aria-hidden="true">
                {ok ? '✓' : ''}
              </span>
              <span className="step-text">
                <strong>{s.title}</strong>
                <span className="visually-hidden">{ok ? ' (done)' : ' (to do)'}</span>
                {!ok && <span className="muted"> {s.how}</span>}
              </span>
              {!ok && (
                <a className="step-link" href={s.href} aria-label={s.link}>
                  Open
                </a>
              )}
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="link"
        onClick={() => act(() => props.ui.dismissFirstRun().then(props.onChange))}
      >
        Hide this checklist
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
