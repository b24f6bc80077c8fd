/**
 * node:crypto, loaded when first needed. The helper needs it for the bridge's handshake and for
 * remote file transfers, both after the opening exchange with Claude Code; importing it at
 * start-up would cost every session's start and put 0.4 MB more into the standalone helper's
 * startup snapshot, which every start deserializes. (If anything loads it while the snapshot is
 * built, the snapshot guard traps its random functions: src/mcp/snapshot/guard.ts.)
 */
import type * as NodeCrypto from 'node:crypto';

let loaded: typeof NodeCrypto | undefined;

/** The node:crypto module (loaded on the first call). */
export function nodeCrypto(): typeof NodeCrypto {
  loaded ??= process.getBuiltinModule('node:crypto');
  return loaded;
}
