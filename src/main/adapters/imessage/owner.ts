/**
 * Who the owner is on iMessage, and what that makes a row. The owner's identities come from
 * settings and from the accounts of the owner's own iMessage rows; the self-chat is a one-to-one
 * iMessage chat addressed to one of them. SMS/RCS sender ids can be forged, so nothing from SMS or
 * RCS ever teaches an identity, makes a self-chat, or may speak as the owner.
 */
import type { InboundMessage } from '../adapter';
import { accountHandle, chatIdOf, normalizeHandle } from './handles';
import type { ChatDbRow } from './reader';

const IMESSAGE = 'iMessage';
const IMAGE = /^image\/(jpeg|png|gif|heic|heif|webp|tiff)$/;

export class OwnerIdentity {
  readonly #handles = new Set<string>();
  /** GUIDs of chats seen as the self-chat on iMessage rows: where prompts may go. */
  readonly #selfChats = new Set<string>();

  constructor(handles: readonly string[]) {
    for (const handle of handles) this.#handles.add(normalizeHandle(handle));
  }

  /** The owner's self-chat (and, once seen, a place for permission prompts). */
  isSelfChat(
    row: Pick<ChatDbRow, 'chatStyle' | 'chatIdentifier' | 'service' | 'chatGuid'>,
  ): boolean {
    const self =
      row.service === IMESSAGE &&
      row.chatStyle === 45 &&
      this.#handles.has(normalizeHandle(row.chatIdentifier));
    if (self) this.#selfChats.add(row.chatGuid);
    return self;
  }

  /** A non-iMessage row that claims to come from the owner: forged, or at least not provable. */
  claimsOwner(row: ChatDbRow): boolean {
    if (row.service === IMESSAGE) return false;
    const from = row.handle ?? (row.chatStyle === 45 ? row.chatIdentifier : '');
    return from !== '' && this.#handles.has(normalizeHandle(from));
  }

  /**
   * Learns from an iMessage row: the account of a sent row is an owner identity. Returns the
   * owner's identity when the row is in the self-chat (to be recorded as an allowed owner).
   */
  learn(row: ChatDbRow): string | undefined {
    if (row.service !== IMESSAGE) return undefined;
    const own = row.fromMe ? accountHandle(row.account) : undefined;
    if (own !== undefined) this.#handles.add(own);
    return this.isSelfChat(row) ? normalizeHandle(row.chatIdentifier) : undefined;
  }

  /** Prompts go to a self-chat seen on iMessage, or addressed as iMessage to an owner identity. */
  isPromptChat(guid: string): boolean {
    const [service, style, identifier] = guid.split(';');
    return (
      this.#selfChats.has(guid) ||
      (service === IMESSAGE &&
        style === '-' &&
        identifier !== undefined &&
        this.#handles.has(normalizeHandle(identifier)))
    );
  }

  /** A row as the gate sees it; attachments get their inbox copies later (prepare). */
  toInbound(row: ChatDbRow): InboundMessage {
    const self = this.isSelfChat(row);
    const senderId = self
      ? normalizeHandle(row.chatIdentifier)
      : normalizeHandle(row.handle ?? row.chatIdentifier);
    return {
      platform: 'imessage',
      chatId: chatIdOf(row.chatGuid),
      chatKind: row.chatStyle === 43 ? 'group' : 'dm',
      chatTitle: row.chatName || (self ? 'Me' : senderId),
      externalId: row.guid,
      senderId,
      senderName: self ? 'Me' : senderId,
      text: row.text,
      // Only the owner's self-chat may answer permission prompts.
      mayAnswerPrompts: self,
      attachments: row.attachments.map((a) => ({
        fileId: a.path,
        name: a.name,
        mime: a.mime,
        size: a.size,
        kind: IMAGE.test(a.mime) ? 'photo' : 'document',
      })),
      extraMeta: { service: row.service },
      at: row.date,
    };
  }
}
