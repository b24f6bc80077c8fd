/**
 * What electron-updater's MacUpdater needs from Electron, faked at the module boundary so the real
 * MacUpdater runs in Node: `require('electron')` answers with
 *
 * - `autoUpdater`, a stand-in for Squirrel.Mac as Electron drives it: `setFeedURL({ url, headers })`;
 *   `checkForUpdates()` asks that URL (with the headers — MacUpdater's proxy wants its Basic auth)
 *   for `{ url }`, downloads the zip from there and emits `update-downloaded`, or `error`;
 *   `quitAndInstall()` records the install and quits the app the way Squirrel does (its
 *   `relaunchToInstallUpdate` terminates the app);
 * - `net.request`, Chromium's HTTP client, played by Node's http.request (loopback only here);
 * - `session.fromPartition`, which electron-updater only hands back to `net.request`.
 *
 * It is installed in Node's module cache under the path `require('electron')` resolves to.
 */
import { EventEmitter } from 'node:events';
import { request } from 'node:http';
import { createRequire } from 'node:module';

export class FakeSquirrel extends EventEmitter {
  feed: { url: string; headers?: Record<string, string> } | undefined;
  /** The zip Squirrel fetched from MacUpdater's proxy: what it would install. */
  staged: Buffer | undefined;
  installs = 0;
  checks = 0;
  /** Quits the app as Squirrel's relaunchToInstallUpdate does. */
  terminate: () => void = () => undefined;

  setFeedURL(options: { url: string; headers?: Record<string, string> }): void {
    this.feed = options;
  }

  checkForUpdates(): void {
    this.checks += 1;
    this.#fetch().catch((error: unknown) => this.emit('error', error));
  }

  async #fetch(): Promise<void> {
    const feed = this.feed;
    if (!feed) throw new Error('Update URL is not set');
    const headers = feed.headers ?? {};
    const answer = await fetch(feed.url, { headers });
    if (!answer.ok) throw new Error(`Squirrel: the feed answered ${answer.status}`);
    const { url } = (await answer.json()) as { url: string };
    const zip = await fetch(url, { headers });
    if (!zip.ok) throw new Error(`Squirrel: the update answered ${zip.status}`);
    this.staged = Buffer.from(await zip.arrayBuffer());
    this.emit('update-downloaded', {}, '', '', new Date(), url);
  }

  quitAndInstall(): void {
    this.installs += 1;
    this.terminate();
  }
}

type NetOptions = Record<string, unknown> & { session?: unknown; redirect?: unknown };

/** The `electron` module MacUpdater sees; returns what to restore afterwards. */
export function installFakeElectronModule(squirrel: FakeSquirrel): () => void {
  const require = createRequire(import.meta.url);
  const path = require.resolve('electron');
  const previous = require.cache[path];
  const electron = {
    autoUpdater: squirrel,
    net: {
      request: ({ session: _session, redirect: _redirect, ...options }: NetOptions) =>
        request(options),
    },
    session: { fromPartition: () => ({}) },
  };
  require.cache[path] = {
    id: path,
    filename: path,
    loaded: true,
    exports: electron,
    children: [],
    paths: [],
  } as unknown as NodeJS.Module;
  return () => {
    // Nothing else loads `electron` in Node (its real module only names the binary's path).
    require.cache[path] = previous;
  };
}
