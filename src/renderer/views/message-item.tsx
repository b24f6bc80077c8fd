/**
 * One message in a conversation: who (and in what role), when, its delivery state, the text —
 * Claude's as Markdown, everyone else's as plain text, never HTML — files and reactions.
 */
import { lazy, Suspense } from 'react';
import type { SenderRole } from '../../shared/ui-views';
import type { WebAttachment } from '../../shared/webchat-api';
import { when } from '../format';

// The parser and highlighter are most of the page's script: load them with the first reply.
const Markdown = lazy(() =>
  import('../markdown/markdown').then((module) => ({ default: module.Markdown })),
);

export type Bubble = {
  id: string;
  /** A person's message (shown on the right); Claude's and the hub's sit on the left. */
  mine: boolean;
  sender: string;
  role: SenderRole;
  /** Claude's session, shown beside its name. */
  session: string | null;
  text: string;
  ts: number;
  /** "queued", "delivered to work", "answered"…; null for outbound messages. */
  state: string | null;
  stateKind: 'received' | 'delivered' | 'answered' | 'sent';
  editedAt: number | null;
  attachments: WebAttachment[];
  /** Files can be downloaded only where the hub keeps them (the web chat). */
  downloadable: boolean;
  reactions: Array<{ emoji: string; by: string }>;
};

const ROLE_LABEL: Readonly<Partial<Record<SenderRole, string>>> = {
  owner: 'owner',
  member: 'member',
  guest: 'not on your list',
  switchboard: 'notice',
};

export function MessageItem(props: { bubble: Bubble; now: number }): React.JSX.Element {
  const b = props.bubble;
  const role = ROLE_LABEL[b.role];
  return (
    <li className={`message ${b.mine ? 'mine' : 'theirs'} role-${b.role}`}>
      <div className="meta">
        <span className="sender">{b.role === 'claude' ? 'Claude' : b.sender}</span>
        {b.role === 'claude' && b.session && <span className="badge">{b.session}</span>}
        {role && <span className="badge">{role}</span>}
        <time dateTime={new Date(b.ts).toISOString()}>{when(b.ts, props.now)}</time>
        {b.editedAt !== null && <span>edited</span>}
        {b.state && <span className={`state state-${b.stateKind}`}>{b.state}</span>}
      </div>
      {b.text !== '' &&
        (b.role === 'claude' ? (
          <Suspense fallback={<p className="text">{b.text}</p>}>
            <Markdown text={b.text} />
          </Suspense>
        ) : (
          <p className="text">{b.text}</p>
        ))}
      {b.attachments.length > 0 && (
        <ul className="files">
          {b.attachments.map((file) => (
            <li key={file.fileId}>
              {b.downloadable ? (
                <a href={`/api/files/${encodeURIComponent(file.fileId)}`} download={file.name}>
                  {file.name}
                </a>
              ) : (
                <span>📎 {file.name}</span>
              )}{' '}
              <span className="muted">({Math.ceil(file.size / 1024)} KB)</span>
            </li>
          ))}
        </ul>
      )}
      {b.reactions.length > 0 && (
        <div className="reactions">
          <span className="visually-hidden">Reactions: </span>
          {b.reactions.map((r) => r.emoji).join(' ')}
        </div>
      )}
    </li>
  );
}
