/**
 * The demo hub running, as the screenshots and the dashboard's browser tests use it: the seeded
 * home, two channel sessions and one started without the channel flag (real helpers spawned as
 * Claude Code spawns them), and one permission prompt waiting.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_SESSIONS } from './demo-state';
import { waitAttached } from './attached';
import { connectHelper, type HelperClient } from './helper-client';
import { startHub, type HubProcess } from './hub-process';
import { ROOT } from './paths';

export const DEMO_PROMPT = {
  request_id: 'vwxyz',
  tool_name: 'Bash',
  description: 'Run the integration tests for the Telegram adapter',
  input_preview: JSON.stringify({
    command: 'npx vitest run test/integration/telegram.test.ts --reporter=verbose',
    timeout: 120000,
  }),
};

export type Demo = {
  hub: HubProcess;
  app: HelperClient;
  site: HelperClient;
  close: () => Promise<void>;
};

/** Starts the demo hub on `home` (a fresh directory) with its sessions and a pending prompt. */
export async function startDemo(home: string, options: { prompt?: boolean } = {}): Promise<Demo> {
  const hub = await startHub(home, [], {}, [`${ROOT}/dist-test/demo-hub.js`]);
  const helpers: HelperClient[] = [];
  const attach = async (
    s: { name: string; cwd: string },
    channels: string,
  ): Promise<HelperClient> => {
    // A real directory for the session's cwd, named like the project it stands for.
    const cwd = join(home, 'code', s.name);
    await mkdir(cwd, { recursive: true });
    const helper = await connectHelper({
      home,
      session: s.name,
      cwd,
      env: { SWITCHBOARD_CHANNELS: channels },
    });
    helpers.push(helper);
    return helper;
  };
  const site = await attach(DEMO_SESSIONS.site, 'enabled');
  await attach(DEMO_SESSIONS.off, 'disabled');
  const app = await attach(DEMO_SESSIONS.app, 'enabled');
  await waitAttached(home, [
    DEMO_SESSIONS.app.name,
    DEMO_SESSIONS.site.name,
    DEMO_SESSIONS.off.name,
  ]);
  if (options.prompt !== false) await app.requestPermission(DEMO_PROMPT);
  return {
    hub,
    app,
    site,
    async close() {
      for (const helper of helpers) await helper.close();
      await hub.stop();
    },
  };
}
