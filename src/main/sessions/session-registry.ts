/**
 * The sessions attached right now: one per connected helper, each with a unique name. Names are
 * what chats are bound to, so a helper that reconnects gets its old name back when it is free.
 */
import { randomUUID } from 'node:crypto';
import type { HelloInput } from '../../shared/bridge-protocol';
import type { BridgeConnection } from '../bridge/server';

export type AttachedSession = {
  id: string;
  name: string;
  cwd: string;
  pid: number;
  /** 'disabled': Claude Code was started without the channel flag and drops channel events. */
  channels: 'enabled' | 'disabled' | 'unknown';
  attachedAt: number;
  connection: BridgeConnection;
  /** The remote the session runs on (its name is `REMOTE:session`); absent for local sessions. */
  remote?: string;
};

export class SessionRegistry {
  readonly #byConnection = new Map<number, AttachedSession>();
  /** Names given out before, by session id, so a reconnecting helper keeps its name. */
  readonly #previousNames = new Map<string, string>();
  #sequence = 0;
  readonly #order = new Map<string, number>();

  attach(hello: HelloInput, connection: BridgeConnection, now: number): AttachedSession {
    const resumed =
      hello.resume !== undefined && !this.#findById(hello.resume) ? hello.resume : undefined;
    const id = resumed ?? randomUUID();
    const wanted = (resumed && this.#previousNames.get(resumed)) ?? hello.session.name;
    const session: AttachedSession = {
      id,
      name: this.#uniqueName(wanted),
      cwd: hello.session.cwd,
      pid: hello.session.pid,
      channels: hello.session.channels ?? 'unknown',
      attachedAt: now,
      connection,
      ...(connection.remote === undefined ? {} : { remote: connection.remote }),
    };
    this.#byConnection.set(connection.id, session);
    this.#previousNames.set(id, session.name);
    this.#order.set(id, ++this.#sequence);
    return session;
  }

  detach(connection: BridgeConnection): AttachedSession | undefined {
    const session = this.#byConnection.get(connection.id);
    this.#byConnection.delete(connection.id);
    if (session) this.#order.delete(session.id);
    return session;
  }

  byConnection(connection: BridgeConnection): AttachedSession | undefined {
    return this.#byConnection.get(connection.id);
  }

  byName(name: string): AttachedSession | undefined {
    for (const session of this.#byConnection.values()) if (session.name === name) return session;
    return undefined;
  }

  /** The session that attached last (among those the filter admits): where unbound chats go. */
  mostRecent(
    admit: (session: AttachedSession) => boolean = () => true,
  ): AttachedSession | undefined {
    let best: AttachedSession | undefined;
    for (const session of this.#byConnection.values()) {
      if (!admit(session)) continue;
      if (!best || (this.#order.get(session.id) ?? 0) > (this.#order.get(best.id) ?? 0))
        best = session;
    }
    return best;
  }

  list(): AttachedSession[] {
    return [...this.#byConnection.values()].sort(
      (a, b) => (this.#order.get(a.id) ?? 0) - (this.#order.get(b.id) ?? 0),
    );
  }

  #findById(id: string): AttachedSession | undefined {
    for (const session of this.#byConnection.values()) if (session.id === id) return session;
    return undefined;
  }

  #uniqueName(base: string): string {
    if (!this.byName(base)) return base;
    for (let n = 2; ; n++) {
      const candidate = `${base.slice(0, 60)}-${n}`;
      if (!this.byName(candidate)) return candidate;
    }
  }
}
