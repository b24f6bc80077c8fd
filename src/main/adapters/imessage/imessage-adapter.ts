/**
 * iMessage on macOS: reads `chat.db` read-only from a persisted ROWID cursor, reacting to changes
 * of `chat.db-wal` within milliseconds (a slow poll is the safety net), so messages that arrived
 * while Switchboard was closed are delivered too (within a look-back); sends with `osascript`.
 */
import { watch, type FSWatcher } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname } from 'node:path';
import { chunkText } from '../../../shared/chunk';
import type { KeyValueStore } from '../../store/kv';
import type { Settings } from '../../settings/settings';
import {
  UnsupportedError,
  type AdapterHost,
  type AdapterStatus,
  type ChannelAdapter,
  type InboundMessage,
} from '../adapter';
import { outcomeText, promptText } from '../prompt-text';
import { EchoGuard } from './echo-guard';
import { accountHandle, chatIdOf, guidOf, normalizeHandle } from './handles';
import { ChatDbError, ChatDbReader, type ChatDbRow } from './reader';
import { AppleScriptError, createSender } from './sender';

export const DEFAULT_CHAT_DB = `${homedir()}/Library/Messages/chat.db`;
const CURSOR_KEY = 'imessage.cursor';
const IMESSAGE = 'iMessage';
const IMAGE = /^image\/(jpeg|png|gif|heic|heif|webp|tiff)$/;

export type ImessageOptions = {
  dbPath: string;
  osascript: string;
  kv: KeyValueStore;
  settings: () => Settings['imessage'];
  /** Safety-net poll; change events normally arrive first. */
  pollMs?: number;
  /** Debounce for bursts of WAL writes. */
  debounceMs?: number;
};

