import { describe, expect, it } from 'vitest';
import { registerUiIpc } from '../../../../src/main/shell/ipc';
import { Notifier } from '../../../../src/main/shell/notifier';
import { UiError, type UiHost } from '../../../../src/main/ui/ui-host';
import { fakeShell } from '../../../fakes/fake-electron';

function recordingHost() {
  const calls: Array<[string, unknown[]]> = [];
  const host = new Proxy({} as UiHost, {
    get:
      (_target, method: string) =>
      (...args: unknown[]) => {
        calls.push([method, args]);
        if (args[0] === 'ALREADY') return Promise.reject(new UiError('request already answered'));
        return Promise.resolve({ ok: true });
      },
  });
  return { host, calls };
}

const trustedEvent = { trusted: true };
const strangerEvent = { trusted: false };

describe('IPC host of the UI contract', () => {
  function setup() {
    const shell = fakeShell();
    const { host, calls } = recordingHost();
    const logs: string[] = [];
    registerUiIpc({
      ipcMain: shell.deps.ipcMain,
      ui: host,
      trusted: (event) => (event as unknown as { trusted: boolean }).trusted,
      log: (m) => logs.push(m),
    });
    const invoke = (channel: string, event: unknown, ...args: unknown[]) => {
      const handler = shell.handlers.get(channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      return handler(event, ...args);
    };
    return { invoke, calls, logs, shell };
  }

  it('registers one named channel per method', () => {
    const { shell } = setup();
    expect([...shell.handlers.keys()]).toEqual(
      expect.arrayContaining([
        'ui:getState',
        'ui:decidePairing',
        'ui:decidePermission',
        'ui:setSecret',
      ]),
    );
  });

  it('ignores calls from an unknown sender without touching the hub', async () => {
    const { invoke, calls, logs } = setup();
    expect(await invoke('ui:decidePermission', strangerEvent, 'abcde', 'allow')).toEqual({
      ok: false,
      error: 'not allowed',
    });
    expect(calls).toEqual([]);
    expect(logs[0]).toContain('unknown sender');
  });

  it('parses arguments before the hub sees them', async () => {
    const { invoke, calls } = setup();
    expect(await invoke('ui:decidePermission', trustedEvent, 'abcde', 'maybe')).toMatchObject({
      ok: false,
      error: expect.stringContaining('bad arguments') as unknown,
    });
    expect(await invoke('ui:setSecret', trustedEvent, 'github', 'x')).toMatchObject({ ok: false });
    expect(await invoke('ui:openExternal', trustedEvent, 'file:///etc/passwd')).toMatchObject({
      ok: false,
    });
    expect(calls).toEqual([]);
  });

  it('calls the hub with valid arguments and passes expected refusals back as messages', async () => {
    const { invoke, calls } = setup();
    expect(await invoke('ui:decidePermission', trustedEvent, 'abcde', 'allow')).toEqual({
      ok: true,
      value: { ok: true },
    });
    expect(calls).toEqual([['decidePermission', ['abcde', 'allow']]]);
    expect(await invoke('ui:decidePairing', trustedEvent, 'ALREADY', 'approve')).toEqual({
      ok: false,
      error: 'request already answered',
    });
  });
});

describe('notifications', () => {
  function setup() {
    const shell = fakeShell();
    const { host, calls } = recordingHost();
    let opened = 0;
    const notifier = new Notifier({
      createNotification: shell.deps.createNotification,
      ui: host,
      open: () => (opened += 1),
      log: () => undefined,
    });
    return { notifier, calls, shell, opened: () => opened };
  }
  const permission = {
    request_id: 'abcde',
    session: 'work',
    tool_name: 'Bash',
    description: 'Run tests',
    input_preview: '{"command":"npm test"}',
    createdAt: 0,
  };
  const pairing = {
    code: 'ACD234',
    platform: 'telegram',
    sender: '7',
    name: 'Ann',
    preview: 'hello',
    expiresAt: 0,
  };

  it('asks about a permission prompt with Allow / Deny, and the answer reaches the broker', async () => {
    const { notifier, calls, shell } = setup();
    notifier.apply({ kind: 'permission', permission });
    const shown = shell.notifications[0];
    expect(shown?.shown).toBe(true);
    expect(shown?.options.title).toBe('Claude (work) wants to use Bash');
    expect(shown?.options.actions?.map((a) => a.text)).toEqual(['Allow', 'Deny']);
    shown?.press(0);
    await Promise.resolve();
    expect(calls).toEqual([['decidePermission', ['abcde', 'allow']]]);
  });

  it('asks about a new person with Approve / Deny', async () => {
    const { notifier, calls, shell } = setup();
    notifier.apply({ kind: 'pairing', pairing });
    expect(shell.notifications[0]?.options.actions?.map((a) => a.text)).toEqual([
      'Approve',
      'Deny',
    ]);
    shell.notifications[0]?.press(1);
    await Promise.resolve();
    expect(calls).toEqual([['decidePairing', ['ACD234', 'deny']]]);
  });

  it('withdraws a notification settled elsewhere, and opens the popover on click', () => {
    const { notifier, shell, opened } = setup();
    notifier.apply({ kind: 'permission', permission });
    notifier.apply({ kind: 'pairing', pairing });
    notifier.apply({ kind: 'permission-settled', key: 'work:abcde' });
    expect(shell.notifications.map((n) => n.closed)).toEqual([true, false]);
    shell.notifications[1]?.emit('click');
    expect(opened()).toBe(1);
  });
});
