/**
 * How `fetch_messages` shows a conversation to a session: one line per message, oldest first, with
 * `(you)` only on what this session itself sent — never on another session's replies, which a
 * session could otherwise take for its own words — and Switchboard's notices named as such.
 */
import type { StoredMessage } from '../store/messages';

export function formatHistory(messages: readonly StoredMessage[], session: string): string {
  return messages.length === 0
    ? '(no messages)'
    : messages.map((m) => formatLine(m, session)).join('\n');
}

function author(message: StoredMessage, session: string): string {
  if (message.direction === 'in') return message.senderName;
  if (message.senderId === 'claude')
    return message.session === session ? `${session} (you)` : 'Claude (another session)';
  return 'Switchboard';
}

function formatLine(message: StoredMessage, session: string): string {
  const files =
    message.attachments.length > 0 ? ` [${message.attachments.length} attachment(s)]` : '';
  const thread = message.threadId === '' ? '' : ` (thread ${message.threadId})`;
  const text = message.text.replace(/\n/g, ' ⏎ ');
  return `[${message.externalId}] ${new Date(message.createdAt).toISOString()}${thread} ${author(message, session)}: ${text}${files}`;
}
