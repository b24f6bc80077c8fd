/**
 * How Claude Code should start the helper when the app runs from a checkout (`npx electron .`).
 * `process.execPath` there is the Electron binary, which would open another app instead of
 * running the helper; so it is a real Node (22.12+) found like the user's terminal finds it,
 * else the standalone helper if it was built, else `node` by name for Claude Code's own PATH.
 */
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { HelperEntry } from '../claude/claude-cli';
import {
  findExecutable,
  loginShellPath,
  splitPath,
  type LoginShellOptions,
} from '../claude/login-path';

function nodeVersion(node: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(node, ['--version'], { timeout: 10_000 }, (error, stdout) =>
      resolve(error ? undefined : stdout.trim()),
    );
  });
}

/** Node 22.12 or newer (the helper's engines). */
export function isSupportedNode(version: string | undefined): boolean {
  const match = /^v(\d+)\.(\d+)\./.exec(version ?? '');
  if (!match) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > 22 || (major === 22 && minor >= 12);
}

export async function devHelperEntry(options: {
  env: NodeJS.ProcessEnv;
  /** The checkout's dist folder (switchboard-mcp.js, bin/switchboard-mcp). */
  distDir: string;
  /** The Electron binary, which must never be handed to Claude Code. */
  electronPath: string;
  loginShell?: LoginShellOptions;
  log: (message: string) => void;
}): Promise<HelperEntry> {
  const script = join(options.distDir, 'switchboard-mcp.js');
  const login = await loginShellPath(options.env, options.loginShell);
  const dirs = [...splitPath(options.env['PATH']), ...splitPath(login.path)];
  const node = await findExecutable('node', dirs);
  if (node && node !== options.electronPath && isSupportedNode(await nodeVersion(node)))
    return { command: node, args: [script] };
  const binary = join(options.distDir, 'bin', 'switchboard-mcp');
  if (
    await stat(binary).then(
      (s) => s.isFile(),
      () => false,
    )
  )
    return { command: binary, args: [] };
  options.log(
    'no Node 22.12+ found on PATH or the login shell’s PATH, and no standalone helper in dist/bin: Claude Code will be told to run `node`',
  );
  return { command: 'node', args: [script] };
}
