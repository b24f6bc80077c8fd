/**
 * The CLI as a user meets it: serve's lifecycle (single hub per home, clean shutdown), status
 * when the hub is down, a corrupt settings file, and `setup claude`.
 */
import { access, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { connectHelper } from '../support/helper-client';
import { startHub, type HubProcess } from '../support/hub-process';
import { HELPER, tempDir } from '../support/paths';
import { webchat } from '../support/webchat-client';

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

describe('switchboard CLI', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess | undefined;

  beforeEach(async () => {
    home = await tempDir();
  });
  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
    await home.cleanup();
  });

  it('refuses a second hub on the same home with a clear message', async () => {
    hub = await startHub(home.dir);
    const second = await runCli(['serve', '--home', home.dir]);
    expect(second.code).toBe(4);
    expect(second.stderr).toMatch(/another Switchboard hub \(pid \d+\) is already running/);
    // The first hub is unharmed.
    expect((await runCli(['status', '--home', home.dir])).code).toBe(0);
  });

  it('stops cleanly on SIGTERM: socket and lock removed, exit 0, and a new hub can start', async () => {
    hub = await startHub(home.dir);
    const helper = await connectHelper({ home: home.dir, session: 'x' });
    expect(await hub.stop()).toBe(0);
    expect(await exists(`${home.dir}/hub.sock`)).toBe(false);
    expect(await exists(`${home.dir}/hub.lock`)).toBe(false);
    hub = await startHub(home.dir);
    await helper.close();
  });

  it('takes over the lock of a hub that was killed', async () => {
    hub = await startHub(home.dir);
    await hub.kill();
    expect(await exists(`${home.dir}/hub.lock`)).toBe(true);
    hub = await startHub(home.dir);
    expect((await runCli(['status', '--home', home.dir])).code).toBe(0);
  });

  it('status says the hub is not running, exit 3, in text and JSON', async () => {
    const text = await runCli(['status', '--home', home.dir]);
    expect(text.code).toBe(3);
    expect(text.stdout).toContain('switchboard serve');
    const json = await runCli(['status', '--home', home.dir, '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ running: false, home: home.dir });
    const sessions = await runCli(['sessions', '--home', home.dir]);
    expect(sessions.code).toBe(3);
    expect(sessions.stderr).toMatch(/^switchboard: Switchboard is not running/);
  });

  it('status and sessions report attached sessions as JSON', async () => {
    hub = await startHub(home.dir);
    const helper = await connectHelper({ home: home.dir, session: 'proj' });
    const chat = webchat(hub);
    await chat.post('wake');
    await helper.events.next();
    const status = JSON.parse((await runCli(['status', '--home', home.dir, '--json'])).stdout) as {
      running: boolean;
      sessions: Array<{ name: string }>;
      platforms: Array<{ platform: string; state: string }>;
    };
    expect(status.running).toBe(true);
    expect(status.sessions.map((s) => s.name)).toEqual(['proj']);
    expect(status.platforms).toContainEqual(
      expect.objectContaining({ platform: 'web', state: 'connected' }),
    );
    const sessions = JSON.parse(
      (await runCli(['sessions', '--home', home.dir, '--json'])).stdout,
    ) as { attached: Array<{ name: string }> };
    expect(sessions.attached.map((s) => s.name)).toEqual(['proj']);
    await helper.close();
  });

  it('gives a second helper of the same name a unique name', async () => {
    hub = await startHub(home.dir);
    const a = await connectHelper({ home: home.dir, session: 'same' });
    const b = await connectHelper({ home: home.dir, session: 'same' });
    const { eventually } = await import('../support/eventually');
    await eventually(async () => {
      const data = JSON.parse(
        (await runCli(['sessions', '--home', home.dir, '--json'])).stdout,
      ) as { attached: Array<{ name: string }> };
      expect(data.attached.map((s) => s.name).sort()).toEqual(['same', 'same-2']);
    });
    await Promise.all([a.close(), b.close()]);
  });

  it('keeps a settings file that does not parse, copies it aside, and starts paused saying so', async () => {
    await mkdir(home.dir, { recursive: true });
    await writeFile(`${home.dir}/settings.json`, '{"version": 1, "webchat": {"port": "oops"');
    hub = await startHub(home.dir);
    const files = await readdir(home.dir);
    expect(files).toContain('settings.json');
    expect(files.some((f) => f.startsWith('settings.json.rejected-'))).toBe(true);
    expect(hub.stderr()).toContain('not valid JSON');
    const status = await runCli(['status', '--home', home.dir]);
    expect(status.stdout).toContain('Settings problems');
    expect(status.stdout).toContain('every platform starts paused');
  });

  it('rejects bad usage with exit 2 and one line on stderr', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect((await runCli(['serve', '--port', 'abc', '--home', home.dir])).code).toBe(2);
    expect((await runCli(['permissions', 'allow', 'l1234', '--home', home.dir])).code).toBe(2);
  });

  describe('setup claude', () => {
    it('prints the claude mcp add command and the launch command', async () => {
      const out = await runCli(['setup', 'claude', '--home', home.dir, '--json']);
      expect(out.code).toBe(0);
      const data = JSON.parse(out.stdout) as {
        addCommand: string[];
        launchCommand: string;
        mcpServer: { command: string; args: string[]; env: Record<string, string> };
      };
      expect(data.launchCommand).toBe(
        'claude --dangerously-load-development-channels server:switchboard',
      );
      expect(data.mcpServer).toEqual({
        command: process.execPath,
        args: [HELPER],
        env: { SWITCHBOARD_HOME: home.dir },
      });
      // `-e` is variadic in `claude mcp add`, so the name must precede it (found with the real CLI).
      expect(data.addCommand).toEqual([
        'claude',
        'mcp',
        'add',
        '--scope',
        'user',
        'switchboard',
        '-e',
        `SWITCHBOARD_HOME=${home.dir}`,
        '--',
        process.execPath,
        HELPER,
      ]);
      const human = await runCli(['setup', 'claude', '--home', home.dir]);
      expect(human.stdout).toContain(
        'claude --dangerously-load-development-channels server:switchboard',
      );
    });

    it('writes .mcp.json with --project, keeping other servers, and changes nothing the second time', async () => {
      const project = `${home.dir}/project`;
      await mkdir(project, { recursive: true });
      await writeFile(
        `${project}/.mcp.json`,
        JSON.stringify({
          mcpServers: { other: { command: 'other-server', args: ['--x'] } },
          extra: true,
        }),
      );
      const first = await runCli([
        'setup',
        'claude',
        '--home',
        home.dir,
        '--project',
        project,
        '--json',
      ]);
      expect(first.code).toBe(0);
      expect((JSON.parse(first.stdout) as { changed: boolean }).changed).toBe(true);
      const written = JSON.parse(await readFile(`${project}/.mcp.json`, 'utf8')) as {
        mcpServers: Record<string, { command: string; args: string[] }>;
        extra: boolean;
      };
      expect(written.extra).toBe(true);
      expect(written.mcpServers['other']).toEqual({ command: 'other-server', args: ['--x'] });
      expect(written.mcpServers['switchboard']?.args).toEqual([HELPER]);
      const before = await readFile(`${project}/.mcp.json`, 'utf8');
      const second = await runCli([
        'setup',
        'claude',
        '--home',
        home.dir,
        '--project',
        project,
        '--json',
      ]);
      expect((JSON.parse(second.stdout) as { changed: boolean }).changed).toBe(false);
      expect(await readFile(`${project}/.mcp.json`, 'utf8')).toBe(before);
    });

    it('refuses to overwrite a .mcp.json that is not valid JSON', async () => {
      const project = `${home.dir}/broken`;
      await mkdir(project, { recursive: true });
      await writeFile(`${project}/.mcp.json`, '{ not json');
      const out = await runCli(['setup', 'claude', '--home', home.dir, '--project', project]);
      expect(out.code).toBe(1);
      expect(out.stderr).toContain('not valid JSON');
      expect(await readFile(`${project}/.mcp.json`, 'utf8')).toBe('{ not json');
    });
  });
});
