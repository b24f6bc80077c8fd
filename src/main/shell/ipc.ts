/**
 * The desktop host of the UI contract: one IPC channel per method (`ui:<method>`). Every handler
 * first checks the sender is our popover showing the hub's own page, then parses the arguments
 * with the method's schema; failures come back as `{ ok: false, error }`, never as crashes.
 */
import { uiMethods } from '../../shared/ui-api';
import { UI_METHOD_NAMES, uiChannel, type IpcOutcome } from '../../shared/ui-method-names';
import { UiError, type UiHost } from '../ui/ui-host';
import type { IpcMainInvokeEvent, ShellDeps } from './electron-types';

export function registerUiIpc(deps: {
  ipcMain: ShellDeps['ipcMain'];
  ui: UiHost;
  trusted: (event: IpcMainInvokeEvent) => boolean;
  log: (message: string) => void;
}): () => void {
  for (const method of UI_METHOD_NAMES) {
    deps.ipcMain.handle(
      uiChannel(method),
      async (event, ...args: unknown[]): Promise<IpcOutcome<unknown>> => {
        if (!deps.trusted(event)) {
          deps.log(`ignored ${method} from an unknown sender`);
          return { ok: false, error: 'not allowed' };
        }
        const parsed = uiMethods[method].safeParse(args);
        if (!parsed.success)
          return {
            ok: false,
            error: `bad arguments for ${method}: ${parsed.error.issues[0]?.message ?? ''}`,
          };
        try {
          // Parsed with this method's own schema, so the tuple matches its parameters.
          const call = deps.ui[method] as (...values: unknown[]) => Promise<unknown>;
          return { ok: true, value: await call(...(parsed.data as unknown[])) };
        } catch (error) {
          if (error instanceof UiError) return { ok: false, error: error.message };
          deps.log(`${method} failed: ${error instanceof Error ? error.message : String(error)}`);
          return { ok: false, error: 'internal error' };
        }
      },
    );
  }
  return () => {
    for (const method of UI_METHOD_NAMES) deps.ipcMain.removeHandler(uiChannel(method));
  };
}
