/**
 * A platform moved a chat to a new id (Telegram: a group upgraded to a supergroup). Everything the
 * owner set up for it goes along — its access settings entry, its session binding, its history —
 * and the log, the audit trail and the platform's status say so. Only a group may move, and only
 * to another group id: a hostile server cannot use this to take over a person's DM.
 */
import type { Platform } from '../../shared/channel';
import type { Logger } from '../log';
import type { Settings } from '../settings/settings';
import { moveChat } from '../store/chat-moves';
import type { HubCore } from './core';

/** The hub's store and settings, and the log that says what moved. */
export type ChatMigrationDeps = {
  core: HubCore;
  settings: () => Settings;
  updateSettings: (change: (draft: Settings) => void) => Promise<unknown>;
  log: Logger;
};

/** Telegram group ids are negative; supergroups are -100…. */
const TELEGRAM_GROUP = /^tg:-\d+$/;

/** Moves a group to its new id; a refusal (not a group) is a typed result, logged. */
export async function migrateChat(
  deps: ChatMigrationDeps,
  input: { platform: Platform; from: string; to: string },
): Promise<{ ok: true; summary: string } | { ok: false; reason: string }> {
  const { platform, from, to } = input;
  if (
    platform !== 'telegram' ||
    !TELEGRAM_GROUP.test(from) ||
    !TELEGRAM_GROUP.test(to) ||
    from === to
  ) {
    const reason = `refused to move ${from} to ${to}: only a Telegram group may move, to a group`;
    deps.log.warn(reason);
    return { ok: false, reason };
  }
  const moved = moveChat(deps.core.store.db, from, to);
  const settingsMoved = deps.settings().access.telegram.groups[from] !== undefined;
  if (settingsMoved)
    await deps.updateSettings((draft) => {
      const { [from]: entry, ...others } = draft.access.telegram.groups;
      if (entry) draft.access.telegram.groups = { ...others, [to]: others[to] ?? entry };
    });
  deps.core.store.audit.write({
    kind: 'chat.migrated',
    actor: platform,
    subject: from,
    detail: { to, messages: moved.messages, boundSession: moved.boundSession, settingsMoved },
  });
  deps.core.inbox.dispatchWaiting();
  const summary = `group ${from} was upgraded to supergroup ${to}: ${[
    settingsMoved ? 'its access settings' : undefined,
    moved.boundSession === null ? undefined : `its binding to "${moved.boundSession}"`,
    `${moved.messages} message(s) of history`,
  ]
    .filter((part) => part !== undefined)
    .join(', ')} moved to the new id`;
  deps.log.info(summary);
  return { ok: true, summary };
}
