import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BridgeConnection } from '../../../../src/main/bridge/server';
import { runChatCommand, type CommandContext } from '../../../../src/main/router/command-runner';
import { Router } from '../../../../src/main/router/router';
import { SessionRegistry } from '../../../../src/main/sessions/session-registry';
import type { SenderRole } from '../../../../src/main/store/senders';
import { openStore, type Store } from '../../../../src/main/store/store';
import { tempDir } from '../../../support/paths';
import { HELLO_AUTH } from '../../../support/frames';

let nextId = 1;
const connection = (): BridgeConnection => ({ id: nextId++, send() {}, close() {} });

describe('chat commands by role', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let store: Store;
  let registry: SessionRegistry;
  let rebound: Array<string | null>;
  let refused: string[];

  beforeEach(async () => {
    dir = await tempDir('sb-commands-');
    store = openStore(join(dir.dir, 'sb.db'), () => 0);
    registry = new SessionRegistry();
    rebound = [];
    refused = [];
    store.chats.touch(
      { chatId: 'tg:-100', threadId: '', platform: 'telegram', kind: 'group', title: 'team' },
      0,
    );
    for (const name of ['secret-acquisition', 'payroll'])
      registry.attach(
        { type: 'hello', ...HELLO_AUTH, session: { name, cwd: '/', pid: 1 } },
        connection(),
        0,
      );
  });
  afterEach(async () => {
    store.close();
    await dir.cleanup();
  });

  const ctx = (role: SenderRole): CommandContext => ({
    chatId: 'tg:-100',
    threadId: '',
    role,
    sessions: registry,
    chats: store.chats,
    router: new Router(store.chats, registry),
    rebind: (session) => rebound.push(session),
    refused: (command) => refused.push(command.name),
  });

  it('refuses /use from a member, rebinds nothing and audits it', () => {
    const answer = runChatCommand({ name: 'use', session: 'payroll' }, ctx('member'));
    expect(answer).toMatch(/only an owner/i);
    expect(rebound).toEqual([]);
    expect(refused).toEqual(['use']);
  });

  it('lets an owner rebind', () => {
    expect(runChatCommand({ name: 'use', session: 'payroll' }, ctx('owner'))).toContain('payroll');
    expect(rebound).toEqual(['payroll']);
  });

  it('shows session names to owners only', () => {
    for (const command of [{ name: 'sessions' }, { name: 'status' }] as const) {
      const member = runChatCommand(command, ctx('member'));
      expect(member).not.toMatch(/secret-acquisition|payroll/);
      expect(member).toMatch(/Claude is connected/);
    }
    expect(runChatCommand({ name: 'sessions' }, ctx('owner'))).toMatch(
      /secret-acquisition[\s\S]*payroll/,
    );
    expect(runChatCommand({ name: 'status' }, ctx('owner'))).toContain('"payroll"');
  });

  it('lists /use in the help only for owners', () => {
    expect(runChatCommand({ name: 'help' }, ctx('member'))).not.toContain('/use');
    expect(runChatCommand({ name: 'help' }, ctx('owner'))).toContain('/use');
  });
});
