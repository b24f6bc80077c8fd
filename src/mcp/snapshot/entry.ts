/**
 * The standalone executable's startup snapshot (scripts/build-helper-binary.ts). Run once, on the
 * build machine: every module of the helper is evaluated, a throwaway session warms the paths a
 * real session takes, and the heap is saved into the executable. On the user's machine the
 * executable starts from that heap and runs only `startHelper` — where the environment, argv,
 * stdin, the state directory and the hub are first read.
 */
// First: the guard must be in place before the helper's modules are evaluated.
import { snapshotGuard } from './guard-install';
import { startupSnapshot } from 'node:v8';
import { startHelper } from '../helper';
import { warmUp } from './warm-up';

let warmedUp = false;
startupSnapshot.setDeserializeMainFunction(() => startHelper());
// Node saves the heap once the event loop is empty; a warm-up that stalled must not be saved.
// (An exception here would only be printed; exiting is what stops the blob being written.)
startupSnapshot.addSerializeCallback(() => {
  if (warmedUp) return;
  process.stderr.write('the warm-up never finished: no snapshot written\n');
  process.exit(1);
});

// A failed warm-up or a guard violation rejects unhandled: Node exits non-zero, writes no blob.
void warmUp()
  .finally(() => snapshotGuard.finish())
  .then(() => (warmedUp = true));
