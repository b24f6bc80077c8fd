/**
 * Everything an adapter's message goes through, in order: the gate (drop, pair, or accept), the
 * hub's own in-chat commands and typed permission answers, then the durable inbox — and a one-time
 * "queued" notice when no session can take the chat right now.
 */
import { parseTypedVerdict } from '../../shared/channel';
import type { InboundMessage } from '../adapters/adapter';
import type { Gate } from '../gate/gate';
import type { PairingService } from '../gate/pairing';
import type { Inbox } from '../inbox/inbox';
import { IntakeTurns } from '../inbox/intake-turns';
import type { Logger } from '../log';
import type { PermissionBroker } from '../permissions/broker';
import { parseChatCommand } from '../router/commands';
import { runChatCommand } from '../router/command-runner';
import { parseProjectCommand, projectHelpLines } from '../router/project-commands';
import type { Router } from '../router/router';
import type { AuditLog } from '../store/audit';
import type { ChatStore } from '../store/chats';
import type { StoredMessage } from '../store/messages';
import type { HubEvents } from '../events/hub-events';
import type { SessionRegistry } from '../sessions/session-registry';
import type { LauncherSupervisor } from '../launcher/supervisor';
import type { ProjectCommands } from './project-commands';

export type InboundOutcome =
  | { kind: 'stored'; message: StoredMessage }
  | { kind: 'duplicate' }
  | { kind: 'dropped'; reason: string }
  | { kind: 'pairing'; replied: boolean }
  | { kind: 'command' }
  | { kind: 'verdict' };

export type InboundDeps = {
  gate: Gate;
  pairing: PairingService;
  inbox: Inbox;
  router: Router;
  sessions: SessionRegistry;
  broker: PermissionBroker;
  chats: ChatStore;
  audit: AuditLog;
  events: HubEvents;
  log: Logger;
  /** Remembers an allowed sender's DM chat (allowlisted from the CLI before they ever wrote). */
  noteDmChat: (platform: InboundMessage['platform'], senderId: string, chatId: string) => void;
  /** The adapter's `prepare` step (downloads), run only for accepted messages. */
  prepare: (message: InboundMessage) => Promise<InboundMessage>;
  /** Sends hub-originated text to a chat (stored when the chat is an accepted one). */
  notify: (
    chat: { platform: InboundMessage['platform']; chatId: string; threadId: string },
    text: string,
    store: boolean,
  ) => void;
  /** Project commands (/projects, /new, /stop…) and waking projects; absent without a launcher. */
  projects?: { commands: ProjectCommands; supervisor: LauncherSupervisor };
};

export function pairingText(code: string): string {
  return [
    'Hi! This bot passes messages to Claude, and the owner has not approved you yet.',
    `Your pairing code: ${code}`,
    'Ask the owner to approve it in Switchboard (menu bar, dashboard or `switchboard pair approve CODE`). The code expires in one hour.',
  ].join('\n');
}

export const QUEUE_FULL_TEXT =
  'Hi! This bot passes messages to Claude. Too many people are waiting for the owner’s approval right now, so no code could be given. Please try again later.';

export class InboundPipeline {
  readonly #deps: InboundDeps;
  /** Chats already told that their messages wait, until one of them is delivered. */
  readonly #toldQueued = new Set<string>();
  /** One message per event-loop turn, so acknowledgements are never held behind a batch. */
  readonly #turns = new IntakeTurns();

  constructor(deps: InboundDeps) {
    this.#deps = deps;
    deps.events.on('message', (message) => {
      if (message.direction === 'in' && message.state === 'delivered')
        this.#toldQueued.delete(chatKey(message));
    });
  }

