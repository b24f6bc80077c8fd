/**
 * Control operations about people and chats: pairing codes, the allowlist and chat bindings.
 * Separate from control.ts to keep each file about one thing; both parse every argument.
 */
import { z } from 'zod';
import type { ControlOutcome } from '../../shared/bridge-protocol';
import type { Pairing } from '../store/pairings';
import type { Sender } from '../store/senders';
import type { HubCore } from './core';

const codeArgs = z.object({ code: z.string().min(1).max(32) });
const approveArgs = codeArgs.extend({ owner: z.boolean().optional() });
const senderArgs = z.object({ platform: z.string().max(16), sender: z.string().min(1).max(128) });
const roleArgs = senderArgs.extend({ role: z.enum(['owner', 'member']) });
const bindArgs = z.object({
  chat: z.string().min(1).max(512),
  thread: z.string().max(128).default(''),
  session: z.string().min(1).max(64).nullable(),
});

const BY = 'local owner (cli)';

export function pairingJson(p: Pairing, becomesOwner?: boolean): Record<string, unknown> {
  return {
    ...(becomesOwner === undefined ? {} : { becomes_owner: becomesOwner }),
    code: p.code,
    platform: p.platform,
    sender: p.senderId,
    name: p.displayName,
    chat_id: p.chatId,
    preview: p.preview,
    created_at: new Date(p.createdAt).toISOString(),
    expires_at: new Date(p.expiresAt).toISOString(),
  };
}

export function senderJson(s: Sender): Record<string, unknown> {
  return {
    platform: s.platform,
    sender: s.senderId,
    name: s.displayName,
    status: s.status,
    role: s.role,
    chat_id: s.dmChatId,
  };
}

/** Handles the access operations; undefined for an operation that is not one of them. */
export function runAccessControl(
  core: HubCore,
  op: string,
  args: Record<string, unknown>,
): ControlOutcome | undefined {
  const parse = <T extends z.ZodType>(schema: T): z.infer<T> => {
    const result = schema.safeParse(args);
    if (!result.success)
      throw new Error(
        `bad arguments: ${result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      );
    return result.data;
  };
  try {
    switch (op) {
      case 'pair.list':
        return {
          ok: true,
          data: core.access
            .pendingPairings()
            .map((p) => pairingJson(p, core.access.becomesOwner(p.platform))),
        };
      case 'pair.approve':
      case 'pair.deny': {
        const { code, owner } = parse(approveArgs);
        const outcome =
          op === 'pair.approve'
            ? core.access.approve(code, BY, owner === undefined ? {} : { owner })
            : core.access.deny(code, BY);
        if (!outcome.ok) return { ok: false, error: outcome.message };
        return {
          ok: true,
          data: {
            ...pairingJson(outcome.pairing),
            ...(outcome.sender ? { role: outcome.sender.role } : {}),
          },
        };
      }
      case 'senders.list':
        return { ok: true, data: core.access.senders().map(senderJson) };
      case 'senders.allow':
      case 'senders.block': {
        const a = parse(senderArgs);
        return {
          ok: true,
          data: senderJson(
            core.access.setSender(
              a.platform,
              a.sender,
              { status: op === 'senders.allow' ? 'allowed' : 'blocked' },
              BY,
            ),
          ),
        };
      }
      case 'senders.role': {
        const a = parse(roleArgs);
        return {
          ok: true,
          data: senderJson(core.access.setSender(a.platform, a.sender, { role: a.role }, BY)),
        };
      }
      case 'senders.remove': {
        const a = parse(senderArgs);
        if (!core.access.removeSender(a.platform, a.sender, BY))
          return { ok: false, error: `no sender ${a.sender} on ${a.platform}` };
        return { ok: true, data: { platform: a.platform, sender: a.sender, removed: true } };
      }
      case 'chats.list':
        return {
          ok: true,
          data: core.store.chats.recent().map((c) => ({
            chat_id: c.chatId,
            thread_id: c.threadId,
            platform: c.platform,
            kind: c.kind,
            title: c.title,
            session: c.boundSession,
            last_message_at: new Date(c.lastMessageAt).toISOString(),
          })),
        };
      case 'chats.bind': {
        const a = parse(bindArgs);
        if (!core.store.chats.get(a.chat, a.thread))
          return {
            ok: false,
            error: `no chat ${a.chat}${a.thread ? ` thread ${a.thread}` : ''}; see switchboard chats list`,
          };
        core.bind(a.chat, a.thread, a.session, BY);
        return { ok: true, data: { chat_id: a.chat, thread_id: a.thread, session: a.session } };
      }
      default:
        return undefined;
    }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
