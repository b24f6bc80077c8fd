import { describe, expect, it } from 'vitest';
import { Popover } from '../../../../src/main/shell/popover';
import { TrayService } from '../../../../src/main/shell/tray-service';
import type { FakeTray } from '../../../fakes/fake-electron';
import { fakeShell } from '../../../fakes/fake-electron';

const HUB = 'http://127.0.0.1:4567/#token=abc';
const images = { idle: 'idle.png', attention: 'attention.png', error: 'error.png' };

describe('popover window', () => {
  it('carries the security settings: isolated, sandboxed, no Node, web security on', () => {
    const shell = fakeShell();
    new Popover({ ...shell.deps, preload: '/app/preload.cjs', url: HUB });
    const prefs = shell.windows[0]?.options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      preload: '/app/preload.cjs',
    });
    expect(shell.windows[0]?.options).toMatchObject({
      frame: false,
      show: false,
      skipTaskbar: true,
    });
    expect(shell.windows[0]?.loaded).toBe(HUB);
  });

  it('hides when it loses focus', () => {
    const shell = fakeShell();
    const popover = new Popover({ ...shell.deps, preload: 'p', url: HUB });
    popover.toggle({ x: 1000.4, y: 0, width: 22.2, height: 24 });
    expect(shell.windows[0]?.visible).toBe(true);
    shell.windows[0]?.emit('blur');
    expect(shell.windows[0]?.visible).toBe(false);
  });

  it('opens under the tray icon at whole-pixel coordinates, kept on screen', () => {
    const shell = fakeShell();
    const popover = new Popover({ ...shell.deps, preload: 'p', url: HUB });
    popover.toggle({ x: 1430.5, y: 0, width: 22.5, height: 24 });
    const [x, y] = shell.windows[0]?.position ?? [0, 0];
    expect(x).toBe(1440 - 420);
    expect(y).toBe(24);
    popover.toggle({ x: 1430.5, y: 0, width: 22.5, height: 24 });
    expect(shell.windows[0]?.visible).toBe(false);
  });

  it('refuses navigation away from the hub, denies window.open and sends web links to the browser', () => {
    const shell = fakeShell();
    new Popover({ ...shell.deps, preload: 'p', url: HUB });
    const contents = shell.windows[0]?.webContents;
    expect(contents?.navigate('https://evil.example/')).toBe(true);
    expect(contents?.navigate('file:///etc/passwd', 'will-redirect')).toBe(true);
    expect(contents?.navigate('http://127.0.0.1:4567/other')).toBe(false);
    expect(contents?.openHandler?.({ url: 'https://docs.example/guide' })).toEqual({
      action: 'deny',
    });
    expect(contents?.openHandler?.({ url: 'file:///Applications/Calculator.app' })).toEqual({
      action: 'deny',
    });
    expect(contents?.openHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual(['https://docs.example/guide']);
  });
});

describe('tray', () => {
  function tray() {
    const shell = fakeShell();
    const calls: string[] = [];
    const service = new TrayService({
      createTray: shell.deps.createTray,
      images,
      buildMenu: shell.deps.buildMenu,
      actions: {
        open: () => calls.push('open'),
        connectClaude: () => calls.push('connect'),
        togglePause: () => calls.push('pause'),
        toggleLaunchAtLogin: () => calls.push('login'),
        quit: () => calls.push('quit'),
      },
    });
    return { service, fake: shell.trays[0] as FakeTray, calls };
  }

  it('shows the look that matches what waits, with a tooltip that says why', () => {
    const { service, fake } = tray();
    service.setState({ look: 'attention', pending: 2, paused: false, launchAtLogin: false });
    expect(fake.image).toBe('attention.png');
    expect(fake.tooltip).toBe('Switchboard — 2 waiting for you');
    service.setState({ look: 'error', pending: 0, paused: false, launchAtLogin: false });
    expect(fake.image).toBe('error.png');
    service.setState({ look: 'idle', pending: 0, paused: true, launchAtLogin: false });
    expect(fake.image).toBe('idle.png');
    expect(fake.tooltip).toBe('Switchboard — paused');
  });

  it('renders only when something changed', () => {
    const { service } = tray();
    const state = { look: 'idle' as const, pending: 0, paused: false, launchAtLogin: false };
    service.setState(state);
    service.setState({ ...state });
    service.setState({ ...state });
    expect(service.renders).toBe(1);
    service.setState({ ...state, launchAtLogin: true });
    expect(service.renders).toBe(2);
  });

  it('offers open, pause, start at login and quit, and opens on click', () => {
    const { service, fake, calls } = tray();
    service.setState({ look: 'idle', pending: 0, paused: true, launchAtLogin: true });
    expect(fake.menu.filter((i) => i.label).map((i) => [i.label, i.checked])).toEqual([
      ['Open Switchboard', undefined],
      ['Connect Claude Code', undefined],
      ['Pause all channels', true],
      ['Start at login', true],
      ['Quit Switchboard', undefined],
    ]);
    for (const item of fake.menu) (item.click as (() => void) | undefined)?.();
    fake.emit('click');
    expect(calls).toEqual(['open', 'connect', 'pause', 'login', 'quit', 'open']);
  });
});
