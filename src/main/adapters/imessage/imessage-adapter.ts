/**
 * iMessage on macOS: reads `chat.db` read-only from a persisted ROWID cursor, reacting to changes
 * of `chat.db-wal` within milliseconds (a slow poll is the safety net), so messages that arrived
 * while Switchboard was closed are delivered too (within a look-back); sends with `osascript`.
 */
import { watch, type FSWatcher } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname } from 'node:path';
import type { KeyValueStore } from '../../store/kv';
import type { Settings } from '../../settings/settings';
import {
  UnsupportedError,
  type AdapterHost,
  type AdapterStatus,
  type ChannelAdapter,
} from '../adapter';
import { localCopyOrMark, unavailableMeta } from '../attachments';
import { outcomeText, promptText } from '../prompt-text';
import { EchoGuard } from './echo-guard';
import { createImessageFiles } from './files';
import { chatIdOf, guidOf } from './handles';
import { OwnerIdentity } from './owner';
import { ChatDbError, ChatDbReader, type ChatDbRow } from './reader';
import { sendReply } from './outbound';
import { AppleScriptError, createSender } from './sender';

export const DEFAULT_CHAT_DB = `${homedir()}/Library/Messages/chat.db`;
const CURSOR_KEY = 'imessage.cursor';
/** Files up to this size are copied into the inbox as they arrive; larger ones on request. */
const AUTO_COPY_BYTES = 25 * 1024 * 1024;

export type ImessageOptions = {
  dbPath: string;
  osascript: string;
  /** The hub's inbox, where received files are copied for Claude. */
  inbox: string;
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
  const files = createImessageFiles({ messagesDir: dirname(options.dbPath), inbox: options.inbox });
  const echoes = new EchoGuard();
  let owner = new OwnerIdentity(options.settings().selfHandles);
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

  async function handle(row: ChatDbRow): Promise<void> {
    if (row.skip || row.fromMe) return;
    if ((row.service === 'SMS' || row.service === 'RCS') && !options.settings().allowSms) return;
    if (owner.claimsOwner(row)) {
      host?.log(
        `imessage: ignored a ${row.service || 'non-iMessage'} message that claims to come from your own number (SMS can be forged)`,
      );
      return;
    }
    if (echoes.isEcho(row.chatGuid, row.text)) return;
    status.lastEventAt = Date.now();
    await host?.receive(owner.toInbound(row));
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

  /** Sent rows say which account is the owner's; a self-chat row records the owner. */
  function learnOwner(row: ChatDbRow): void {
    const self = owner.learn(row);
    if (self !== undefined) host?.claimOwner('imessage', self, chatIdOf(row.chatGuid), 'Me');
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
      owner = new OwnerIdentity(options.settings().selfHandles);
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
      const signature = options.settings().signature;
      try {
        return await sendReply(
          { sender, files, echoes, ...(signature ? { signature } : {}) },
          request,
        );
      } catch (error) {
        // Automation permission is a state of the platform, not just of this send.
        if (error instanceof AppleScriptError && error.code === -1743)
          setStatus('error', error.message);
        throw error;
      }
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
    // Messages' own copies need Full Disk Access; Claude gets copies in the inbox.
    fetchAttachments: (_chatId, attachments) =>
      Promise.all(
        attachments.map((a) =>
          a.path === undefined ? files.copyIn(a.fileId, a.name) : Promise.resolve(a.path),
        ),
      ),
    async prepare(message) {
      const attachments = await Promise.all(
        message.attachments.map((a) =>
          a.size <= AUTO_COPY_BYTES
            ? localCopyOrMark(a, (x) => files.copyIn(x.fileId, x.name))
            : Promise.resolve(a),
        ),
      );
      const marked = unavailableMeta(attachments);
      return { ...message, attachments, extraMeta: { ...message.extraMeta, ...marked } };
    },
    async sendPrompt(chatId, _threadId, view) {
      const guid = guidOf(chatId);
      // Prompts go to the owner's self-chat only — never to a contact (an incident of the official plugin).
      if (!owner.isPromptChat(guid))
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
