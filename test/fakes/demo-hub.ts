/**
 * The demo hub: a real `createHub` on a home seeded with test/support/demo-state.ts, with
 * stand-in Telegram, Discord and iMessage adapters that report themselves connected and accept
 * sends (nothing leaves the machine). Prints the same ready line as `switchboard serve --json`.
 */
import { join } from 'node:path';
import { createHub } from '../../src/main/app/hub';
import type { Platform } from '../../src/shared/channel';
import type { AdapterStatus, ChannelAdapter } from '../../src/main/adapters/adapter';
import { createLogger } from '../../src/main/log';
import { seedDemo } from '../support/demo-state';

function standIn(platform: Platform, detail: string): ChannelAdapter {
  let next = 1;
  const status: AdapterStatus = {
    platform,
    state: 'connected',
    detail,
    lastEventAt: Date.now() - 60_000,
  };
  return {
    platform,
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    status: () => ({ ...status }),
    send: () => Promise.resolve({ externalIds: [`${platform}-out-${next++}`], attachments: [] }),
    edit: () => Promise.resolve(),
    react: () => Promise.resolve(),
    fetchAttachments: () => Promise.resolve([]),
  };
}

const homeIndex = process.argv.indexOf('--home');
const home = process.argv[homeIndex + 1];
if (homeIndex < 0 || home === undefined) throw new Error('usage: demo-hub --home DIR');
if (!process.argv.includes('--no-seed')) seedDemo(home);
const hub = await createHub({
  home,
  rendererDir: new URL('../dist/renderer', import.meta.url).pathname,
  log: createLogger((line) => process.stderr.write(line), 'info'),
  // The demo's projects are looked up on a tmux server of its own, never the user's.
  env: { SWITCHBOARD_TMUX_SOCKET: join(home, 'tmux.sock') },
  adapters: [
    standIn('telegram', '@switchboard_demo_bot'),
    standIn('discord', 'Switchboard#4821 in 1 server'),
    standIn('imessage', 'watching Messages for ada@example.com'),
  ],
});
process.stdout.write(
  `${JSON.stringify({ event: 'ready', pid: process.pid, home, socket: hub.paths.socket, port: hub.port, dashboardUrl: hub.dashboardUrl })}\n`,
);
const stop = (): void => void hub.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
