import { homedir, tmpdir } from 'node:os';
import { hubPaths, resolveHome, type HubPaths } from '../../shared/paths';
import { stringFlag, type ParsedArgs } from './args';

/** What every command gets: its arguments, where the hub lives, and how to print. */
export type CommandContext = {
  args: ParsedArgs;
  paths: HubPaths;
  json: boolean;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Directory of the built files (dist/), where the helper and the renderer are. */
  distDir: string;
  env: Readonly<Record<string, string | undefined>>;
};

export function createContext(
  args: ParsedArgs,
  distDir: string,
  env: Readonly<Record<string, string | undefined>>,
): CommandContext {
  const home = resolveHome(
    { env, platform: process.platform, homedir: homedir(), tmpdir: tmpdir() },
    stringFlag(args, '--home'),
  );
  return {
    args,
    paths: hubPaths(home, { env, tmpdir: tmpdir() }),
    json: args.flags.has('--json'),
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    distDir,
    env,
  };
}

/** Prints data as JSON with --json, else as the given human text. */
export function print(ctx: CommandContext, data: unknown, human: () => string): void {
  ctx.out(ctx.json ? JSON.stringify(data) : human());
}
