/**
 * The Inbox and Sessions views in Chromium against a real hub with a remote platform faked at the
 * network edge: DMs, a group and one of its threads listed newest first with platform, route and
 * unread / queued counts; a history with each message's state and sender role and Claude's reply
 * rendered; opening it clears its unread count; sessions with their state, directory, bound chats
 * and last activity.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../support/browser';
import { runCli } from '../support/cli';
import { startFakePlatformHub, type FakePlatform } from '../support/fake-platform-client';
import { connectHelper, type HelperClient } from '../support/helper-client';
import type { HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';

if (chromiumMissing) console.warn(`skipping inbox browser tests: ${chromiumMissing}`);

describe.skipIf(chromiumMissing !== undefined)('inbox and sessions in Chromium', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let platform: FakePlatform;
  const helpers: HelperClient[] = [];
  let work: HelperClient;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    home = await tempDir();
    await writeFile(
      join(home.dir, 'settings.json'),
      JSON.stringify({
        access: { telegram: { groups: { 'tg:-100': { requireMention: false } } } },
      }),
    );
    ({ hub, platform } = await startFakePlatformHub(home.dir));
    for (const args of [
      ['senders', 'allow', 'telegram', '10'],
      ['senders', 'role', 'telegram', '10', 'owner'],
      ['senders', 'allow', 'telegram', '20'],
    ])
      await runCli([...args, '--home', home.dir]);
    // No session yet: Ada's first message waits (queued).
    await platform.say({
      chatId: 'tg:10',
      senderId: '10',
      senderName: 'Ada',
      text: 'are you there?',
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 380, height: 600 } });
    await page.goto(hub.dashboardUrl);
    await page.getByRole('tab', { name: /Inbox/ }).click();
  });
  afterAll(async () => {
    await browser.close();
    for (const helper of helpers) await helper.close();
    await hub.stop();
    await home.cleanup();
  });

  const row = (name: RegExp): ReturnType<Page['locator']> =>
    page.getByRole('region', { name: 'Conversations' }).getByRole('link', { name });
  /** The conversation whose title is exactly `title`. */
  const titled = (title: string): ReturnType<Page['locator']> =>
    page.locator('.convo').filter({ has: page.getByText(title, { exact: true }) });

  it('lists a queued message with no session to take it', async () => {
    const ada = row(/Ada/);
    await ada.getByText('1 queued').waitFor();
    await ada.getByText('waiting for a session').waitFor();
    await ada.getByText('Telegram').waitFor();
    await ada.getByText('1 unread').waitFor();
  });

  it('lists every conversation, groups and threads too, newest first', async () => {
    work = await connectHelper({ home: home.dir, session: 'work' });
    helpers.push(work);
    expect((await work.events.next()).content).toBe('are you there?');
    await platform.say({
      chatId: 'tg:-100',
      senderId: '20',
      senderName: 'Bob',
      text: 'build is red',
      kind: 'group',
    });
    await work.events.next();
    await platform.say({
      chatId: 'tg:-100',
      threadId: '5',
      groupId: 'tg:-100',
      senderId: '20',
      senderName: 'Bob',
      text: 'in the thread',
      kind: 'thread',
    });
    await work.events.next();
    await row(/thread 5/).waitFor();
    const titles = await page.locator('.convo-title').allTextContents();
    expect(titles.slice(0, 3)).toEqual(['tg:-100 › thread 5', 'tg:-100', 'Ada']);
    await row(/thread 5/)
      .getByText('thread', { exact: true })
      .waitFor();
    await titled('tg:-100').getByText('group', { exact: true }).waitFor();
    await row(/Ada/).getByText('→ work').waitFor();
  });

  it('shows a history with states, roles and Claude’s reply as Markdown, and marks it read', async () => {
    await work.callTool('reply', { chat_id: 'tg:10', text: 'Yes — **here**, in `work`.' });
    await platform.say({ chatId: 'tg:10', senderId: '10', senderName: 'Ada', text: 'great' });
    await work.events.next();
    // Her two messages and Claude's reply; the hub's "saved" notice is not news.
    await row(/Ada/).getByText('3 unread').waitFor();
    await row(/Ada/).click();
    const history = page.getByRole('list', { name: /Messages in/ });
    await history.getByText('are you there?').waitFor();
    const items = history.getByRole('listitem');
    await expect.poll(() => items.count()).toBe(4);
    expect(await items.nth(0).locator('.state').textContent()).toBe('answered by work');
    expect(await items.nth(0).locator('.badge').allTextContents()).toEqual(['owner']);
    expect(await items.nth(1).locator('.badge').allTextContents()).toEqual(['notice']);
    expect(await items.nth(2).locator('.sender').textContent()).toBe('Claude');
    expect(await items.nth(2).locator('.badge').allTextContents()).toEqual(['work']);
    await items.nth(2).locator('.md strong').getByText('here').waitFor();
    expect(await items.nth(3).locator('.state').textContent()).toBe('delivered to work');
    await page.getByRole('link', { name: '‹ Conversations' }).click();
    await expect.poll(() => row(/Ada/).locator('.count.unread').count()).toBe(0);
  });

  it('shows a group member’s role and a thread’s own history', async () => {
    await row(/thread 5/).click();
    const history = page.getByRole('list', { name: /Messages in/ });
    await history.getByText('in the thread').waitFor();
    expect(await history.getByText('build is red').count()).toBe(0);
    expect(await history.locator('.badge').allTextContents()).toEqual(['member']);
    await page.getByRole('combobox', { name: /Session for/ }).selectOption('work');
    await page.getByRole('link', { name: '‹ Conversations' }).click();
  });

  it('shows sessions with state, directory, bound chats and last activity', async () => {
    const off = await connectHelper({
      home: home.dir,
      session: 'nochan',
      env: { SWITCHBOARD_CHANNELS: 'disabled' },
    });
    helpers.push(off);
    const gone = await connectHelper({ home: home.dir, session: 'gone' });
    await page.getByRole('tab', { name: 'Sessions' }).click();
    await page.getByText('gone', { exact: true }).waitFor();
    await gone.close();
    const card = (name: string): ReturnType<Page['locator']> =>
      page.locator('.session').filter({ has: page.getByText(name, { exact: true }) });
    await card('gone').getByText('not attached').waitFor();
    await card('nochan').getByText('channels off').waitFor();
    await card('nochan')
      .getByText(/Started without the channel flag/)
      .waitFor();
    const w = card('work');
    await w.getByText('attached', { exact: true }).waitFor();
    expect(await w.locator('.cwd').textContent()).toBe(process.cwd());
    await w.getByRole('link', { name: /thread 5/ }).waitFor();
    expect(await w.locator('dd').nth(1).textContent()).toMatch(/just now|min ago/);
    expect(await w.locator('dd').nth(2).textContent()).toMatch(/just now|min ago/);
    expect(await card('gone').locator('dd').nth(2).textContent()).toBe('never');
  });

  it('counts messages queued for a bound session that is away', async () => {
    await runCli(['chats', 'bind', 'tg:-100', 'later', '--home', home.dir]);
    await platform.say({
      chatId: 'tg:-100',
      senderId: '20',
      senderName: 'Bob',
      text: 'for later',
      kind: 'group',
    });
    await page.getByRole('tab', { name: /Inbox/ }).click();
    await titled('tg:-100').getByText('waiting for later').waitFor();
    await titled('tg:-100').getByText('1 queued').waitFor();
  });
});
