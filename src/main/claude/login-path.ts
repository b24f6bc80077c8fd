/**
 * Finding command-line programs the way the user's terminal would. An app opened from Finder gets
 * launchd's PATH (`/usr/bin:/bin:/usr/sbin:/sbin`), not the one the user's shell profile builds,
 * so `claude` (in ~/.local/bin, Homebrew, npm's prefix…) is invisible to it. We ask the login
 * shell for its PATH once — `$SHELL -ilc`, with a timeout, because a slow or broken profile must
 * not hang the app — and probe the usual install folders, remembering where we looked.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { delimiter, join } from 'node:path';

export type LoginShellOptions = { shell?: string; timeoutMs?: number };
export type LoginShellPath =
  { shell: string; path: string } | { shell: string; path?: undefined; problem: string };

export const LOGIN_SHELL_TIMEOUT_MS = 5000;
const MARK = '__SWITCHBOARD_PATH__';

/** The user's shell: $SHELL, else their account's shell, else the OS default. */
export function userShell(env: NodeJS.ProcessEnv): string {
  if (env['SHELL']) return env['SHELL'];
  try {
    const shell = userInfo().shell;
    if (shell) return shell;
  } catch {
    // No passwd entry (containers): fall through.
  }
  return process.platform === 'darwin' ? '/bin/zsh' : '/bin/sh';
}

function readLoginShellPath(
  env: NodeJS.ProcessEnv,
  options: LoginShellOptions,
): Promise<LoginShellPath> {
  const shell = options.shell ?? userShell(env);
  const timeoutMs = options.timeoutMs ?? LOGIN_SHELL_TIMEOUT_MS;
  return new Promise((resolve) => {
    let output = '';
    let settled = false;
    const done = (result: LoginShellPath): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    // Interactive (-i) so .zshrc/.bashrc run too — that is where most PATH lines live; stdin is
    // closed so nothing waits for input; markers cut the PATH out of banners and prompts.
    const child = spawn(shell, ['-ilc', `printf '${MARK}%s${MARK}' "$PATH"`], {
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
      detached: true,
    });
    const timer = setTimeout(() => {
      // The whole group: a profile may have started its own children (nvm, pyenv…).
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }
      done({ shell, problem: `timed out after ${timeoutMs / 1000} s` });
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', (error) => done({ shell, problem: error.message }));
    child.on('close', (code) => {
      const path = new RegExp(`${MARK}(.*?)${MARK}`, 's').exec(output)?.[1];
      done(
        path
          ? { shell, path }
          : { shell, problem: `exited with ${String(code)} without printing PATH` },
      );
    });
  });
}

const memo = new WeakMap<object, Promise<LoginShellPath>>();

/** The login shell's PATH, read once per environment object (the hub keeps one for its life). */
export function loginShellPath(
  env: NodeJS.ProcessEnv,
  options: LoginShellOptions = {},
): Promise<LoginShellPath> {
  let found = memo.get(env);
  if (!found) {
    found = readLoginShellPath(env, options);
    memo.set(env, found);
  }
  return found;
}

export function splitPath(path: string | undefined): string[] {
  return (path ?? '').split(delimiter).filter((dir) => dir !== '');
}

/** The first `dir/name` that is an executable file. */
export async function findExecutable(
  name: string,
  dirs: readonly string[],
): Promise<string | undefined> {
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      if (!(await stat(candidate)).isFile()) continue;
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/** A PATH holding `first` and then every other folder once, in order. */
export function joinPath(...parts: ReadonlyArray<string | undefined>): string {
  return [...new Set(parts.flatMap((part) => splitPath(part)))].join(delimiter);
}
