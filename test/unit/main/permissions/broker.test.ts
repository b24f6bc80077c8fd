import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ToHelperFrame } from '../../../../src/shared/bridge-protocol';
import type { PromptOutcome } from '../../../../src/main/adapters/adapter';
import type { BridgeConnection } from '../../../../src/main/bridge/server';
import { createHubEvents } from '../../../../src/main/events/hub-events';
import {
  SessionRegistry,
  type AttachedSession,
} from '../../../../src/main/sessions/session-registry';
import { silentLogger } from '../../../../src/main/log';
import {
  MAX_OPEN_PROMPTS_PER_SESSION,
  PermissionBroker,
} from '../../../../src/main/permissions/broker';
import { openStore, type Store } from '../../../../src/main/store/store';
import { tempDir } from '../../../support/paths';
import { HELLO_AUTH } from '../../../support/frames';

describe('permission broker', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let store: Store;
  let clock: number;
  let sessions: SessionRegistry;
  let broker: PermissionBroker;
  let sent: ToHelperFrame[];
  let settled: Array<{ requestId: string; outcome: PromptOutcome }>;
  let session: AttachedSession;

  beforeEach(async () => {
    dir = await tempDir();
    clock = 0;
    store = openStore(`${dir.dir}/db.sqlite`, () => clock);
    sessions = new SessionRegistry();
    sent = [];
    settled = [];
    const connection: BridgeConnection = {
      id: 1,
      send: (frame) => void sent.push(frame),
      close: () => undefined,
    };
    session = sessions.attach(
      { type: 'hello', ...HELLO_AUTH, session: { name: 'work', cwd: '/w', pid: 1 } },
      connection,
      0,
    );
    broker = new PermissionBroker({
      store: store.permissions,
      sessions,
      audit: store.audit,
      events: createHubEvents(),
      log: silentLogger,
      now: () => clock,
      fanout: {
        show: () => undefined,
        settle: (request, outcome) => void settled.push({ requestId: request.request_id, outcome }),
      },
      expireAfterMs: () => 60_000,
    });
    broker.request(session, {
      request_id: 'abcde',
      tool_name: 'Bash',
      description: 'd',
      input_preview: 'p',
    });
  });
  afterEach(async () => {
    store.close();
    await dir.cleanup();
  });

  it('lets only the first of two racing verdicts through to the helper', () => {
    const first = broker.decide({
      requestId: 'ABCDE',
      behavior: 'deny',
      by: 'owner',
      via: 'telegram',
    });
    const second = broker.decide({
      requestId: 'abcde',
      behavior: 'allow',
      by: 'owner',
      via: 'cli',
    });
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, reason: 'already-answered' });
    expect(sent).toEqual([{ type: 'verdict', request_id: 'abcde', behavior: 'deny' }]);
    expect(settled).toEqual([
      { requestId: 'abcde', outcome: { behavior: 'deny', by: 'owner', via: 'telegram' } },
    ]);
  });

  it('records a request once even when Claude Code repeats it', () => {
    broker.request(session, {
      request_id: 'abcde',
      tool_name: 'Bash',
      description: 'd',
      input_preview: 'p',
    });
    expect(broker.pending()).toHaveLength(1);
  });

  it('says not found for an unknown id and cannot answer a session that left', () => {
    expect(
      broker.decide({ requestId: 'zzzzz', behavior: 'allow', by: 'o', via: 'cli' }),
    ).toMatchObject({ ok: false, reason: 'not-found' });
    sessions.detach(session.connection);
    expect(
      broker.decide({ requestId: 'abcde', behavior: 'allow', by: 'o', via: 'cli' }),
    ).toMatchObject({ ok: false, reason: 'session-gone' });
    expect(sent).toEqual([]);
  });

  it('expires old prompts on sweep and when their session ends', () => {
    clock = 59_999;
    broker.sweep();
    expect(broker.pending()).toHaveLength(1);
    clock = 60_000;
    broker.sweep();
    expect(broker.pending()).toEqual([]);
    expect(settled).toEqual([
      { requestId: 'abcde', outcome: { behavior: 'expired', by: 'switchboard', via: 'timeout' } },
    ]);
    broker.request(session, {
      request_id: 'fghij',
      tool_name: 'Bash',
      description: 'd',
      input_preview: 'p',
    });
    broker.sessionEnded(session);
    expect(broker.pending()).toEqual([]);
    expect(
      broker.decide({ requestId: 'fghij', behavior: 'allow', by: 'o', via: 'cli' }),
    ).toMatchObject({ ok: false, reason: 'already-answered' });
  });

  it('caps the prompts one session may have waiting; later ones stay in its terminal, audited once per burst', () => {
    const ids = Array.from(
      { length: MAX_OPEN_PROMPTS_PER_SESSION + 5 },
      (_, i) =>
        `b${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}aa`,
    );
    for (const request_id of ids)
      broker.request(session, {
        request_id,
        tool_name: 'Bash',
        description: 'd',
        input_preview: 'p',
      });
    // One was already open from beforeEach.
    expect(broker.pending()).toHaveLength(MAX_OPEN_PROMPTS_PER_SESSION);
    const refused = (): Array<{ subject: string; detail: string }> =>
      store.db
        .prepare(
          "SELECT subject, detail FROM audit WHERE kind = 'permission.refused-too-many' ORDER BY id",
        )
        .all() as Array<{ subject: string; detail: string }>;
    // The first refusal in full; the five after it are only counted while the burst lasts.
    expect(refused()).toEqual([{ subject: ids[19], detail: JSON.stringify({ tool: 'Bash' }) }]);
    // Answering one makes room for the next.
    expect(broker.decide({ requestId: 'abcde', behavior: 'deny', by: 'o', via: 'cli' }).ok).toBe(
      true,
    );
    broker.request(session, {
      request_id: 'zzzzz',
      tool_name: 'Bash',
      description: 'd',
      input_preview: 'p',
    });
    expect(broker.pending().map((p) => p.request_id)).toContain('zzzzz');
    // Room opened, so the burst is over: the rest are recorded as one row.
    expect(refused()[1]).toEqual({
      subject: `5 more after ${ids[19]}`,
      detail: JSON.stringify({ more: 5, tools: ['Bash'] }),
    });
    expect(refused()).toHaveLength(2);
  });
});
