/**
 * `switchboard projects` as a user runs it: editing settings.json itself while no hub runs, going
 * through the running hub otherwise (so the hub's live settings are never overwritten), clear
 * errors with non-zero exits, and start/stop/restart of a real session in a private tmux server.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { startHub, type HubProcess } from '../support/hub-process';
import { launchSetup, tmuxMissing, type LaunchSetup } from '../support/launch';

describe.skipIf(tmuxMissing !== undefined)('switchboard projects', { timeout: 90_000 }, () => {
  let setup: LaunchSetup;
  let hub: HubProcess | undefined;

  beforeEach(async () => {
    setup = await launchSetup();
  });
  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
    await setup.cleanup();
  });

  // --home first: everything after `--` belongs to Claude Code.
  const cli = (args: string[]) => runCli(['--home', setup.home, ...args], setup.env);
  const settingsFile = async (): Promise<{ projects: Record<string, unknown> }> =>
    JSON.parse(await readFile(join(setup.home, 'settings.json'), 'utf8')) as {
      projects: Record<string, unknown>;
    };

  it('adds, lists and removes projects in settings.json while no hub runs', async () => {
    const dir = await setup.project('web');
    const added = await cli([
      'projects',
      'add',
      'web',
      dir,
      '--resume',
      '--wake',
      '--idle-stop-minutes',
      '45',
      '--',
      '--model',
      'opus',
      '--permission-mode',
      'acceptEdits',
    ]);
    expect(added).toMatchObject({ code: 0, stdout: `Added project web (${dir}).\n` });
    expect((await settingsFile()).projects).toEqual({
      web: {
        dir,
        resume: true,
        wake: true,
        idleStopMinutes: 45,
        args: ['--model', 'opus', '--permission-mode', 'acceptEdits'],
      },
    });
    const list = await cli(['projects', 'list']);
    expect(list.stdout).toContain('web  state unknown (Switchboard is not running)');
    expect(list.stdout).toContain('resume, wake, idle stop 45 min, args: --model opus');

    const again = await cli(['projects', 'add', 'web', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('there is already a project "web"');
    expect((await cli(['projects', 'remove', 'web'])).stdout).toBe('Removed project web.\n');
    expect((await settingsFile()).projects).toEqual({});
  });

  it('refuses bad names, missing directories and flags the launcher owns, changing nothing', async () => {
    const dir = await setup.project('ok');
    const cases: Array<[string[], string]> = [
      [['projects', 'add', 'a.b', dir], 'no dots or spaces'],
      [['projects', 'add', 'x', join(setup.root, 'missing')], 'does not exist'],
      [['projects', 'add', 'x', dir, '--', '--print'], 'channels do not work'],
      [['projects', 'add', 'x', dir, '--idle-stop-minutes', 'soon'], 'needs a number'],
      [['projects', 'remove', 'ghost'], 'there is no project "ghost"'],
      [['projects', 'start'], 'usage: switchboard projects'],
    ];
    for (const [args, message] of cases) {
      const result = await cli(args);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr, args.join(' ')).toContain(message);
    }
    const start = await cli(['projects', 'start', 'ok']);
    expect(start.code).toBe(3);
    expect(start.stderr).toContain('Switchboard is not running');
  });

  it('goes through the running hub, and starts, restarts and stops a real session', async () => {
    const dir = await setup.project('svc', { confirm: false });
    hub = await startHub(setup.home, [], setup.env);
    const added = await cli(['projects', 'add', 'svc', dir, '--json']);
    expect(JSON.parse(added.stdout)).toMatchObject({ name: 'svc', dir, state: 'stopped' });
    expect(Object.keys((await settingsFile()).projects)).toEqual(['svc']);

    const started = await cli(['projects', 'start', 'svc']);
    expect(started.stdout).toContain(`Started svc in ${dir} (tmux session switchboard-svc).`);
    expect((await setup.tmux('has-session', '-t', '=switchboard-svc')).code).toBe(0);
    await setup.ready(dir);
    const running = await cli(['projects', 'start', 'svc']);
    expect(running.stdout).toBe('svc is already running.\n');
    const listed = JSON.parse((await cli(['projects', 'list', '--json'])).stdout) as Array<{
      launched: boolean;
    }>;
    expect(listed[0]?.launched).toBe(true);

    expect((await cli(['projects', 'restart', 'svc'])).stdout).toContain('Restarted svc.');
    await setup.ready(dir);
    expect((await cli(['projects', 'stop', 'svc'])).stdout).toBe('Stopped svc.\n');
    const again = await cli(['projects', 'stop', 'svc']);
    expect(again).toMatchObject({ code: 1, stderr: 'switchboard: svc is not running.\n' });
    expect((await setup.events()).filter((e) => e.event === 'start')).toHaveLength(2);
    expect((await cli(['projects', 'remove', 'svc'])).code).toBe(0);
    expect((await settingsFile()).projects).toEqual({});
  });
});
