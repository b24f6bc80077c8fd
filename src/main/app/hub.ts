/**
 * `createHub(options)`: starts everything a hub is — state directory, lock, database, bridge socket,
 * web server, adapters — and returns a handle whose `stop()` undoes it in reverse order. The CLI's
 * `serve` and the Electron shell are both thin callers of this.
 */
import { chmod, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Platform } from '../../shared/channel';
import { hubPaths, type HubPaths } from '../../shared/paths';
import type { ChannelAdapter } from '../adapters/adapter';
import { createWebchatAdapter } from '../adapters/webchat/webchat-adapter';
import { localCredentials } from '../bridge/auth';
import { createBridgeServer } from '../bridge/server';
import { startHttpServer } from '../http/server';
import { silentLogger, type Logger } from '../log';
import { loadSettingsFile } from '../settings/settings-load';
import { SettingsService } from '../settings/settings-service';
import { openStore } from '../store/store';
import { createOsKeychain } from '../secrets/keychain';
import { createSecretStore, scrubSecretEnv, type Keychain } from '../secrets/secret-store';
import { handleControl, type HubInfo, type Maintenance } from '../hub/control';
import { HubCore } from '../hub/core';
import { createHubEvents, type HubEvents } from '../events/hub-events';
import { acquireHubLock } from '../hub/lock';
import { Platforms } from '../hub/platforms';
import { createUiHost, type DesktopHooks, type UiHost } from '../ui/ui-host';
import type { HelperEntry } from '../claude/claude-cli';
import { join } from 'node:path';
import { homedir } from 'node:os';
import { resolveHome } from '../../shared/paths';
import { ensureBridgeToken, ensureTokenFile, rotateTokenFile } from '../hub/secret-files';
import { ProjectService } from '../launcher/project-service';
import { SessionRegistry } from '../sessions/session-registry';
import { createRemoteService, type RemoteService } from '../remote/remote-service';
import { remoteJson, runRemoteControl } from '../remote/remote-control';

export const HUB_VERSION = '0.1.0';

const defaultHome = (): string =>
  resolveHome({ env: {}, platform: process.platform, homedir: homedir(), tmpdir: tmpdir() });

export type HubOptions = {
  home: string;
  /** Web server port; 0 (default) picks a free one. */
  port?: number;
  /** Directory of the built React app. */
  rendererDir: string;
  log?: Logger;
  now?: () => number;
  /** Environment for tokens and API roots (defaults to process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The keychain holding bot tokens (defaults to the OS keychain). */
  keychain?: Keychain;
  /** How Claude Code should start the helper here (for "Connect Claude Code"); default: this Node and dist/switchboard-mcp.js next to rendererDir. */
  helper?: HelperEntry;
  /** What the desktop app adds (launch at login, opening links); absent when headless. */
  desktop?: DesktopHooks;
  /** Platform adapters besides the web chat (the shell passes the configured ones; tests pass fakes). */
  adapters?: readonly ChannelAdapter[];
  /** This Switchboard's version (the app's); a change since the last run rotates `hub.token`. */
  version?: string;
};

export type Hub = {
  paths: HubPaths;
  port: number;
  /** The dashboard and web chat URL, token in the fragment (never sent to the server or logged). */
  dashboardUrl: string;
  core: HubCore;
  events: HubEvents;
  /** The UI contract's implementation, for the desktop shell's IPC host. */
  ui: UiHost;
  settings: SettingsService;
  /** Remote machines: identities, the remote socket, ssh links. */
  remotes: RemoteService;
  stop: () => Promise<void>;
};

