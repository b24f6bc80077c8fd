import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BridgeConnection } from '../../../../src/main/bridge/server';
import { SessionRegistry } from '../../../../src/main/sessions/session-registry';
import { Router } from '../../../../src/main/router/router';
import { openStore, type Store } from '../../../../src/main/store/store';
import { tempDir } from '../../../support/paths';
import { HELLO_AUTH } from '../../../support/frames';

let nextId = 1;
const connection = (): BridgeConnection => ({ id: nextId++, send() {}, close() {} });

describe('Router', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let store: Store;
  let registry: SessionRegistry;
  let router: Router;

  beforeEach(async () => {
    dir = await tempDir('sb-router-');
    store = openStore(join(dir.dir, 'sb.db'), () => 0);
    registry = new SessionRegistry();
    router = new Router(store.chats, registry);
  });
  afterEach(async () => {
    store.close();
    await dir.cleanup();
  });

  const attach = (name: string) =>
    registry.attach(
      { type: 'hello', ...HELLO_AUTH, session: { name, cwd: '/', pid: 1 } },
      connection(),
      0,
    );
  const chat = (chatId: string, threadId = '') =>
    store.chats.touch(
      { chatId, threadId, platform: 'telegram', kind: threadId ? 'thread' : 'group', title: '' },
      0,
    );

  it('waits for any session when none is attached', () => {
    expect(router.route('tg:1', '')).toEqual({ kind: 'wait-any' });
  });

  it('sends an unbound chat to the most recently attached session', () => {
    attach('alpha');
    const beta = attach('beta');
    chat('tg:1');
    expect(router.route('tg:1', '')).toEqual({ kind: 'session', session: beta });
  });

  it('sends a chat it has never seen to the most recent session', () => {
    const alpha = attach('alpha');
    expect(router.route('tg:unknown', '')).toEqual({ kind: 'session', session: alpha });
  });

  it('sends a bound chat to its session even when another attached later', () => {
    const alpha = attach('alpha');
    attach('beta');
    chat('tg:1');
    store.chats.bind('tg:1', '', 'alpha');
    expect(router.route('tg:1', '')).toEqual({ kind: 'session', session: alpha });
  });

  it('makes a bound chat wait for its session rather than go to another', () => {
    attach('beta');
    chat('tg:1');
    store.chats.bind('tg:1', '', 'alpha');
    expect(router.route('tg:1', '')).toEqual({ kind: 'wait-bound', name: 'alpha' });
  });

  it("routes a thread by its parent chat's binding when the thread has none", () => {
    const alpha = attach('alpha');
    attach('beta');
    chat('tg:1');
    chat('tg:1', '7');
    store.chats.bind('tg:1', '', 'alpha');
    expect(router.route('tg:1', '7')).toEqual({ kind: 'session', session: alpha });
  });

  it("prefers a thread's own binding over its parent's", () => {
    attach('alpha');
    const beta = attach('beta');
    attach('gamma');
    chat('tg:1');
    chat('tg:1', '7');
    store.chats.bind('tg:1', '', 'alpha');
    store.chats.bind('tg:1', '7', 'beta');
    expect(router.route('tg:1', '7')).toEqual({ kind: 'session', session: beta });
  });
});
