/**
 * The helper's real MCP server (from source, the full SDK) on in-memory streams, as the reference
 * the early answers are compared with: `answersTo(line)` returns every line the SDK writes in
 * response to one input line (none, one or more), found by following it with a ping.
 */
import { PassThrough } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { offlineBridge } from '../../src/mcp/offline-bridge';
import { createServer } from '../../src/mcp/server';

export type SdkReference = {
  answersTo: (line: string) => Promise<string[]>;
  close: () => Promise<void>;
};

export async function sdkReference(): Promise<SdkReference> {
  const { server } = createServer(offlineBridge());
  const input = new PassThrough();
  const output = new PassThrough();
  const lines: string[] = [];
  let buffered = '';
  let notify: (() => void) | undefined;
  output.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let at: number;
    while ((at = buffered.indexOf('\n')) >= 0) {
      lines.push(buffered.slice(0, at + 1));
      buffered = buffered.slice(at + 1);
    }
    notify?.();
  });
  await server.connect(new StdioServerTransport(input, output));
  let probes = 0;
  return {
    async answersTo(line) {
      const marker = `reference-ping-${++probes}`;
      const ping = JSON.stringify({ jsonrpc: '2.0', id: marker, method: 'ping' });
      input.write(`${line}\n`);
      // A separate chunk, after the line's own answer has been written.
      await new Promise((resolve) => setImmediate(resolve));
      input.write(`${ping}\n`);
      await new Promise<void>((resolve) => {
        notify = () => {
          if (lines.some((l) => l.includes(`"id":"${marker}"`))) resolve();
        };
        notify();
      });
      const end = lines.findIndex((l) => l.includes(`"id":"${marker}"`));
      return lines.splice(0, end + 1).slice(0, end);
    },
    close: () => server.close(),
  };
}
