/**
 * The popover's bridge to main: the UI contract as named functions on `window.switchboard`, each
 * an IPC call that main checks and parses. No `ipcRenderer`, no Node, nothing else is exposed.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  UI_EVENT_CHANNEL,
  UI_METHOD_NAMES,
  uiChannel,
  type IpcOutcome,
} from '../shared/ui-method-names';

const api: Record<string, unknown> = {};
for (const method of UI_METHOD_NAMES) {
  api[method] = async (...args: unknown[]): Promise<unknown> => {
    const outcome = (await ipcRenderer.invoke(uiChannel(method), ...args)) as IpcOutcome<unknown>;
    if (!outcome.ok) throw new Error(outcome.error);
    return outcome.value;
  };
}
api['subscribe'] = (listener: (event: unknown) => void): (() => void) => {
  const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
  ipcRenderer.on(UI_EVENT_CHANNEL, forward);
  return () => ipcRenderer.removeListener(UI_EVENT_CHANNEL, forward);
};

contextBridge.exposeInMainWorld('switchboard', api);
