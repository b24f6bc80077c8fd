/**
 * The remote link's own cost, without ssh (which adds the network's): a web chat post → the
 * channel notification at a helper attached through the remote socket (a remote credential, the
 * `REMOTE:session` wrapper, `host` in the meta) beside a helper on the local socket in the same
 * run; and a `reply` with a 20 MB file, uploaded in acknowledged chunks by the remote helper,
 * beside the local helper sending the same file by path.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startHub } from '../test/support/hub-process';
import { addRemote, remoteSocketOf, writeCredential } from '../test/support/remote';
import { webchat } from '../test/support/webchat-client';
import { connectChannel, type ChannelClient } from './processes';
import type { Benchmark, Row } from './row';
import { ms, percentile } from './stats';

const WARMUP = 30;
const MESSAGES = 300;
const FILE_BYTES = 20 * 1024 * 1024;
const FILE_RUNS = 3;

async function latency(
  post: (text: string) => Promise<unknown>,
  helper: ChannelClient,
  label: string,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + MESSAGES; i++) {
    const text = `${label}-${i}`;
    const arrived = helper.waitFor(text);
    const sent = performance.now();
    await post(text);
    const at = await arrived;
    if (i >= WARMUP) times.push(at - sent);
  }
  return times;
}

async function replyWithFile(helper: ChannelClient, path: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < FILE_RUNS; i++) {
    const started = performance.now();
    const result = await helper.client.callTool({
      name: 'reply',
      arguments: { chat_id: 'web:main', text: `file ${i}`, files: [path] },
    });
    if (result.isError) throw new Error(`reply with a file failed: ${JSON.stringify(result)}`);
    times.push(performance.now() - started);
  }
  return times;
}

export const remoteLink: Benchmark = {
  name: 'remote link',
  async run(ctx): Promise<Row[]> {
    const home = await ctx.tempDir();
    const work = await ctx.tempDir();
    const hub = await startHub(home);
    try {
      const credential = await writeCredential(work, await addRemote(home, 'bench'));
      const file = join(work, 'report.bin');
      await writeFile(file, randomBytes(FILE_BYTES));
      const chats = webchat(hub);
      const post = (text: string) => chats.post(text);
      const attach = async (env: Record<string, string>, session: string) => {
        const helper = await connectChannel(process.execPath, [ctx.helper, '--session', session], {
          SWITCHBOARD_HOME: home,
          ...env,
        });
        const attached = helper.waitFor(`attach-${session}`);
        await post(`attach-${session}`);
        await attached;
        return helper;
      };

      // One session at a time, so every message goes to the one being measured.
      const local = await attach({}, 'local');
      const localTimes = await latency(post, local, 'local');
      const localFile = await replyWithFile(local, file);
      await local.close();
      const remote = await attach(
        { SWITCHBOARD_HUB: remoteSocketOf(home), SWITCHBOARD_CREDENTIAL: credential },
        'remote',
      );
      // The web chat is now routed to the remote session (it delivered there).
      const remoteTimes = await latency(post, remote, 'remote');
      const remoteFile = await replyWithFile(remote, file);
      await remote.close();

      const r50 = percentile(remoteTimes, 50);
      const l50 = percentile(localTimes, 50);
      const rFile = percentile(remoteFile, 50);
      const lFile = percentile(localFile, 50);
      const rows: Row[] = [
        {
          metric: `remote session inbound, web chat → client (p50 / p99, ${MESSAGES} msgs, no ssh)`,
          switchboard: `${ms(r50)} / ${ms(percentile(remoteTimes, 99))}`,
          baseline: `${ms(l50)} / ${ms(percentile(localTimes, 99))} local`,
          ratio: `${(r50 / l50).toFixed(2)}×`,
          values: { p50: r50, p99: percentile(remoteTimes, 99), localP50: l50 },
        },
        {
          metric: `reply with a ${FILE_BYTES / 1024 / 1024} MB file (median of ${FILE_RUNS}, uploaded vs by path)`,
          switchboard: ms(rFile),
          baseline: `${ms(lFile)} local`,
          ratio: `${(rFile / lFile).toFixed(2)}×`,
          values: {
            remoteMs: rFile,
            localMs: lFile,
            remoteMiBps: FILE_BYTES / 1024 / 1024 / (rFile / 1000),
          },
        },
      ];
      return rows;
    } finally {
      await hub.stop();
    }
  },
};
