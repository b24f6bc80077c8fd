/**
 * Runs the in-chat commands and words their answers. What a sender learns depends on their role:
 * session names (which often name private projects) and rebinding a chat are for owners; members
 * learn only whether Claude is connected.
 */
import type { SessionRegistry } from '../sessions/session-registry';
import type { ChatStore } from '../store/chats';
import type { SenderRole } from '../store/senders';
import { COMMANDS, isOwnerOnly, type ChatCommand } from './commands';
import type { Router } from './router';

export type CommandContext = {
  chatId: string;
  threadId: string;
  role: SenderRole;
  sessions: SessionRegistry;
  chats: ChatStore;
  router: Router;
  /** Binds this chat (thread) to a session name, or null to follow the most recent session. */
  rebind: (session: string | null) => void;
  /** Audits a refused command. */
  refused: (command: ChatCommand) => void;
};

/** Carries out a command and returns the answer to show in the chat. */
export function runChatCommand(command: ChatCommand, ctx: CommandContext): string {
  if (isOwnerOnly(command) && ctx.role !== 'owner') {
    ctx.refused(command);
    return 'Only an owner can do that here.';
  }
  switch (command.name) {
    case 'sessions':
      return ctx.role === 'owner' ? listSessions(ctx) : memberStatus(ctx);
    case 'use':
      return useSession(command.session, ctx);
    case 'help':
      return helpText(ctx.role);
    case 'status':
      return ctx.role === 'owner' ? ownerStatus(ctx) : memberStatus(ctx);
  }
}

function currentTarget(ctx: CommandContext): string | null {
  const route = ctx.router.route(ctx.chatId, ctx.threadId);
  return route.kind === 'session'
    ? route.session.name
    : route.kind === 'wait-bound'
      ? route.name
      : null;
}

function listSessions(ctx: CommandContext): string {
  const attached = ctx.sessions.list();
  const bound = ctx.chats.get(ctx.chatId, ctx.threadId)?.boundSession ?? null;
  const current = currentTarget(ctx);
  return [
    attached.length === 0 ? 'No Claude Code session is attached.' : 'Attached sessions:',
    ...attached.map((s) => `• ${s.name}${s.name === current ? '  ← this chat' : ''}`),
    bound === null
      ? 'This chat follows the most recently attached session. Use /use NAME to pin it.'
      : `This chat is bound to "${bound}". /use auto follows the most recent session again.`,
  ].join('\n');
}

function useSession(session: string | null, ctx: CommandContext): string {
  ctx.rebind(session);
  if (session === null) return 'This chat now follows the most recently attached session.';
  const attachedNow = ctx.sessions.byName(session) !== undefined;
  return `This chat now goes to session "${session}".${attachedNow ? '' : ' It is not attached right now; messages wait until it connects.'}`;
}

function ownerStatus(ctx: CommandContext): string {
  const route = ctx.router.route(ctx.chatId, ctx.threadId);
  const target =
    route.kind === 'session'
      ? `"${route.session.name}"`
      : route.kind === 'wait-bound'
        ? `"${route.name}" (not attached; messages wait)`
        : 'no session yet (messages wait)';
  return `Switchboard is running. ${ctx.sessions.list().length} session(s) attached. This chat goes to ${target}.`;
}

/** What a member may know: whether their messages reach Claude now, never which project. */
function memberStatus(ctx: CommandContext): string {
  const route = ctx.router.route(ctx.chatId, ctx.threadId);
  return route.kind === 'session'
    ? 'Switchboard is running, and Claude is connected to this chat.'
    : 'Switchboard is running. Claude is not connected to this chat right now; your messages wait and are delivered when it connects.';
}

function helpText(role: SenderRole): string {
  const lines = Object.values(COMMANDS)
    .filter((spec) => spec.help !== undefined && (role === 'owner' || !spec.ownerOnly))
    .map((spec) => spec.help ?? '');
  return [
    'You are connected to Claude through Switchboard. Just write; Claude answers here.',
    ...lines,
  ].join('\n');
}
