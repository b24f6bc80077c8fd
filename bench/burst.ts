/**
 * Burst: 1,000 messages posted by 10 chats at once; throughput, loss and per-chat order as one
 * Claude Code session sees them.
 */
import { startHub } from '../test/support/hub-process';
import { webchat } from '../test/support/webchat-client';
import { connectChannel, rssMiB } from './processes';
import type { Benchmark } from './row';

const CHATS = 10;
const PER_CHAT = 100;

export const burst: Benchmark = {
  name: 'burst',
  async run(ctx) {
    const home = await ctx.tempDir();
    const hub = await startHub(home);
    try {
      const received: string[] = [];
      const helper = await connectChannel(process.execPath, [ctx.helper, '--session', 'burst'], {
        SWITCHBOARD_HOME: home,
      });
      const all = new Promise<number>((resolve) => {
        const original = helper.client.fallbackNotificationHandler;
        helper.client.fallbackNotificationHandler = async (notification) => {
          if (notification.method === 'notifications/claude/channel') {
            received.push((notification.params as { content: string }).content);
            if (received.length === CHATS * PER_CHAT + 1) resolve(performance.now());
          }
          await original?.(notification);
        };
      });
      const chats = webchat(hub);
      const post = (chat: string, text: string) => chats.post(text, { chat });
      await post('warm', 'warm-up');
      while (received.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CHATS }, async (_, c) => {
          for (let i = 0; i < PER_CHAT; i++) await post(`c${c}`, `c${c}:${i}`);
        }),
      );
      const finished = await Promise.race([
        all,
        new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), 60_000)),
      ]);
      const rss = await rssMiB(hub.process.pid ?? 0);
      await helper.close();
      const seconds = (finished - started) / 1000;
      const inOrder = Array.from({ length: CHATS }, (_, c) =>
        received.filter((t) => t.startsWith(`c${c}:`)).every((t, i) => t === `c${c}:${i}`),
      ).every(Boolean);
      const lost = CHATS * PER_CHAT - (received.length - 1);
      return [
        {
          metric: `burst: ${CHATS * PER_CHAT} msgs from ${CHATS} chats at once`,
          switchboard: `${Math.round((CHATS * PER_CHAT) / seconds)} msg/s, ${lost} lost, order ${inOrder ? 'kept' : 'BROKEN'}, hub RSS ${rss.toFixed(0)} MiB`,
          target: 'zero loss, per-chat order',
          met: lost === 0 && inOrder,
          values: {
            messagesPerSecond: (CHATS * PER_CHAT) / seconds,
            lost,
            inOrder: inOrder ? 1 : 0,
            hubRssMiB: rss,
          },
        },
      ];
    } finally {
      await hub.stop();
    }
  },
};
