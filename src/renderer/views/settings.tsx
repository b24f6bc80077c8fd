/**
 * Tokens (set / replace / remove — they go to the OS keychain and are never shown again), who may
 * start a conversation, prompt forwarding, pause, linking remote machines at start, and starting
 * at login in the desktop app.
 */
import { useState } from 'react';
import type { SecretSourceView, SettingsView, UiApi } from '../../shared/ui-api';
import { ConnectClaude } from './connect-claude';

const SOURCE: Readonly<Record<SecretSourceView, string>> = {
  env: 'set by an environment variable',
  keychain: 'set (in the keychain)',
  unset: 'not set',
  'keychain-unavailable': 'unknown: no OS keychain here',
};

const PLATFORM_LABEL = { telegram: 'Telegram', discord: 'Discord', imessage: 'iMessage' } as const;

function TokenField(props: {
  name: 'telegram' | 'discord';
  label: string;
  source: SecretSourceView;
  ui: UiApi;
  onResult: (text: string, ok: boolean) => void;
}): React.JSX.Element {
  const [value, setValue] = useState('');
  const save = (): void => {
    props.ui
      .setSecret(props.name, value)
      .then((r) => {
        setValue('');
        props.onResult(`${props.label}: ${r.message}`, true);
      })
      .catch((e: unknown) => props.onResult(e instanceof Error ? e.message : String(e), false));
  };
  return (
    <div className="card">
      <label>
        {props.label}
        <input
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={
            props.source === 'keychain' ? 'Paste a new token to replace it' : 'Paste the bot token'
          }
        />
      </label>
      <div className="actions">
        <span className="muted">{SOURCE[props.source]}</span>
        <button
          type="button"
          className="primary"
          disabled={value.trim() === ''}
          onClick={save}
        >{`Save ${props.label}`}</button>
        {props.source === 'keychain' && (
          <button
            type="button"
            className="danger"
            onClick={() =>
              void props.ui
                .removeSecret(props.name)
                .then((r) => props.onResult(`${props.label}: ${r.message}`, true))
            }
          >{`Remove ${props.label}`}</button>
        )}
      </div>
    </div>
  );
}

/** A setting that is on or off: its label, then its checkbox, on one row. */
function Toggle(props: {
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
}): React.JSX.Element {
  return (
    <label className="row">
      {props.label}
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />
    </label>
  );
}

export function Settings(props: {
  settings: SettingsView;
  secrets: Record<'telegram' | 'discord', SecretSourceView>;
  ui: UiApi;
}): React.JSX.Element {
  const [result, setResult] = useState<{ text: string; ok: boolean } | null>(null);
  const report = (text: string, ok: boolean): void => setResult({ text, ok });
  const update = (patch: Parameters<UiApi['updateSettings']>[0]): void =>
    void props.ui
      .updateSettings(patch)
      .catch((e: unknown) => report(e instanceof Error ? e.message : String(e), false));
  const { settings } = props;
  return (
    <section aria-label="Settings">
      <ConnectClaude ui={props.ui} />
      <div id="bot-tokens">
        <h2>Bot tokens</h2>
        <p className="muted">
          Create a Telegram bot with{' '}
          <a href="https://t.me/BotFather" target="_blank" rel="noreferrer">
            @BotFather
          </a>{' '}
          and a Discord bot in the{' '}
          <a href="https://discord.com/developers/applications" target="_blank" rel="noreferrer">
            Discord Developer Portal
          </a>
          , then paste its token here.
        </p>
        <TokenField
          name="telegram"
          label="Telegram bot token"
          source={props.secrets.telegram}
          ui={props.ui}
          onResult={report}
        />
        <TokenField
          name="discord"
          label="Discord bot token"
          source={props.secrets.discord}
          ui={props.ui}
          onResult={report}
        />
      </div>
      {result && (
        <p className={result.ok ? 'notice' : 'error'} role={result.ok ? 'status' : 'alert'}>
          {result.text}
        </p>
      )}
      <h2>Who may start a conversation</h2>
      {(['telegram', 'discord', 'imessage'] as const).map((platform) => (
        <label key={platform} className="row">
          {`${PLATFORM_LABEL[platform]} direct messages`}
          <select
            value={settings.dmPolicy[platform]}
            onChange={(e) =>
              update({ dmPolicy: { platform, policy: e.target.value as 'pairing' } })
            }
          >
            <option value="pairing">Strangers get a pairing code</option>
            <option value="allowlist">Only people on the list</option>
            <option value="disabled">Nobody</option>
          </select>
        </label>
      ))}
      <h2>General</h2>
      <Toggle
        label="Send permission prompts to owners’ chats"
        checked={settings.forwardToChats}
        onChange={(on) => update({ forwardToChats: on })}
      />
      <Toggle
        label="Pause all chat platforms"
        checked={settings.paused}
        onChange={(on) => update({ paused: on })}
      />
      <Toggle
        label="Connect remotes at start"
        checked={settings.remotesAtStart}
        onChange={(on) => update({ remotesAtStart: on })}
      />
      {settings.launchAtLogin !== null && (
        <Toggle
          label="Start at login"
          checked={settings.launchAtLogin}
          onChange={(on) => update({ launchAtLogin: on })}
        />
      )}
    </section>
  );
}
