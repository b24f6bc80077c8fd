/**
 * Nothing silently lost, nothing silently repeated, when a Claude Code session dies mid-burst.
 * For the web chat, Telegram (fake Bot API) and Discord (fake gateway + REST): 100 messages
 * back-to-back to a stand-in Claude Code (the MCP SDK client spawning the real helper, logging each
 * notification synchronously), SIGKILLed at a random point — alone, with its helper, with its
 * helper and the hub, or only the hub killed — then a new session attaches (or the old one comes
 * back to the restarted hub). The union of what the sessions logged holds every message; a message
 * logged by both is marked redelivered in the second, with the same message_id; no session logs a
 * message twice. The seed is printed; DELIVERY_CRASH_SEED replays it, DELIVERY_CRASH_RUNS=N runs
 * N times as many kills.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, GUILD_ID } from '../fakes/fake-discord';
import { FakeTelegram } from '../fakes/fake-telegram';
import { runCli } from '../support/cli';
import { ANN, GENERAL } from '../support/discord-hub';
import { eventually } from '../support/eventually';
import { startHub, type HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';
import {
  processGone,
  startStandIn,
  storedCount,
  unacknowledged,
  type Logged,
  type StandIn,
} from '../support/stand-in';
import { webchat } from '../support/webchat-client';

const MESSAGES = 100;
const MULTIPLIER = Math.max(1, Number(process.env['DELIVERY_CRASH_RUNS'] ?? 1));
const SEED = Number(process.env['DELIVERY_CRASH_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
process.stdout.write(
  `delivery-crash: seed ${SEED} (replay with DELIVERY_CRASH_SEED=${SEED}), runs ×${MULTIPLIER}\n`,
);

type Mode = 'client' | 'client+helper' | 'hub+client+helper' | 'hub';
const PLAN: ReadonlyArray<[Mode, number]> = [
  ['client', 3],
  ['client+helper', 3],
  ['hub+client+helper', 1],
  ['hub', 1],
];

/** mulberry32: a small seeded PRNG, so a failing run can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One platform: a hub wired to it, and a way to send a burst as its users would. */
type Driver = {
  name: string;
  /** Kills land uniformly within this long after the burst starts (about until all is delivered). */
  killWithinMs: number;
  /**
   * Whether the platform gives the hub, after a restart, what it had not stored when it died (all
   * three do: the web chat's sender posts again, Telegram's getUpdates offset and Discord's
   * per-channel catch-up at start resume after the last stored message). When false, the hub is
   * killed at a random point after it stored the burst, i.e. while delivering it.
   */
  intakeSurvivesHubKill: boolean;
  /** How many times the hub told the sender their messages wait for a session (if checked). */
  endNotices?: () => number;
  start: (home: string) => Promise<HubProcess>;
  /** Sends MESSAGES messages `${tag}:${i}` back to back; resolves once all were sent or failed. */
  burst: (hub: () => HubProcess, tag: string) => Promise<void>;
  /** After a hub restart: sends again what the hub never took (the web chat's failed posts). */
  resend: (hub: HubProcess) => Promise<void>;
  stop: () => Promise<void>;
};

function webDriver(): Driver {
  let failed: Array<{ text: string; nonce: string }> = [];
  return {
    name: 'web chat',
    // Posts go one after another over HTTP: the burst itself takes seconds on a loaded machine.
    killWithinMs: 3_000,
    intakeSurvivesHubKill: true,
    start: (home) => startHub(home),
    async burst(hub, tag) {
      for (let i = 0; i < MESSAGES; i++) {
        const text = `${tag}:${i}`;
        const nonce = `crash-${tag.replace(/[^a-z0-9]/gi, '-')}-${i}`;
        try {
          const posted = await webchat(hub()).post(text, { nonce });
          if (posted.status !== 201) failed.push({ text, nonce });
        } catch {
          failed.push({ text, nonce });
        }
      }
    },
    async resend(hub) {
      // The same nonce: a post the hub stored before it died is not stored twice.
      for (const { text, nonce } of failed.splice(0)) {
        const posted = await webchat(hub).post(text, { nonce });
        expect([200, 201]).toContain(posted.status);
      }
      failed = [];
    },
    stop: () => Promise.resolve(),
  };
}

