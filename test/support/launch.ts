/**
 * What a test of launched sessions needs: a throwaway HOME whose Claude Code user config names the
 * real helper as the `switchboard` server (what `claude mcp add --scope user` writes), the fake
 * `claude` behind a small executable (SWITCHBOARD_CLAUDE), a private tmux server (`tmux -S` with a
 * socket in the test's directory) that is killed afterwards, and the fake's log of what happened.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eventually } from './eventually';
import type { FakePlatform } from './fake-platform-client';
import { HELPER, ROOT, tempDir } from './paths';

/** Why launched-session tests cannot run here, if they cannot (CI installs tmux). */
export const tmuxMissing = ((): string | undefined => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'tmux is not installed (apt-get install tmux / brew install tmux); CI installs it';
  }
})();
if (tmuxMissing) console.warn(`skipping launched-session tests: ${tmuxMissing}`);

export type FakeClaudeEvent = {
  event: string;
  pid: number;
  argv?: string[];
  cwd?: string;
  session?: string | null;
  home?: string | null;
  text?: string;
  content?: string;
  name?: string;
  code?: number;
  why?: string;
};

export type FakeClaudeKnobs = {
  confirm?: boolean;
  echo?: boolean;
  ignoreExit?: boolean;
};

export type LaunchSetup = {
  root: string;
  /** The hub's state directory. */
  home: string;
  /** Environment for the hub process (HOME, SWITCHBOARD_CLAUDE, SWITCHBOARD_TMUX_SOCKET, SHELL). */
  env: Record<string, string>;
  /** The private tmux server's socket path. */
  socket: string;
  /** A project directory under root, with the fake's knobs in it. */
  project: (name: string, knobs?: FakeClaudeKnobs) => Promise<string>;
  events: () => Promise<FakeClaudeEvent[]>;
  /** Waits until the fake started in `dir` has its MCP servers connected (it reads keys by then). */
  ready: (dir: string) => Promise<void>;
  /** Writes an executable `claude` stand-in with this shell script body (e.g. one that fails). */
  script: (name: string, body: string) => Promise<string>;
  tmux: (...args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;
  cleanup: () => Promise<void>;
};

export async function launchSetup(options: { claudeJson?: boolean } = {}): Promise<LaunchSetup> {
  const { dir: root, cleanup } = await tempDir('sb-launch-');
  const home = join(root, 'state');
  const userHome = join(root, 'user');
  const log = join(root, 'fake-claude.log');
  await mkdir(userHome, { recursive: true });
  if (options.claudeJson !== false)
    await writeFile(
      join(userHome, '.claude.json'),
      JSON.stringify({
        mcpServers: {
          switchboard: {
            type: 'stdio',
            command: process.execPath,
            args: [HELPER],
            env: { SWITCHBOARD_HOME: home },
          },
        },
      }),
    );
  const claude = join(root, 'claude');
  await writeFile(
    claude,
    `#!/bin/sh\nFAKE_CLAUDE_LOG='${log}'\nexport FAKE_CLAUDE_LOG\nexec '${process.execPath}' '${join(ROOT, 'dist-test', 'fake-claude.js')}' "$@"\n`,
  );
  await chmod(claude, 0o755);
  const readEvents = async (): Promise<FakeClaudeEvent[]> =>
    (await readFile(log, 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as FakeClaudeEvent);
  // A socket path inside the test's directory: removed with it, never the user's tmux server.
  const socket = join(root, 'tmux.sock');
  const tmux = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) =>
      execFile('tmux', ['-S', socket, ...args], (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );
  return {
    root,
    home,
    socket,
    env: {
      HOME: userHome,
      SWITCHBOARD_CLAUDE: claude,
      SWITCHBOARD_TMUX_SOCKET: socket,
      SHELL: '/bin/bash',
    },
    async project(name, knobs = {}) {
      const dir = join(root, 'projects', name);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, '.fake-claude.json'), JSON.stringify(knobs));
      return dir;
    },
    events: readEvents,
    async ready(dir) {
      await eventually(async () => {
        const events = await readEvents();
        const start = events.findLast((e) => e.event === 'start' && e.cwd === dir);
        if (!start || !events.some((e) => e.event === 'connected' && e.pid === start.pid))
          throw new Error(`the fake claude in ${dir} is not ready`);
      }, 20_000);
    },
    async script(name, body) {
      const path = join(root, name);
      await writeFile(path, `#!/bin/sh\n${body}\n`);
      await chmod(path, 0o755);
      return path;
    },
    tmux,
    async cleanup() {
      await tmux('kill-server');
      await cleanup();
    },
  };
}

/** Talking as people on the fake platform, and waiting for what the hub answers them. */
export function chatOn(platform: () => FakePlatform): {
  say: (from: string, text: string, chat?: string) => Promise<void>;
  heard: (chat: string, part: string, timeoutMs?: number) => Promise<string>;
} {
  return {
    say: (from, text, chat = `tg:${from}`) =>
      platform().say({ chatId: chat, senderId: from, text }),
    heard: (chat, part, timeoutMs = 15_000) =>
      eventually(async () => {
        const found = (await platform().sentTo(chat)).find((m) => m.text.includes(part));
        if (!found) throw new Error(`"${part}" not sent to ${chat}`);
        return found.text;
      }, timeoutMs),
  };
}
