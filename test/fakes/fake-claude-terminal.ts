/**
 * The fake `claude`'s terminal: raw-mode key reading (what tmux `send-keys` produces) and a
 * numbered choice that waits for a key, like Claude Code's dialogs (a digit picks, arrows move,
 * Enter confirms, Esc takes the last option).
 */
export type KeyName =
  'enter' | 'esc' | 'up' | 'down' | 'left' | 'right' | 'tab' | 'backspace' | 'ctrl-c' | 'control';
export type Key = { kind: 'char'; text: string } | { kind: 'key'; name: KeyName; code?: number };

const SEQUENCES: ReadonlyArray<[string, KeyName]> = [
  ['\x1b[A', 'up'],
  ['\x1bOA', 'up'],
  ['\x1b[B', 'down'],
  ['\x1bOB', 'down'],
  ['\x1b[C', 'right'],
  ['\x1bOC', 'right'],
  ['\x1b[D', 'left'],
  ['\x1bOD', 'left'],
];

export function parseKeyBytes(chunk: string): Key[] {
  const keys: Key[] = [];
  let i = 0;
  while (i < chunk.length) {
    const sequence = SEQUENCES.find(([s]) => chunk.startsWith(s, i));
    if (sequence) {
      keys.push({ kind: 'key', name: sequence[1] });
      i += sequence[0].length;
      continue;
    }
    const char = String.fromCodePoint(chunk.codePointAt(i) ?? 0);
    i += char.length;
    const code = char.codePointAt(0) ?? 0;
    if (char === '\r' || char === '\n') keys.push({ kind: 'key', name: 'enter' });
    else if (char === '\x1b') keys.push({ kind: 'key', name: 'esc' });
    else if (char === '\t') keys.push({ kind: 'key', name: 'tab' });
    else if (char === '\x7f' || char === '\b') keys.push({ kind: 'key', name: 'backspace' });
    else if (char === '\x03') keys.push({ kind: 'key', name: 'ctrl-c' });
    else if (code < 0x20 || (code >= 0x80 && code < 0xa0))
      keys.push({ kind: 'key', name: 'control', code });
    else keys.push({ kind: 'char', text: char });
  }
  return keys;
}

export type KeyQueue = AsyncIterable<Key> & { next: () => Promise<Key | undefined> };

export function readKeys(stdin: NodeJS.ReadStream): KeyQueue {
  const queue: Key[] = [];
  let waiter: ((key: Key | undefined) => void) | undefined;
  let ended = false;
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.on('data', (chunk: string) => {
    for (const key of parseKeyBytes(chunk)) {
      if (waiter) {
        const w = waiter;
        waiter = undefined;
        w(key);
      } else queue.push(key);
    }
  });
  stdin.on('end', () => {
    ended = true;
    waiter?.(undefined);
  });
  const next = (): Promise<Key | undefined> => {
    const key = queue.shift();
    if (key || ended) return Promise.resolve(key);
    return new Promise((resolve) => (waiter = resolve));
  };
  return {
    next,
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const key = await next();
        if (!key) return;
        yield key;
      }
    },
  };
}

/** Shows numbered options and waits for the choice; returns its index. */
export async function choose(
  keys: KeyQueue,
  say: (text: string) => void,
  options: readonly string[],
): Promise<number> {
  let at = 0;
  const render = (): void => {
    say('');
    options.forEach((option, i) => say(` ${i === at ? '❯' : ' '} ${i + 1}. ${option}`));
    say('');
    say(' Enter to confirm · Esc to exit');
  };
  render();
  for (;;) {
    const key = await keys.next();
    if (!key) return options.length - 1;
    if (key.kind === 'char') {
      const digit = Number(key.text);
      if (Number.isInteger(digit) && digit >= 1 && digit <= options.length) return digit - 1;
      continue;
    }
    if (key.name === 'enter') return at;
    if (key.name === 'esc') return options.length - 1;
    if (key.name === 'up' || key.name === 'down') {
      at = (at + (key.name === 'up' ? options.length - 1 : 1)) % options.length;
      render();
    }
  }
}
