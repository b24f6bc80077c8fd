/**
 * Claude's Markdown in a real browser: rendered (code with highlighting and a working Copy, tables,
 * lists, links that open in a new browsing context), and a hostile reply — script tags, event
 * handlers, SVG, data URLs, Markdown link tricks, remote images — runs nothing and loads nothing.
 * Only Claude's messages are Markdown: the owner's own text stays literal.
 */
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../support/browser';
import { connectHelper, type HelperClient } from '../support/helper-client';
import { startHub, type HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';

if (chromiumMissing) console.warn(`skipping Markdown browser tests: ${chromiumMissing}`);

/** Every payload tries to set window.__pwned, call alert(), or fetch from evil.example. */
const HOSTILE = [
  'Here is everything an attacker might try:',
  '<script>window.__pwned = "script"</script>',
  '<img src="https://evil.example/x.png" onerror="window.__pwned = \'onerror\'">',
  '<svg onload="window.__pwned = \'svg\'"><script>window.__pwned = "svg-script"</script></svg>',
  '<iframe srcdoc="<script>parent.__pwned = 1</script>"></iframe>',
  '<a href="javascript:window.__pwned=\'raw-link\'">raw link</a>',
  '<details open ontoggle="window.__pwned = \'toggle\'">x</details>',
  '[md js link](javascript:window.__pwned="md-link")',
  '[md mixed case](JaVaScRiPt:window.__pwned="case")',
  '[md entity](javascript&#58;window.__pwned="entity")',
  '[md data](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD0xPC9zY3JpcHQ+)',
  '[md ref][evil]',
  '<javascript:window.__pwned="autolink">',
  '![tracker](https://evil.example/pixel.png)',
  '![svg data](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '[https://bank.example/login](https://evil.example/phish)',
  '',
  '[evil]: javascript:window.__pwned="ref"',
].join('\n\n');

const FRIENDLY = [
  '**Done.** Three things:',
  '',
  '- [x] tests',
  '- [ ] docs',
  '',
  '| file | lines |',
  '|:--|--:|',
  '| a.ts | 12 |',
  '',
  '```bash',
  'npm test -- --run',
  '```',
  '',
  'See [the docs](https://docs.example/guide).',
].join('\n');

describe.skipIf(chromiumMissing !== undefined)('Claude’s Markdown in Chromium', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let helper: HelperClient;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const foreign: string[] = [];

  beforeAll(async () => {
    home = await tempDir();
    hub = await startHub(home.dir);
    helper = await connectHelper({ home: home.dir, session: 'md' });
    browser = await launchChromium();
    context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: hub.origin });
    // Nothing may leave for another origin; a link opened on purpose gets a stand-in page.
    await context.route('https://docs.example/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>docs</title>' }),
    );
    page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request: Request) => {
      if (!request.url().startsWith(hub.origin) && !request.url().startsWith('ws'))
        foreign.push(request.url());
    });
    await page.goto(hub.dashboardUrl);
    await page.getByRole('textbox', { name: 'Message' }).fill('Show me *stars* and <b>tags</b>');
    await page.getByRole('button', { name: 'Send' }).click();
    await helper.events.next();
  });
  afterAll(async () => {
    await browser.close();
    await helper.close();
    await hub.stop();
    await home.cleanup();
  });

  const claude = (): ReturnType<Page['locator']> => page.locator('.message.role-claude .md');

  it('renders lists, task lists, tables and highlighted code', async () => {
    await helper.callTool('reply', { chat_id: 'web:main', text: FRIENDLY });
    await claude().first().locator('table').waitFor();
    const md = claude().first();
    expect(await md.locator('strong').first().textContent()).toBe('Done.');
    expect(await md.getByRole('img', { name: 'done', exact: true }).count()).toBe(1);
    expect(await md.getByRole('img', { name: 'not done', exact: true }).count()).toBe(1);
    expect(await md.locator('td.md-right').textContent()).toBe('12');
    expect(
      await md.locator('pre code .hljs-built_in, pre code [class^="hljs-"]').count(),
    ).toBeGreaterThan(0);
  });

  it('copies a code block exactly with its Copy button', async () => {
    await claude().first().getByRole('button', { name: 'Copy bash code' }).click();
    await claude()
      .first()
      .getByRole('button', { name: 'Copy bash code' })
      .getByText('Copied')
      .waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe('npm test -- --run');
  });

  it('opens links in a new browsing context (the browser, from the popover)', async () => {
    const link = claude().first().getByRole('link', { name: 'the docs' });
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    const [popup] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe('https://docs.example/guide');
    await popup.close();
    expect(page.url()).toContain(hub.origin);
  });

  it('keeps the owner’s own text literal', async () => {
    const mine = page.locator('.message.mine .text').first();
    expect(await mine.textContent()).toBe('Show me *stars* and <b>tags</b>');
    expect(await page.locator('.message.mine b, .message.mine em').count()).toBe(0);
  });

  it('runs nothing and loads nothing from a hostile reply', async () => {
    await helper.callTool('reply', { chat_id: 'web:main', text: HOSTILE });
    const md = claude().last();
    await md.getByText('Here is everything an attacker might try:').waitFor();
    // Give handlers, loads and timers every chance to fire.
    await page.waitForTimeout(1000);
    expect(await page.evaluate<unknown>('window.__pwned')).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(foreign).toEqual([]);
    expect(await md.locator('script, iframe, img, svg, object, embed, details, form').count()).toBe(
      0,
    );
    // Strings, because this file is type-checked without DOM types.
    const last = `[...document.querySelectorAll('.message.role-claude .md')].at(-1)`;
    const hrefs = await page.evaluate<string[]>(
      `[...${last}.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '')`,
    );
    for (const href of hrefs) expect(href).toMatch(/^https:\/\//);
    const handlers = await page.evaluate<number>(
      `[...${last}.querySelectorAll('*')].filter((el) =>
        [...el.attributes].some((a) => a.name.startsWith('on') || a.name === 'style')).length`,
    );
    expect(handlers).toBe(0);
    // What was raw HTML is shown as text, and the tricked link names where it really goes.
    await md.getByText('<script>window.__pwned = "script"</script>').waitFor();
    await md.getByText('(goes to evil.example)').waitFor();
    await md.getByRole('link', { name: /Image: tracker — open from evil\.example/ }).waitFor();
  });

  it('serves the page under a CSP with no inline script, style or eval', async () => {
    const res = await fetch(hub.origin, { headers: { host: `127.0.0.1:${String(hub.port)}` } });
    const csp = res.headers.get('content-security-policy') ?? '';
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    expect(scriptSrc.trim()).toBe("'self'");
    expect(csp).not.toContain('unsafe-eval');
    // Not even inline styles: the renderer sets none (table alignment is a class).
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toMatch(/img-src 'self'/);
    // An inline script that reached the DOM anyway would not run.
    await page.evaluate(`document.body.append(Object.assign(document.createElement('script'),
      { textContent: 'window.__inline = 1' }))`);
    expect(await page.evaluate<unknown>('window.__inline')).toBeUndefined();
  });
});
