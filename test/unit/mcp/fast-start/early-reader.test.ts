/**
 * The npm helper's entry before the SDK is loaded: what it answers, when it hands over, and that
 * the core then sees every byte exactly as it arrived (same chunks, then the rest, then EOF).
 */
import { PassThrough, type Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { HelperStart } from '../../../../src/mcp/helper';
import { readEarly } from '../../../../src/mcp/fast-start/early-reader';

const INIT = '{"jsonrpc":"2.0","id":0,"method":"initialize"}';
const DISCOVER = '{"jsonrpc":"2.0","id":"d","method":"server/discover"}';

/** Answers INIT and DISCOVER only; a stand-in for the SDK-derived answerer. */
const answer = (line: string): { id: string | number; line: string; method: string } | undefined =>
  line === INIT
    ? { id: 0, line: 'init-answer\n', method: 'initialize' }
    : line === DISCOVER
      ? { id: 'd', line: 'discover-answer\n', method: 'server/discover' }
      : undefined;

type Harness = {
  stdin: PassThrough;
  written: string[];
  started: () => HelperStart | undefined;
  /** Everything the core reads from its stdin, chunk by chunk, until it ends. */
  replay: () => Promise<{ chunks: string[]; ended: boolean }>;
};

const stdins: PassThrough[] = [];
afterEach(() => {
  for (const stdin of stdins.splice(0)) stdin.destroy();
});

function harness(idleMs = 1_000, latestMs = 5_000): Harness {
  const stdin = new PassThrough();
  stdins.push(stdin);
  const written: string[] = [];
  let start: HelperStart | undefined;
  readEarly({
    stdin,
    write: (line) => written.push(line),
    answer,
    loadCore: () => (s) => (start = s),
    idleMs,
    latestMs,
  });
  return {
    stdin,
    written,
    started: () => start,
    replay: async () => {
      const input = start?.stdin as Readable;
      const chunks: string[] = [];
      input.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
      const ended = await new Promise<boolean>((resolve) => {
        input.on('end', () => resolve(true));
        setTimeout(() => resolve(false), 50);
      });
      return { chunks, ended };
    },
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

describe('the npm helper before its core is loaded', () => {
  it("answers Claude Code's probe, waits for initialize, answers it, then hands over", async () => {
    const h = harness();
    h.stdin.write(`${DISCOVER}\n`);
    await tick();
    expect(h.written).toEqual(['discover-answer\n']);
    expect(h.started()).toBeUndefined();
    h.stdin.write(`${INIT}\n`);
    await tick();
    expect(h.written).toEqual(['discover-answer\n', 'init-answer\n']);
    expect(h.started()?.answeredEarly).toEqual([
      { id: 'd', line: 'discover-answer\n' },
      { id: 0, line: 'init-answer\n' },
    ]);
    h.stdin.write('{"later":1}\n');
    h.stdin.end();
    expect(await h.replay()).toEqual({
      chunks: [`${DISCOVER}\n`, `${INIT}\n`, '{"later":1}\n'],
      ended: true,
    });
  });

  it('hands over at the first line it may not answer, and answers nothing after it', async () => {
    const h = harness();
    h.stdin.write('{"jsonrpc":"2.0","id":1,"method":"ping"}\n');
    await tick();
    h.stdin.write(`${INIT}\n`);
    await tick();
    expect(h.written).toEqual([]);
    expect(h.started()?.answeredEarly).toEqual([]);
  });

  it('leaves a chunk holding two lines to the SDK, even if it could answer both', async () => {
    const h = harness();
    h.stdin.write(`${DISCOVER}\n${INIT}\n`);
    await tick();
    expect(h.written).toEqual([]);
    expect((await h.replay()).chunks).toEqual([`${DISCOVER}\n${INIT}\n`]);
  });

  it('cuts lines as the SDK does: across chunks, with CRLF, keeping the chunks as they came', async () => {
    const h = harness();
    h.stdin.write(INIT.slice(0, 10));
    await tick();
    expect(h.written).toEqual([]);
    h.stdin.write(`${INIT.slice(10)}\r\n`);
    await tick();
    expect(h.written).toEqual(['init-answer\n']);
    expect((await h.replay()).chunks).toEqual([INIT.slice(0, 10), `${INIT.slice(10)}\r\n`]);
  });

  it('hands over on stdin EOF, replaying what came and then ending', async () => {
    const h = harness();
    h.stdin.end(`${DISCOVER}\npartial`);
    await tick();
    expect(h.started()).toBeDefined();
    expect(await h.replay()).toEqual({ chunks: [`${DISCOVER}\npartial`], ended: true });
  });

  it('hands over at the deadline however long a client keeps probing', async () => {
    const h = harness(30, 80);
    for (let i = 0; i < 8; i++) {
      h.stdin.write(`${DISCOVER}\n`);
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    expect(h.started()).toBeDefined();
    expect(h.written.length).toBeLessThan(8);
  });

  it('hands over when nothing more arrives, so the hub connection is not held up', async () => {
    const h = harness(20);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(h.started()).toBeDefined();
  });
});

describe('signals around the hand-over', () => {
  const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const counts = (): number[] => SIGNALS.map((signal) => process.listenerCount(signal));

  it('always has a handler: a signal while the core loads must not meet the default action', async () => {
    const before = counts();
    const whileLoading: number[][] = [];
    const stdin = new PassThrough();
    stdins.push(stdin);
    readEarly({
      stdin,
      write: () => undefined,
      answer,
      loadCore: () => {
        // The core takes tens of milliseconds to load; a signal then must still be caught.
        whileLoading.push(counts());
        return () => whileLoading.push(counts());
      },
      idleMs: 1_000,
      latestMs: 5_000,
    });
    stdin.write(`${INIT}\n`);
    await tick();
    expect(whileLoading).toHaveLength(2);
    for (const during of whileLoading)
      during.forEach((count, i) => expect(count).toBeGreaterThan(before[i] ?? 0));
    // Once the helper runs, its own handlers are the only ones (this stand-in installs none).
    expect(counts()).toEqual(before);
  });
});
