/**
 * Every conversation on every platform — DMs, groups and their threads — newest activity first:
 * platform, title, where its messages go, the last line, and unread / queued counts. Choosing one
 * opens its history beside the list (wide) or in its place (popover).
 */
import type { UiApi } from '../../shared/ui-api';
import type { ConversationView, RouteView } from '../../shared/ui-views';
import type { WebSession } from '../../shared/webchat-api';
import { ago, conversationTitle, platformLabel } from '../format';
import type { Query } from '../hooks';
import { Conversation } from './conversation';

export const conversationHref = (c: { chatId: string; threadId: string }): string =>
  `#inbox/${encodeURIComponent(c.chatId)}/${encodeURIComponent(c.threadId)}`;

export function routeText(route: RouteView): string {
  switch (route.kind) {
    case 'session':
      return `→ ${route.session}`;
    case 'wait-bound':
      return `waiting for ${route.session}`;
    case 'wait-any':
      return 'waiting for a session';
  }
}

const KIND: Readonly<Record<ConversationView['kind'], string>> = {
  dm: 'direct',
  group: 'group',
  thread: 'thread',
};

function Row(props: { c: ConversationView; now: number; open: boolean }): React.JSX.Element {
  const { c } = props;
  const title = conversationTitle(c);
  const last = c.lastMessage;
  return (
    <li className={props.open ? 'convo open' : 'convo'}>
      <a href={conversationHref(c)} aria-current={props.open ? 'page' : undefined}>
        <span className="convo-top">
          <span className={`platform-tag ${c.platform}`}>{platformLabel(c.platform)}</span>
          <span className="convo-title">{title}</span>
          <time dateTime={new Date(c.lastMessageAt).toISOString()}>
            {ago(c.lastMessageAt, props.now)}
          </time>
        </span>
        <span className="convo-mid">
          <span className="muted">{KIND[c.kind]}</span>
          <span className={c.route.kind === 'session' ? 'route' : 'route waiting'}>
            {routeText(c.route)}
          </span>
          {c.unread > 0 && <span className="count unread">{c.unread} unread</span>}
          {c.queued > 0 && <span className="count queued">{c.queued} queued</span>}
        </span>
        {last && (
          <span className="convo-last">
            {last.role === 'claude' ? 'Claude' : last.sender}: {last.text || '(file)'}
          </span>
        )}
      </a>
    </li>
  );
}

export function Inbox(props: {
  ui: UiApi;
  conversations: Query<ConversationView[]>;
  version: number;
  now: number;
  sessions: WebSession[];
  /** The open conversation, from the address (#inbox/chat/thread). */
  open: { chatId: string; threadId: string } | null;
}): React.JSX.Element {
  const list = props.conversations;
  const conversations = list.data ?? [];
  const open = props.open;
  const current = open
    ? conversations.find((c) => c.chatId === open.chatId && c.threadId === open.threadId)
    : undefined;
  return (
    <div className={open ? 'inbox split' : 'inbox'}>
      <section className="inbox-list" aria-label="Conversations">
        <h2>Conversations</h2>
        {list.error && (
          <p className="error" role="alert">
            {list.error}
          </p>
        )}
        {list.data && conversations.length === 0 && (
          <p className="muted">
            No conversations yet. They appear here when someone writes to a bot or to the web chat.
          </p>
        )}
        <ul>
          {conversations.map((c) => (
            <Row
              key={`${c.chatId}#${c.threadId}`}
              c={c}
              now={props.now}
              open={open !== null && c.chatId === open.chatId && c.threadId === open.threadId}
            />
          ))}
        </ul>
      </section>
      {open && (
        <Conversation
          ui={props.ui}
          version={props.version}
          now={props.now}
          chatId={open.chatId}
          threadId={open.threadId}
          conversation={current}
          sessions={props.sessions}
          onChanged={list.reload}
        />
      )}
    </div>
  );
}
