/**
 * Reads stdin before the SDK is loaded: answers what `answer` may answer, keeps every chunk as it
 * came, and hands over — loads the core, replays the chunks with their original boundaries, then
 * passes the rest of stdin through — as soon as `initialize` is answered, a line cannot be answered
 * early, stdin ends, nothing arrives for `idleMs`, or `latestMs` after the start.
 *
 * Lines are cut exactly as the SDK's ReadBuffer cuts them (at `\n`, UTF-8, a trailing `\r`
 * dropped). A chunk that completes more than one line is left to the SDK: it handles the lines of
 * one chunk in one go, and the order of its answers within a chunk is its own business.
 */
import { PassThrough, type Readable } from 'node:stream';
import type { AnsweredEarly, EarlyAnswer } from '../answered-early';
import type { HelperStart } from '../helper';

export type EarlyReaderOptions = {
  stdin: Readable;
  write: (line: string) => void;
  answer: (line: string) => (EarlyAnswer & { method: string }) | undefined;
  /** Loads the SDK and the helper; returns what starts them. */
  loadCore: () => (start: HelperStart) => void;
  /** How long to wait for the next request after answering one that was not `initialize`. */
  idleMs: number;
  /** Hand over this long after the start whatever arrives (a client that keeps probing). */
  latestMs: number;
};

/** A first line longer than this is not worth answering early. */
const MAX_EARLY_LINE_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;
const EXIT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function readEarly(options: EarlyReaderOptions): void {
  const { stdin } = options;
  const chunks: Buffer[] = [];
  const answered: AnsweredEarly = [];
  let unfinished: Buffer = Buffer.alloc(0);
  let early = true;
  let input: PassThrough | undefined;
  let ended = false;
  let failure: Error | undefined;
  let timer: NodeJS.Timeout | undefined = setTimeout(handOver, options.idleMs);
  const deadline = setTimeout(handOver, options.latestMs);
  // Until the helper runs, exit as it would: quietly and with 0.
  const exit = (): never => process.exit(0);
  for (const signal of EXIT_SIGNALS) process.on(signal, exit);
  process.stdout.on('error', exit);

  function handOver(): void {
    if (input) return;
    clearTimeout(timer);
    clearTimeout(deadline);
    early = false;
    input = new PassThrough();
    options.loadCore()({ stdin: input, answeredEarly: answered });
    // Ours go only now that the helper's are in place: with none, a signal while the core loads
    // meets the default action and kills the process (no clean end, no `bye` to the hub).
    for (const signal of EXIT_SIGNALS) process.off(signal, exit);
    process.stdout.off('error', exit);
    for (const chunk of chunks) input.write(chunk);
    chunks.length = 0;
    if (failure) input.destroy(failure);
    else if (ended) input.end();
  }

  function handOverSoon(): void {
    early = false;
    clearTimeout(timer);
    // After the current I/O callback, so what was just written leaves first.
    setImmediate(handOver);
  }

  function waitForMore(): void {
    clearTimeout(timer);
    timer = setTimeout(handOver, options.idleMs);
  }

  /** The lines this chunk completes. */
  function completeLines(chunk: Buffer): string[] {
    let buffer: Buffer = unfinished.length === 0 ? chunk : Buffer.concat([unfinished, chunk]);
    const lines: string[] = [];
    let at: number;
    while ((at = buffer.indexOf(NEWLINE)) >= 0) {
      lines.push(buffer.toString('utf8', 0, at).replace(/\r$/, ''));
      buffer = buffer.subarray(at + 1);
    }
    unfinished = buffer;
    return lines;
  }

  stdin.on('data', (chunk: Buffer) => {
    if (input) {
      input.write(chunk);
      return;
    }
    chunks.push(chunk);
    if (!early) return;
    const lines = completeLines(chunk);
    if (lines.length === 0) {
      if (unfinished.length > MAX_EARLY_LINE_BYTES) handOverSoon();
      return;
    }
    const answer =
      lines.length === 1 && lines[0] !== undefined ? options.answer(lines[0]) : undefined;
    if (!answer) {
      handOverSoon();
      return;
    }
    options.write(answer.line);
    answered.push({ id: answer.id, line: answer.line });
    if (answer.method === 'initialize') handOverSoon();
    else waitForMore();
  });
  stdin.on('end', () => {
    if (input) input.end();
    else {
      ended = true;
      handOver();
    }
  });
  stdin.on('error', (error: Error) => {
    if (input) input.destroy(error);
    else {
      failure = error;
      handOver();
    }
  });
}