  async receive(incoming: InboundMessage): Promise<InboundOutcome> {
    await this.#turns.next();
    let message = incoming;
    const { gate, pairing, audit, log } = this.#deps;
    const decision = gate.check(message);
    const actor = `${message.platform}:${message.senderId}`;
    const threadId = message.threadId ?? '';
    if (decision.action === 'drop') {
      audit.write({
        kind: 'gate.dropped',
        actor,
        subject: message.chatId,
        detail: { reason: decision.reason },
      });
      log.debug(`dropped ${message.platform} message from ${message.senderId}: ${decision.reason}`);
      return { kind: 'dropped', reason: decision.reason };
    }
    if (decision.action === 'pair') {
      const outcome = pairing.request({
        platform: message.platform,
        senderId: message.senderId,
        displayName: message.senderName,
        chatId: message.chatId,
        text: message.text,
      });
      const chat = { platform: message.platform, chatId: message.chatId, threadId };
      if (outcome.reply) {
        this.#deps.notify(chat, pairingText(outcome.code), false);
        if (outcome.fresh) this.#deps.events.emit('pairings');
      } else if (outcome.reason === 'too-many-pending' && outcome.tellLater) {
        // Told once, so a full queue is not a silent wall, and the bot cannot be made to spam.
        this.#deps.notify(chat, QUEUE_FULL_TEXT, false);
        this.#deps.events.emit('pairings');
      }
      return { kind: 'pairing', replied: outcome.reply };
    }

    const command = parseChatCommand(message.text, message.botUsername);
    if (command) {
      this.#deps.chats.touch(
        {
          chatId: message.chatId,
          threadId,
          platform: message.platform,
          kind: message.chatKind,
          title: message.chatTitle ?? '',
          groupId: message.groupId ?? null,
        },
        message.at,
      );
      audit.write({ kind: `command.${command.name}`, actor, subject: message.chatId });
      const answer = runChatCommand(command, {
        chatId: message.chatId,
        threadId,
        role: decision.role,
        sessions: this.#deps.sessions,
        chats: this.#deps.chats,
        router: this.#deps.router,
        rebind: (session) => {
          audit.write({
            kind: 'binding.changed',
            actor,
            subject: message.chatId,
            detail: { threadId, session, via: 'chat' },
          });
          this.#deps.chats.bind(message.chatId, threadId, session);
          this.#deps.inbox.dispatchWaiting();
        },
        refused: (refusedCommand) =>
          audit.write({
            kind: 'command.refused',
            actor,
            subject: message.chatId,
            detail: { command: refusedCommand.name, reason: 'not-owner' },
          }),
      });
      // With a launcher, /help names the project commands too (members: /projects only).
      const help =
        command.name === 'help' && this.#deps.projects
          ? projectHelpLines(decision.role === 'owner' && message.mayAnswerPrompts !== false)
          : [];
      this.#deps.notify(
        { platform: message.platform, chatId: message.chatId, threadId },
        [answer, ...help].join('\n'),
        true,
      );
      return { kind: 'command' };
    }

    const projectCommand =
      this.#deps.projects && parseProjectCommand(message.text, message.botUsername);
    let quiet = false;
    if (projectCommand && this.#deps.projects) {
      this.#touch(message);
      audit.write({ kind: `command.${projectCommand.name}`, actor, subject: message.chatId });
      const role = decision.role === 'owner' ? 'owner' : 'member';
      const outcome = await this.#deps.projects.commands.run(projectCommand, message, role, actor);
      if (outcome.forward === undefined) return { kind: 'command' };
      // `/new PROJECT message`: the message goes on as an ordinary one, to the project just bound.
      message = { ...message, text: outcome.forward };
      quiet = true;
    }

    const verdict = parseTypedVerdict(message.text);
    if (verdict && this.#deps.broker.knows(verdict.request_id)) {
      if (decision.role !== 'owner' || message.mayAnswerPrompts === false) {
        audit.write({ kind: 'permission.ignored-non-owner', actor, subject: verdict.request_id });
        this.#deps.notify(
          { platform: message.platform, chatId: message.chatId, threadId },
          'Only an owner can answer permission prompts.',
          true,
        );
        return { kind: 'verdict' };
      }
      const outcome = this.#deps.broker.decide({
        requestId: verdict.request_id,
        behavior: verdict.behavior,
        by: `${message.senderName} (${actor})`,
        via: message.platform,
      });
      const text = outcome.ok
        ? `${verdict.behavior === 'allow' ? '✅ Allowed' : '❌ Denied'} ${outcome.request.tool_name} for ${outcome.request.sessionName}.`
        : `Not applied: ${outcome.message}.`;
      this.#deps.notify(
        { platform: message.platform, chatId: message.chatId, threadId },
        text,
        true,
      );
      return { kind: 'verdict' };
    }

    // Only now, past the gate, may the adapter fetch what the message points to (photos).
    message = await this.#deps.prepare(message);
    if (message.chatKind === 'dm')
      this.#deps.noteDmChat(message.platform, message.senderId, message.chatId);
    const stored = this.#deps.inbox.accept(message);
    if (!stored) return { kind: 'duplicate' };
    if (!quiet) this.#tellIfQueued(stored);
    return { kind: 'stored', message: stored };
  }

  #touch(message: InboundMessage): void {
    this.#deps.chats.touch(
      {
        chatId: message.chatId,
        threadId: message.threadId ?? '',
        platform: message.platform,
        kind: message.chatKind,
        title: message.chatTitle ?? '',
        groupId: message.groupId ?? null,
      },
      message.at,
    );
  }

  /**
   * Messages waiting again after their session ended abnormally: the sender of each chat that no
   * session takes now is told once, as for queued messages.
   */
  tellWaiting(messages: readonly StoredMessage[]): void {
    const chats = new Map<string, StoredMessage>();
    for (const message of messages)
      if (!chats.has(chatKey(message))) chats.set(chatKey(message), message);
    for (const message of chats.values()) {
      if (message.platform === 'web' || this.#toldQueued.has(chatKey(message))) continue;
      const route = this.#deps.router.route(message.chatId, message.threadId);
      if (route.kind === 'session') continue;
      this.#toldQueued.add(chatKey(message));
      this.#deps.notify(
        message,
        '⏳ The Claude Code session that had your latest messages ended before answering them. They are saved and will be delivered again, in order, when a session connects.',
        true,
      );
    }
  }

  #tellIfQueued(message: StoredMessage): void {
    if (message.state !== 'received') return;
    const route = this.#deps.router.route(message.chatId, message.threadId);
    // A project that wakes on messages is started; the chat is told that instead.
    if (route.kind === 'wait-bound' && this.#deps.projects?.supervisor.wake(route.name, message))
      return;
    if (message.platform === 'web') return;
    if (route.kind === 'session' || this.#toldQueued.has(chatKey(message))) return;
    this.#toldQueued.add(chatKey(message));
    const who =
      route.kind === 'wait-bound' ? `session "${route.name}" is` : 'no Claude Code session is';
    this.#deps.notify(
      message,
      `⏳ Saved: ${who} connected right now. Your messages will be delivered, in order, when it connects.`,
      true,
    );
  }
}

function chatKey(chat: { chatId: string; threadId: string }): string {
  return `${chat.chatId}\u0000${chat.threadId}`;
}
