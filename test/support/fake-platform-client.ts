/** Drives the fake platform of a hub started with `startFakePlatformHub`. */
import type { FakeInbound, FakeOutbound, FakeRefusal } from '../fakes/fake-platform';
import { startHub, type HubProcess } from './hub-process';
import { ROOT } from './paths';

export type FakePlatform = {
  say: (message: FakeInbound) => Promise<void>;
  outbound: () => Promise<FakeOutbound[]>;
  sentTo: (chatId: string) => Promise<Array<Extract<FakeOutbound, { op: 'send' }>>>;
  /** From now on, the platform refuses every message whose text contains `containing`. */
  refuse: (refusal: FakeRefusal) => Promise<void>;
};

export async function startFakePlatformHub(
  home: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ hub: HubProcess; platform: FakePlatform }> {
  const hub = await startHub(home, [], env, [`${ROOT}/dist-test/fake-platform-hub.js`]);
  const base = `http://127.0.0.1:${String(hub.fakePort)}`;
  const outbound = async (): Promise<FakeOutbound[]> =>
    (await (await fetch(`${base}/outbound`)).json()) as FakeOutbound[];
  return {
    hub,
    platform: {
      async say(message) {
        const res = await fetch(`${base}/inbound`, {
          method: 'POST',
          body: JSON.stringify(message),
        });
        if (!res.ok) throw new Error(`fake platform refused: ${res.status}`);
      },
      outbound,
      async refuse(refusal) {
        const res = await fetch(`${base}/refuse`, {
          method: 'POST',
          body: JSON.stringify(refusal),
        });
        if (!res.ok) throw new Error(`fake platform refused the refusal: ${res.status}`);
      },
      async sentTo(chatId) {
        return (await outbound()).filter(
          (o): o is Extract<FakeOutbound, { op: 'send' }> => o.op === 'send' && o.chatId === chatId,
        );
      },
    },
  };
}
