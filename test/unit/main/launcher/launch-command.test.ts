import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  channelFlag,
  claudeArgs,
  launchCommand,
  resolveClaude,
  tmuxSessionName,
} from '../../../../src/main/launcher/launch-command';
import {
  launcherSettingsSchema,
  projectSchema,
} from '../../../../src/main/settings/projects-schema';
import { tempDir } from '../../../support/paths';

const run = promisify(execFile);

describe('claudeArgs', () => {
  it('puts --continue first, the project’s arguments next and the variadic channel flag last', () => {
    const project = projectSchema.parse({
      dir: '/p',
      resume: true,
      args: ['--model', 'opus', 'start here'],
    });
    expect(claudeArgs(project, launcherSettingsSchema.parse({}))).toEqual([
      '--continue',
      '--model',
      'opus',
      'start here',
      '--dangerously-load-development-channels',
      'server:switchboard',
    ]);
    expect(channelFlag('plugin')).toEqual(['--channels', 'plugin:switchboard@switchboard']);
    expect(tmuxSessionName('api')).toBe('switchboard-api');
  });
});

describe('launchCommand', () => {
  it('runs POSIX login shells with the arguments as positional parameters, others directly', () => {
    expect(launchCommand({ shell: '/bin/zsh', dir: '/p', claude: '/c', args: ['-x'] })).toEqual([
      '/bin/zsh',
      '-l',
      '-c',
      'cd -- "$1" && shift && exec "$@"',
      'switchboard',
      '/p',
      '/c',
      '-x',
    ]);
    for (const shell of ['/usr/local/bin/fish', undefined, 'zsh'])
      expect(launchCommand({ shell, dir: '/p', claude: '/c', args: ['-x'] })).toEqual(['/c', '-x']);
  });

  it('hands every argument over unchanged — spaces, quotes, $, ; and globs — in the project directory', async () => {
    const dir = await tempDir('sb-launch-cmd-');
    try {
      const hostile = ['a b', '"quoted"', "it's", '$HOME', '`id`', ';', '*', '-n', ''];
      const script = 'console.log(JSON.stringify([process.cwd(), ...process.argv.slice(1)]))';
      const argv = launchCommand({
        shell: '/bin/sh',
        dir: dir.dir,
        claude: process.execPath,
        args: ['-e', script, ...hostile],
      });
      const { stdout } = await run(argv[0]!, argv.slice(1), {
        cwd: '/',
        env: { PATH: '/usr/bin:/bin', HOME: dir.dir },
      });
      const last = stdout.trim().split('\n').at(-1)!;
      expect(JSON.parse(last)).toEqual([await realpath(dir.dir), ...hostile]);
    } finally {
      await dir.cleanup();
    }
  });
});

describe('resolveClaude', () => {
  it('takes SWITCHBOARD_CLAUDE when it is an executable, and says so when it is not', async () => {
    expect(await resolveClaude({ SWITCHBOARD_CLAUDE: process.execPath })).toEqual({
      ok: true,
      bin: process.execPath,
    });
    expect(await resolveClaude({ SWITCHBOARD_CLAUDE: '/nonexistent/claude' })).toEqual({
      ok: false,
      message: 'SWITCHBOARD_CLAUDE (/nonexistent/claude) is not an executable file.',
    });
  });

  it('says how to install Claude Code when it cannot be found', async () => {
    const outcome = await resolveClaude({
      CLAUDE_BIN: '/nonexistent/claude',
      PATH: '/nonexistent',
    });
    expect(outcome).toMatchObject({ ok: false });
    expect(!outcome.ok && outcome.message).toContain('Claude Code was not found');
  });
});
