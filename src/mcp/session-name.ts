/**
 * The helper's session name: `--session NAME`, else SWITCHBOARD_SESSION, else the working
 * directory's name — cleaned to the characters the bridge accepts.
 */
import { truncateUtf16 } from '../shared/hygiene';

const ASCII_NAME = /^[A-Za-z0-9._-]*$/;

export function sessionNameFrom(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): string {
  const fromArg = argValue(argv, '--session');
  const raw =
    (fromArg || undefined) ??
    (env['SWITCHBOARD_SESSION'] || undefined) ??
    cwd.split('/').filter(Boolean).pop() ??
    'session';
  // Plain ASCII names (nearly all) skip the Unicode-class regex: compiling \p{L}/\p{N} costs
  // about a millisecond of every helper start, and the result is the same.
  const allowed = ASCII_NAME.test(raw) ? raw : raw.replace(/[^\p{L}\p{N}._-]+/gu, '-');
  // The bridge caps names at 64 UTF-16 units; never cut an astral letter in half.
  const clean = truncateUtf16(allowed.replace(/^-+|-+$/g, ''), 64);
  return clean === '' ? 'session' : clean;
}

/** Reads `--flag value` or `--flag=value` from argv. */
export function argValue(argv: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === flag) {
      const value = argv[i + 1];
      return value?.startsWith('--') ? undefined : value;
    }
    if (arg?.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return undefined;
}
