import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { classifyParent, detectChannelMode } from '../../../src/mcp/channel-mode';

describe('channel mode from the parent command line', () => {
  it('sees the development flag and the --channels allowlist flag', () => {
    expect(
      classifyParent(['claude', '--dangerously-load-development-channels', 'server:switchboard']),
    ).toBe('enabled');
    expect(
      classifyParent([
        'node',
        '/usr/lib/node_modules/@anthropic-ai/claude-code/cli.js',
        'fix it',
        '--dangerously-load-development-channels',
        'server:sb',
        'server:other',
      ]),
    ).toBe('enabled');
    expect(classifyParent(['claude', '--channels=plugin:switchboard@acme'])).toBe('enabled');
  });

  it('calls a Claude Code session without the flag, or its health check, disabled', () => {
    expect(classifyParent(['claude'])).toBe('disabled');
    expect(classifyParent(['/opt/homebrew/bin/claude', '--resume'])).toBe('disabled');
    expect(
      classifyParent([
        'node',
        '/tmp/claude/node_modules/@anthropic-ai/claude-code/cli.js',
        'mcp',
        'list',
      ]),
    ).toBe('disabled');
    expect(classifyParent(['claude', '--dangerously-load-development-channels'])).toBe('disabled');
  });

  it('does not guess about parents it does not recognise', () => {
    expect(classifyParent(['node', '/work/test/worker.js'])).toBe('unknown');
    expect(classifyParent(['/Applications/Cursor.app/Contents/MacOS/Cursor'])).toBe('unknown');
    expect(classifyParent([])).toBe('unknown');
  });

  it('lets SWITCHBOARD_CHANNELS override, and reads the real parent on Linux', async () => {
    expect(
      await detectChannelMode({ SWITCHBOARD_CHANNELS: 'disabled' }, process.pid, process.platform),
    ).toBe('disabled');
    expect(
      await detectChannelMode({ SWITCHBOARD_CHANNELS: 'enabled' }, process.pid, process.platform),
    ).toBe('enabled');
    // This test runner is no Claude Code.
    expect(await detectChannelMode({}, process.pid, process.platform)).toBe('unknown');
    expect(await detectChannelMode({}, 999_999_999, process.platform)).toBe('unknown');
  });

  // macOS has no /proc: the parent's command line comes from /bin/ps, which Linux has too, so the
  // macOS reader runs for real here against real processes.
  it('reads the parent with /bin/ps as on macOS: a channel-less claude, a channel one, no process', async () => {
    const start = (argv0: string, args: string[]): ChildProcess =>
      spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)', '--', ...args], {
        argv0,
        stdio: 'ignore',
      });
    const bare = start('claude', ['--model', 'opus']);
    const channel = start('claude', ['--dangerously-load-development-channels', 'server:sb']);
    try {
      // Spawned means exec'd: ps shows the new command line from then on.
      await Promise.all([once(bare, 'spawn'), once(channel, 'spawn')]);
      expect(await detectChannelMode({}, bare.pid ?? 0, 'darwin')).toBe('disabled');
      expect(await detectChannelMode({}, channel.pid ?? 0, 'darwin')).toBe('enabled');
      expect(await detectChannelMode({}, process.pid, 'darwin')).toBe('unknown');
      expect(await detectChannelMode({}, 999_999_999, 'darwin')).toBe('unknown');
    } finally {
      bare.kill();
      channel.kill();
    }
  });
});
