/**
 * The authentication fields of a `hello`, for unit tests that build one only to attach a session
 * (the proof is not checked there; the bridge server checks it before any hello reaches the hub).
 */
import { BRIDGE_VERSION } from '../../src/shared/bridge-protocol';

export const HELLO_AUTH = {
  v: BRIDGE_VERSION,
  nonce: 'a'.repeat(64),
  proof: 'b'.repeat(64),
} as const;
