/**
 * Every flag the launcher passes is accepted by the real Claude Code CLI (CI installs it and sets
 * CLAUDE_BIN). The channel flags are hidden from `--help`, so they are judged the way the CLI
 * itself judges: run with the flags, nothing may answer `error: unknown option`. `--version` is
 * one probe (as the channel documentation suggests); it also proves the channel entries parse.
 * But the CLI answers `--version` before it looks at unknown options, so the deciding probe is
 * print mode with no input: the CLI checks every option, then stops at "Input must be provided"
 * without contacting anyone.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findClaude } from '../../src/main/claude/claude-cli';
import { channelFlag, claudeArgs, launchCommand } from '../../src/main/launcher/launch-command';
import {
  launcherSettingsSchema,
  projectSchema,
  type ProjectInput,
} from '../../src/main/settings/projects-schema';
import { tempDir } from '../support/paths';

const claude = await findClaude(process.env);
if (!claude)
  console.warn(
    'skipping the launcher flag check against Claude Code: `claude` not found (set CLAUDE_BIN; CI installs @anthropic-ai/claude-code)',
  );

type Run = { code: number | null; output: string };

describe.skipIf(claude === undefined)('the launcher’s flags with the real Claude Code CLI', () => {
  let home: { dir: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    home = await tempDir('sb-flags-');
  });
  afterAll(async () => {
    await home.cleanup();
  });

  /** Runs argv (program first) in a throwaway HOME with stdin closed. */
  function run(argv: readonly string[]): Promise<Run> {
    return new Promise((resolve, reject) => {
      const [program = '', ...args] = argv;
      const child = spawn(program, args, {
        cwd: home.dir,
        env: { ...process.env, HOME: home.dir, CLAUDE_CONFIG_DIR: home.dir },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60_000,
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, output }));
    });
  }

  const PROJECTS: ProjectInput[] = [
    { dir: '/tmp' },
    { dir: '/tmp', resume: true },
    { dir: '/tmp', args: ['--model', 'sonnet', '--permission-mode', 'acceptEdits'] },
    { dir: '/tmp', resume: true, args: ['--permission-mode=plan', '--add-dir', '/tmp'] },
  ];

  for (const channel of ['development', 'plugin'] as const)
    it(`accepts every combination with the ${channel} channel flag`, async () => {
      const launcher = launcherSettingsSchema.parse({ channel });
      for (const input of PROJECTS) {
        const args = claudeArgs(projectSchema.parse(input), launcher);
        expect(args.slice(-2)).toEqual(channelFlag(channel));
        const version = await run([claude!.bin, ...args, '--version']);
        expect(version.output, args.join(' ')).toContain(claude!.version);
        expect(version.code, version.output).toBe(0);
        const checked = await run([claude!.bin, ...args, '-p']);
        expect(checked.output, args.join(' ')).not.toMatch(
          /unknown option|is invalid|must be tagged/,
        );
        expect(checked.output, args.join(' ')).toMatch(
          /Input must be provided|No deferred tool marker|Provide a prompt/,
        );
      }
    }, 180_000);

  it('starts the real CLI through the login-shell wrapper', async () => {
    const args = claudeArgs(projectSchema.parse({ dir: '/tmp' }), launcherSettingsSchema.parse({}));
    const argv = launchCommand({ shell: '/bin/sh', dir: home.dir, claude: claude!.bin, args });
    const version = await run([...argv, '--version']);
    expect(version.output).toContain(claude!.version);
    expect(version.code).toBe(0);
  }, 60_000);

  it('the print-mode probe does catch a flag Claude Code does not know', async () => {
    const bogus = await run([claude!.bin, '--no-such-flag', ...channelFlag('development'), '-p']);
    expect(bogus.output).toContain("error: unknown option '--no-such-flag'");
    expect(bogus.code).not.toBe(0);
  }, 60_000);
});
