import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../../src/main/store/store';
import { tempDir } from '../../../support/paths';

const request = (request_id = 'abcde', sessionId = 's1') => ({
  request_id,
  tool_name: 'Bash',
  description: 'list files',
  input_preview: '{"command":"ls"}',
  sessionId,
  sessionName: 'alpha',
  createdAt: 10,
});

describe('PermissionStore', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let store: Store;

  beforeEach(async () => {
    dir = await tempDir('sb-perm-');
    store = openStore(join(dir.dir, 'sb.db'), () => 0);
  });
  afterEach(async () => {
    store.close();
    await dir.cleanup();
  });

  it('records a request as pending', () => {
    const stored = store.permissions.record(request());
    expect(stored).toMatchObject({
      request_id: 'abcde',
      sessionId: 's1',
      sessionName: 'alpha',
      verdict: null,
      decidedBy: null,
    });
    expect(store.permissions.pending().map((p) => p.id)).toEqual([stored!.id]);
  });

  it('ignores the same request from the same session twice', () => {
    store.permissions.record(request());
    expect(store.permissions.record(request())).toBeUndefined();
    expect(store.permissions.pending()).toHaveLength(1);
  });

  it('keeps the same request id from two sessions apart, newest first', () => {
    const one = store.permissions.record(request('abcde', 's1'));
    const two = store.permissions.record(request('abcde', 's2'));
    expect(two?.sessionId).toBe('s2');
    expect(store.permissions.byRequestId('abcde').map((p) => p.id)).toEqual([two!.id, one!.id]);
  });

  it('lets the first verdict win', () => {
    const stored = store.permissions.record(request())!;
    expect(store.permissions.decide(stored.id, 'allow', 'Ann', 'web', 20)).toBe(true);
    expect(store.permissions.decide(stored.id, 'deny', 'Bob', 'telegram', 21)).toBe(false);
    expect(store.permissions.byRequestId('abcde')[0]).toMatchObject({
      verdict: 'allow',
      decidedBy: 'Ann',
      decidedVia: 'web',
      decidedAt: 20,
    });
    expect(store.permissions.pending()).toEqual([]);
  });

  it('can expire a request, after which it cannot be allowed', () => {
    const stored = store.permissions.record(request())!;
    expect(store.permissions.decide(stored.id, 'expired', 'hub', 'timeout', 30)).toBe(true);
    expect(store.permissions.decide(stored.id, 'allow', 'Ann', 'web', 31)).toBe(false);
    expect(store.permissions.byRequestId('abcde')[0]?.verdict).toBe('expired');
  });

  it('reports false when deciding a request that does not exist', () => {
    expect(store.permissions.decide(404, 'allow', 'Ann', 'web', 1)).toBe(false);
  });

  it("counts the open prompts of one session, not its settled ones or other sessions'", () => {
    const a = store.permissions.record(request('aaaaa', 's1'))!;
    store.permissions.record(request('bbbbb', 's1'));
    store.permissions.record(request('ccccc', 's2'));
    expect(store.permissions.openCount('s1')).toBe(2);
    store.permissions.decide(a.id, 'deny', 'Ann', 'cli', 1);
    expect(store.permissions.openCount('s1')).toBe(1);
    expect(store.permissions.openCount('nobody')).toBe(0);
  });

  it('records through the primary key and the request-id index, never a table scan', () => {
    const plan = (sql: string, ...args: unknown[]): string =>
      (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join('; ');
    expect(plan('SELECT * FROM permission_requests WHERE id = ?', 1)).toMatch(
      /INTEGER PRIMARY KEY/,
    );
    expect(plan('SELECT * FROM permission_requests WHERE request_id = ?', 'abcde')).toMatch(
      /USING INDEX permission_requests_request/,
    );
    expect(
      plan(
        'SELECT count(*) FROM permission_requests WHERE session_id = ? AND verdict IS NULL',
        's1',
      ),
    ).toMatch(/permission_requests_open/);
  });
});
