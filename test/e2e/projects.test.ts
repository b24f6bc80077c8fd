/**
 * The owner at Settings → Projects and the project sessions under the Sessions tab in Chromium: a
 * project is added (a missing directory is refused, saying why), edited, started into a real tmux
 * session running the fake `claude`, shown connected with its attach command copied, restarted
 * into the development-channels prompt (shown as waiting, answered in tmux), stopped and removed.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../support/browser';
import { startHub, type HubProcess } from '../support/hub-process';
import { launchSetup, tmuxMissing, type LaunchSetup } from '../support/launch';
import { ROOT } from '../support/paths';

const skip = chromiumMissing ?? tmuxMissing;
if (skip) console.warn(`skipping projects browser tests: ${skip}`);
const SCREENSHOTS = `${ROOT}/test-results/screenshots`;

describe.skipIf(skip !== undefined)('projects in Chromium', { timeout: 90_000 }, () => {
  let setup: LaunchSetup;
  let hub: HubProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    setup = await launchSetup();
    dir = await setup.project('shop', { confirm: false });
    hub = await startHub(setup.home, [], setup.env);
    browser = await launchChromium();
    context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: hub.origin });
    page = await context.newPage();
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.goto(hub.dashboardUrl);
  });
  afterAll(async () => {
    await browser.close();
    await hub.stop();
    await setup.cleanup();
  });

  const settingsFile = async (): Promise<{ projects: Record<string, { args: string[] }> }> =>
    JSON.parse(await readFile(join(setup.home, 'settings.json'), 'utf8')) as {
      projects: Record<string, { args: string[] }>;
    };

  it('sends the owner from an empty project list to Settings → Projects', async () => {
    await page.getByRole('tab', { name: 'Sessions' }).click();
    await page.getByRole('link', { name: 'Add one in Settings → Projects' }).click();
    await expect.poll(() => page.evaluate<string>('location.hash')).toBe('#settings/projects');
    // The section's first control has focus: the new project's name (no projects yet).
    await expect
      .poll(() =>
        page.evaluate<boolean>(
          `document.activeElement === document.querySelector('#projects form[aria-label="Add a project"] input')`,
        ),
      )
      .toBe(true);
  });

  it('adds a project, refusing a directory that does not exist', async () => {
    const form = page.getByRole('form', { name: 'Add a project' });
    await form.getByLabel('Name').fill('shop');
    await form.getByLabel('Directory').fill(join(setup.root, 'nowhere'));
    await form.getByRole('button', { name: 'Add project' }).click();
    await page.getByRole('alert').getByText('does not exist').waitFor();

    await form.getByLabel('Directory').fill(dir);
    await form
      .getByLabel('Claude Code arguments')
      .fill('--model opus --append-system-prompt "be brief"');
    await form.getByLabel('Start when a message comes for it').check();
    await form.getByRole('button', { name: 'Add project' }).click();
    await page.getByRole('status').getByText('Added shop.').waitFor();
    await page.getByRole('button', { name: 'Edit shop' }).waitFor();
    expect((await settingsFile()).projects['shop']).toMatchObject({
      dir,
      wake: true,
      args: ['--model', 'opus', '--append-system-prompt', 'be brief'],
    });
  });

  it('edits it', async () => {
    await page.getByRole('button', { name: 'Edit shop' }).click();
    const form = page.getByRole('form', { name: 'Edit shop' });
    await form.getByLabel('Claude Code arguments').fill('--model sonnet');
    await form.getByRole('button', { name: 'Save project' }).click();
    await page.getByRole('status').getByText('Saved shop.').waitFor();
    expect((await settingsFile()).projects['shop']?.args).toEqual(['--model', 'sonnet']);
    await page.screenshot({ path: `${SCREENSHOTS}/settings-projects.png`, fullPage: true });
  });

  const projects = (): ReturnType<Page['getByRole']> =>
    page.getByRole('list', { name: 'Projects' });

  it('starts the session from the Sessions tab, shows it connected and copies how to join it', async () => {
    await page.getByRole('tab', { name: 'Sessions' }).click();
    await projects().getByText('stopped', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Start shop' }).click();
    await page
      .getByRole('status')
      .getByText(/Started shop in/)
      .waitFor({ timeout: 15_000 });
    await projects().getByText('running, connected').waitFor({ timeout: 15_000 });
    const attach = `tmux -S '${setup.socket}' attach -t switchboard-shop`;
    await projects().getByText(attach).waitFor();
    expect((await setup.tmux('has-session', '-t', '=switchboard-shop')).code).toBe(0);
    await page.getByRole('button', { name: 'Copy the command that joins shop' }).click();
    await expect.poll(() => page.evaluate<string>('navigator.clipboard.readText()')).toBe(attach);
    await page.screenshot({ path: `${SCREENSHOTS}/project-sessions.png`, fullPage: true });
  });

  it('restarts it into the development-channels prompt, shown as waiting until answered', async () => {
    await setup.project('shop', { confirm: true });
    await page.getByRole('button', { name: 'Restart shop' }).click();
    await page
      .getByRole('status')
      .getByText(/^Restarted shop\. Started shop in/)
      .waitFor({ timeout: 30_000 });
    await projects().getByText('running, not connected yet').waitFor({ timeout: 15_000 });
    await projects()
      .getByText(/may be waiting at a prompt/)
      .waitFor();
    expect((await setup.tmux('capture-pane', '-p', '-t', '=switchboard-shop:')).stdout).toContain(
      'Loading development channels',
    );
    await setup.tmux('send-keys', '-t', '=switchboard-shop:', 'Enter');
    await projects().getByText('running, connected').waitFor({ timeout: 15_000 });
    expect(
      await projects()
        .getByText(/may be waiting at a prompt/)
        .count(),
    ).toBe(0);
  });

  it('stops it', async () => {
    await page.getByRole('button', { name: 'Stop shop' }).click();
    await page.getByRole('status').getByText('Stopped shop.').waitFor({ timeout: 20_000 });
    await projects().getByText('stopped', { exact: true }).waitFor();
    expect((await setup.tmux('has-session', '-t', '=switchboard-shop')).code).not.toBe(0);
  });

  it('removes it', async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Remove shop' }).click();
    await page.getByRole('status').getByText('Removed project shop.').waitFor();
    expect((await settingsFile()).projects).toEqual({});
  });
});
