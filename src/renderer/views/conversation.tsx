/**
 * One conversation's history as Switchboard stored it: each message with its sender's role and its
 * state (queued with no session, delivered to a session, answered), older pages on request, and
 * the session the conversation is bound to. Opening it marks it read. Replying happens in the
 * platform's own app; the web chat is the place to talk here.
 */
import { useEffect, useState } from 'react';
import type { UiApi } from '../../shared/ui-api';
import type { ConversationView, HistoryMessage } from '../../shared/ui-views';
import type { WebSession } from '../../shared/webchat-api';
import { conversationTitle, platformLabel } from '../format';
import { useAction, useQuery } from '../hooks';
import { routeText } from './inbox';
import { MessageItem, type Bubble } from './message-item';

function stateText(m: HistoryMessage): string | null {
  if (m.direction === 'out') return null;
  switch (m.state) {
    case 'received':
      return 'queued';
    case 'delivered':
      return m.session ? `delivered to ${m.session}` : 'delivered';
    case 'answered':
      return m.session ? `answered by ${m.session}` : 'answered';
    case 'sent':
      return null;
  }
}

export function historyBubble(m: HistoryMessage, platform: string): Bubble {
  return {
    id: String(m.id),
    mine: m.direction === 'in',
    sender: m.role === 'you' ? 'You' : m.sender,
    role: m.role,
    session: m.session,
    text: m.text,
    ts: m.ts,
    state: stateText(m),
    stateKind: m.state,
    editedAt: m.editedAt,
    attachments: m.attachments,
    downloadable: platform === 'web',
    reactions: m.reactions,
  };
}

function BindingPicker(props: {
  c: ConversationView;
  sessions: WebSession[];
  ui: UiApi;
  onChanged: () => void;
}): React.JSX.Element {
  const [error, act] = useAction();
  const { c } = props;
  const names = new Set([
    ...props.sessions.map((s) => s.name),
    ...(c.boundSession ? [c.boundSession] : []),
  ]);
  const title = conversationTitle(c);
  return (
    <div className="binding">
      <label>
        Session{' '}
        <select
          aria-label={`Session for ${title}`}
          value={c.boundSession ?? ''}
          onChange={(e) =>
            act(() =>
              props.ui
                .bindChat(c.chatId, c.threadId, e.target.value === '' ? null : e.target.value)
                .then(props.onChanged),
            )
          }
        >
          <option value="">Most recent session</option>
          {[...names].map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <span className={c.route.kind === 'session' ? 'route' : 'route waiting'}>
        {routeText(c.route)}
      </span>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function Conversation(props: {
  ui: UiApi;
  version: number;
  now: number;
  chatId: string;
  threadId: string;
  conversation: ConversationView | undefined;
  sessions: WebSession[];
  onChanged: () => void;
}): React.JSX.Element {
  const { ui, chatId, threadId } = props;
  const key = `${chatId}#${threadId}`;
  const page = useQuery(() => ui.getHistory(chatId, threadId, null), props.version, key);
  const [older, setOlder] = useState<{
    key: string;
    messages: HistoryMessage[];
    hasMore: boolean;
  }>();
  const [error, act] = useAction();
  const earlier = older?.key === key ? older : undefined;
  const messages = [...(earlier?.messages ?? []), ...(page.data?.messages ?? [])];
  const hasMore = earlier ? earlier.hasMore : (page.data?.hasMore ?? false);
  const lastId = page.data?.messages.at(-1)?.id;
  const c = props.conversation;
  const platform = c?.platform ?? chatId.split(':')[0] ?? '';

  useEffect(() => {
    if (lastId !== undefined)
      void ui.markRead(chatId, threadId, lastId).then(props.onChanged, () => undefined);
    // Only when a newer message arrives (onChanged is a fresh function every render).
  }, [ui, chatId, threadId, lastId]);

  const loadEarlier = (): void => {
    const first = messages[0];
    if (!first) return;
    act(() =>
      ui.getHistory(chatId, threadId, first.id).then((p) =>
        setOlder({
          key,
          messages: [...p.messages, ...(earlier?.messages ?? [])],
          hasMore: p.hasMore,
        }),
      ),
    );
  };

  const title = c ? conversationTitle(c) : chatId;
  return (
    <section className="conversation" aria-labelledby="conversation-title">
      <div className="conversation-head">
        <a href="#inbox" className="back">
          ‹ Conversations
        </a>
        <h2 id="conversation-title">{title}</h2>
        <span className="muted">
          {platformLabel(platform)} · {c?.kind ?? ''} · {chatId}
          {threadId ? ` · thread ${threadId}` : ''}
        </span>
        {c && <BindingPicker c={c} sessions={props.sessions} ui={ui} onChanged={props.onChanged} />}
      </div>
      {(page.error ?? error) && (
        <p className="error" role="alert">
          {page.error ?? error}
        </p>
      )}
      {hasMore && (
        <button type="button" className="link" onClick={loadEarlier}>
          Load earlier messages
        </button>
      )}
      <ol className="history" aria-label={`Messages in ${title}`}>
        {page.data && messages.length === 0 && <li className="empty muted">No messages stored.</li>}
        {messages.map((m) => (
          <MessageItem key={m.id} bubble={historyBubble(m, platform)} now={props.now} />
        ))}
      </ol>
      {platform !== 'web' && (
        <p className="muted hint">
          Replies come from Claude in {platformLabel(platform)}; to talk to Claude yourself, use the
          Chat tab.
        </p>
      )}
    </section>
  );
}