function telegramDriver(): Driver {
  const telegram = new FakeTelegram();
  const user = { id: 4001, first_name: 'Ann' };
  let started = false;
  return {
    name: 'Telegram',
    killWithinMs: 500,
    intakeSurvivesHubKill: true,
    async start(home) {
      if (!started) await telegram.start();
      const hub = await startHub(home, [], {
        SWITCHBOARD_TELEGRAM_TOKEN: telegram.token,
        SWITCHBOARD_TELEGRAM_API_ROOT: telegram.url,
        SWITCHBOARD_TELEGRAM_POLL_TIMEOUT: '1',
      });
      if (!started)
        expect(
          (await runCli(['senders', 'allow', 'telegram', String(user.id), '--home', home])).code,
        ).toBe(0);
      started = true;
      return hub;
    },
    burst(_hub, tag) {
      for (let i = 0; i < MESSAGES; i++)
        telegram.message({
          chat: { id: user.id, type: 'private', first_name: user.first_name },
          from: { ...user, is_bot: false },
          text: `${tag}:${i}`,
        });
      return Promise.resolve();
    },
    resend: () => Promise.resolve(),
    endNotices: () =>
      telegram
        .sent('sendMessage')
        .filter((c) => /ended before answering|^⏳ Saved/.test(String(c.params['text']))).length,
    stop: () => telegram.stop(),
  };
}

function discordDriver(): Driver {
  const discord = new FakeDiscord();
  discord.addChannel({
    id: GENERAL,
    type: 0,
    guild_id: GUILD_ID,
    name: 'general',
    position: 0,
    permission_overwrites: [],
    parent_id: null,
    nsfw: false,
  });
  let started = false;
  return {
    name: 'Discord',
    killWithinMs: 800,
    intakeSurvivesHubKill: true,
    async start(home) {
      if (!started) {
        await discord.start();
        started = true;
        await mkdir(home, { recursive: true, mode: 0o700 });
        await writeFile(
          `${home}/settings.json`,
          JSON.stringify({
            access: { discord: { groups: { [`dc:${GENERAL}`]: { requireMention: false } } } },
          }),
        );
      }
      return startHub(home, [], {
        SWITCHBOARD_DISCORD_TOKEN: discord.token,
        SWITCHBOARD_DISCORD_API: `${discord.url}/api`,
      });
    },
    burst(_hub, tag) {
      for (let i = 0; i < MESSAGES; i++) discord.post(GENERAL, ANN, `${tag}:${i}`);
      return Promise.resolve();
    },
    resend: () => Promise.resolve(),
    stop: () => discord.stop(),
  };
}

type Tally = { runs: number; loggedAtKill: number[]; overlap: number; marked: number };

