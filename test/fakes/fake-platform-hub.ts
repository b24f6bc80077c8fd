/**
 * A real hub process with the fake platform plugged in: the same createHub the CLI's `serve`
 * runs, plus the fake adapter. Prints the same ready line, with the fake's control port.
 */
import { createHub } from '../../src/main/app/hub';
import { createLogger } from '../../src/main/log';
import { createFakePlatform } from './fake-platform';

const homeIndex = process.argv.indexOf('--home');
const home = process.argv[homeIndex + 1];
if (homeIndex < 0 || home === undefined) throw new Error('usage: fake-platform-hub --home DIR');
const fake = createFakePlatform();
const log = createLogger((line) => process.stderr.write(line), 'debug');
const hub = await createHub({
  home,
  rendererDir: new URL('../dist/renderer', import.meta.url).pathname,
  log,
  adapters: [fake],
});
process.stdout.write(
  `${JSON.stringify({ event: 'ready', pid: process.pid, home, socket: hub.paths.socket, port: hub.port, dashboardUrl: hub.dashboardUrl, fakePort: fake.controlPort() })}\n`,
);
const stop = (): void => void hub.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
