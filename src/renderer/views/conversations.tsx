import type { WebChat, WebSession } from '../../shared/webchat-api';

/** The platforms' chats and the session each one goes to; the picker rebinds. */
export function Conversations(props: {
  chats: WebChat[];
  sessions: WebSession[];
  onBind: (chat: WebChat, session: string | null) => void;
}): React.JSX.Element | null {
  if (props.chats.length === 0) return null;
  return (
    <section className="conversations" aria-label="Conversations">
      <h2>Conversations</h2>
      <ul>
        {props.chats.map((chat) => {
          const label = `${chat.title || chat.chatId}${chat.threadId ? ` · thread ${chat.threadId}` : ''}`;
          const names = new Set([
            ...props.sessions.map((s) => s.name),
            ...(chat.boundSession ? [chat.boundSession] : []),
          ]);
          return (
            <li key={`${chat.chatId}#${chat.threadId}`} className="row">
              <span>
                {label}{' '}
                <span className="muted">
                  {chat.platform} {chat.kind}
                </span>
              </span>
              <select
                aria-label={`Session for ${label}`}
                value={chat.boundSession ?? ''}
                onChange={(e) => props.onBind(chat, e.target.value === '' ? null : e.target.value)}
              >
                <option value="">Most recent session</option>
                {[...names].map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
