import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGuard, type Guard } from '../../../../src/main/http/guard';
import { openStore, type Store } from '../../../../src/main/store/store';
import { tempDir } from '../../../support/paths';

const TOKEN = 'a'.repeat(64);
const req = (headers: Record<string, string>): IncomingMessage =>
  ({ headers }) as unknown as IncomingMessage;

describe('the web guard', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let store: Store;
  let guard: Guard;
  beforeEach(async () => {
    dir = await tempDir('sb-guard-');
    store = openStore(join(dir.dir, 'sb.db'), () => 0);
    guard = createGuard({
      token: TOKEN,
      home: '/home/ann/.local/state/switchboard',
      port: () => 4000,
      sessions: store.webSessions,
      now: () => 0,
    });
  });
  afterEach(async () => {
    store.close();
    await dir.cleanup();
  });

  it('names its cookie for this hub, so two hubs never share one', () => {
    const other = createGuard({
      token: TOKEN,
      home: '/home/ann/other-home',
      port: () => 4000,
      sessions: store.webSessions,
      now: () => 0,
    });
    expect(guard.cookieName).toMatch(/^switchboard_files_[0-9a-f]{16}$/);
    expect(other.cookieName).not.toBe(guard.cookieName);
  });

  it.each([
    [{}, true],
    [{ origin: 'http://127.0.0.1:4000' }, true],
    [{ origin: 'http://localhost:4000', 'sec-fetch-site': 'same-origin' }, true],
    [{ 'sec-fetch-site': 'none' }, true],
    [{ origin: 'http://127.0.0.1:3000' }, false],
    [{ 'sec-fetch-site': 'same-site' }, false],
    [{ 'sec-fetch-site': 'cross-site' }, false],
    [{ origin: 'null' }, false],
  ])('judges %j as from our page: %s', (headers, ok) => {
    expect(guard.fromOurPage(req(headers))).toBe(ok);
  });

  it('lets API calls in with the bearer token or a session secret, never the cookie', () => {
    const session = store.webSessions.create('x', 0);
    expect(guard.caller(req({ authorization: `Bearer ${TOKEN}` }))).toEqual({ kind: 'token' });
    expect(guard.caller(req({ 'x-switchboard-session': session.secret }))?.kind).toBe('browser');
    expect(
      guard.caller(
        req({ 'sec-websocket-protocol': `switchboard, switchboard.session.${session.secret}` }),
      )?.kind,
    ).toBe('browser');
    expect(guard.caller(req({ cookie: `${guard.cookieName}=${session.cookie}` }))).toBeUndefined();
    expect(guard.caller(req({ cookie: `switchboard_token=${TOKEN}` }))).toBeUndefined();
    expect(guard.fileReader(req({ cookie: `${guard.cookieName}=${session.cookie}` }))?.kind).toBe(
      'browser',
    );
  });

  it('takes a new token after a sign-out and forgets the old one', () => {
    guard.setToken('b'.repeat(64));
    expect(guard.bearerOk(req({ authorization: `Bearer ${TOKEN}` }))).toBe(false);
    expect(guard.bearerOk(req({ authorization: `Bearer ${'b'.repeat(64)}` }))).toBe(true);
  });
});
