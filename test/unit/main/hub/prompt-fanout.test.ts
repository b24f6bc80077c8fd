import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelAdapter, SendRequest } from '../../../../src/main/adapters/adapter';
import type { BridgeConnection } from '../../../../src/main/bridge/server';
import { createPromptFanout } from '../../../../src/main/hub/prompt-fanout';
import { silentLogger } from '../../../../src/main/log';
import { Router } from '../../../../src/main/router/router';
import { SessionRegistry } from '../../../../src/main/sessions/session-registry';
import { DEFAULT_SETTINGS } from '../../../../src/main/settings/settings';
import type { StoredPermissionRequest } from '../../../../src/main/store/permissions';
import { openStore, type Store } from '../../../../src/main/store/store';
import { tempDir } from '../../../support/paths';
import { eventually } from '../../../support/eventually';
import { HELLO_AUTH } from '../../../support/frames';

/** A platform at its API boundary: refuses prompts (as Telegram refuses one it cannot render). */
function refusingPlatform(sent: SendRequest[], refuseText = false): ChannelAdapter {
  return {
    platform: 'telegram',
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    status: () => ({ platform: 'telegram', state: 'connected', detail: '', lastEventAt: null }),
    send: (request) => {
      if (refuseText) return Promise.reject(new Error('Bad Request: chat not found'));
      sent.push(request);
      return Promise.resolve({ externalIds: [`m${sent.length}`], attachments: [] });
    },
    edit: () => Promise.resolve(),
    react: () => Promise.resolve(),
    fetchAttachments: () => Promise.resolve([]),
    sendPrompt: () => Promise.reject(new Error('Bad Request: message is too long')),
  };
}

describe('prompt fan-out when a platform refuses the prompt', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let store: Store;
  let request: StoredPermissionRequest;
  let sessions: SessionRegistry;
  let sessionId: string;

  beforeEach(async () => {
    dir = await tempDir('sb-fanout-');
    store = openStore(`${dir.dir}/db.sqlite`, () => 0);
    store.senders.put(
      {
        platform: 'telegram',
        senderId: '1',
        displayName: 'Olga',
        status: 'allowed',
        role: 'owner',
        dmChatId: 'tg:1',
        addedBy: 'cli',
      },
      0,
    );
    store.chats.touch(
      { chatId: 'tg:1', threadId: '', platform: 'telegram', kind: 'dm', title: '' },
      0,
    );
    sessions = new SessionRegistry();
    const connection: BridgeConnection = { id: 1, send: () => undefined, close: () => undefined };
    sessionId = sessions.attach(
      { type: 'hello', ...HELLO_AUTH, session: { name: 'work', cwd: '/w', pid: 1 } },
      connection,
      0,
    ).id;
    request =
      store.permissions.record({
        request_id: 'abcde',
        tool_name: 'Bash',
        description: 'd'.repeat(10_000),
        input_preview: 'p',
        sessionId,
        sessionName: 'work',
        createdAt: 0,
      }) ?? (undefined as never);
  });
  afterEach(async () => {
    store.close();
    await dir.cleanup();
  });

  function fanout(adapter: ChannelAdapter, changes: string[]) {
    return createPromptFanout({
      adapters: new Map([['telegram', adapter]]),
      chats: store.chats,
      router: new Router(store.chats, sessions),
      settings: () => DEFAULT_SETTINGS,
      log: silentLogger,
      changed: () => changes.push('permissions'),
    });
  }

  it('retries as short plain text and says so for the UI', async () => {
    const sent: SendRequest[] = [];
    const changes: string[] = [];
    const f = fanout(refusingPlatform(sent), changes);
    f.show(request, sessions.list()[0] ?? (undefined as never));
    await eventually(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.text).toContain('yes abcde');
    expect(sent[0]?.text.length).toBeLessThan(300);
    expect(f.problems(request).join('\n')).toContain('refused the prompt');
    expect(f.problems(request).join('\n')).toContain('short text');
    expect(changes.length).toBeGreaterThan(0);
    f.settle(request, { behavior: 'allow', by: 'x', via: 'cli' });
    expect(f.problems(request)).toEqual([]);
  });

  it('says so when even the short text is refused', async () => {
    const f = fanout(refusingPlatform([], true), []);
    f.show(request, sessions.list()[0] ?? (undefined as never));
    await eventually(() => expect(f.problems(request).join('\n')).toContain('at all'));
  });
});
