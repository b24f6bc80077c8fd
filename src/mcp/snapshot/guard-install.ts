/**
 * Imported first by the snapshot entry, so the guard is in place before any other module of the
 * helper is evaluated (esbuild keeps ES module evaluation order).
 */
import { guardSnapshotBuild } from './guard';

export const snapshotGuard = guardSnapshotBuild();
