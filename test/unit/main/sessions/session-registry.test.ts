import { describe, expect, it } from 'vitest';
import type { BridgeConnection } from '../../../../src/main/bridge/server';
import { SessionRegistry } from '../../../../src/main/sessions/session-registry';
import type { HelloInput } from '../../../../src/shared/bridge-protocol';
import { HELLO_AUTH } from '../../../support/frames';

let nextId = 1;
const connection = (): BridgeConnection => ({ id: nextId++, send() {}, close() {} });

const hello = (name: string, resume?: string): HelloInput => ({
  type: 'hello',
  ...HELLO_AUTH,
  session: { name, cwd: `/w/${name}`, pid: 42 },
  ...(resume === undefined ? {} : { resume }),
});

describe('SessionRegistry', () => {
  it('attaches a session under the name it asked for', () => {
    const registry = new SessionRegistry();
    const conn = connection();
    const session = registry.attach(hello('alpha'), conn, 100);
    expect(session).toMatchObject({ name: 'alpha', cwd: '/w/alpha', pid: 42, attachedAt: 100 });
    expect(session.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(registry.byConnection(conn)).toBe(session);
    expect(registry.byName('alpha')).toBe(session);
  });

  it('gives -2, -3 suffixes to sessions asking for a name already in use', () => {
    const registry = new SessionRegistry();
    const names = [1, 2, 3].map(() => registry.attach(hello('alpha'), connection(), 1).name);
    expect(names).toEqual(['alpha', 'alpha-2', 'alpha-3']);
  });

  it('reuses a name once its session has detached', () => {
    const registry = new SessionRegistry();
    const first = connection();
    registry.attach(hello('alpha'), first, 1);
    registry.detach(first);
    expect(registry.attach(hello('alpha'), connection(), 2).name).toBe('alpha');
  });

  it('keeps names unique and at most 64 characters when the base is long', () => {
    const registry = new SessionRegistry();
    const long = 'n'.repeat(64);
    registry.attach(hello(long), connection(), 1);
    const second = registry.attach(hello(long), connection(), 2);
    expect(second.name).toBe(`${'n'.repeat(60)}-2`);
    expect(second.name.length).toBeLessThanOrEqual(64);
  });

  it('gives a resuming helper its id and name back when they are free', () => {
    const registry = new SessionRegistry();
    const first = connection();
    const original = registry.attach(hello('alpha'), first, 1);
    registry.detach(first);
    const resumed = registry.attach(hello('renamed-by-cwd', original.id), connection(), 2);
    expect(resumed.id).toBe(original.id);
    expect(resumed.name).toBe('alpha');
  });

  it('gives a resuming helper a suffixed name when another session took its name meanwhile', () => {
    const registry = new SessionRegistry();
    const first = connection();
    const original = registry.attach(hello('alpha'), first, 1);
    registry.detach(first);
    registry.attach(hello('alpha'), connection(), 2);
    const resumed = registry.attach(hello('alpha', original.id), connection(), 3);
    expect(resumed.id).toBe(original.id);
    expect(resumed.name).toBe('alpha-2');
  });

  it('does not let a helper take over the id of a session still attached', () => {
    const registry = new SessionRegistry();
    const live = registry.attach(hello('alpha'), connection(), 1);
    const intruder = registry.attach(hello('beta', live.id), connection(), 2);
    expect(intruder.id).not.toBe(live.id);
    expect(intruder.name).toBe('beta');
    expect(registry.byName('alpha')?.id).toBe(live.id);
  });

  it('reports the session that attached last as most recent, falling back after a detach', () => {
    const registry = new SessionRegistry();
    expect(registry.mostRecent()).toBeUndefined();
    const a = connection();
    const b = connection();
    const c = connection();
    registry.attach(hello('a'), a, 1);
    registry.attach(hello('b'), b, 2);
    registry.attach(hello('c'), c, 3);
    expect(registry.mostRecent()?.name).toBe('c');
    registry.detach(c);
    expect(registry.mostRecent()?.name).toBe('b');
    registry.detach(a);
    expect(registry.mostRecent()?.name).toBe('b');
    registry.detach(b);
    expect(registry.mostRecent()).toBeUndefined();
  });

  it('makes a re-attached session the most recent again', () => {
    const registry = new SessionRegistry();
    const a = connection();
    const first = registry.attach(hello('a'), a, 1);
    registry.attach(hello('b'), connection(), 2);
    registry.detach(a);
    registry.attach(hello('a', first.id), connection(), 3);
    expect(registry.mostRecent()?.name).toBe('a');
  });

  it('lists sessions in attach order', () => {
    const registry = new SessionRegistry();
    const b = connection();
    registry.attach(hello('a'), connection(), 1);
    registry.attach(hello('b'), b, 2);
    registry.attach(hello('c'), connection(), 3);
    registry.detach(b);
    expect(registry.list().map((s) => s.name)).toEqual(['a', 'c']);
  });

  it('forgets a detached session and returns it once', () => {
    const registry = new SessionRegistry();
    const conn = connection();
    const session = registry.attach(hello('a'), conn, 1);
    expect(registry.detach(conn)).toBe(session);
    expect(registry.detach(conn)).toBeUndefined();
    expect(registry.byConnection(conn)).toBeUndefined();
    expect(registry.byName('a')).toBeUndefined();
  });
});

describe('SessionRegistry and channel mode', () => {
  it('skips sessions whose Claude Code drops channel events when picking the most recent', () => {
    const registry = new SessionRegistry();
    const withChannels = registry.attach(
      { ...hello('a'), session: { name: 'a', cwd: '/', pid: 1, channels: 'enabled' } },
      connection(),
      0,
    );
    registry.attach(
      { ...hello('b'), session: { name: 'b', cwd: '/', pid: 2, channels: 'disabled' } },
      connection(),
      1,
    );
    expect(registry.mostRecent()?.name).toBe('b');
    expect(registry.mostRecent((s) => s.channels !== 'disabled')).toBe(withChannels);
  });
});
