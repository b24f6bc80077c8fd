/**
 * Imported first by the snapshot entry, so the guard is in place before any other module of the
 * helper is evaluated (esbuild keeps ES module evaluation order).
 */
import { guardSnapshotBuild } from './guard';

/** Set by scripts/helper/snapshot-blob.ts: whether the bundle imports node:crypto anyway. */
declare const __SWITCHBOARD_SNAPSHOT_HAS_CRYPTO__: boolean;

export const snapshotGuard = guardSnapshotBuild(
  __SWITCHBOARD_SNAPSHOT_HAS_CRYPTO__ ? process.getBuiltinModule('node:crypto') : undefined,
);
