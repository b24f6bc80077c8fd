/**
 * Delivery through the window: 1,000 messages from 10 chats wait in the inbox, then one Claude Code
 * session (the real helper under the MCP SDK client) attaches and receives them. Every event goes
 * through the bounded path — at most DELIVERY_WINDOW unacknowledged per session, the helper writing
 * one at a time and acknowledging after stdout drained — so this is the delivery throughput the
 * window allows, without the web chat's HTTP intake in the figure (the "burst" row has that).
 */
import { DELIVERY_WINDOW } from '../src/main/inbox/delivery-policy';
import { startHub } from '../test/support/hub-process';
import { webchat } from '../test/support/webchat-client';
import { connectChannel } from './processes';
import type { Benchmark } from './row';

const CHATS = 10;
const PER_CHAT = 100;
const TOTAL = CHATS * PER_CHAT;

export const deliveryWindow: Benchmark = {
  name: 'delivery-window',
  async run(ctx) {
    const home = await ctx.tempDir();
    const hub = await startHub(home);
    try {
      const chats = webchat(hub);
      await Promise.all(
        Array.from({ length: CHATS }, async (_, c) => {
          for (let i = 0; i < PER_CHAT; i++) await chats.post(`c${c}:${i}`, { chat: `c${c}` });
        }),
      );
      const received: Array<{ text: string; at: number }> = [];
      let done: (at: number) => void = () => undefined;
      const all = new Promise<number>((resolve) => (done = resolve));
      const helper = await connectChannel(process.execPath, [ctx.helper, '--session', 'window'], {
        SWITCHBOARD_HOME: home,
        SWITCHBOARD_CHANNELS: 'enabled',
      });
      const original = helper.client.fallbackNotificationHandler;
      helper.client.fallbackNotificationHandler = async (notification) => {
        if (notification.method === 'notifications/claude/channel') {
          received.push({
            text: (notification.params as { content: string }).content,
            at: performance.now(),
          });
          if (received.length === TOTAL) done(performance.now());
        }
        await original?.(notification);
      };
      const finished = await Promise.race([
        all,
        new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), 60_000)),
      ]);
      await helper.close();
      const first = received[0]?.at ?? Number.NaN;
      const seconds = (finished - first) / 1000;
      const rate = (TOTAL - 1) / seconds;
      const inOrder = Array.from({ length: CHATS }, (_, c) =>
        received
          .filter((r) => r.text.startsWith(`c${c}:`))
          .every((r, i) => r.text === `c${c}:${i}`),
      ).every(Boolean);
      const lost = TOTAL - received.length;
      return [
        {
          metric: `delivery: ${TOTAL} queued msgs to one session, window ${DELIVERY_WINDOW}`,
          switchboard: `${Math.round(rate)} msg/s, ${lost} lost, order ${inOrder ? 'kept' : 'BROKEN'}`,
          target: '≥ 1,000 msg/s, zero loss, per-chat order',
          met: rate >= 1_000 && lost === 0 && inOrder,
          values: { messagesPerSecond: rate, lost, inOrder: inOrder ? 1 : 0 },
        },
      ];
    } finally {
      await hub.stop();
    }
  },
};