for (const make of [webDriver, telegramDriver, discordDriver]) {
  const driver = make();
  describe(`delivery across crashes: ${driver.name}`, () => {
    let home: { dir: string; cleanup: () => Promise<void> };
    let hub: HubProcess;
    const rng = random(SEED ^ driver.name.length);
    const tally: Tally = { runs: 0, loggedAtKill: [], overlap: 0, marked: 0 };

    beforeAll(async () => {
      if (!driver.intakeSurvivesHubKill)
        process.stdout.write(
          `delivery-crash ${driver.name}: the hub is killed only after it stored the burst — messages it had not stored when it died are not fetched at the next start (the adapter catches up on gateway reconnects only)\n`,
        );
      home = await tempDir('sb-crash-');
      hub = await driver.start(home.dir);
    });
    afterAll(async () => {
      const sorted = [...tally.loggedAtKill].sort((a, b) => a - b);
      process.stdout.write(
        `delivery-crash ${driver.name}: ${tally.runs} kills; the killed session had logged ${sorted[0] ?? '-'}…${sorted[Math.floor(sorted.length / 2)] ?? '-'}…${sorted.at(-1) ?? '-'} (min…median…max) of ${MESSAGES}; ${tally.overlap} messages reached two sessions, ${tally.marked} of them marked redelivered\n`,
      );
      await hub.stop();
      await driver.stop();
      await home.cleanup();
    });

    async function once(mode: Mode, run: number): Promise<void> {
      const tag = `${mode}#${run}`;
      const logA = `${home.dir}/${tag.replace(/[^a-z0-9]/gi, '_')}-a.log`;
      const first = await startStandIn(home.dir, logA, 'crash');
      await first.attached;
      const hubDies = mode === 'hub' || mode === 'hub+client+helper';
      const started = Date.now();
      const sending = driver.burst(() => hub, tag);
      if (hubDies && !driver.intakeSurvivesHubKill)
        await eventually(() => expect(storedCount(home.dir, `${tag}:`)).toBe(MESSAGES), 15_000);
      const delay = rng() * driver.killWithinMs - (Date.now() - started);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, delay)));
      if (mode !== 'hub') first.kill(mode !== 'client');
      if (hubDies) await hub.kill();
      tally.loggedAtKill.push(ofRun(first.logged(), tag).length);
      await sending;
      if (hubDies) {
        hub = await driver.start(home.dir);
        await driver.resend(hub);
      }
      let second: StandIn | undefined;
      const noticesBefore = driver.endNotices?.() ?? 0;
      if (mode !== 'hub') {
        // The helper of a killed Claude Code ends by itself.
        await eventually(() => expect(processGone(first.helperPid)).toBe(true), 10_000);
        // No session takes the chat now: its sender hears so, once.
        if (driver.endNotices && mode !== 'hub+client+helper')
          await eventually(() => expect(driver.endNotices?.()).toBe(noticesBefore + 1));
        second = await startStandIn(home.dir, logA.replace(/-a\.log$/, '-b.log'), 'crash');
      }
      const sessions = second ? [first, second] : [first];
      await eventually(
        () => {
          const union = new Set(
            sessions.flatMap((s) => ofRun(s.logged(), tag).map((l) => l.content)),
          );
          expect(union.size).toBe(MESSAGES);
          expect(unacknowledged(home.dir)).toBe(0);
        },
        45_000,
        100,
      );
      check(tag, sessions);
      if (driver.endNotices && (mode === 'client' || mode === 'client+helper'))
        expect(driver.endNotices(), 'the sender is told once').toBe(noticesBefore + 1);
      await (second ?? first).close();
      if (mode !== 'hub') await first.exited;
    }

    function check(tag: string, sessions: StandIn[]): void {
      const logs = sessions.map((s) => ofRun(s.logged(), tag));
      const union = new Set(logs.flat().map((l) => l.content));
      expect([...union].sort()).toEqual(
        Array.from({ length: MESSAGES }, (_, i) => `${tag}:${i}`).sort(),
      );
      // A helper never writes the same delivery twice to its Claude Code.
      for (const log of logs)
        expect(log.length, `a session logged a message twice in ${tag}`).toBe(
          new Set(log.map((l) => l.content)).size,
        );
      const [a = [], b = []] = logs;
      const inA = new Map(a.map((l) => [l.content, l]));
      for (const entry of b) {
        const earlier = inA.get(entry.content);
        if (!earlier) continue;
        tally.overlap += 1;
        if (entry.redelivered) tally.marked += 1;
        expect(entry, `${entry.content} reached both sessions unmarked`).toMatchObject({
          redelivered: true,
          message_id: earlier.message_id,
        });
      }
      tally.runs += 1;
    }

    for (const [mode, runs] of PLAN) {
      it(
        `SIGKILL of ${mode} at random points, ${runs * MULTIPLIER} times: every message arrives, repeats are marked`,
        async () => {
          for (let run = 0; run < runs * MULTIPLIER; run++) await once(mode, run);
        },
        90_000 * runs * MULTIPLIER,
      );
    }
  });
}

function ofRun(log: Logged[], tag: string): Logged[] {
  return log.filter((l) => l.content.startsWith(`${tag}:`));
}
