/**
 * Attacks on the menu-bar app and its packaging, each named after the attack: a page of another
 * origin in the popover, tokens in log lines, foreign or Homebrew-linked binaries smuggled into
 * the app, and notifications from an earlier run.
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkHelperNode, helperPlan } from '../../scripts/helper-plan';
import { stagePayload } from '../../scripts/stage-payload';
import { createHub, type Hub } from '../../src/main/app/hub';
import { createLogger } from '../../src/main/log';
import { createLogFile } from '../../src/main/log-file';
import { startDesktop, type Desktop } from '../../src/main/shell/desktop';
import { fakeShell } from '../fakes/fake-electron';
import { createFakePlatform } from '../fakes/fake-platform';
import { elf, machO } from '../support/fake-binaries';
import { eventually } from '../support/eventually';
import { DIST, ROOT, tempDir } from '../support/paths';

describe('attacks on the desktop app', () => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let desktop: Desktop | undefined;
  beforeEach(async () => {
    tmp = await tempDir('sb-attack-desktop-');
  });
  afterEach(async () => {
    await desktop?.quit();
    desktop = undefined;
    await tmp.cleanup();
  });

  async function startWithPairing() {
    const shell = fakeShell();
    const fake = createFakePlatform();
    desktop = await startDesktop({
      ...shell.deps,
      home: tmp.dir,
      packaged: true,
      preload: '/app/preload.cjs',
      trayImages: { idle: 'i', attention: 'a', error: 'e' },
      log: () => undefined,
      startHub: (hooks): Promise<Hub> =>
        createHub({
          home: tmp.dir,
          rendererDir: `${DIST}/renderer`,
          desktop: hooks,
          adapters: [fake],
          env: {},
        }),
    });
    await fetch(`http://127.0.0.1:${String(fake.controlPort())}/inbound`, {
      method: 'POST',
      body: JSON.stringify({
        chatId: 'tg:66',
        senderId: '66',
        senderName: 'Mallory',
        text: 'let me in',
      }),
    });
    await eventually(() => expect(desktop?.hub.core.webPairings()).toHaveLength(1));
    return shell;
  }

  it('a page of another origin shown in the popover approves a pairing over IPC → refused, still pending', async () => {
    const shell = await startWithPairing();
    const code = desktop?.hub.core.webPairings()[0]?.code;
    const answer = await shell.handlers.get('ui:decidePairing')?.(
      { sender: { id: 7 }, senderFrame: { url: 'https://evil.example/phish' } },
      code,
      'approve',
    );
    expect(answer).toEqual({ ok: false, error: 'not allowed' });
    expect(desktop?.hub.core.webPairings()).toHaveLength(1);
    expect(desktop?.hub.core.access.senders()).toEqual([]);
  });

  it('a notification left from an earlier run, whose buttons would answer nothing → removed at start', async () => {
    const shell = await startWithPairing();
    expect(shell.removed[0]).toBe('ALL');
  });

  it('a bot token inside an error message → the log file holds a placeholder', async () => {
    const file = createLogFile(`${tmp.dir}/switchboard.log`);
    createLogger((line) => file.write(line)).error(
      'GET https://api.telegram.org/bot7734512345:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getMe failed: 401',
    );
    await file.flush();
    const text = await readFile(file.path, 'utf8');
    expect(text).not.toContain('AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw');
    expect(text).toContain('bot<telegram token>/getMe');
  });

  it('a Linux helper dropped into dist/bin for the Mac app → refused before packaging', async () => {
    await mkdir(`${tmp.dir}/bin/arm64`, { recursive: true });
    await writeFile(`${tmp.dir}/bin/arm64/switchboard-mcp`, elf('arm64'));
    await expect(
      stagePayload({
        root: ROOT,
        target: { platform: 'darwin', arch: 'arm64' },
        binDir: `${tmp.dir}/bin`,
        nativeDirs: [`${ROOT}/node_modules`],
        out: `${tmp.dir}/payload`,
      }),
    ).rejects.toThrow(
      /switchboard-mcp is an ELF \(linux arm64\) binary, but this app is for darwin-arm64/,
    );
  });

  it('a helper built from a Node that loads Homebrew libraries → refused', async () => {
    const node = `${tmp.dir}/node`;
    await writeFile(
      node,
      machO('arm64', [
        '/usr/lib/libSystem.B.dylib',
        '/opt/homebrew/opt/openssl@3/lib/libcrypto.3.dylib',
      ]),
    );
    await chmod(node, 0o644);
    const plan = { ...helperPlan([], { platform: 'darwin', arch: 'arm64' }), node };
    await expect(checkHelperNode(plan)).rejects.toThrow('loads libraries outside macOS');
  });
});
