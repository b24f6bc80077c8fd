/** Permission prompts Claude Code relayed to us, and how each was settled. */
import type { Behavior, PermissionRequest } from '../../shared/channel';
import type { Db } from './db';

export type Verdict = Behavior | 'expired';

export type StoredPermissionRequest = PermissionRequest & {
  id: number;
  sessionId: string;
  sessionName: string;
  createdAt: number;
  verdict: Verdict | null;
  decidedBy: string | null;
  decidedVia: string | null;
  decidedAt: number | null;
};

type Row = {
  id: number;
  session_id: string;
  session_name: string;
  request_id: string;
  tool_name: string;
  description: string;
  input_preview: string;
  created_at: number;
  verdict: string | null;
  decided_by: string | null;
  decided_via: string | null;
  decided_at: number | null;
};

function fromRow(row: Row): StoredPermissionRequest {
  return {
    id: row.id,
    sessionId: row.session_id,
    sessionName: row.session_name,
    request_id: row.request_id,
    tool_name: row.tool_name,
    description: row.description,
    input_preview: row.input_preview,
    createdAt: row.created_at,
    verdict: row.verdict as Verdict | null,
    decidedBy: row.decided_by,
    decidedVia: row.decided_via,
    decidedAt: row.decided_at,
  };
}

export class PermissionStore {
  readonly #insert;
  readonly #pending;
  readonly #byRequestId;
  readonly #byId;
  readonly #openCount;
  readonly #decide;

  constructor(db: Db) {
    this.#insert = db.prepare(
      `INSERT INTO permission_requests (session_id, session_name, request_id, tool_name, description, input_preview, created_at)
       VALUES (@sessionId, @sessionName, @request_id, @tool_name, @description, @input_preview, @createdAt)
       ON CONFLICT (session_id, request_id) DO NOTHING`,
    );
    this.#pending = db.prepare<[], Row>(
      'SELECT * FROM permission_requests WHERE verdict IS NULL ORDER BY id',
    );
    this.#byRequestId = db.prepare<[string], Row>(
      'SELECT * FROM permission_requests WHERE request_id = ? ORDER BY id DESC',
    );
    this.#byId = db.prepare<[number], Row>('SELECT * FROM permission_requests WHERE id = ?');
    this.#openCount = db
      .prepare<[string], number>(
        'SELECT count(*) FROM permission_requests WHERE session_id = ? AND verdict IS NULL',
      )
      .pluck();
    this.#decide = db.prepare(
      `UPDATE permission_requests SET verdict = @verdict, decided_by = @by, decided_via = @via, decided_at = @at
       WHERE id = @id AND verdict IS NULL`,
    );
  }

  record(
    request: PermissionRequest & { sessionId: string; sessionName: string; createdAt: number },
  ): StoredPermissionRequest | undefined {
    const result = this.#insert.run(request);
    if (result.changes === 0) return undefined;
    // By primary key: recording stays O(1) however many prompts exist (issue #12).
    const row = this.#byId.get(Number(result.lastInsertRowid));
    return row ? fromRow(row) : undefined;
  }

  /** Prompts of one session still waiting for a verdict (indexed). */
  openCount(sessionId: string): number {
    return this.#openCount.get(sessionId) ?? 0;
  }

  pending(): StoredPermissionRequest[] {
    return this.#pending.all().map(fromRow);
  }

  byRequestId(requestId: string): StoredPermissionRequest[] {
    return this.#byRequestId.all(requestId).map(fromRow);
  }

  /** Settles a request once; false when it was already settled (first verdict wins). */
  decide(id: number, verdict: Verdict, by: string, via: string, at: number): boolean {
    return this.#decide.run({ id, verdict, by, via, at }).changes > 0;
  }
}
