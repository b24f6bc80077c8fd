/**
 * The hub for the burst benchmark: the same createHub `switchboard serve` runs, started with
 * `--synchronous full` (what ships; asserted) or `--synchronous normal` (the setting before
 * commits had to survive a power loss), so one run measures both on equal terms.
 */
import { createHub } from '../src/main/app/hub';

const arg = (name: string): string | undefined => {
  const index = process.argv.indexOf(name);
  return index < 0 ? undefined : process.argv[index + 1];
};
const home = arg('--home');
const mode = arg('--synchronous');
if (home === undefined || (mode !== 'full' && mode !== 'normal'))
  throw new Error('usage: burst-hub --home DIR --synchronous full|normal');
const hub = await createHub({
  home,
  rendererDir: new URL('../dist/renderer', import.meta.url).pathname,
});
const db = hub.core.store.db;
// The shipped default must be FULL; "normal" is the before-picture only.
if (db.pragma('synchronous', { simple: true }) !== 2)
  throw new Error('the hub no longer opens its database with synchronous=FULL');
if (mode === 'normal') db.pragma('synchronous = NORMAL');
process.stdout.write(
  `${JSON.stringify({ event: 'ready', pid: process.pid, home, socket: hub.paths.socket, port: hub.port, dashboardUrl: hub.dashboardUrl })}\n`,
);
const stop = (): void => void hub.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
