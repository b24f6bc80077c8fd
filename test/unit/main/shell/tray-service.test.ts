import { describe, expect, it } from 'vitest';
import { TrayService, type TrayState } from '../../../../src/main/shell/tray-service';
import { fakeShell, type FakeTray } from '../../../fakes/fake-electron';

const images = { idle: 'idle.png', attention: 'attention.png', error: 'error.png' };
const RUNNING: TrayState = {
  phase: 'running',
  look: 'idle',
  pending: 0,
  paused: false,
  loginItem: { wanted: false, label: 'Start at login' },
  remotesAtStart: false,
};

function tray(extraItems?: () => Array<{ label: string }>, platform: NodeJS.Platform = 'darwin') {
  const shell = fakeShell(platform);
  const calls: string[] = [];
  const service = new TrayService({
    createTray: shell.deps.createTray,
    images,
    buildMenu: shell.deps.buildMenu,
    platform,
    ...(extraItems ? { extraItems } : {}),
    actions: {
      toggle: (bounds) => calls.push(`toggle ${bounds.x}`),
      open: () => calls.push('open'),
      connectClaude: () => calls.push('connect'),
      togglePause: () => calls.push('pause'),
      toggleRemotesAtStart: () => calls.push('remotes'),
      toggleLaunchAtLogin: () => calls.push('login'),
      approveLoginItem: () => calls.push('approve'),
      revealLog: () => calls.push('log'),
      quit: () => calls.push('quit'),
    },
  });
  return { service, fake: shell.trays[0] as FakeTray, calls };
}

describe('tray', () => {
  it('says it is starting until the hub runs, then shows the look that matches what waits', () => {
    const { service, fake } = tray();
    expect(fake.tooltip).toBe('Switchboard — starting…');
    service.setState({ ...RUNNING, look: 'attention', pending: 2 });
    expect(fake.image).toBe('attention.png');
    expect(fake.tooltip).toBe('Switchboard — 2 waiting for you');
    service.setState({ ...RUNNING, look: 'error' });
    expect(fake.image).toBe('error.png');
    service.setState({ ...RUNNING, remoteDown: 'devbox' });
    expect(fake.tooltip).toBe('Switchboard — remote "devbox" is not linked');
    service.setState({ ...RUNNING, paused: true });
    expect(fake.image).toBe('idle.png');
    expect(fake.tooltip).toBe('Switchboard — paused');
  });

  it('renders only when something changed', () => {
    const { service } = tray();
    const before = service.renders;
    service.setState(RUNNING);
    service.setState({ ...RUNNING });
    expect(service.renders).toBe(before + 1);
    service.setState({ ...RUNNING, loginItem: { wanted: true, label: 'Start at login' } });
    expect(service.renders).toBe(before + 2);
  });

  it('toggles the popover on a left click and never opens the menu with it', () => {
    const { service, fake, calls } = tray();
    service.setState(RUNNING);
    fake.click();
    expect(calls).toEqual(['toggle 1000']);
    expect(fake.popped).toEqual([]);
    expect(fake.contextMenuSet).toBe(false);
    expect(fake.ignoreDoubleClicks).toBe(true);
  });

  it('pops the menu on a right click or a ctrl-click, without touching the popover', () => {
    const { service, fake, calls } = tray();
    service.setState(RUNNING);
    fake.rightClick();
    fake.click({ ctrlKey: true });
    expect(fake.popped).toHaveLength(2);
    expect(calls).toEqual([]);
  });

  it('offers the menu on any click while starting, so Quit and the log are always reachable', () => {
    const { fake, calls } = tray();
    fake.click();
    expect(calls).toEqual([]);
    expect(fake.menu.filter((i) => i.label).map((i) => [i.label, i.enabled ?? true])).toEqual([
      ['Open Switchboard', false],
      ['Connect Claude Code', false],
      ['Pause all channels', false],
      ['Connect remotes at start', false],
      ['Start at login', false],
      ['Show Log File', true],
      ['Quit Switchboard', true],
    ]);
  });

  it('offers open, connect, pause, start at login, the log and quit, each doing its action', () => {
    const { service, fake, calls } = tray(() => [{ label: 'Restart to Update' }]);
    service.setState({
      ...RUNNING,
      paused: true,
      remotesAtStart: true,
      loginItem: { wanted: true, label: 'Start at login' },
    });
    fake.rightClick();
    expect(fake.menu.filter((i) => i.label).map((i) => [i.label, i.checked])).toEqual([
      ['Open Switchboard', undefined],
      ['Connect Claude Code', undefined],
      ['Pause all channels', true],
      ['Connect remotes at start', true],
      ['Start at login', true],
      ['Restart to Update', undefined],
      ['Show Log File', undefined],
      ['Quit Switchboard', undefined],
    ]);
    for (const item of fake.menu) (item.click as (() => void) | undefined)?.();
    expect(calls).toEqual(['open', 'connect', 'pause', 'remotes', 'login', 'log', 'quit']);
  });

  it('says where to approve a login item macOS holds for approval, and goes there on click', () => {
    const { service, fake, calls } = tray();
    service.setState({
      ...RUNNING,
      loginItem: {
        wanted: true,
        needsApproval: true,
        label: 'Start at login — approve in System Settings…',
      },
    });
    fake.rightClick();
    const item = fake.menu.find((i) => i.label?.startsWith('Start at login'));
    expect(item).toMatchObject({
      label: 'Start at login — approve in System Settings…',
      checked: true,
    });
    (item?.click as () => void)();
    expect(calls).toEqual(['approve']);
  });

  it('sets the menu on the icon on Linux, where the desktop decides what a click does', () => {
    const { service, fake, calls } = tray(undefined, 'linux');
    expect(fake.contextMenuSet).toBe(true);
    service.setState(RUNNING);
    fake.click();
    expect(calls).toEqual(['toggle 1000']);
    expect(fake.popped).toEqual([]);
  });
});
