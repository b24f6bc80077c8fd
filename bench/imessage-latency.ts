/**
 * iMessage detection: a row committed to chat.db → the channel notification at the MCP client,
 * beside the official plugin's design measured in the same run — a reader polling every second
 * (measured to the moment it sees the row, without any MCP hop, which flatters it).
 */
import { mkdir } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { ChatDb } from '../test/support/chat-db';
import { runCli } from '../test/support/cli';
import { startHub } from '../test/support/hub-process';
import { connectChannel } from './processes';
import type { Benchmark } from './row';
import { ms, percentile } from './stats';

const ROWS = 200;
const BASELINE_ROWS = 15;
const HANDLE = '+15550001111';
const CHAT = `iMessage;-;${HANDLE}`;

/** The baseline: poll MAX(ROWID) once a second, as the official plugin does. */
async function onePerSecondPoller(path: string, chatDb: ChatDb): Promise<number[]> {
  const reader = new Database(path, { readonly: true });
  const max = reader.prepare<[], { max: number }>('SELECT MAX(ROWID) AS max FROM message');
  const times: number[] = [];
  let seen = max.get()?.max ?? 0;
  const committed = new Map<number, number>();
  const timer = setInterval(() => {
    const now = max.get()?.max ?? 0;
    const at = performance.now();
    for (let id = seen + 1; id <= now; id++) {
      const start = committed.get(id);
      if (start !== undefined) times.push(at - start);
    }
    seen = now;
  }, 1000);
  for (let i = 0; i < BASELINE_ROWS; i++) {
    await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 700));
    const at = performance.now();
    committed.set(chatDb.insert({ chat: CHAT, handle: HANDLE, text: `baseline ${i}` }), at);
  }
  await new Promise((resolve) => setTimeout(resolve, 1200));
  clearInterval(timer);
  reader.close();
  return times;
}

export const imessageLatency: Benchmark = {
  name: 'iMessage detection latency',
  async run(ctx) {
    const home = await ctx.tempDir();
    await mkdir(`${home}/messages`);
    const path = `${home}/messages/chat.db`;
    const chatDb = ChatDb.create(path);
    chatDb.chat(CHAT, 45, HANDLE);
    const hub = await startHub(home, [], {
      SWITCHBOARD_IMESSAGE_DB: path,
      SWITCHBOARD_OSASCRIPT: '/bin/true',
    });
    try {
      await runCli(['senders', 'allow', 'imessage', HANDLE, '--home', home]);
      const helper = await connectChannel(process.execPath, [ctx.helper, '--session', 'bench'], {
        SWITCHBOARD_HOME: home,
      });
      const warm = helper.waitFor('warm-up');
      chatDb.insert({ chat: CHAT, handle: HANDLE, text: 'warm-up' });
      await warm;
      const times: number[] = [];
      for (let i = 0; i < ROWS; i++) {
        const text = `row ${i}`;
        const arrived = helper.waitFor(text);
        const committed = performance.now();
        chatDb.insert({ chat: CHAT, handle: HANDLE, text });
        times.push((await arrived) - committed);
      }
      await helper.close();
      const baseline = await onePerSecondPoller(path, chatDb);
      const p50 = percentile(times, 50);
      return [
        {
          metric: `iMessage, row committed → client (p50 / p99, ${ROWS} rows; baseline ${BASELINE_ROWS})`,
          switchboard: `${ms(p50)} / ${ms(percentile(times, 99))}`,
          baseline: `${ms(percentile(baseline, 50))} / ${ms(percentile(baseline, 99))}`,
          ratio: `${(p50 / percentile(baseline, 50)).toFixed(3)}×`,
          target: 'p50 < 50 ms',
          met: p50 < 50,
          values: {
            p50,
            p99: percentile(times, 99),
            baselineP50: percentile(baseline, 50),
            baselineP99: percentile(baseline, 99),
          },
        },
      ];
    } finally {
      await hub.stop();
      chatDb.close();
    }
  },
};
