/**
 * The real processes a benchmark measures: the hub (`switchboard serve`), helpers spawned by the
 * MCP SDK client as Claude Code spawns them, and the baseline channel server.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { readFile } from 'node:fs/promises';

export type ChannelClient = {
  client: Client;
  transport: StdioClientTransport;
  /** Resolves when a notification whose content matches arrives. */
  waitFor: (content: string) => Promise<number>;
  close: () => Promise<void>;
};

/** Spawns a stdio channel server and connects; notifications resolve `waitFor` with the arrival time. */
export async function connectChannel(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<ChannelClient & { connectMs: number; stderr: () => string }> {
  const waiting = new Map<string, (at: number) => void>();
  const early = new Map<string, number>();
  const client = new Client({ name: 'bench', version: '1.0.0' }, { capabilities: {} });
  client.fallbackNotificationHandler = (notification) => {
    const at = performance.now();
    if (notification.method === 'notifications/claude/channel') {
      const content = (notification.params as { content: string }).content;
      const resolve = waiting.get(content);
      if (resolve) {
        waiting.delete(content);
        resolve(at);
      } else early.set(content, at);
    }
    return Promise.resolve();
  };
  const transport = new StdioClientTransport({
    command,
    args,
    env: { ...(process.env as Record<string, string>), ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const started = performance.now();
  await client.connect(transport);
  const connectMs = performance.now() - started;
  return {
    client,
    transport,
    connectMs,
    stderr: () => stderr,
    waitFor(content) {
      const seen = early.get(content);
      if (seen !== undefined) {
        early.delete(content);
        return Promise.resolve(seen);
      }
      return new Promise((resolve) => waiting.set(content, resolve));
    },
    close: () => client.close(),
  };
}

/** Reads the JSON line a server prints on stderr once it listens (the baseline prints its port). */
export function stderrJson<T>(channel: { stderr: () => string }, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      const line = channel
        .stderr()
        .split('\n')
        .find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as T);
      else if (Date.now() > deadline)
        reject(new Error(`no JSON line on stderr: ${channel.stderr()}`));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

/** Resident memory of a process, from /proc (Linux) — in MiB. */
export async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}
