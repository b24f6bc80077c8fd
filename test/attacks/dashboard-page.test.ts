/**
 * A hostile page on another port of 127.0.0.1, in real Chromium, while the owner is logged into
 * the dashboard: browsers ignore ports for cookies and treat every port of 127.0.0.1 as the same
 * site, so the page and its server try everything that gives them — reading the API, approving
 * Claude's prompts, embedding files, the event stream — and then replay whatever the browser
 * handed them from outside the browser.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../support/browser';
import { runCli } from '../support/cli';
import { connectHelper, type HelperClient } from '../support/helper-client';
import { startHub, type HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { webchat } from '../support/webchat-client';

if (chromiumMissing) console.warn(`skipping browser attack tests: ${chromiumMissing}`);

/** The hostile page: every attempt against the hub on `hub`, results in `window.results`. */
const HOSTILE_PAGE = `<!doctype html><meta charset="utf-8"><title>cute cats</title><script>
const q = new URLSearchParams(location.search);
const hub = 'http://127.0.0.1:' + q.get('hub');
const results = {};
const settle = (name, promise) => promise.then((v) => (results[name] = v), (e) => (results[name] = 'error: ' + e));
const noCors = (path, body) => fetch(hub + path, { method: 'POST', mode: 'no-cors', credentials: 'include',
  headers: { 'content-type': 'text/plain' }, body }).then((r) => 'sent (' + r.type + ')');
Promise.all([
  settle('readState', fetch(hub + '/api/state', { credentials: 'include' }).then((r) => r.status)),
  settle('approvePrompt', noCors('/api/ui/decidePermission', JSON.stringify([q.get('prompt'), 'allow']))),
  settle('postMessage', noCors('/api/chats/main/messages', JSON.stringify({ text: 'from the hostile page' }))),
  settle('embedFile', new Promise((resolve) => { const img = new Image();
    img.onload = () => resolve('loaded ' + img.naturalWidth); img.onerror = () => resolve('blocked');
    img.src = hub + '/api/files/' + q.get('file'); })),
  settle('events', new Promise((resolve) => { const ws = new WebSocket(hub.replace('http', 'ws') + '/api/events', ['switchboard']);
    ws.onopen = () => resolve('open'); ws.onerror = () => resolve('refused'); })),
  settle('harvest', fetch('/api/files/harvest').then((r) => r.status)),
]).then(() => { window.results = results; });
</script>`;

type Seen = { path: string; headers: IncomingHttpHeaders };

function startHostileServer(): Promise<{ server: Server; port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(req.url?.startsWith('/?') ? HOSTILE_PAGE : 'ok');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as AddressInfo).port, seen }),
    ),
  );
}

describe.skipIf(chromiumMissing !== undefined)('a hostile page on another localhost port', () => {
  const homes: Array<{ dir: string; cleanup: () => Promise<void> }> = [];
  let hub: HubProcess;
  let other: HubProcess;
  let helper: HelperClient;
  let browser: Browser;
  let context: BrowserContext;
  let dashboard: Page;
  let hostile: Awaited<ReturnType<typeof startHostileServer>>;
  let fileId: string;

  beforeAll(async () => {
    homes.push(await tempDir(), await tempDir());
    hub = await startHub(homes[0]?.dir ?? '');
    other = await startHub(homes[1]?.dir ?? '');
    helper = await connectHelper({ home: hub.home, session: 'victim' });
    await helper.requestPermission({
      request_id: 'qwert',
      tool_name: 'Bash',
      description: 'rm -rf ~',
      input_preview: '{"command":"rm -rf ~"}',
    });
    // A real 1×1 PNG, so an image that loads would show it did.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const upload = await webchat(hub).upload('secret.png', png, 'image/png');
    fileId = upload.body.file?.fileId ?? '';
    hostile = await startHostileServer();
    browser = await launchChromium();
    context = await browser.newContext();
    dashboard = await context.newPage();
    await dashboard.goto(hub.dashboardUrl);
    await dashboard.getByRole('textbox', { name: 'Message' }).waitFor();
  });
  afterAll(async () => {
    await browser.close();
    hostile.server.close();
    await helper.close();
    await hub.stop();
    await other.stop();
    for (const home of homes) await home.cleanup();
  });

  it('logging into a second hub does not sign the first one out', async () => {
    const second = await context.newPage();
    await second.goto(other.dashboardUrl);
    await second.getByRole('textbox', { name: 'Message' }).waitFor();
    await dashboard.getByRole('textbox', { name: 'Message' }).fill('still signed in');
    await dashboard.getByRole('button', { name: 'Send' }).click();
    await helper.events.waitFor((e) => e.content === 'still signed in');
    const download = await dashboard.evaluate(
      (id) => fetch(`/api/files/${id}`).then((r) => r.status),
      fileId,
    );
    expect(download).toBe(200);
    await second.close();
  });

  it('gets nothing through the browser: no reads, no approvals, no posts, no files, no events', async () => {
    const page = await context.newPage();
    await page.goto(
      `http://127.0.0.1:${hostile.port}/?hub=${hub.port}&prompt=qwert&file=${fileId}`,
    );
    await page.waitForFunction(() => 'results' in globalThis, undefined, { timeout: 15_000 });
    const results = (await page.evaluate(
      () => (globalThis as unknown as { results: unknown }).results,
    )) as Record<string, unknown>;
    expect(results['readState']).toMatch(/^error/);
    expect(results['embedFile']).toBe('blocked');
    expect(results['events']).toBe('refused');
    const pending = await runCli(['permissions', 'list', '--json', '--home', hub.home]);
    expect(JSON.parse(pending.stdout)).toEqual([expect.objectContaining({ request_id: 'qwert' })]);
    const history = await webchat(hub).history();
    expect(history.map((m) => m.text)).not.toContain('from the hostile page');
    expect(helper.verdicts.items).toEqual([]);
  });

  it('what the browser hands its server is not the token and opens nothing when replayed', async () => {
    const all = JSON.stringify(hostile.seen);
    expect(all).not.toContain(hub.token);
    const cookies = hostile.seen.map((s) => s.headers.cookie ?? '').filter((c) => c !== '');
    // Only the download cookie, scoped to /api/files/, reached it — named for its own hub.
    expect(cookies.join(';')).toMatch(/switchboard_files_[0-9a-f]{16}=/);
    expect(cookies.join(';')).not.toMatch(/switchboard_token/);
    const stolen = cookies.join('; ');
    const replay = (path: string, init: RequestInit = {}): Promise<number> =>
      fetch(`${hub.origin}${path}`, {
        ...init,
        headers: { cookie: stolen, origin: hub.origin, 'content-type': 'application/json' },
      }).then((r) => r.status);
    expect(await replay('/api/state')).toBe(401);
    expect(await replay('/api/ui/getState', { method: 'POST', body: '[]' })).toBe(401);
    expect(
      await replay('/api/ui/decidePermission', { method: 'POST', body: '["qwert","allow"]' }),
    ).toBe(401);
    expect(await replay('/api/chats/main/messages')).toBe(401);
    expect(await replay(`/api/files/f${'0'.repeat(32)}`)).toBe(404);
    const events = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${hub.origin.replace('http', 'ws')}/api/events`, {
        headers: { cookie: stolen, origin: hub.origin },
      });
      ws.on('open', () => resolve(101));
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => resolve(-1));
    });
    expect(events).toBe(401);
  });
});