export async function createHub(options: HubOptions): Promise<Hub> {
  const log = options.log ?? silentLogger;
  const now = options.now ?? Date.now;
  const paths = hubPaths(options.home, { env: options.env ?? process.env, tmpdir: tmpdir() });
  const version = options.version ?? HUB_VERSION;
  await mkdir(paths.home, { recursive: true, mode: 0o700 });
  await chmod(paths.home, 0o700);
  const lock = await acquireHubLock(paths.lock, paths.socket, paths.home);
  const undo: Array<() => Promise<void> | void> = [() => lock.release()];
  const stop = async (): Promise<void> => {
    for (const step of undo.splice(0).reverse()) await step();
  };

  try {
    const events = createHubEvents();
    const loaded = await loadSettingsFile(paths.settings, log);
    const settings = new SettingsService(paths.settings, loaded.settings, events, {
      problems: loaded.problems,
      log,
    });
    const store = openStore(paths.database, now);
    undo.push(() => store.close());
    const bridgeToken = await ensureBridgeToken(paths.token, paths.versionMarker, version);
    if (bridgeToken.rotated) log.info(`hub.token rotated for Switchboard ${version}`);
    let dashboardToken = await ensureTokenFile(paths.dashboardToken);

    const adapters = new Map<Platform, ChannelAdapter>();
    adapters.set(
      'web',
      createWebchatAdapter({
        outbox: paths.outbox,
        files: store.files,
        messages: store.messages,
        now,
      }),
    );
    for (const extra of options.adapters ?? []) adapters.set(extra.platform, extra);
    const env = options.env ?? process.env;
    const secrets = createSecretStore(env, options.keychain ?? createOsKeychain());
    // Bot tokens from the environment live on only in the secret store.
    if (env === process.env) scrubSecretEnv(process.env);
    const sessions = new SessionRegistry();
    // The launcher tells chats through the core, which needs the launcher to exist first.
    const late: { core?: HubCore } = {};
    const projects = new ProjectService({
      settings: () => settings.get(),
      settingsService: settings,
      isAttached: (name) => sessions.byName(name) !== undefined,
      audit: store.audit,
      home: paths.home,
      env,
      log: log.child('launcher'),
      now,
      tell: (chat, text) => late.core?.notify(chat, text, true),
      boundChats: (name) =>
        store.chats
          .recent(10_000)
          .filter((c) => c.boundSession === name)
          .map((c) => ({ platform: c.platform, chatId: c.chatId, threadId: c.threadId })),
      changed: () => events.emit('sessions'),
    });
    const core = new HubCore({
      store,
      events,
      adapters,
      settings: () => settings.get(),
      home: paths.home,
      inbox: paths.inbox,
      log,
      now,
      secretValues: () => [bridgeToken.token, dashboardToken, ...secrets.known()],
      sessions,
      projects,
    });
    late.core = core;
    events.on('sessions', () => projects.supervisor.sessionsChanged());
    events.on('message', (message) => {
      if (message.session !== null) projects.launcher.noteActivity(message.session);
    });

    const platforms = new Platforms({
      adapters,
      secrets,
      env,
      inbox: paths.inbox,
      kv: store.kv,
      settings: () => settings.get(),
      updateSettings: (change) => settings.update(change),
      events,
      log,
    });
    undo.push(() => platforms.stopAll());
    await platforms.startAll(core, [...adapters.values()]);
    const sweeper = setInterval(
      survivingFullDisk('expiring prompts', () => core.broker.sweep(), log),
      30_000,
    );
    sweeper.unref();
    undo.push(() => clearInterval(sweeper));
    undo.push(() => core.broker.close());
    // A restart redelivers what was delivered shortly before the hub was last seen alive.
    const alive = setInterval(
      survivingFullDisk('the alive mark', () => core.inbox.heartbeat(), log),
      1_000,
    );
    alive.unref();
    undo.push(() => clearInterval(alive));

    const remotes = createRemoteService({
      core,
      db: store.db,
      paths,
      events,
      log: log.child('remote'),
      now,
      env,
    });
    const ui = createUiHost({
      core,
      remotes: { list: () => remotes.uiList(), connectKept: () => remotes.connectKept() },
      platforms,
      settings,
      secrets,
      events,
      via: options.desktop ? 'menu bar' : 'dashboard',
      env,
      projects,
      helper: options.helper ?? {
        command: process.execPath,
        args: [join(options.rendererDir, '..', 'switchboard-mcp.js')],
        ...(options.home === defaultHome() ? {} : { env: { SWITCHBOARD_HOME: options.home } }),
      },
      ...(options.desktop ? { desktop: options.desktop } : {}),
    });
    const http = await startHttpServer({
      core,
      ui,
      events,
      token: dashboardToken,
      home: paths.home,
      sessions: store.webSessions,
      port: options.port ?? settings.get().webchat.port ?? 0,
      rendererDir: options.rendererDir,
      inbox: paths.inbox,
      log: log.child('http'),
      now,
    });
    undo.push(() => http.close());
    const urlWith = (token: string): string => `http://127.0.0.1:${http.port}/#token=${token}`;
    let dashboardUrl = urlWith(dashboardToken);

    const info: HubInfo = {
      pid: process.pid,
      home: paths.home,
      socket: paths.socket,
      dashboardUrl,
      startedAt: now(),
      version,
      settingsProblems: () => settings.problems(),
    };
    const maintenance: Maintenance = {
      async rotateBridgeToken() {
        bridgeToken.token = await rotateTokenFile(paths.token);
        log.info('hub.token rotated; every helper reconnects with the new one');
        // After the answer to this control call has gone out: it is one of the connections.
        setImmediate(() => bridge.disconnectAll('the hub token was rotated; connect again'));
      },
      async signOutBrowsers() {
        const token = await rotateTokenFile(paths.dashboardToken);
        dashboardToken = token;
        const signedOut = http.signOutAll(token);
        dashboardUrl = urlWith(token);
        info.dashboardUrl = dashboardUrl;
        log.info(`dashboard token rotated; ${signedOut} browser session(s) signed out`);
        return { signedOut, dashboardUrl };
      },
    };
    const bridge = createBridgeServer({
      location: paths,
      credentials: localCredentials(() => bridgeToken.token),
      log: log.child('bridge'),
      handlers: {
        onHello: (connection, frame) => core.hello(connection, frame),
        onDelivered: (connection, id) => core.delivered(connection, id),
        onPermissionRequest: (connection, request) => core.permissionRequest(connection, request),
        onCall: (connection, frame) => core.call(connection, frame),
        onControl: async (frame) => {
          const remote = await runRemoteControl(remotes, frame.op, frame.args);
          if (remote) return remote;
          const outcome = await handleControl(core, info, frame, platforms, maintenance, projects);
          // Status shows the remotes and their links next to the platforms.
          if (frame.op === 'status' && outcome.ok && typeof outcome.data === 'object')
            return { ok: true, data: { ...outcome.data, remotes: remotes.list().map(remoteJson) } };
          return outcome;
        },
        onClose: (connection, end) => core.closed(connection, end),
      },
    });
    await bridge.listen();
    undo.push(() => bridge.close());
    // Sessions started before a restart are found again; tmux keeps them running meanwhile.
    await projects.supervisor.start();
    undo.push(() => projects.supervisor.close());
    undo.push(() => remotes.stop());
    await remotes.start(settings.get().remotes.connectAtStart);
    log.info(`hub ready: socket ${paths.socket}, web on 127.0.0.1:${http.port}`);
    return {
      paths,
      port: http.port,
      get dashboardUrl() {
        return dashboardUrl;
      },
      core,
      events,
      ui,
      settings,
      remotes,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A timer's work that writes to the store: on a full disk (SQLITE_FULL) it fails, which must not
 * end the hub — it is logged once per distinct error and simply runs again next time.
 */
function survivingFullDisk(name: string, work: () => void, log: Logger): () => void {
  let last = '';
  return () => {
    try {
      work();
      last = '';
    } catch (error) {
      const text = String(error);
      if (text !== last) log.warn(`${name} could not be written (retrying): ${text}`);
      last = text;
    }
  };
}
