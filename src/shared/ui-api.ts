/**
 * The one contract between the UI and the hub. Two hosts serve it — the Electron preload (IPC
 * channels `ui:<method>`) and the headless dashboard (`POST /api/ui/<method>`) — and both parse
 * every call's arguments with these schemas before the shared implementation in
 * src/main/ui/ui-host.ts runs. State lives in main; the UI is pushed `UiEvent`s and re-reads.
 */
import { z } from 'zod';
import { behaviorSchema } from './channel';
import { UI_METHOD_NAMES, type UiMethodName } from './ui-method-names';
import type { WebChat, WebMessage, WebPairing, WebPermission, WebSession } from './webchat-api';
import type {
  ConversationView,
  FirstRunView,
  HistoryPage,
  PromptsView,
  SessionDetailView,
} from './ui-views';

const remotePlatform = z.enum(['telegram', 'discord', 'imessage']);
export const secretNameSchema = z.enum(['telegram', 'discord']);

export const settingsPatchSchema = z
  .object({
    dmPolicy: z
      .object({ platform: remotePlatform, policy: z.enum(['pairing', 'allowlist', 'disabled']) })
      .optional(),
    forwardToChats: z.boolean().optional(),
    launchAtLogin: z.boolean().optional(),
    paused: z.boolean().optional(),
    /** How launched sessions admit the channel (Settings → Projects). */
    launcherChannel: z.enum(['development', 'plugin']).optional(),
    /** Whether owners may send keys and text to launched sessions from chats. */
    remoteKeys: z.boolean().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** A project as the UI and the CLI send it; the hub checks it (name rules, directory exists). */
export const projectDraftSchema = z
  .object({
    name: z.string().min(1).max(64),
    dir: z.string().min(1).max(1024),
    resume: z.boolean().optional(),
    wake: z.boolean().optional(),
    args: z.array(z.string().max(1000)).max(32).optional(),
    idleStopMinutes: z
      .number()
      .min(0)
      .max(7 * 24 * 60)
      .optional(),
  })
  .strict();
export type ProjectDraft = z.infer<typeof projectDraftSchema>;
const projectName = z.string().min(1).max(64);

/** Every call: its argument tuple. */
export const uiMethods = {
  getState: z.tuple([]),
  decidePairing: z.tuple([
    z.string().min(1).max(32),
    z.enum(['approve', 'deny', 'block']),
    /** owner: approve as owner (true) or member (false); absent, only a platform's first person is owner. */
    z.object({ owner: z.boolean().optional() }).strict().optional(),
  ]),
  decidePermission: z.tuple([z.string().min(1).max(16), behaviorSchema]),
  bindChat: z.tuple([
    z.string().min(1).max(512),
    z.string().max(128),
    z.string().min(1).max(64).nullable(),
  ]),
  setSender: z.tuple([
    remotePlatform,
    z.string().min(1).max(128),
    z
      .object({
        status: z.enum(['allowed', 'blocked']).optional(),
        role: z.enum(['owner', 'member']).optional(),
      })
      .strict(),
  ]),
  removeSender: z.tuple([remotePlatform, z.string().min(1).max(128)]),
  setSecret: z.tuple([secretNameSchema, z.string().min(1).max(256)]),
  removeSecret: z.tuple([secretNameSchema]),
  updateSettings: z.tuple([settingsPatchSchema]),
  openExternal: z.tuple([z.url({ protocol: /^https?$/ })]),
  connectClaude: z.tuple([]),
  // Read side of the dashboard (conversations, sessions, prompts, first run): src/shared/ui-views.ts
  getConversations: z.tuple([]),
  getHistory: z.tuple([
    z.string().min(1).max(512),
    z.string().max(128),
    z.number().int().positive().nullable(),
  ]),
  markRead: z.tuple([z.string().min(1).max(512), z.string().max(128), z.number().int().positive()]),
  getSessions: z.tuple([]),
  getPrompts: z.tuple([]),
  getFirstRun: z.tuple([]),
  dismissFirstRun: z.tuple([]),
  installUpdate: z.tuple([]),
  saveProject: z.tuple([projectDraftSchema, z.enum(['add', 'update'])]),
  removeProject: z.tuple([projectName]),
  startProject: z.tuple([projectName]),
  stopProject: z.tuple([projectName]),
  restartProject: z.tuple([projectName]),
} as const satisfies Record<UiMethodName, z.ZodType>;
export type UiMethod = UiMethodName;
export const UI_METHODS: readonly UiMethod[] = UI_METHOD_NAMES;

export type PlatformView = {
  platform: string;
  state: 'starting' | 'connected' | 'error' | 'stopped';
  detail: string;
  lastEventAt: number | null;
};
export type SenderView = {
  platform: string;
  sender: string;
  name: string;
  status: 'allowed' | 'blocked';
  role: 'owner' | 'member';
};
export type SecretSourceView = 'env' | 'keychain' | 'unset' | 'keychain-unavailable';
/** A project and its session: attached (connected to the hub), running (in tmux, not connected yet), starting, stopped. */
export type ProjectView = {
  name: string;
  /** Null for a session still running whose project was removed. */
  dir: string | null;
  resume: boolean;
  wake: boolean;
  args: string[];
  idleStopMinutes: number;
  state: 'attached' | 'running' | 'starting' | 'stopped';
  /** Running in a tmux session Switchboard started. */
  launched: boolean;
  tmuxSession: string;
  /** How to join it at the computer, e.g. `tmux attach -t switchboard-billing`. */
  attachCommand: string;
  startedAt: number | null;
  lastActivityAt: number | null;
};

export type SettingsView = {
  dmPolicy: Record<'telegram' | 'discord' | 'imessage', 'pairing' | 'allowlist' | 'disabled'>;
  forwardToChats: boolean;
  /** Null where the host cannot start at login (the headless hub). */
  launchAtLogin: boolean | null;
  paused: boolean;
  launcherChannel: 'development' | 'plugin';
  remoteKeys: boolean;
};

/** A platform whose pairing queue is full, or that turned people away in the last hour. */
export type PairingQueueView = {
  platform: string;
  pending: number;
  capacity: number;
  /** People told "try again later" because the queue was full. */
  turnedAway: number;
};

export type UiState = {
  platforms: PlatformView[];
  sessions: WebSession[];
  pairings: WebPairing[];
  pairingQueues: PairingQueueView[];
  permissions: WebPermission[];
  chats: WebChat[];
  senders: SenderView[];
  projects: ProjectView[];
  secrets: Record<'telegram' | 'discord', SecretSourceView>;
  settings: SettingsView;
  /** What was wrong with settings.json when it was loaded; shown until a change saves it whole. */
  settingsProblems: string[];
  ownerName: string;
  /** 'desktop' in the menu-bar app, 'web' in the browser dashboard. */
  host: 'desktop' | 'web';
  /** The menu-bar app's updater; null in the headless hub. */
  update: UpdateView | null;
};

/**
 * The menu-bar app's updater. `version` is the running one. 'off': this copy cannot update itself
 * (and `reason` says why: an ad-hoc signed or development build…); 'ready': `next` is downloaded
 * and waits for a restart, held back while `waitingFor` permission prompts are unanswered.
 */
export type UpdateView =
  | { state: 'off'; version: string; reason: string }
  | { state: 'idle'; version: string; checkedAt: number | null }
  | { state: 'checking'; version: string }
  | { state: 'downloading'; version: string; next: string; percent: number }
  | { state: 'ready'; version: string; next: string; waitingFor: number }
  | { state: 'error'; version: string; message: string };

/** What each call resolves to. */
export type UiResults = {
  getState: UiState;
  decidePairing: { ok: true };
  decidePermission: { ok: true };
  bindChat: { ok: true };
  setSender: SenderView;
  removeSender: { ok: true };
  setSecret: { message: string };
  removeSecret: { message: string };
  updateSettings: SettingsView;
  openExternal: { ok: true };
  installUpdate: { message: string };
  connectClaude: {
    found: boolean;
    version?: string;
    registered?: boolean;
    detail: string;
    warning?: string;
    launchCommand: string;
    alias: string;
  };
  getConversations: ConversationView[];
  getHistory: HistoryPage;
  markRead: { ok: true };
  getSessions: SessionDetailView[];
  getPrompts: PromptsView;
  getFirstRun: FirstRunView;
  dismissFirstRun: { ok: true };
  saveProject: ProjectView;
  removeProject: { message: string };
  startProject: { message: string };
  stopProject: { message: string };
  restartProject: { message: string };
};

/** Pushed when state changed; the UI re-reads what it shows. */
export type UiEvent =
  | { type: 'message'; message: WebMessage }
  | {
      type: 'changed';
      what:
        | 'sessions'
        | 'permissions'
        | 'pairings'
        | 'platforms'
        | 'senders'
        | 'settings'
        | 'secrets'
        | 'update';
    }
  /** The menu-bar app shows a prompt (a notification was clicked): `pairing:CODE`, `permission:SESSION:ID`. */
  | { type: 'focus'; target: string };

export type UiApi = {
  [K in UiMethod]: (...args: z.input<(typeof uiMethods)[K]>) => Promise<UiResults[K]>;
} & { subscribe: (listener: (event: UiEvent) => void) => () => void };

/** An expected failure of a call (bad input, already answered): shown to the user as is. */
export type UiFailure = { error: string };
