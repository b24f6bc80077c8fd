/**
 * `switchboard setup claude` against the real Claude Code CLI (npm @anthropic-ai/claude-code;
 * CI installs it and sets CLAUDE_BIN): the helper is registered at user scope in a temporary HOME,
 * `claude mcp list` health-checks it as Connected, other servers are untouched, and a second run
 * changes nothing. The plugin and marketplace manifests pass `claude plugin validate`.
 */
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findClaude } from '../../src/main/claude/claude-cli';
import { runCli } from '../support/cli';
import { ROOT, tempDir } from '../support/paths';

const run = promisify(execFile);
const claude = await findClaude(process.env);
if (!claude)
  console.warn(
    'skipping real Claude Code CLI tests: `claude` not found (set CLAUDE_BIN; CI installs @anthropic-ai/claude-code)',
  );

describe.skipIf(claude === undefined)('with the real Claude Code CLI', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let env: NodeJS.ProcessEnv;
  const claudeRun = async (...args: string[]) =>
    (await run(claude?.bin ?? 'claude', args, { env, cwd: home.dir, timeout: 90_000 })).stdout;

  beforeAll(async () => {
    home = await tempDir('sb-claude-');
    await mkdir(`${home.dir}/state`, { recursive: true });
    env = { ...process.env, HOME: home.dir, CLAUDE_BIN: claude?.bin ?? 'claude' };
    await claudeRun('mcp', 'add', '--scope', 'user', 'other-server', '--', 'node', '-e', '0');
  });
  afterAll(async () => {
    await home.cleanup();
  });

  it('registers the helper at user scope, keeps other servers, and changes nothing the second time', async () => {
    const first = await runCli(['setup', 'claude', '--home', `${home.dir}/state`, '--json'], env);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      registered: true,
      claude: { found: true, channels: true },
    });
    const list = await claudeRun('mcp', 'list');
    expect(list).toMatch(/switchboard: .*switchboard-mcp\.js.* - ✔ Connected/);
    expect(list).toContain('other-server');
    const second = await runCli(['setup', 'claude', '--home', `${home.dir}/state`, '--json'], env);
    expect(JSON.parse(second.stdout)).toMatchObject({ registered: false });
  }, 120_000);

  it('health-checks the standalone helper executable as Connected', async () => {
    const { HELPER_BINARY } = await import('../support/paths');
    await claudeRun(
      'mcp',
      'add',
      '--scope',
      'user',
      'switchboard-binary',
      '-e',
      `SWITCHBOARD_HOME=${home.dir}/state`,
      '--',
      HELPER_BINARY,
    );
    expect(await claudeRun('mcp', 'list')).toMatch(
      /switchboard-binary: .*bin\/switchboard-mcp\s+- ✔ Connected/,
    );
  }, 120_000);

  it('connects from the dashboard: the UI contract registers the helper and returns the launch command', async () => {
    const { startHub } = await import('../support/hub-process');
    const { webchat } = await import('../support/webchat-client');
    await claudeRun('mcp', 'remove', 'switchboard', '--scope', 'user');
    const hub = await startHub(`${home.dir}/dash`, [], {
      HOME: home.dir,
      CLAUDE_BIN: claude?.bin ?? 'claude',
    });
    try {
      const res = await webchat(hub).request('/api/ui/connectClaude', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '[]',
      });
      const body = (await res.json()) as {
        found: boolean;
        registered: boolean;
        launchCommand: string;
        alias: string;
      };
      expect(body).toMatchObject({
        found: true,
        registered: true,
        launchCommand: 'claude --dangerously-load-development-channels server:switchboard',
      });
      expect(body.alias).toContain('--dangerously-load-development-channels');
      expect(await claudeRun('mcp', 'list')).toMatch(
        /switchboard: .*switchboard-mcp\.js.* - ✔ Connected/,
      );
    } finally {
      await hub.stop();
    }
  }, 120_000);

  it('accepts the plugin and the marketplace manifests', async () => {
    expect(await claudeRun('plugin', 'validate', ROOT)).toContain('Validation passed');
    expect(await claudeRun('plugin', 'validate', `${ROOT}/plugin`)).toContain('Validation passed');
  }, 120_000);
});
