/**
 * A small argv parser: positional words and `--flag`, `--flag value`, `--flag=value`; everything
 * after a lone `--` is kept as is in `rest` (arguments for another program).
 */
export type ParsedArgs = {
  positionals: string[];
  flags: Map<string, string | true>;
  rest: string[];
  /** Every value of a flag given more than once (`--ssh-opt A=1 --ssh-opt B=2`), in order. */
  repeated: Map<string, string[]>;
};

const VALUE_FLAGS = new Set([
  '--home',
  '--port',
  '--session',
  '--project',
  '--thread',
  '--idle-stop-minutes',
  '--ssh-opt',
  '--remote-socket',
  '--remote-node',
  '--remote-claude',
]);

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  const repeated = new Map<string, string[]>();
  const setValue = (flag: string, value: string): void => {
    flags.set(flag, value);
    repeated.set(flag, [...(repeated.get(flag) ?? []), value]);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') return { positionals, flags, rest: argv.slice(i + 1), repeated };
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) {
      setValue(arg.slice(0, eq), arg.slice(eq + 1));
    } else if (VALUE_FLAGS.has(arg)) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--'))
        throw new UsageError(`${arg} needs a value`);
      setValue(arg, value);
      i++;
    } else {
      flags.set(arg, true);
    }
  }
  return { positionals, flags, rest: [], repeated };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  if (value === true) throw new UsageError(`${name} needs a value`);
  return value;
}
