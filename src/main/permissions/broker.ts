/**
 * Records the permission prompts Claude Code relays and settles each one once: the first verdict
 * is sent to the session's helper, later ones are told the request was already answered.
 * Fan-out to chats and notifications builds on `decide` and the `permissions` event.
 */
import type { Behavior, PermissionRequest } from '../../shared/channel';
import type { HubEvents } from '../hub/events';
import type { AttachedSession, SessionRegistry } from '../hub/session-registry';
import type { Logger } from '../log';
import type { AuditLog } from '../store/audit';
import type { PermissionStore, StoredPermissionRequest } from '../store/permissions';

export type DecideRequest = {
  requestId: string;
  behavior: Behavior;
  by: string;
  via: string;
  session?: string;
};

export type DecideOutcome =
  | { ok: true; request: StoredPermissionRequest }
  | {
      ok: false;
      reason: 'not-found' | 'already-answered' | 'ambiguous' | 'session-gone';
      message: string;
    };

export class PermissionBroker {
  readonly #store: PermissionStore;
  readonly #sessions: SessionRegistry;
  readonly #audit: AuditLog;
  readonly #events: HubEvents;
  readonly #log: Logger;
  readonly #now: () => number;

  constructor(deps: {
    store: PermissionStore;
    sessions: SessionRegistry;
    audit: AuditLog;
    events: HubEvents;
    log: Logger;
    now: () => number;
  }) {
    this.#store = deps.store;
    this.#sessions = deps.sessions;
    this.#audit = deps.audit;
    this.#events = deps.events;
    this.#log = deps.log;
    this.#now = deps.now;
  }

  request(session: AttachedSession, request: PermissionRequest): void {
    const stored = this.#store.record({
      ...request,
      sessionId: session.id,
      sessionName: session.name,
      createdAt: this.#now(),
    });
    if (!stored) return;
    this.#log.info(
      `permission prompt ${request.request_id} from ${session.name}: ${request.tool_name}`,
    );
    this.#audit.write({
      kind: 'permission.requested',
      actor: `session:${session.name}`,
      subject: request.request_id,
      detail: { tool: request.tool_name },
    });
    this.#events.emit('permissions');
  }

  pending(): StoredPermissionRequest[] {
    return this.#store.pending();
  }

  decide(decision: DecideRequest): DecideOutcome {
    const id = decision.requestId.toLowerCase();
    let candidates = this.#store.byRequestId(id);
    if (decision.session !== undefined)
      candidates = candidates.filter((r) => r.sessionName === decision.session);
    if (candidates.length === 0)
      return { ok: false, reason: 'not-found', message: `no permission request ${id}` };
    const open = candidates.filter((r) => r.verdict === null);
    if (open.length === 0) {
      const settled = candidates[0];
      return {
        ok: false,
        reason: 'already-answered',
        message: `request ${id} was already answered (${settled?.verdict ?? ''} by ${settled?.decidedBy ?? '?'} via ${settled?.decidedVia ?? '?'})`,
      };
    }
    if (open.length > 1)
      return {
        ok: false,
        reason: 'ambiguous',
        message: `request ${id} is open in several sessions; name one with --session`,
      };
    const request = open[0] as StoredPermissionRequest;
    const session = this.#sessions.list().find((s) => s.id === request.sessionId);
    if (!session)
      return {
        ok: false,
        reason: 'session-gone',
        message: `session ${request.sessionName} is no longer attached, so Claude Code cannot receive a verdict`,
      };
    if (
      !this.#store.decide(request.id, decision.behavior, decision.by, decision.via, this.#now())
    ) {
      return {
        ok: false,
        reason: 'already-answered',
        message: `request ${id} was already answered`,
      };
    }
    session.connection.send({
      type: 'verdict',
      request_id: request.request_id,
      behavior: decision.behavior,
    });
    this.#audit.write({
      kind: `permission.${decision.behavior}`,
      actor: decision.by,
      subject: id,
      detail: { via: decision.via, session: session.name },
    });
    this.#log.info(
      `permission ${id} ${decision.behavior === 'allow' ? 'allowed' : 'denied'} by ${decision.by} via ${decision.via}`,
    );
    this.#events.emit('permissions');
    const settled = this.#store.byRequestId(id).find((r) => r.id === request.id) ?? request;
    return { ok: true, request: settled };
  }
}
