/**
 * The helper's MCP server talking over in-memory streams through the real stdio transport (line
 * splitting, JSON parsing, serialisation — the same code as on a pipe). Used where the helper
 * talks to itself: the startup snapshot's warm-up and the build-time probe of the SDK's answers.
 */
import { PassThrough } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';

export type InMemorySession = {
  /** Writes the lines (one message each) and resolves with the next `count` lines written back. */
  exchange: (lines: readonly string[], count: number) => Promise<string[]>;
  close: () => Promise<void>;
};

/** The part of the SDK's Server used here. */
type Connectable = { connect: (transport: Transport) => Promise<void>; close: () => Promise<void> };

export async function openInMemorySession(server: Connectable): Promise<InMemorySession> {
  const input = new PassThrough();
  const output = new PassThrough();
  let buffered = '';
  const lines: string[] = [];
  let waiter: (() => void) | undefined;
  output.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let at: number;
    while ((at = buffered.indexOf('\n')) >= 0) {
      lines.push(buffered.slice(0, at + 1));
      buffered = buffered.slice(at + 1);
    }
    waiter?.();
  });
  await server.connect(new StdioServerTransport(input, output));
  return {
    exchange: (sent, count) =>
      new Promise((resolve) => {
        const check = (): void => {
          if (lines.length < count) return;
          waiter = undefined;
          resolve(lines.splice(0, count));
        };
        waiter = check;
        input.write(sent.map((line) => `${line}\n`).join(''));
        check();
      }),
    close: async () => {
      await server.close();
      input.end();
      output.end();
    },
  };
}
