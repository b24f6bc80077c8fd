import Database from 'better-sqlite3';

/** The audit rows a hub wrote, read straight from its database (read-only, WAL-safe). */
export function auditKinds(
  home: string,
): Array<{ kind: string; actor: string; subject: string; detail: string }> {
  const db = new Database(`${home}/switchboard.db`, { readonly: true });
  try {
    return db
      .prepare<[], { kind: string; actor: string; subject: string; detail: string }>(
        'SELECT kind, actor, subject, detail FROM audit ORDER BY id',
      )
      .all();
  } finally {
    db.close();
  }
}
