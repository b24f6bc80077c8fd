/**
 * Finding `claude` from an app opened in Finder, whose PATH is launchd's and lacks it: the login
 * shell's PATH (read once, with a timeout) and the usual install folders. The login shell is a
 * stand-in script that prints a banner (as real profiles do) and runs the command with the PATH a
 * profile would build; `claude` is a stand-in printing a version.
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  claudeInstallDirs,
  connectClaude,
  findClaude,
  lookForClaude,
} from '../../../../src/main/claude/claude-cli';
import { tempDir } from '../../../support/paths';

describe('finding claude like the user’s terminal does', () => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let finderPath: string; // stands for /usr/bin:/bin:/usr/sbin:/sbin — no claude there
  let loginBin: string; // a folder only the login shell's profile adds to PATH
  let shell: string;
  let calls: string;

  async function script(path: string, body: string): Promise<string> {
    await writeFile(path, `#!/bin/sh\n${body}\n`);
    await chmod(path, 0o755);
    return path;
  }
  const fakeClaude = (dir: string, version = '2.1.90') =>
    mkdir(dir, { recursive: true }).then(() =>
      script(`${dir}/claude`, `echo "${version} (Claude Code)"`),
    );

  beforeEach(async () => {
    tmp = await tempDir('sb-claude-find-');
    finderPath = `${tmp.dir}/system`;
    loginBin = `${tmp.dir}/login-bin`;
    calls = `${tmp.dir}/shell-calls`;
    await mkdir(finderPath);
    await mkdir(loginBin);
    shell = await script(
      `${tmp.dir}/login-shell`,
      [
        `echo "$@" >> '${calls}'`,
        'echo "Last login: Mon Jan  5 09:00:00 on ttys001"',
        `PATH='${loginBin}:${finderPath}' exec /bin/sh -c "$2"`,
      ].join('\n'),
    );
  });
  afterEach(async () => {
    await tmp.cleanup();
  });

  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    PATH: finderPath,
    HOME: `${tmp.dir}/home`,
    SHELL: shell,
    ...extra,
  });
  const options = (installDirs: string[] = []) => ({ installDirs });

  it('finds claude on the login shell’s PATH, asking the shell once', async () => {
    await fakeClaude(loginBin);
    const e = env();
    const cli = await findClaude(e, options());
    expect(cli).toMatchObject({
      bin: `${loginBin}/claude`,
      version: '2.1.90',
      channels: true,
      relay: true,
    });
    // Run with a PATH on which it and what its script needs resolve.
    expect(cli?.env['PATH']?.split(':').slice(0, 2)).toEqual([loginBin, finderPath]);
    await findClaude(e, options());
    expect((await readFile(calls, 'utf8')).trim().split('\n')).toEqual([
      `-ilc printf '__SWITCHBOARD_PATH__%s__SWITCHBOARD_PATH__' "$PATH"`,
    ]);
  });

  it('uses PATH first without starting a shell', async () => {
    await fakeClaude(finderPath, '2.1.79');
    const cli = await findClaude(env(), options());
    expect(cli).toMatchObject({ bin: `${finderPath}/claude`, version: '2.1.79', channels: false });
    await expect(readFile(calls, 'utf8')).rejects.toThrow();
  });

  it('probes the install folders when the login shell hangs, giving up on it after the timeout', async () => {
    shell = await script(`${tmp.dir}/login-shell`, '/bin/sleep 30');
    const local = `${tmp.dir}/home/.local/bin`;
    await fakeClaude(local);
    const { cli, looked } = await lookForClaude(env(), {
      loginShell: { timeoutMs: 300 },
      installDirs: [local],
    });
    expect(cli?.bin).toBe(`${local}/claude`);
    expect(looked).toContain(`your login shell's PATH (${shell} -ilc timed out after 0.3 s)`);
  });

  it('runs a claude whose script needs a program only the login PATH has', async () => {
    // An npm-installed claude starts with `#!/usr/bin/env node`; here `fakenode` plays node.
    await script(`${loginBin}/fakenode`, 'echo "2.1.95 (Claude Code)"');
    const local = `${tmp.dir}/home/.local/bin`;
    await mkdir(local, { recursive: true });
    await writeFile(`${local}/claude`, '#!/usr/bin/env fakenode\n');
    await chmod(`${local}/claude`, 0o755);
    const cli = await findClaude(env(), options([local]));
    expect(cli).toMatchObject({ bin: `${local}/claude`, version: '2.1.95' });
  });

  it('says exactly where it looked when claude is nowhere', async () => {
    const e = env();
    const dirs = claudeInstallDirs(`${tmp.dir}/home`);
    const { cli, looked } = await lookForClaude(e, {
      installDirs: dirs.filter((d) => d.startsWith(tmp.dir)),
    });
    expect(cli).toBeUndefined();
    expect(looked).toEqual([
      `\`claude\` on PATH (${finderPath})`,
      `your login shell's PATH (${shell} -ilc: ${loginBin}:${finderPath})`,
      '~/.local/bin, ~/.claude/local',
    ]);
    expect(dirs).toEqual([
      `${tmp.dir}/home/.local/bin`,
      '/opt/homebrew/bin',
      '/usr/local/bin',
      `${tmp.dir}/home/.claude/local`,
    ]);
    const outcome = await connectClaude(
      'switchboard',
      { command: '/app/bin/switchboard-mcp', args: [] },
      e,
      {
        installDirs: [`${tmp.dir}/home/.local/bin`],
      },
    );
    expect(outcome.claude).toEqual({ found: false });
    expect(outcome.warning).toBe(
      `Claude Code was not found. Looked for: \`claude\` on PATH (${finderPath}); your login shell's PATH (${shell} -ilc: ${loginBin}:${finderPath}); ~/.local/bin. ` +
        'Install Claude Code (or set CLAUDE_BIN to it), then run: claude mcp add --scope user switchboard -- /app/bin/switchboard-mcp',
    );
  });

  it('uses CLAUDE_BIN alone when it is set, and says when it does not run', async () => {
    await fakeClaude(loginBin);
    const broken = await script(`${tmp.dir}/broken-claude`, 'echo "boom" >&2; exit 3');
    const { cli, looked } = await lookForClaude(env({ CLAUDE_BIN: broken }), options());
    expect(cli).toBeUndefined();
    expect(looked).toEqual([
      `CLAUDE_BIN (${broken})`,
      `${broken} (found, but \`--version\` failed: boom)`,
    ]);
  });
});
