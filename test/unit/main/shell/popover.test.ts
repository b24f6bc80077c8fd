import { describe, expect, it } from 'vitest';
import { Popover } from '../../../../src/main/shell/popover';
import { fakeShell } from '../../../fakes/fake-electron';

const HUB = 'http://127.0.0.1:4567/#token=abc';
const TRAY = { x: 1000.4, y: 0, width: 22.2, height: 24 };

function popover() {
  const shell = fakeShell();
  const p = new Popover({ ...shell.deps, preload: '/app/preload.cjs', url: HUB });
  const window = shell.windows[0];
  if (!window) throw new Error('no window');
  return { shell, p, window };
}

describe('popover window', () => {
  it('carries the security settings: isolated, sandboxed, no Node, web security on', () => {
    const { window } = popover();
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      preload: '/app/preload.cjs',
    });
    expect(window.options).toMatchObject({ frame: false, show: false, skipTaskbar: true });
    expect(window.loaded).toBe(HUB);
  });

  it('hides when it loses focus', () => {
    const { p, window } = popover();
    p.toggle(TRAY);
    expect(window.visible).toBe(true);
    window.emit('blur');
    expect(window.visible).toBe(false);
  });

  it('opens under the tray icon at whole-pixel coordinates, kept on screen, and toggles closed', () => {
    const { p, window } = popover();
    p.toggle({ x: 1430.5, y: 0, width: 22.5, height: 24 });
    expect(window.position).toEqual([1440 - 380, 24]);
    p.toggle({ x: 1430.5, y: 0, width: 22.5, height: 24 });
    expect(window.visible).toBe(false);
  });

  it('shows without ever toggling closed (reopening the app, a notification click)', () => {
    const { p, window } = popover();
    p.show(TRAY);
    p.show(TRAY);
    expect(window.visible).toBe(true);
  });

  it('joins every Space and shows over full-screen apps', () => {
    const { window } = popover();
    expect(window.workspaces).toEqual({ visible: true, options: { visibleOnFullScreen: true } });
  });

  it('only hides on Cmd+W or window.close(), so the next tray click still works', () => {
    const { p, window } = popover();
    p.show(TRAY);
    window.close();
    expect(window.destroyed).toBe(false);
    expect(window.visible).toBe(false);
    expect(() => p.toggle(TRAY)).not.toThrow();
    expect(window.visible).toBe(true);
  });

  it('closes for real once the app is quitting', () => {
    const { p, window } = popover();
    p.allowClose();
    window.close();
    expect(window.destroyed).toBe(true);
  });

  it('opens top-right of the display under the cursor when the icon hides behind the notch, never at 0,0', () => {
    const { shell, p, window } = popover();
    shell.cursor.x = 2000;
    p.show({ x: 0, y: 0, width: 0, height: 0 });
    expect(window.position).toEqual([1440 + 2560 - 380 - 8, 25]);
    shell.cursor.x = 300;
    window.hide();
    p.show({ x: 0, y: 0, width: 0, height: 0 });
    expect(window.position).toEqual([1440 - 380 - 8, 24]);
  });

  it('refuses navigation away from the hub, denies window.open and sends web links to the browser', () => {
    const { shell, window } = popover();
    const contents = window.webContents;
    expect(contents.navigate('https://evil.example/')).toBe(true);
    expect(contents.navigate('file:///etc/passwd', 'will-redirect')).toBe(true);
    expect(contents.navigate('http://127.0.0.1:4567/other')).toBe(false);
    expect(contents.openHandler?.({ url: 'https://docs.example/guide' })).toEqual({
      action: 'deny',
    });
    expect(contents.openHandler?.({ url: 'file:///Applications/Calculator.app' })).toEqual({
      action: 'deny',
    });
    expect(contents.openHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual(['https://docs.example/guide']);
  });
});
