/**
 * Shows permission prompts in the owner chats routed to the asking session, and replaces every
 * copy with the outcome once the prompt is settled anywhere. Platforms with buttons render them
 * through `sendPrompt`; others get text, built to fit the platform's limit, that the typed grammar
 * (`yes abcde`) answers. A platform that refuses a prompt gets it again as short plain text, and
 * the refusal is kept with the prompt so the dashboard and menu bar say so.
 */
import type { Platform } from '../../shared/channel';
import type { ChannelAdapter, PromptView } from '../adapters/adapter';
import { outcomeText, promptText, PROMPT_LIMITS, shortPromptText } from '../adapters/prompt-text';
import { drop, type Logger } from '../log';
import type { PromptFanout } from '../permissions/broker';
import type { Router } from '../router/router';
import type { Settings } from '../settings/settings';
import type { Chat, ChatStore } from '../store/chats';
import type { StoredPermissionRequest } from '../store/permissions';

type Shown = { platform: Platform; chatId: string; handle: string; kind: 'prompt' | 'text' };

/** The fan-out, plus what went wrong showing each open prompt (for the UI). */
export type PromptFanoutWithProblems = PromptFanout & {
  problems: (request: StoredPermissionRequest) => string[];
};

export function promptView(request: StoredPermissionRequest): PromptView {
  return {
    requestId: request.request_id,
    session: request.sessionName,
    toolName: request.tool_name,
    description: request.description,
    inputPreview: request.input_preview,
  };
}

function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

export function createPromptFanout(deps: {
  adapters: ReadonlyMap<Platform, ChannelAdapter>;
  chats: ChatStore;
  router: Router;
  settings: () => Settings;
  log: Logger;
  /** A problem was recorded: surfaces refresh the prompt list. */
  changed?: () => void;
}): PromptFanoutWithProblems {
  const shown = new Map<number, Promise<Shown[]>>();
  const problems = new Map<number, string[]>();

  function note(request: StoredPermissionRequest, problem: string): void {
    deps.log.warn(`prompt ${request.request_id}: ${problem}`);
    problems.set(request.id, [...(problems.get(request.id) ?? []), problem]);
    deps.changed?.();
  }

  async function showFull(adapter: ChannelAdapter, chat: Chat, view: PromptView): Promise<Shown> {
    if (adapter.sendPrompt) {
      const handle = await adapter.sendPrompt(chat.chatId, chat.threadId, view);
      return { platform: chat.platform, chatId: chat.chatId, handle, kind: 'prompt' };
    }
    const limit =
      (PROMPT_LIMITS as Partial<Record<Platform, number>>)[chat.platform] ?? PROMPT_LIMITS.imessage;
    return sendText(adapter, chat, promptText(view, limit));
  }

  async function sendText(adapter: ChannelAdapter, chat: Chat, text: string): Promise<Shown> {
    const sent = await adapter.send({
      chatId: chat.chatId,
      threadId: chat.threadId,
      text,
      files: [],
      format: 'text',
    });
    const handle = sent.externalIds[0];
    if (handle === undefined) throw new Error('the platform returned no message id');
    return { platform: chat.platform, chatId: chat.chatId, handle, kind: 'text' };
  }

  async function showIn(request: StoredPermissionRequest, sessionId: string): Promise<Shown[]> {
    const view = promptView(request);
    const copies: Shown[] = [];
    for (const chat of deps.chats.ownerDmChats()) {
      const route = deps.router.route(chat.chatId, chat.threadId);
      if (route.kind !== 'session' || route.session.id !== sessionId) continue;
      const adapter = deps.adapters.get(chat.platform);
      if (!adapter || chat.platform === 'web') continue;
      try {
        copies.push(await showFull(adapter, chat, view));
        continue;
      } catch (error) {
        note(request, `${chat.platform} refused the prompt in ${chat.chatId} (${reason(error)})`);
      }
      try {
        copies.push(await sendText(adapter, chat, shortPromptText(view)));
        note(request, `sent a short text version to ${chat.chatId} instead`);
      } catch (error) {
        note(request, `could not show it in ${chat.chatId} at all (${reason(error)})`);
      }
    }
    return copies;
  }

  async function settleCopy(
    copy: Shown,
    view: PromptView,
    outcome: Parameters<PromptFanout['settle']>[1],
  ): Promise<void> {
    const adapter = deps.adapters.get(copy.platform);
    if (!adapter) return;
    try {
      if (copy.kind === 'prompt' && adapter.settlePrompt)
        await adapter.settlePrompt(copy.chatId, copy.handle, view, outcome);
      else await adapter.edit(copy.chatId, copy.handle, outcomeText(view, outcome));
    } catch (error) {
      deps.log.warn(
        `could not update prompt ${view.requestId} in ${copy.chatId}: ${String(error)}`,
      );
    }
  }

  return {
    show(request, session) {
      if (!deps.settings().permissions.forwardToChats) return;
      shown.set(request.id, showIn(request, session.id));
    },
    settle(request, outcome) {
      problems.delete(request.id);
      const copies = shown.get(request.id);
      if (!copies) return;
      shown.delete(request.id);
      const view = promptView(request);
      drop(
        copies.then(async (list) => {
          for (const copy of list) await settleCopy(copy, view, outcome);
        }),
        deps.log,
      );
    },
    problems: (request) => problems.get(request.id) ?? [],
  };
}
