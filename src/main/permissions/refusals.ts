/**
 * Prompts a session sends past its cap are refused (they stay in its terminal). A flooding session
 * sends thousands: writing an audit row for each would be an fsynced commit per prompt (seconds of
 * disk work, and an audit log an attacker can fill), and a log line for each would bury the log.
 * So the first refusal of a burst is recorded in full, and the rest are counted and recorded as one
 * summary when the burst ends: room opens for the session, the session ends, or a quiet minute.
 */
import type { Logger } from '../log';
import type { AuditLog } from '../store/audit';

/** A burst of refusals is summed up at most this long after it began. */
export const REFUSAL_SUMMARY_MS = 60_000;

type Burst = {
  name: string;
  first: string;
  more: number;
  tools: Set<string>;
  timer: NodeJS.Timeout;
};

export class RefusalTally {
  readonly #audit: Pick<AuditLog, 'write'>;
  readonly #log: Logger;
  readonly #limit: number;
  readonly #bursts = new Map<string, Burst>();

  constructor(deps: { audit: Pick<AuditLog, 'write'>; log: Logger; limit: number }) {
    this.#audit = deps.audit;
    this.#log = deps.log;
    this.#limit = deps.limit;
  }

  /** One prompt of `session` was not relayed because its cap was reached. */
  refused(session: { id: string; name: string }, requestId: string, tool: string): void {
    const burst = this.#bursts.get(session.id);
    if (burst) {
      burst.more += 1;
      if (burst.tools.size < 10) burst.tools.add(tool);
      return;
    }
    this.#log.warn(
      `permission prompt ${requestId} from ${session.name} not relayed: ${this.#limit} of its prompts are already waiting (answer it in its terminal)`,
    );
    this.#audit.write({
      kind: 'permission.refused-too-many',
      actor: `session:${session.name}`,
      subject: requestId,
      detail: { tool },
    });
    const timer = setTimeout(() => this.end(session.id), REFUSAL_SUMMARY_MS);
    timer.unref();
    this.#bursts.set(session.id, {
      name: session.name,
      first: requestId,
      more: 0,
      tools: new Set(),
      timer,
    });
  }

  /** The burst of `sessionId` is over: the prompts refused after its first are recorded as one. */
  end(sessionId: string): void {
    const burst = this.#bursts.get(sessionId);
    if (!burst) return;
    this.#bursts.delete(sessionId);
    clearTimeout(burst.timer);
    if (burst.more === 0) return;
    this.#log.warn(
      `${burst.more} more permission prompts from ${burst.name} not relayed after ${burst.first} (too many waiting)`,
    );
    this.#audit.write({
      kind: 'permission.refused-too-many',
      actor: `session:${burst.name}`,
      subject: `${burst.more} more after ${burst.first}`,
      detail: { more: burst.more, tools: [...burst.tools] },
    });
  }

  /** Every open burst is recorded now (the hub is stopping). */
  close(): void {
    for (const id of [...this.#bursts.keys()]) this.end(id);
  }
}
