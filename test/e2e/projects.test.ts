/**
 * The owner at Settings → Projects and the project sessions list in Chromium: a project is added
 * (a missing directory is refused, saying why), edited, started into a real tmux session running
 * the fake `claude`, shown connected, stopped and removed.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    setup = await launchSetup();
    dir = await setup.project('shop', { confirm: false });
    hub = await startHub(setup.home, [], setup.env);
    browser = await launchChromium();
    page = await browser.newPage();
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.goto(hub.dashboardUrl);
    await page.getByRole('tab', { name: 'Settings' }).click();
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

  it('starts the session from the sessions list, shows it connected, and stops it', async () => {
    await page.getByRole('tab', { name: 'Sessions' }).click();
    await page.getByRole('button', { name: 'Start shop' }).click();
    await page
      .getByRole('status')
      .getByText(/Started shop in/)
      .waitFor({ timeout: 15_000 });
    const projects = page.getByRole('list', { name: 'Projects' });
    await projects.getByText('running, connected').waitFor({ timeout: 15_000 });
    await projects.getByText(`tmux -S '${setup.socket}' attach -t switchboard-shop`).waitFor();
    expect((await setup.tmux('has-session', '-t', '=switchboard-shop')).code).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/project-sessions.png`, fullPage: true });

    await page.getByRole('button', { name: 'Stop shop' }).click();
    await page.getByRole('status').getByText('Stopped shop.').waitFor({ timeout: 20_000 });
    await projects.getByText('stopped').waitFor();
    expect((await setup.tmux('has-session', '-t', '=switchboard-shop')).code).not.toBe(0);
  });

  it('removes it', async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Remove shop' }).click();
    await page.getByRole('status').getByText('Removed project shop.').waitFor();
    expect((await settingsFile()).projects).toEqual({});
  });
});
