/**
 * Stolen credentials going stale: a copy of hub.token taken before `switchboard doctor
 * --rotate-token` or an app update, and a dashboard link or browser session from before
 * `switchboard doctor --sign-out-browsers`, no longer open anything — while the owner's own
 * helpers reconnect by themselves.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { afterChallenge, proveTo } from '../support/bridge-auth';
import { runCli } from '../support/cli';
import { connectHelper, type HelperClient } from '../support/helper-client';
import { startHub, type HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { rawConnect } from '../support/raw-socket';
import { webchat } from '../support/webchat-client';

describe('credentials that were copied go stale', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let helper: HelperClient | undefined;
  const token = async (): Promise<string> =>
    (await readFile(`${home.dir}/hub.token`, 'utf8')).trim();

  beforeEach(async () => {
    home = await tempDir();
    hub = await startHub(home.dir);
  });
  afterEach(async () => {
    await helper?.close();
    helper = undefined;
    await hub.stop();
    await home.cleanup();
  });

  async function refusedWith(stolen: string): Promise<void> {
    const raw = await rawConnect(hub.socket);
    raw.write(
      `${JSON.stringify({ type: 'hello', ...(await proveTo(raw, stolen, 'session')), session: { name: 'thief', cwd: '/', pid: 1 } })}\n`,
    );
    await raw.closed;
    expect(afterChallenge(raw)).toEqual([expect.objectContaining({ code: 'unauthorized' })]);
  }

  it('a copy of hub.token stops working after doctor --rotate-token; helpers reconnect', async () => {
    helper = await connectHelper({ home: home.dir, session: 'mine' });
    await webchat(hub).post('before');
    await helper.events.waitFor((e) => e.content === 'before');
    const stolen = await token();
    const rotated = await runCli(['doctor', '--rotate-token', '--home', home.dir]);
    expect(rotated.code).toBe(0);
    expect(await token()).not.toBe(stolen);
    await refusedWith(stolen);
    await webchat(hub).post('after the rotation');
    await helper.events.waitFor((e) => e.content === 'after the rotation', 15_000);
    // The hub closed a healthy helper: nothing it had written is sent again, and the sender is
    // not told their session ended.
    const history = await webchat(hub).history();
    expect(history.map((m) => m.text)).not.toContainEqual(
      expect.stringContaining('ended before answering'),
    );
    expect(hub.stderr()).not.toMatch(/ended \(abnormal\)/);
  });

  it('a copy of hub.token stops working after an update to another version', async () => {
    helper = await connectHelper({ home: home.dir, session: 'mine' });
    const stolen = await token();
    await hub.stop();
    // The hub that starts next is "another version" than the one that wrote the marker.
    await writeFile(`${home.dir}/hub.version`, '0.0.1\n');
    hub = await startHub(home.dir);
    expect(await token()).not.toBe(stolen);
    await refusedWith(stolen);
    await webchat(hub).post('after the update');
    await helper.events.waitFor((e) => e.content === 'after the update', 15_000);
  });

  it('an old dashboard link and its browser sessions stop working after doctor --sign-out-browsers', async () => {
    const login = await fetch(`${hub.origin}/api/login`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.token}`, origin: hub.origin },
    });
    const { session } = (await login.json()) as { session: string };
    const signOut = await runCli(['doctor', '--sign-out-browsers', '--json', '--home', home.dir]);
    expect(signOut.code).toBe(0);
    const { dashboardUrl, signedOut } = JSON.parse(signOut.stdout) as {
      dashboardUrl: string;
      signedOut: number;
    };
    expect(signedOut).toBe(1);
    const fresh = /#token=([0-9a-f]{64})$/.exec(dashboardUrl)?.[1] ?? '';
    expect(fresh).not.toBe(hub.token);
    const get = (headers: Record<string, string>): Promise<number> =>
      fetch(`${hub.origin}/api/state`, { headers: { origin: hub.origin, ...headers } }).then(
        (r) => r.status,
      );
    expect(await get({ 'x-switchboard-session': session })).toBe(401);
    expect(await get({ authorization: `Bearer ${hub.token}` })).toBe(401);
    expect(await get({ authorization: `Bearer ${fresh}` })).toBe(200);
    const status = await runCli(['status', '--json', '--home', home.dir]);
    expect((JSON.parse(status.stdout) as { dashboardUrl: string }).dashboardUrl).toBe(dashboardUrl);
  });
});
