/**
 * Runs test/fakes/stand-in-claude.ts as a process of its own (a Claude Code that can be SIGKILLed
 * with its helper or without), reads the notifications it logged, and reads a hub's delivery state
 * straight from its database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { HELPER, ROOT } from './paths';

export const STAND_IN = join(ROOT, 'test', 'fakes', 'stand-in-claude.ts');

export type Logged = {
  message_id: string;
  chat_id: string;
  content: string;
  redelivered: boolean;
};

export type StandIn = {
  process: ChildProcess;
  helperPid: number;
  /** Resolves once the helper said the hub welcomed it. */
  attached: Promise<void>;
  logged: () => Logged[];
  /** SIGKILL the stand-in (and its helper with it, when asked): a crash, no cleanup. */
  kill: (withHelper: boolean) => void;
  /** A clean end, as when Claude Code quits; resolves when the stand-in exited. */
  close: () => Promise<void>;
  exited: Promise<void>;
};

export async function startStandIn(home: string, log: string, session: string): Promise<StandIn> {
  const child = spawn(process.execPath, [STAND_IN, log, HELPER, session], {
    env: { ...process.env, SWITCHBOARD_HOME: home },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let attachedResolve: () => void = () => undefined;
  const attached = new Promise<void>((resolve) => (attachedResolve = resolve));
  const helperPid = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('stand-in did not start in 15 s')), 15_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'attached') attachedResolve();
      const match = /^helper (\d+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    void exited.then(() => reject(new Error('stand-in exited before it started')));
  });
  return {
    process: child,
    helperPid,
    attached,
    logged: () => readLog(log),
    kill(withHelper) {
      if (withHelper) signal(helperPid, 'SIGKILL');
      signal(child.pid ?? 0, 'SIGKILL');
    },
    async close() {
      signal(child.pid ?? 0, 'SIGTERM');
      await exited;
    },
    exited,
  };
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

export function readLog(path: string): Logged[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  // A SIGKILL can cut the last line short only if it lands inside write(2); skip such a tail.
  return text
    .split('\n')
    .filter((line) => line.endsWith('}'))
    .map((line) => JSON.parse(line) as Logged);
}

/** Whether a process is gone (exited, or a zombie waiting to be reaped). */
export function processGone(pid: number): boolean {
  if (existsSync('/proc/self')) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      return state === 'Z' || state === 'X';
    } catch {
      return true;
    }
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

/** Inbound messages the hub has not had acknowledged yet (waiting or in flight). */
export function unacknowledged(home: string): number {
  const db = new Database(`${home}/switchboard.db`, { readonly: true });
  try {
    return (
      db
        .prepare<[], { n: number }>(
          `SELECT count(*) AS n FROM messages WHERE direction = 'in' AND state = 'received'`,
        )
        .get()?.n ?? 0
    );
  } finally {
    db.close();
  }
}

/** Inbound messages stored whose text starts with this prefix. */
export function storedCount(home: string, prefix: string): number {
  const db = new Database(`${home}/switchboard.db`, { readonly: true });
  try {
    return (
      db
        .prepare<[number, string], { n: number }>(
          `SELECT count(*) AS n FROM messages WHERE direction = 'in' AND substr(text, 1, ?) = ?`,
        )
        .get(prefix.length, prefix)?.n ?? 0
    );
  } finally {
    db.close();
  }
}
