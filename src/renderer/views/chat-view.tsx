/**
 * The conversation with Claude: the message log (Claude's Markdown rendered safely, everything else
 * as text), and a composer with attachments. Typed text survives a failed send.
 */
import { useEffect, useRef, useState } from 'react';
import type { WebMessage } from '../../shared/webchat-api';
import { api } from '../api/client';
import { useNow } from '../hooks';
import { MessageItem, type Bubble } from './message-item';

const MAX_FILES = 10;
const STATE_LABEL: Readonly<Record<WebMessage['state'], string | null>> = {
  received: 'queued',
  delivered: 'delivered',
  answered: 'answered',
  sent: null,
};

/** The web chat's messages: the owner's on the right, Claude's (Markdown) and notices left. */
export function webBubble(m: WebMessage): Bubble {
  const mine = m.direction === 'in';
  return {
    id: m.id,
    mine,
    sender: mine ? 'You' : m.sender,
    role: mine ? 'you' : m.session !== null ? 'claude' : 'switchboard',
    session: mine ? null : m.session,
    text: m.text,
    ts: m.ts,
    state: mine ? STATE_LABEL[m.state] : null,
    stateKind: m.state,
    editedAt: m.editedAt,
    attachments: m.attachments,
    downloadable: true,
    reactions: m.reactions,
  };
}

export function ChatView(props: {
  chat: string;
  messages: WebMessage[];
  ownerName: string;
}): React.JSX.Element {
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const logRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const now = useNow(30_000);

  useEffect(() => {
    const log = logRef.current;
    if (log && atBottom.current) log.scrollTop = log.scrollHeight;
  }, [props.messages]);

  async function send(): Promise<void> {
    if (sending || (text.trim() === '' && files.length === 0)) return;
    setSending(true);
    setError(null);
    try {
      const uploaded = [];
      for (const file of files) uploaded.push((await api.upload(props.chat, file)).fileId);
      await api.post(props.chat, {
        text,
        nonce: crypto.randomUUID().replace(/-/g, ''),
        files: uploaded,
      });
      setText('');
      setFiles([]);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSending(false);
    }
  }

  return (
    <section className="chat" aria-label="Web chat">
      <div
        className="log"
        role="log"
        aria-live="polite"
        aria-label="Messages"
        tabIndex={0}
        ref={logRef}
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
      >
        <ol>
          {props.messages.length === 0 && (
            <li className="empty muted">Say hello to Claude, {props.ownerName}.</li>
          )}
          {props.messages.map((m) => (
            <MessageItem key={m.id} bubble={webBubble(m)} now={now} />
          ))}
        </ol>
      </div>
      <form
        className="composer"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <label htmlFor="message" className="visually-hidden">
          Message
        </label>
        <textarea
          id="message"
          rows={2}
          placeholder="Message Claude…"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void send();
            }
          }}
        />
        <div className="composer-actions">
          <label className="attach">
            Attach file
            <input
              type="file"
              multiple
              onChange={(e) =>
                setFiles([...files, ...Array.from(e.target.files ?? [])].slice(0, MAX_FILES))
              }
            />
          </label>
          <button type="submit" className="primary" disabled={sending}>
            Send
          </button>
        </div>
        {files.length > 0 && (
          <ul className="chosen">
            {files.map((file, index) => (
              <li key={`${file.name}-${String(index)}`}>
                {file.name}{' '}
                <button
                  type="button"
                  aria-label={`Remove ${file.name}`}
                  onClick={() => setFiles(files.filter((_, i) => i !== index))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
