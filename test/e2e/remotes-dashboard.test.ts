/**
 * The owner looks at remote machines in the dashboard (Chromium): each remote with its link —
 * linked, or not linked and why — and its sessions, the session cards naming their machine, the
 * "Connect remotes at start" setting, and a removal showing at once. The ssh here is a stand-in
 * at the process boundary (test/fakes/fake-ssh.ts); the real ssh is test/e2e/remote-ssh.test.ts.
 */
import { mkdir, readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeSsh } from '../fakes/fake-ssh';
import { chromiumMissing, launchChromium } from '../support/browser';
import { runCli } from '../support/cli';
import { eventually } from '../support/eventually';
import type { HelperClient } from '../support/helper-client';
import { startHub, type HubProcess } from '../support/hub-process';
import { ROOT, tempDir } from '../support/paths';
import { addRemote, connectRemoteHelper, remoteList, writeCredential } from '../support/remote';

if (chromiumMissing) console.warn(`skipping the remotes dashboard test: ${chromiumMissing}`);
const SCREENSHOTS = `${ROOT}/test-results/screenshots`;

describe.skipIf(chromiumMissing !== undefined)('remote machines in the dashboard', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let helper: HelperClient;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    home = await tempDir('sb-e2e-remotes-');
    const ssh = await createFakeSsh(home.dir);
    hub = await startHub(`${home.dir}/home`, [], { SWITCHBOARD_SSH: ssh.path });
    const cli = (...args: string[]) => runCli([...args, '--home', hub.home]);
    const credential = await writeCredential(home.dir, await addRemote(hub.home, 'devbox'));
    await addRemote(hub.home, 'lab');
    await cli('remote', 'connect', 'devbox', 'ann@devbox.example');
    await ssh.failing(true);
    await cli('remote', 'connect', 'lab', 'lab.example', '--no-wait');
    helper = await connectRemoteHelper({ home: hub.home, credential, session: 'api' });
    await eventually(async () => {
      const remotes = await remoteList(hub.home);
      expect(remotes.find((r) => r.name === 'devbox')?.sessions).toEqual(['devbox:api']);
      expect(remotes.find((r) => r.name === 'lab')?.link.state).toBe('waiting');
    });
    browser = await launchChromium();
    page = await browser.newPage();
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.goto(hub.dashboardUrl);
  }, 60_000);
  afterAll(async () => {
    await browser.close();
    await helper.close();
    await hub.stop();
    await home.cleanup();
  });

  it('lists each remote with its link and sessions, and names the machine on its sessions', async () => {
    await page.getByRole('tab', { name: 'Sessions' }).click();
    const session = page.getByRole('list', { name: 'Attached sessions' }).getByRole('listitem');
    await session.getByText('devbox:api').waitFor();
    await session.getByText('on devbox').waitFor();

    const devbox = page.getByRole('listitem', { name: 'Remote devbox' });
    await devbox.getByText('linked', { exact: true }).waitFor();
    await devbox.getByText('ann@devbox.example').waitFor();
    await devbox
      .getByRole('list', { name: 'Sessions on devbox' })
      .getByText('devbox:api')
      .waitFor();
    const lab = page.getByRole('listitem', { name: 'Remote lab' });
    await lab.getByText('not linked').waitFor();
    await lab.getByText(/Connection refused/).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-remotes.png`, fullPage: true });
  });

  it('turns "Connect remotes at start" on from Settings', async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    // A controlled checkbox: it shows the hub's setting once the hub has saved it.
    await page.getByRole('checkbox', { name: 'Connect remotes at start' }).click();
    await eventually(async () => {
      const saved = JSON.parse(await readFile(`${hub.home}/settings.json`, 'utf8')) as {
        remotes?: { connectAtStart?: boolean };
      };
      expect(saved.remotes?.connectAtStart).toBe(true);
    });
    await expect
      .poll(() => page.getByRole('checkbox', { name: 'Connect remotes at start' }).isChecked())
      .toBe(true);
  });

  it('shows a removal at once', async () => {
    await page.getByRole('tab', { name: 'Sessions' }).click();
    await page.getByRole('listitem', { name: 'Remote devbox' }).waitFor();
    expect((await runCli(['remote', 'remove', 'devbox', '--home', hub.home])).code).toBe(0);
    await page.getByRole('listitem', { name: 'Remote devbox' }).waitFor({ state: 'detached' });
    await page
      .getByRole('list', { name: 'Attached sessions' })
      .getByText('devbox:api')
      .waitFor({ state: 'detached' });
    // It is still listed among the sessions seen recently, with its machine.
    await page
      .getByRole('list', { name: 'Recently seen sessions' })
      .getByText('on devbox')
      .waitFor();
  });
});
