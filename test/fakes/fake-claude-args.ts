/**
 * The fake `claude`'s argument check: the subset of Claude Code 2.1's grammar the launcher may use,
 * answering like the real CLI (commander) does — `error: unknown option '--x'`, choices for
 * `--permission-mode`, tagged channel entries — and exiting 1. Whether the real CLI accepts the
 * same flags is checked separately against the real binary (test/integration/launcher-claude-flags).
 */
export type FakeArgs = {
  continue: boolean;
  model?: string;
  permissionMode?: string;
  devChannels: string[];
  channels: string[];
  prompt?: string;
};

export class ArgError extends Error {}

const PERMISSION_MODES = ['acceptEdits', 'auto', 'bypassPermissions', 'manual', 'dontAsk', 'plan'];
const BOOLEAN = new Set(['--verbose', '--debug', '--dangerously-skip-permissions', '--ide']);
const SINGLE = new Set([
  '--model',
  '--permission-mode',
  '--append-system-prompt',
  '--settings',
  '--session-id',
]);
const VARIADIC = new Set([
  '--dangerously-load-development-channels',
  '--channels',
  '--add-dir',
  '--allowedTools',
  '--disallowedTools',
]);

function checkEntries(flag: string, entries: string[]): void {
  if (entries.length === 0)
    throw new ArgError(`error: option '${flag} <servers...>' argument missing`);
  for (const entry of entries)
    if (!/^(server:[^\s]+|plugin:[^\s@]+@[^\s]+)$/.test(entry))
      throw new ArgError(
        `${flag} entries must be tagged: ${entry}\n  plugin:<name>@<marketplace>  — plugin-provided channel (allowlist enforced)\n  server:<name>                — manually configured MCP server`,
      );
}

export function parseFakeArgs(argv: readonly string[]): FakeArgs {
  const out: FakeArgs = { continue: false, devChannels: [], channels: [] };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? '';
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    if (flag === '-c' || flag === '--continue') out.continue = true;
    else if (BOOLEAN.has(flag)) continue;
    else if (SINGLE.has(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined)
        throw new ArgError(`error: option '${flag} <value>' argument missing`);
      if (flag === '--permission-mode' && !PERMISSION_MODES.includes(value))
        throw new ArgError(
          `error: option '--permission-mode <mode>' argument '${value}' is invalid. Allowed choices are ${PERMISSION_MODES.join(', ')}.`,
        );
      if (flag === '--model') out.model = value;
      if (flag === '--permission-mode') out.permissionMode = value;
    } else if (VARIADIC.has(flag)) {
      const values = inline === undefined ? [] : [inline];
      while (i + 1 < argv.length && !(argv[i + 1] ?? '').startsWith('-'))
        values.push(argv[++i] ?? '');
      if (flag === '--dangerously-load-development-channels') {
        checkEntries(flag, values);
        out.devChannels.push(...values);
      } else if (flag === '--channels') {
        checkEntries(flag, values);
        out.channels.push(...values);
      }
    } else if (raw.startsWith('-')) throw new ArgError(`error: unknown option '${flag}'`);
    else if (out.prompt === undefined) out.prompt = raw;
    else throw new ArgError(`error: too many arguments. Expected 1 argument but got 2.`);
  }
  return out;
}
