/**
 * A small argv parser: positional words and `--flag`, `--flag value`, `--flag=value`; everything
 * after a lone `--` is kept as is in `rest` (arguments for another program).
 */
export type ParsedArgs = {
  positionals: string[];
  flags: Map<string, string | true>;
  rest: string[];
};

const VALUE_FLAGS = new Set([
  '--home',
  '--port',
  '--session',
  '--project',
  '--thread',
  '--idle-stop-minutes',
]);

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') return { positionals, flags, rest: argv.slice(i + 1) };
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) {
      flags.set(arg.slice(0, eq), arg.slice(eq + 1));
    } else if (VALUE_FLAGS.has(arg)) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--'))
        throw new UsageError(`${arg} needs a value`);
      flags.set(arg, value);
      i++;
    } else {
      flags.set(arg, true);
    }
  }
  return { positionals, flags, rest: [] };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  if (value === true) throw new UsageError(`${name} needs a value`);
  return value;
}