export function createImessageAdapter(options: ImessageOptions): ChannelAdapter {
  const status: AdapterStatus = {
    platform: 'imessage',
    state: 'stopped',
    detail: 'not started',
    lastEventAt: null,
  };
  const sender = createSender(options.osascript);
  const echoes = new EchoGuard();
  const selfHandles = new Set<string>();
  /** GUIDs of chats seen as the self-chat on iMessage rows. */
  const selfChats = new Set<string>();
  let host: AdapterHost | undefined;
  let reader: ChatDbReader | undefined;
  let watcher: FSWatcher | undefined;
  let timers: NodeJS.Timeout[] = [];
  let debounce: NodeJS.Timeout | undefined;
  let scanning: Promise<void> = Promise.resolve();
  let stopped = false;
  /** The last ROWID the hub has; persisted after each batch (kept in memory if that fails). */
  let cursor = 0;

  const setStatus = (state: AdapterStatus['state'], detail: string): void => {
    const changed = status.state !== state || status.detail !== detail;
    status.state = state;
    status.detail = detail;
    if (changed) {
      host?.log(`imessage: ${state}${detail ? ` — ${detail}` : ''}`);
      host?.statusChanged();
    }
  };

  /**
   * The owner's self-chat: one-to-one, addressed to one of the owner's identities, and iMessage.
   * SMS/RCS sender ids can be forged, so an SMS thread under the owner's number never counts.
   * A chat found to be the self-chat is remembered as a place for permission prompts.
   */
  function isSelfChat(
    row: Pick<ChatDbRow, 'chatStyle' | 'chatIdentifier' | 'service' | 'chatGuid'>,
  ): boolean {
    const self =
      row.service === IMESSAGE &&
      row.chatStyle === 45 &&
      selfHandles.has(normalizeHandle(row.chatIdentifier));
    if (self) selfChats.add(row.chatGuid);
    return self;
  }

  /** A non-iMessage row that claims to come from the owner: forged, or at least not provable. */
  function claimsOwner(row: ChatDbRow): boolean {
    if (row.service === IMESSAGE) return false;
    const from = row.handle ?? (row.chatStyle === 45 ? row.chatIdentifier : '');
    return from !== '' && selfHandles.has(normalizeHandle(from));
  }

  function toInbound(row: ChatDbRow): InboundMessage {
    const self = isSelfChat(row);
    const senderId = self
      ? normalizeHandle(row.chatIdentifier)
      : normalizeHandle(row.handle ?? row.chatIdentifier);
    const expand = (path: string): string => path.replace(/^~(?=\/)/, homedir());
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
        path: expand(a.path),
        kind: IMAGE.test(a.mime) ? 'photo' : 'document',
      })),
      extraMeta: { service: row.service },
      at: row.date,
    };
  }

  async function handle(row: ChatDbRow): Promise<void> {
    if (row.skip || row.fromMe) return;
    if ((row.service === 'SMS' || row.service === 'RCS') && !options.settings().allowSms) return;
    if (claimsOwner(row)) {
      host?.log(
        `imessage: ignored a ${row.service || 'non-iMessage'} message that claims to come from your own number (SMS can be forged)`,
      );
      return;
    }
    if (echoes.isEcho(row.chatGuid, row.text)) return;
    status.lastEventAt = Date.now();
    await host?.receive(toInbound(row));
  }

  /**
   * Reads everything after the cursor, in order, one scan at a time. The cursor moves past a row
   * only once the hub has it; a row that fails stops the scan there, and the next scan (a change
   * of chat.db or the safety poll) starts again from it.
   */
  function scan(): Promise<void> {
    scanning = scanning.then(readNewRows).catch((error: unknown) => {
      host?.log(`imessage: reading chat.db failed: ${String(error)}; retrying on the next change`);
    });
    return scanning;
  }

  async function readNewRows(): Promise<void> {
    const oldest = Date.now() - options.settings().lookBackMinutes * 60_000;
    // `stopped` changes while rows are handed over; read it through a call each time.
    while (isRunning() && reader) {
      const rows = reader.rowsAfter(cursor);
      if (rows.length === 0) return;
      let failed = false;
      for (const row of rows) {
        try {
          learnOwner(row);
          if (row.date >= oldest) await handle(row);
        } catch (error) {
          if (isRunning())
            setStatus('error', `row ${row.rowId} could not be stored (${String(error)}); retrying`);
          failed = true;
          break;
        }
        cursor = row.rowId;
      }
      saveCursor();
      if (failed) return;
      if (status.state === 'error' && status.detail.startsWith('row '))
        setStatus('connected', `reading ${options.dbPath}`);
    }
  }

  function isRunning(): boolean {
    return !stopped;
  }

  function saveCursor(): void {
    try {
      options.kv.set(CURSOR_KEY, String(cursor));
    } catch (error) {
      // The rows are stored; a stale cursor only re-reads them after a restart (duplicates dropped).
      host?.log(`imessage: could not save the cursor: ${String(error)}`);
    }
  }

  /** Sent rows say which account is the owner's (email or phone): that identity's chat is the self-chat. */
  function learnOwner(row: ChatDbRow): void {
    // Only iMessage teaches who the owner is; nothing from SMS/RCS does (it can be forged).
    if (row.service !== IMESSAGE) return;
    const own = row.fromMe ? accountHandle(row.account) : undefined;
    if (own !== undefined && !selfHandles.has(own)) selfHandles.add(own);
    if (isSelfChat(row))
      host?.claimOwner(
        'imessage',
        normalizeHandle(row.chatIdentifier),
        chatIdOf(row.chatGuid),
        'Me',
      );
  }

  /** Prompts go to a self-chat seen on iMessage, or addressed as iMessage to an owner identity. */
  function isPromptChat(guid: string): boolean {
    const [service, style, identifier] = guid.split(';');
    return (
      selfChats.has(guid) ||
      (service === IMESSAGE &&
        style === '-' &&
        identifier !== undefined &&
        selfHandles.has(normalizeHandle(identifier)))
    );
  }

  function schedule(): void {
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(() => void scan(), options.debounceMs ?? 5);
  }

  function open(): boolean {
    try {
      reader = new ChatDbReader(options.dbPath);
    } catch (error) {
      setStatus('error', error instanceof ChatDbError ? error.message : String(error));
      return false;
    }
    // First run: start at the newest row, so history is not replayed to Claude.
    const saved = options.kv.get(CURSOR_KEY);
    cursor = saved === undefined ? reader.maxRowId() : Number(saved);
    if (saved === undefined) saveCursor();
    watcher = watch(dirname(options.dbPath), (_event, file) => {
      const name = file?.toString() ?? '';
      if (name === `${basename(options.dbPath)}-wal` || name === basename(options.dbPath))
        schedule();
    });
    watcher.on('error', () => undefined);
    setStatus('connected', `reading ${options.dbPath}`);
    void scan();
    return true;
  }

  return {
    platform: 'imessage',
    start(_signal, adapterHost) {
      host = adapterHost;
      stopped = false;
      for (const handleText of options.settings().selfHandles)
        selfHandles.add(normalizeHandle(handleText));
      setStatus('starting', 'opening the Messages database');
      // Full Disk Access may be granted later: keep trying quietly.
      if (!open()) {
        timers.push(
          setInterval(() => {
            if (!reader && !stopped) open();
          }, 30_000),
        );
      }
      timers.push(setInterval(() => void scan(), options.pollMs ?? 5_000));
      for (const timer of timers) timer.unref();
      return Promise.resolve();
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      timers = [];
      if (debounce) clearTimeout(debounce);
      watcher?.close();
      await scanning;
      reader?.close();
      reader = undefined;
      setStatus('stopped', '');
    },
    status: () => ({ ...status }),
    async send(request) {
      const guid = guidOf(request.chatId);
      const signature = options.settings().signature;
      const text =
        signature && request.text.trim() !== '' ? `${request.text}\n${signature}` : request.text;
      const ids: string[] = [];
      try {
        for (const chunk of text.trim() === '' ? [] : chunkText(text, { limit: 4000 })) {
          echoes.remember(guid, chunk);
          await sender.sendText(guid, chunk);
          ids.push(`sent-${Date.now().toString(36)}-${ids.length}`);
        }
        for (const file of request.files) {
          await sender.sendFile(guid, file.path);
          ids.push(`sent-${Date.now().toString(36)}-${ids.length}`);
        }
      } catch (error) {
        // Automation permission is a state of the platform, not just of this send.
        if (error instanceof AppleScriptError && error.code === -1743)
          setStatus('error', error.message);
        throw error;
      }
      return { externalIds: ids, attachments: [] };
    },
    edit: () =>
      Promise.reject(
        new UnsupportedError(
          'iMessage messages cannot be edited by Switchboard; send a new reply instead',
        ),
      ),
    react: () =>
      Promise.reject(new UnsupportedError('Switchboard cannot add tapbacks to iMessage messages')),
    // Attachments are files Messages already saved on this Mac.
    fetchAttachments: (_chatId, attachments) =>
      Promise.resolve(attachments.flatMap((a) => (a.path ? [a.path] : []))),
    async sendPrompt(chatId, _threadId, view) {
      const guid = guidOf(chatId);
      // Prompts go to the owner's self-chat only — never to a contact (an incident of the official plugin).
      if (!isPromptChat(guid))
        throw new UnsupportedError('iMessage prompts go to your self-chat only');
      const text = promptText(view);
      echoes.remember(guid, text);
      await sender.sendText(guid, text);
      return `prompt-${view.requestId}`;
    },
    async settlePrompt(chatId, _handle, view, outcome) {
      const guid = guidOf(chatId);
      const text = outcomeText(view, outcome);
      echoes.remember(guid, text);
      await sender.sendText(guid, text);
    },
  };
}
