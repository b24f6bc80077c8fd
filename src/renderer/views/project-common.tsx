/**
 * What the project views share: state labels, argument splitting, and a small action runner that
 * shows the hub's answer (or its refusal) under the control that asked.
 */
import { useState } from 'react';
import type { ProjectView } from '../../shared/ui-api';

export const STATE_LABEL: Readonly<Record<ProjectView['state'], string>> = {
  attached: 'running, connected',
  running: 'running, not connected yet',
  starting: 'starting',
  stopped: 'stopped',
};

/** Splits "--model opus --append-system-prompt "be brief"" into arguments (double quotes group). */
export function splitArgs(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

export function joinArgs(args: readonly string[]): string {
  return args.map((a) => (/\s/.test(a) || a === '' ? `"${a}"` : a)).join(' ');
}

/**
 * Runs a hub call for a control: `busy` while it is on its way (a stop can take the grace period),
 * then the hub's answer — or its refusal — as the note to show.
 */
export function useAction(): {
  note: { text: string; ok: boolean } | null;
  busy: boolean;
  act: (run: () => Promise<unknown>, done?: string) => void;
} {
  const [note, setNote] = useState<{ text: string; ok: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const act = (run: () => Promise<unknown>, done?: string): void => {
    setNote(null);
    setBusy(true);
    run()
      .then(
        (result) => {
          const message = (result as { message?: unknown } | null)?.message;
          const text = typeof message === 'string' ? message : done;
          if (text) setNote({ text, ok: true });
        },
        (e: unknown) => setNote({ text: e instanceof Error ? e.message : String(e), ok: false }),
      )
      .finally(() => setBusy(false));
  };
  return { note, busy, act };
}

export function Note(props: {
  note: { text: string; ok: boolean } | null;
}): React.JSX.Element | null {
  if (!props.note) return null;
  return (
    <p className={props.note.ok ? 'notice' : 'error'} role={props.note.ok ? 'status' : 'alert'}>
      {props.note.text}
    </p>
  );
}
