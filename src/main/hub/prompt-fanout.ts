/**
 * Shows permission prompts in the owner chats routed to the asking session, and replaces every
 * copy with the outcome once the prompt is settled anywhere. Platforms with buttons render them
 * through `sendPrompt`; others get text that the typed grammar (`yes abcde`) answers.
 */
import type { Platform } from '../../shared/channel';
import type { ChannelAdapter, PromptView } from '../adapters/adapter';
import { outcomeText, promptText } from '../adapters/prompt-text';
import { drop, type Logger } from '../log';
import type { PromptFanout } from '../permissions/broker';
import type { Router } from '../router/router';
import type { Settings } from '../settings/settings';
import type { ChatStore } from '../store/chats';
import type { StoredPermissionRequest } from '../store/permissions';

type Shown = { platform: Platform; chatId: string; handle: string };

export function promptView(request: StoredPermissionRequest): PromptView {
  return {
    requestId: request.request_id,
    session: request.sessionName,
    toolName: request.tool_name,
    description: request.description,
    inputPreview: request.input_preview,
  };
}

export function createPromptFanout(deps: {
  adapters: ReadonlyMap<Platform, ChannelAdapter>;
  chats: ChatStore;
  router: Router;
  settings: () => Settings;
  log: Logger;
}): PromptFanout {
  const shown = new Map<number, Promise<Shown[]>>();

  async function showIn(request: StoredPermissionRequest, sessionId: string): Promise<Shown[]> {
    const view = promptView(request);
    const copies: Shown[] = [];
    for (const chat of deps.chats.ownerDmChats()) {
      const route = deps.router.route(chat.chatId, chat.threadId);
      if (route.kind !== 'session' || route.session.id !== sessionId) continue;
      const adapter = deps.adapters.get(chat.platform);
      if (!adapter || chat.platform === 'web') continue;
      try {
        const handle = adapter.sendPrompt
          ? await adapter.sendPrompt(chat.chatId, chat.threadId, view)
          : (
              await adapter.send({
                chatId: chat.chatId,
                threadId: chat.threadId,
                text: promptText(view),
                files: [],
                format: 'text',
              })
            ).externalIds[0];
        if (handle !== undefined)
          copies.push({ platform: chat.platform, chatId: chat.chatId, handle });
      } catch (error) {
        deps.log.warn(
          `could not show prompt ${view.requestId} in ${chat.chatId}: ${String(error)}`,
        );
      }
    }
    return copies;
  }

  return {
    show(request, session) {
      if (!deps.settings().permissions.forwardToChats) return;
      shown.set(request.id, showIn(request, session.id));
    },
    settle(request, outcome) {
      const copies = shown.get(request.id);
      if (!copies) return;
      shown.delete(request.id);
      const view = promptView(request);
      drop(
        copies.then(async (list) => {
          for (const copy of list) {
            const adapter = deps.adapters.get(copy.platform);
            if (!adapter) continue;
            try {
              if (adapter.settlePrompt)
                await adapter.settlePrompt(copy.chatId, copy.handle, view, outcome);
              else await adapter.edit(copy.chatId, copy.handle, outcomeText(view, outcome));
            } catch (error) {
              deps.log.warn(
                `could not update prompt ${view.requestId} in ${copy.chatId}: ${String(error)}`,
              );
            }
          }
        }),
        deps.log,
      );
    },
  };
}
