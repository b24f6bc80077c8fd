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
});
