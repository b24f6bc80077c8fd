import { describe, expect, it } from 'vitest';
import { registerUiIpc } from '../../../../src/main/shell/ipc';
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
