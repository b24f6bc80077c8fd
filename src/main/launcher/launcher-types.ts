/**
 * The launcher's vocabulary: what it is given, what it answers, and what it remembers.
 */
import type { Platform } from '../../shared/channel';
import type { Logger } from '../log';
import type { Project } from '../settings/projects-schema';
import type { Settings } from '../settings/settings';
import type { AuditLog } from '../store/audit';
import type { ClaudeForLaunch } from './launch-command';

export type ChatRef = { platform: Platform; chatId: string; threadId: string };

export type LaunchError =
  | 'unknown-project'
  | 'dir-missing'
  | 'tmux-missing'
  | 'claude-missing'
  | 'not-launched'
  | 'foreign'
  | 'exited'
  | 'tmux-failed'
  | 'keys-off';

export type LaunchResult =
  | { ok: true; message: string; already?: boolean }
  | { ok: false; error: LaunchError; message: string };

export type ProjectState = 'attached' | 'running' | 'starting' | 'stopped';

export type ProjectStatus = {
  name: string;
  /** Null for a session still running whose project was removed from the settings. */
  project: Project | null;
  state: ProjectState;
  /** A tmux session this Switchboard started exists (so /screen, /press, /type and /stop work). */
  launched: boolean;
  tmuxSession: string;
  attachCommand: string;
  startedAt: number | null;
  lastActivityAt: number | null;
};

export type LauncherDeps = {
  settings: () => Settings;
  /** A session of this name is attached to the hub. */
  isAttached: (name: string) => boolean;
  audit: AuditLog;
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  log: Logger;
  now: () => number;
  /** Sends a notice to a chat. */
  tell: (chat: ChatRef, text: string) => void;
  /** Chats bound to a session name (told when it stops by itself). */
  boundChats: (name: string) => ChatRef[];
  /** Something surfaces show changed (a session started or stopped). */
  changed: () => void;
  resolveClaude?: (env: Readonly<Record<string, string | undefined>>) => Promise<ClaudeForLaunch>;
  /** How long after starting a session is checked for having exited at once (default 1 s). */
  startCheckMs?: number;
};

/** What the launcher remembers of a session it started or found: times, and chats awaiting it. */
export type Running = { startedAt: number; lastActivityAt: number; watchers: ChatRef[] };

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** The last non-empty lines of a screen (without tmux's own "Pane is dead" line), for messages about a session that ended. */
export function lastLines(screen: string, count = 8): string {
  return screen
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '' && !/^Pane is dead \(/.test(line))
    .slice(-count)
    .join('\n');
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
