/**
 * The permission broker: records each prompt Claude Code relays, shows it on every surface that
 * should see it, and settles it once — the first verdict goes to the session's helper, every
 * other copy of the prompt is updated with the outcome, later answers hear "already answered".
 * Prompts expire (Claude Code never says a request was settled elsewhere) and end with their
 * session.
 */
import type { Behavior, PermissionRequest } from '../../shared/channel';
import type { PromptOutcome } from '../adapters/adapter';
import type { HubEvents } from '../events/hub-events';
import type { AttachedSession, SessionRegistry } from '../sessions/session-registry';
import type { Logger } from '../log';
import type { AuditLog } from '../store/audit';
import type { PermissionStore, StoredPermissionRequest } from '../store/permissions';
import { RefusalTally } from './refusals';

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

/** Where prompts are shown beyond the event stream (owner chats); implemented by the hub. */
export type PromptFanout = {
  show: (request: StoredPermissionRequest, session: AttachedSession) => void;
  settle: (request: StoredPermissionRequest, outcome: PromptOutcome) => void;
};

/**
 * Prompts one session may have waiting at once. Claude Code asks one at a time (a few with
 * subagents); past this a session is flooding, and further prompts stay in its terminal only.
 */
export const MAX_OPEN_PROMPTS_PER_SESSION = 20;

export type BrokerDeps = {
  store: PermissionStore;
  sessions: SessionRegistry;
  audit: AuditLog;
  events: HubEvents;
  log: Logger;
  now: () => number;
  fanout: PromptFanout;
  expireAfterMs: () => number;
};

export class PermissionBroker {
  readonly #deps: BrokerDeps;
  readonly #refusals: RefusalTally;

  constructor(deps: BrokerDeps) {
    this.#deps = deps;
    this.#refusals = new RefusalTally({
      audit: deps.audit,
      log: deps.log,
      limit: MAX_OPEN_PROMPTS_PER_SESSION,
    });
  }

  request(session: AttachedSession, request: PermissionRequest): void {
    const { store, audit, log, events, fanout, now } = this.#deps;
    if (store.openCount(session.id) >= MAX_OPEN_PROMPTS_PER_SESSION) {
      this.#refusals.refused(session, request.request_id, request.tool_name);
      return;
    }
    this.#refusals.end(session.id);
    const stored = store.record({
      ...request,
      sessionId: session.id,
      sessionName: session.name,
      createdAt: now(),
    });
    if (!stored) return;
    log.info(`permission prompt ${request.request_id} from ${session.name}: ${request.tool_name}`);
    audit.write({
      kind: 'permission.requested',
      actor: `session:${session.name}`,
      subject: request.request_id,
      detail: { tool: request.tool_name },
    });
    events.emit('permissions');
    fanout.show(stored, session);
  }

  pending(): StoredPermissionRequest[] {
    return this.#deps.store.pending();
  }

  /** Whether a request with this id was ever relayed (pending or settled). */
  knows(requestId: string): boolean {
    return this.#deps.store.byRequestId(requestId.toLowerCase()).length > 0;
  }

  decide(decision: DecideRequest): DecideOutcome {
    const { store, sessions, audit, log, now } = this.#deps;
    const id = decision.requestId.toLowerCase();
    let candidates = store.byRequestId(id);
    if (decision.session !== undefined)
      candidates = candidates.filter((r) => r.sessionName === decision.session);
    if (candidates.length === 0)
      return { ok: false, reason: 'not-found', message: `no permission request ${id}` };
    const open = candidates.filter((r) => r.verdict === null);
    if (open.length === 0) {
      const settled = candidates[0];
      audit.write({
        kind: 'permission.late-answer',
        actor: decision.by,
        subject: id,
        detail: { via: decision.via },
      });
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
    const session = sessions.list().find((s) => s.id === request.sessionId);
    if (!session)
      return {
        ok: false,
        reason: 'session-gone',
        message: `session ${request.sessionName} is no longer attached, so Claude Code cannot receive a verdict`,
      };
    if (!store.decide(request.id, decision.behavior, decision.by, decision.via, now())) {
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
    audit.write({
      kind: `permission.${decision.behavior}`,
      actor: decision.by,
      subject: id,
      detail: { via: decision.via, session: session.name },
    });
    log.info(
      `permission ${id} ${decision.behavior === 'allow' ? 'allowed' : 'denied'} by ${decision.by} via ${decision.via}`,
    );
    return {
      ok: true,
      request: this.#settled(request, {
        behavior: decision.behavior,
        by: decision.by,
        via: decision.via,
      }),
    };
  }

  /** Expires prompts older than the configured time; called on a timer. */
  sweep(): void {
    const cutoff = this.#deps.now() - this.#deps.expireAfterMs();
    for (const request of this.pending()) {
      if (request.createdAt <= cutoff) this.#expire(request, 'timeout');
    }
  }

  /** A session went away: its prompts can no longer be answered. */
  sessionEnded(session: AttachedSession): void {
    this.#refusals.end(session.id);
    for (const request of this.pending())
      if (request.sessionId === session.id) this.#expire(request, 'session ended');
  }

  /** Records what is still only counted (the hub is stopping). */
  close(): void {
    this.#refusals.close();
  }

  #expire(request: StoredPermissionRequest, why: string): void {
    if (!this.#deps.store.decide(request.id, 'expired', 'switchboard', why, this.#deps.now()))
      return;
    this.#deps.audit.write({
      kind: 'permission.expired',
      actor: 'switchboard',
      subject: request.request_id,
      detail: { why },
    });
    this.#settled(request, { behavior: 'expired', by: 'switchboard', via: why });
  }

  #settled(request: StoredPermissionRequest, outcome: PromptOutcome): StoredPermissionRequest {
    this.#deps.events.emit('permissions');
    const settled =
      this.#deps.store.byRequestId(request.request_id).find((r) => r.id === request.id) ?? request;
    this.#deps.fanout.settle(settled, outcome);
    return settled;
  }
}
