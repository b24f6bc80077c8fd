import { describe, expect, it } from 'vitest';
import { loginItemView, setLoginItem } from '../../../../src/main/shell/login-item';
import { fakeShell } from '../../../fakes/fake-electron';

describe('start at login, as macOS reports it', () => {
  it('is on once macOS has enabled it', () => {
    const { app } = fakeShell();
    expect(loginItemView(app, 'darwin')).toEqual({ wanted: false, label: 'Start at login' });
    expect(setLoginItem(app, 'darwin', true)).toEqual({ wanted: true, label: 'Start at login' });
    expect(setLoginItem(app, 'darwin', false)).toEqual({ wanted: false, label: 'Start at login' });
  });

  it('says where to approve it when macOS requires approval', () => {
    const { app } = fakeShell();
    app.statusOnRegister = 'requires-approval';
    expect(setLoginItem(app, 'darwin', true)).toEqual({
      wanted: true,
      needsApproval: true,
      label: 'Start at login — approve in System Settings…',
      advice:
        'Allow Switchboard in System Settings → General → Login Items (under “Open at Login”) to start it when you log in.',
    });
  });

  it('says it is unavailable when macOS cannot find the app', () => {
    const { app } = fakeShell();
    app.statusOnRegister = 'not-found';
    expect(setLoginItem(app, 'darwin', true)).toMatchObject({ wanted: false, unavailable: true });
  });

  it('is not offered where Electron has no login items', () => {
    const { app } = fakeShell('linux');
    expect(setLoginItem(app, 'linux', true)).toMatchObject({ unavailable: true });
    expect(app.openAtLogin).toBe(false);
  });
});
