/**
 * A bridge that never reaches a hub: what the helper's own server runs against when it talks to
 * itself — the snapshot's warm-up and the build-time probe of the SDK's answers. It reads no file,
 * opens no socket, and keeps the handlers so a warm-up can push a delivery through the server.
 */
import type { BridgeClient, BridgeHandlers } from './bridge-client';

export type OfflineBridge = BridgeClient & { handlers: () => BridgeHandlers | undefined };

export function offlineBridge(): OfflineBridge {
  let handlers: BridgeHandlers | undefined;
  return {
    start: (h) => {
      handlers = h;
    },
    call: () =>
      Promise.resolve({
        ok: false,
        error: 'hub-not-running',
        message: 'Switchboard is not running',
      }),
    sendPermissionRequest: () => undefined,
    sendFrame: () => false,
    isConnected: () => false,
    sessionName: () => undefined,
    end: () => Promise.resolve(),
    close: () => undefined,
    handlers: () => handlers,
  };
}
