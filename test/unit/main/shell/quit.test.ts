import { describe, expect, it } from 'vitest';
import { QuitController } from '../../../../src/main/shell/quit';
import { fakeShell } from '../../../fakes/fake-electron';
import { eventually } from '../../../support/eventually';

function setup(options: { timeoutMs?: number; shutdownTimeoutMs?: number } = {}) {
  const shell = fakeShell();
  const logs: string[] = [];
  const order: string[] = [];
  const quitter = new QuitController({
    app: shell.deps.app,
    powerMonitor: shell.deps.powerMonitor,
    log: (m) => logs.push(m),
    ...options,
  });
  return { shell, quitter, logs, order };
}

describe('quitting', () => {
  it('undoes the steps in reverse order before exiting', async () => {
    const { shell, quitter, order } = setup();
    quitter.add({ name: 'tray', run: () => void order.push('tray') });
    quitter.add({ name: 'hub', run: () => Promise.resolve().then(() => void order.push('hub')) });
    shell.app.quit();
    expect(shell.app.exitCode).toBeUndefined();
    await eventually(() => expect(shell.app.exitCode).toBe(0));
    expect(order).toEqual(['hub', 'tray']);
  });

  it('exits even when stopping the hub fails', async () => {
    const { shell, quitter, logs, order } = setup();
    quitter.add({ name: 'tray', run: () => void order.push('tray') });
    quitter.add({ name: 'hub', run: () => Promise.reject(new Error('database is locked')) });
    shell.app.quit();
    await eventually(() => expect(shell.app.exitCode).toBe(0));
    expect(order).toEqual(['tray']);
    expect(logs).toContain('quitting: hub failed (database is locked); exiting anyway');
  });

  it('exits after the time limit when stopping the hub hangs', async () => {
    const { shell, quitter, logs } = setup({ timeoutMs: 150 });
    quitter.add({ name: 'hub', run: () => new Promise<void>(() => undefined) });
    shell.app.quit();
    await eventually(() => expect(shell.app.exitCode).toBe(0));
    expect(logs).toContain('quitting: hub did not finish within the 150 ms limit; exiting anyway');
  });

  it('quits once however often it is asked', async () => {
    const { shell, quitter } = setup();
    let stops = 0;
    quitter.add({ name: 'hub', run: () => void (stops += 1) });
    shell.app.quit();
    shell.app.quit();
    await quitter.quit();
    expect(stops).toBe(1);
  });

  it('on logout or shutdown asks the system to wait, stops quickly and never cancels before-quit', async () => {
    const { shell, quitter, logs } = setup({ shutdownTimeoutMs: 100 });
    quitter.add({ name: 'hub', run: () => new Promise<void>(() => undefined) });
    const shutdown = { prevented: false, preventDefault: () => void (shutdown.prevented = true) };
    shell.powerMonitor.emit('shutdown', shutdown);
    expect(shutdown.prevented).toBe(true);
    // macOS then asks the app to terminate: before-quit must not be prevented now.
    const beforeQuit = {
      prevented: false,
      preventDefault: () => void (beforeQuit.prevented = true),
    };
    shell.app.emit('before-quit', beforeQuit);
    expect(beforeQuit.prevented).toBe(false);
    await eventually(() => expect(shell.app.exitCode).toBe(0));
    expect(logs).toContain('quitting: hub did not finish within the 100 ms limit; exiting anyway');
  });

  it('exits with the code it is given (a failed smoke test exits 1)', async () => {
    const { shell, quitter } = setup();
    await quitter.quit(1);
    expect(shell.app.exitCode).toBe(1);
  });

  it('for an update, stops everything first, then installs and lets Electron’s own quit through', async () => {
    const { shell, quitter, order } = setup();
    quitter.add({ name: 'popover', run: () => void order.push('popover') });
    quitter.add({ name: 'hub', run: () => Promise.resolve().then(() => void order.push('hub')) });
    // Squirrel's install terminates the app: Electron's quit, which must not be cancelled now.
    await quitter.quitForUpdate(
      () => {
        order.push('install');
        shell.app.quit();
      },
      () => order.push('relaunch'),
    );
    expect(order).toEqual(['hub', 'popover', 'install']);
    expect(shell.app.exitCode).toBe(0);
    expect(shell.app.relaunches).toBe(0);
  });

  it('relaunches when the update does not quit the app (the install failed), rather than stay up stopped', async () => {
    const { shell, quitter, logs } = setup();
    let stopped = false;
    quitter.add({ name: 'hub', run: () => void (stopped = true) });
    await quitter.quitForUpdate(
      () => undefined,
      () => shell.app.relaunch(),
      100,
    );
    expect(stopped).toBe(true);
    await eventually(() => expect(shell.app.relaunches).toBe(1));
    expect(shell.app.exitCode).toBe(0);
    expect(logs).toContain('the update did not install within 100 ms; relaunching');
  });
});
