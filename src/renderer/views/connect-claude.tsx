/**
 * "Connect Claude Code": registers the helper with the Claude Code CLI (when installed) and shows
 * the exact command to start a session with the channel, with copy buttons and a shell alias.
 */
import { useState } from 'react';
import type { UiApi, UiResults } from '../../shared/ui-api';

/** A command in one scrollable line with a Copy button. */
export function CopyLine(props: { label: string; text: string }): React.JSX.Element {
  const [copied, setCopied] = useState(false);
  return (
    <div className="row">
      <code className="copy-line">{props.text}</code>
      <button
        type="button"
        aria-label={`Copy ${props.label}`}
        onClick={() =>
          void navigator.clipboard.writeText(props.text).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}

export function ConnectClaude(props: { ui: UiApi }): React.JSX.Element {
  const [result, setResult] = useState<UiResults['connectClaude'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const connect = (): void => {
    setBusy(true);
    setError(null);
    props.ui
      .connectClaude()
      .then(setResult, (e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  return (
    <section aria-label="Claude Code" id="claude-code">
      <h2>Claude Code</h2>
      <button type="button" className="primary" disabled={busy} onClick={connect}>
        Connect Claude Code
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div className="card" role="status">
          <p>
            {result.found
              ? `${result.detail} (Claude Code ${result.version ?? ''}).`
              : 'Claude Code is not installed here.'}
          </p>
          {result.warning && <p className="error">{result.warning}</p>}
          <p className="muted">Start a session with the channel:</p>
          <CopyLine label="launch command" text={result.launchCommand} />
          <p className="muted">Or add this alias to your shell profile:</p>
          <CopyLine label="shell alias" text={result.alias} />
        </div>
      )}
    </section>
  );
}
