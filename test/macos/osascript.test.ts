/**
 * The real `osascript` with a harmless script: the argument passing the iMessage sender relies on
 * (src/main/adapters/imessage/sender.ts — script lines as `-e` options, then `--`, then the text
 * and the chat id as `item N of argv`). Every text arrives verbatim — quotes, backslashes, newlines,
 * AppleScript's own words, and text that begins with "-", which without `--` osascript would read
 * as one of its options (or as one more line of the script).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { macosOnly } from './macos-only';

const run = promisify(execFile);
const OSASCRIPT = '/usr/bin/osascript';
const skip = macosOnly('osascript', () => (existsSync(OSASCRIPT) ? undefined : `no ${OSASCRIPT}`));

/** Returns each argument on its own line, numbered, touching nothing else. */
const ECHO = [
  'on run argv',
  'set out to ""',
  'repeat with i from 1 to count of argv',
  'set out to out & i & ":" & (item i of argv) & (ASCII character 30)',
  'end repeat',
  'return out',
  'end run',
];
const script = ECHO.flatMap((line) => ['-e', line]);

async function echo(args: string[], separator = true): Promise<string[]> {
  const { stdout } = await run(OSASCRIPT, [...script, ...(separator ? ['--'] : []), ...args]);
  // One record per argument, separated by ASCII 30 (record separator), which no text here holds.
  return stdout.replace(/\n$/, '').split('\u001e').slice(0, -1);
}

describe.skipIf(skip !== undefined)('osascript argument passing', () => {
  const texts = [
    'He said "hi" \\ and left',
    'two\nlines',
    'tell application "Finder" to quit',
    '- milk\n- eggs',
    '-5° outside',
    '-e do shell script "touch /tmp/switchboard-pwned"',
    '--',
    '',
    'emoji 🙂 and ‹channel›',
  ];

  it('passes every text after -- verbatim, each as its own item of argv', async () => {
    const args = [...texts, 'iMessage;-;+15551234567'];
    expect(await echo(args)).toEqual(args.map((text, i) => `${i + 1}:${text}`));
    expect(existsSync('/tmp/switchboard-pwned')).toBe(false);
  });

  it('shows why the -- matters: without it a text that begins with "-" is not passed as text', async () => {
    const outcome = await echo(['-e', 'return "injected"'], false).then(
      (lines) => lines.join('|'),
      (error: unknown) => `refused: ${String(error)}`,
    );
    expect(outcome).not.toBe('1:-e|2:return "injected"');
  });
});
