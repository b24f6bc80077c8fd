/**
 * Routing and the durable inbox through real processes: chats bound to sessions, in-chat
 * commands, messages that wait for their session — across a crash of the hub — and a burst that
 * arrives exactly once, in order, while the helper reconnects.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { eventually } from '../support/eventually';
import { startFakePlatformHub, type FakePlatform } from '../support/fake-platform-client';
import { attachedHelper } from '../support/attached';
import type { HelperClient } from '../support/helper-client';
import { startHub, type HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { webchat } from '../support/webchat-client';

describe('routing and the durable inbox', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess | undefined;
  const helpers: HelperClient[] = [];

  beforeEach(async () => {
    home = await tempDir();
  });
  afterEach(async () => {
    await Promise.all(helpers.splice(0).map((h) => h.close()));
    await hub?.stop();
    hub = undefined;
    await home.cleanup();
  });

  const cli = (...args: string[]) => runCli([...args, '--home', home.dir]);
  const helper = (session: string): Promise<HelperClient> =>
    attachedHelper(home.dir, session, helpers);

  it('keeps each session to its own chats, and /use moves a chat between them', async () => {
    let platform: FakePlatform;
    ({ hub, platform } = await startFakePlatformHub(home.dir));
    await cli('senders', 'allow', 'telegram', '1');
    await cli('senders', 'allow', 'telegram', '2');
    // Rebinding a chat with /use is for owners.
    await cli('senders', 'role', 'telegram', '2', 'owner');
    const alpha = await helper('alpha');
    const beta = await helper('beta');

    // Unbound chats go to the most recently attached session (beta); bind chat 1 to alpha.
    await platform.say({ chatId: 'tg:1', senderId: '1', text: 'first from one' });
    await platform.say({ chatId: 'tg:2', senderId: '2', text: 'first from two' });
    await beta.events.count(2);
    expect((await cli('chats', 'bind', 'tg:1', 'alpha')).code).toBe(0);
    await platform.say({ chatId: 'tg:1', senderId: '1', text: 'second from one' });
    await platform.say({ chatId: 'tg:2', senderId: '2', text: 'second from two' });
    expect((await alpha.events.next()).content).toBe('second from one');
    await beta.events.count(3);

    // The sender moves their chat with /use; the command itself never reaches Claude.
    await platform.say({ chatId: 'tg:2', senderId: '2', text: '/use alpha' });
    await eventually(async () =>
      expect(
        (await platform.sentTo('tg:2')).some((m) => m.text.includes('now goes to session "alpha"')),
      ).toBe(true),
    );
    await platform.say({ chatId: 'tg:2', senderId: '2', text: 'third from two' });
    expect((await alpha.events.next()).content).toBe('third from two');

    await platform.say({ chatId: 'tg:2', senderId: '2', text: '/sessions' });
    await eventually(async () => {
      const answer = (await platform.sentTo('tg:2')).find((m) =>
        m.text.startsWith('Attached sessions'),
      );
      expect(answer?.text).toContain('• alpha  ← this chat');
      expect(answer?.text).toContain('• beta');
    });

    expect(alpha.events.items.map((e) => e.content)).toEqual(['second from one', 'third from two']);
    expect(beta.events.items.map((e) => e.content)).toEqual([
      'first from one',
      'first from two',
      'second from two',
    ]);
    for (const h of [alpha, beta])
      for (const e of h.events.items) expect(e.content.startsWith('/')).toBe(false);
  });

  it('tells the sender once that a message is queued, and delivers the queue in order on attach', async () => {
    let platform: FakePlatform;
    ({ hub, platform } = await startFakePlatformHub(home.dir));
    await cli('senders', 'allow', 'telegram', '7');
    for (const text of ['one', 'two', 'three'])
      await platform.say({ chatId: 'tg:7', senderId: '7', text });
    await eventually(async () =>
      expect((await platform.sentTo('tg:7')).filter((m) => m.text.startsWith('⏳'))).toHaveLength(
        1,
      ),
    );
    const late = await helper('late');
    await late.events.count(3);
    expect(late.events.items.map((e) => e.content)).toEqual(['one', 'two', 'three']);
  });

  it('delivers messages accepted before a kill -9 of the hub once a session attaches to the restarted hub', async () => {
    hub = await startHub(home.dir);
    const chat = webchat(hub);
    await chat.post('survives the crash 1');
    await chat.post('survives the crash 2');
    await hub.kill();
    hub = await startHub(home.dir);
    const h = await helper('after-crash');
    await h.events.count(2);
    expect(h.events.items.map((e) => e.content)).toEqual([
      'survives the crash 1',
      'survives the crash 2',
    ]);
  });

  it('delivers 1,000 messages across 10 chats exactly once per chat, in order, while the helper reconnects', async () => {
    hub = await startHub(home.dir);
    const h = await helper('burst');
    let chat = webchat(hub);
    let posted = 0;
    let restart: Promise<void> | undefined;
    const post = async (c: number, seq: number): Promise<void> => {
      for (;;) {
        await restart;
        try {
          const res = await chat.post(`c${c} #${seq}`, {
            chat: `c${c}`,
            nonce: `burst-${c}-${seq}`,
          });
          if (res.status === 201 || res.status === 200) return;
        } catch {
          // The hub is restarting: retry with the same nonce, which makes the post idempotent.
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    // Ten chats post concurrently, each in order; halfway the hub is killed while deliveries are in
    // flight, and the helper has to reconnect to the restarted hub by itself.
    await Promise.all(
      Array.from({ length: 10 }, async (_, c) => {
        for (let seq = 0; seq < 100; seq++) {
          await post(c, seq);
          if (++posted === 500) {
            restart = (async () => {
              await hub?.kill();
              hub = await startHub(home.dir);
              chat = webchat(hub);
            })();
          }
        }
      }),
    );
    await h.events.count(1000, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const perChat = new Map<string, number[]>();
    for (const event of h.events.items) {
      const [name = '', seq] = event.content.split(' #');
      perChat.set(name, [...(perChat.get(name) ?? []), Number(seq)]);
    }
    expect(h.events.items).toHaveLength(1000);
    for (let c = 0; c < 10; c++)
      expect(perChat.get(`c${c}`)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  }, 90_000);
});
