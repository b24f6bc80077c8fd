/**
 * Remotes as a whole: their identities (remotes table), the remote socket their sessions arrive
 * on (remote-sessions.ts) and the ssh links the hub keeps up for them (ssh-link.ts). Removing or
 * rotating a remote cuts its sessions at once; its link keeps running after a rotation (the
 * transport is the user's ssh, not the credential) and stops on removal.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatRemoteToken, parseRemoteToken } from '../../shared/remote-credential';
import type { HubPaths } from '../../shared/paths';
import type { HubEvents } from '../events/hub-events';
import type { HubCore } from '../hub/core';
import type { Logger } from '../log';
import type { Db } from '../store/db';
import { RemoteStore, type RemoteRecord } from '../store/remotes';
import { isCurrentSecret, newRemoteSecret, verifierOf } from './credentials';
import { createRemoteSessions, type RemoteSessions } from './remote-sessions';
import { checkHost, checkSshOptions } from './ssh-command';
import { createSshLink, type LinkState, type SshLink } from './ssh-link';

export type RemoteView = {
  name: string;
  createdAt: number;
  rotatedAt: number | null;
  host: string | null;
  sshOptions: string[];
  keepConnected: boolean;
  remoteSocket: string | null;
  lastSeenAt: number | null;
  link: LinkState;
  /** Names of its attached sessions (`REMOTE:session`). */
  sessions: string[];
};

export type ConnectRequest = {
  name: string;
  host: string;
  sshOptions: readonly string[];
  remoteSocket?: string;
};

export type RemoteService = {
  start: (connectAtStart: boolean) => Promise<void>;
  stop: () => Promise<void>;
  list: () => RemoteView[];
  /** A new remote; its credential token, shown once. */
  add: (name: string) => string;
  remove: (name: string) => Promise<void>;
  /** A new credential; the old one stops working at once. */
  rotate: (name: string) => string;
  /** Whether a token is its remote's current credential. */
  isCurrent: (token: string) => boolean;
  connect: (request: ConnectRequest) => Promise<RemoteView>;
  disconnect: (name: string) => Promise<RemoteView>;
};

export class RemoteError extends Error {}

/** Absolute, and plain enough to quote safely in the remote's shell. */
const REMOTE_SOCKET_PATTERN = /^\/[A-Za-z0-9._/-]{1,200}$/;

export function createRemoteService(deps: {
  core: HubCore;
  db: Db;
  paths: HubPaths;
  events: HubEvents;
  log: Logger;
  now: () => number;
  env: Readonly<Record<string, string | undefined>>;
}): RemoteService {
  const { core, log, now } = deps;
  const store = new RemoteStore(deps.db);
  const links = new Map<string, SshLink>();
  const stopped = (): LinkState => ({ phase: 'stopped', since: now(), failures: 0 });
  let staging: string | undefined;
  let sessions: RemoteSessions | undefined;
  const changed = (): void => void deps.events.emit('remotes');

  const need = (name: string): RemoteRecord => {
    const record = store.get(name);
    if (!record) throw new RemoteError(`no remote named "${name}" (see switchboard remote list)`);
    return record;
  };

  const view = (record: RemoteRecord): RemoteView => ({
    name: record.name,
    createdAt: record.createdAt,
    rotatedAt: record.rotatedAt,
    host: record.host,
    sshOptions: record.sshOptions,
    keepConnected: record.keepConnected,
    remoteSocket: record.remoteSocket,
    lastSeenAt: record.lastSeenAt,
    link: links.get(record.name)?.state() ?? stopped(),
    sessions: core.sessions
      .list()
      .filter((s) => s.remote === record.name)
      .map((s) => s.name),
  });

  function startLink(record: RemoteRecord, remoteSocket: string | undefined): void {
    if (record.host === null) return;
    const link = createSshLink({
      remote: record.name,
      host: record.host,
      sshOptions: record.sshOptions,
      localSocket: deps.paths.remoteSocket,
      ...(remoteSocket === undefined ? {} : { remoteSocket }),
      ssh: deps.env['SWITCHBOARD_SSH'] || 'ssh',
      log,
      now,
      onState: changed,
      onRemoteSocket: (path) => store.setRemoteSocket(record.name, path),
    });
    links.set(record.name, link);
    link.start();
  }

  async function stopLink(name: string): Promise<void> {
    const link = links.get(name);
    links.delete(name);
    await link?.stop();
  }

  return {
    async start(connectAtStart) {
      staging = await mkdtemp(join(tmpdir(), 'switchboard-remote-'));
      sessions = createRemoteSessions({
        core,
        remotes: store,
        location: {
          socket: deps.paths.remoteSocket,
          socketDir: deps.paths.remoteSocketDir,
          home: deps.paths.home,
        },
        files: { staging, inbox: deps.paths.inbox },
        log,
        now,
        onChange: changed,
      });
      await sessions.listen();
      if (connectAtStart)
        for (const record of store.list())
          if (record.keepConnected && record.host !== null)
            startLink(record, record.remoteSocket ?? undefined);
    },
    async stop() {
      await Promise.all([...links.keys()].map(stopLink));
      await sessions?.close();
      if (staging) await rm(staging, { recursive: true, force: true });
    },
    list: () => store.list().map(view),
    add(name) {
      const secret = newRemoteSecret(name);
      if (!store.add(name, verifierOf(secret), now()))
        throw new RemoteError(
          `a remote named "${name}" already exists (rotate its credential with switchboard remote rotate ${name})`,
        );
      core.store.audit.write({
        kind: 'remote.added',
        actor: 'local owner',
        subject: name,
        detail: {},
      });
      changed();
      return formatRemoteToken(secret);
    },
    async remove(name) {
      need(name);
      store.remove(name);
      sessions?.cut(name, `the remote "${name}" was removed`);
      await stopLink(name);
      core.store.audit.write({
        kind: 'remote.removed',
        actor: 'local owner',
        subject: name,
        detail: {},
      });
      changed();
    },
    rotate(name) {
      need(name);
      const secret = newRemoteSecret(name);
      store.rotate(name, verifierOf(secret), now());
      sessions?.cut(name, `the credential of remote "${name}" was rotated`);
      core.store.audit.write({
        kind: 'remote.rotated',
        actor: 'local owner',
        subject: name,
        detail: {},
      });
      changed();
      return formatRemoteToken(secret);
    },
    isCurrent(token) {
      const secret = parseRemoteToken(token);
      return secret !== undefined && isCurrentSecret(store, secret);
    },
    async connect(request) {
      need(request.name);
      try {
        checkHost(request.host);
        checkSshOptions(request.sshOptions);
      } catch (error) {
        throw new RemoteError((error as Error).message);
      }
      if (request.remoteSocket !== undefined && !REMOTE_SOCKET_PATTERN.test(request.remoteSocket))
        throw new RemoteError(
          '--remote-socket must be an absolute path of letters, digits, ".", "_", "-" and "/"',
        );
      store.setLink(request.name, {
        host: request.host,
        sshOptions: request.sshOptions,
        keepConnected: true,
      });
      if (request.remoteSocket !== undefined)
        store.setRemoteSocket(request.name, request.remoteSocket);
      await stopLink(request.name);
      const record = need(request.name);
      startLink(record, record.remoteSocket ?? undefined);
      changed();
      return view(record);
    },
    async disconnect(name) {
      need(name);
      store.setKeepConnected(name, false);
      await stopLink(name);
      changed();
      return view(need(name));
    },
  };
}
