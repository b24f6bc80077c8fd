/**
 * "Restart to update" in the popover: shown when the menu-bar app has downloaded an update. The
 * restart itself is the app's: it waits for unanswered permission prompts (and says so).
 */
import { useState } from 'react';
import type { UiApi, UpdateView } from '../../shared/ui-api';

export function UpdateBanner(props: {
  update: UpdateView | null;
  ui: UiApi;
}): React.JSX.Element | null {
  const [message, setMessage] = useState<string | null>(null);
  const update = props.update;
  if (update?.state !== 'ready') return null;
  const restart = (): void => {
    props.ui.installUpdate().then(
      (result) => setMessage(result.message),
      (error: unknown) => setMessage(error instanceof Error ? error.message : String(error)),
    );
  };
  return (
    <section className="notice update" role="status" aria-label="Update">
      <span>
        Switchboard {update.next} is ready
        {update.waitingFor > 0
          ? ` — ${update.waitingFor === 1 ? 'a permission prompt waits' : `${update.waitingFor} permission prompts wait`} for your answer first.`
          : '.'}
      </span>
      <button type="button" className="primary" onClick={restart}>
        Restart to update
      </button>
      {message && <span className="muted">{message}</span>}
    </section>
  );
}
