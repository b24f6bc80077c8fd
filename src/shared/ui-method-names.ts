/** The UI contract's method names alone, for the preload (which must stay small and schema-free). */
export const UI_METHOD_NAMES = [
  'getState',
  'decidePairing',
  'decidePermission',
  'bindChat',
  'setSender',
  'removeSender',
  'setSecret',
  'removeSecret',
  'updateSettings',
  'openExternal',
  'connectClaude',
  'getConversations',
  'getHistory',
  'markRead',
  'getSessions',
  'getPrompts',
  'getFirstRun',
  'dismissFirstRun',
  'installUpdate',
  'saveProject',
  'removeProject',
  'startProject',
  'stopProject',
  'restartProject',
] as const;
export type UiMethodName = (typeof UI_METHOD_NAMES)[number];

/** IPC channel of a method, and of the pushed events. */
export const uiChannel = (method: UiMethodName): string => `ui:${method}`;
export const UI_EVENT_CHANNEL = 'ui:event';

/** What an IPC call resolves to: the preload unwraps it and throws the message on failure. */
export type IpcOutcome<T> = { ok: true; value: T } | { ok: false; error: string };
