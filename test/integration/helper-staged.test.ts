/**
 * What the app ships is the helper the tests measured: packaging stages the build host's helper
 * from dist/bin/<arch>/ (scripts/stage-payload.ts, what `npm run dist` runs before electron-builder
 * copies the folder into Resources/bin) — the startup-snapshot executable unchanged, and the npm
 * helper's entry with its core beside it. Run from where they were staged, both answer Claude
 * Code's opening exactly as the plain source does.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helperBinaryPath, hostTarget } from '../../scripts/helper-targets';
import { stagePayload } from '../../scripts/stage-payload';
import { HUB_DOWN_SESSIONS } from '../support/differential-sessions';
import { DIST, ROOT, tempDir } from '../support/paths';
import { HELPER_BUILDS, runSession } from '../support/scripted-session';

const SEA_MAGIC = 0x0143da20;
const SEA_USE_SNAPSHOT = 1 << 1;

describe('the helpers staged into the app', () => {
  let work: { dir: string; cleanup: () => Promise<void> };
  let bin: string;
  beforeAll(async () => {
    work = await tempDir('sb-staged-');
    const out = await stagePayload({
      root: ROOT,
      target: hostTarget(),
      binDir: join(DIST, 'bin'),
      nativeDirs: [join(ROOT, 'node_modules')],
      out: join(work.dir, 'payload'),
    });
    bin = join(out, 'bin');
  });
  afterAll(() => work.cleanup());

  it("carry the host's startup snapshot, byte for byte", async () => {
    const staged = await readFile(join(bin, 'switchboard-mcp'));
    expect(staged.equals(await readFile(helperBinaryPath(join(DIST, 'bin'), hostTarget())))).toBe(
      true,
    );
    const blob = await readFile(join(DIST, 'sea', 'helper.blob'));
    expect(blob.readUInt32LE(0)).toBe(SEA_MAGIC);
    expect(blob.readUInt32LE(4) & SEA_USE_SNAPSHOT).toBe(SEA_USE_SNAPSHOT);
    expect(staged.includes(blob.subarray(0, 64 * 1024))).toBe(true);
  });

  it('answer from where they were staged as the source does', { timeout: 120_000 }, async () => {
    const session = HUB_DOWN_SESSIONS.find((s) => s.name === 'claude-code-opening');
    const source = HELPER_BUILDS.find((b) => b.name === 'source');
    if (!session || !source) throw new Error('the differential suite lost its opening session');
    const home = join(work.dir, 'home');
    const options = { home, session: 'staged' };
    const reference = await runSession(source, session.steps, options);
    session.check(reference, reference.stdout.split('\n').filter(Boolean).map(parseLine));
    const standalone = { name: 'staged', command: join(bin, 'switchboard-mcp'), args: [] };
    const npm = {
      name: 'staged-js',
      command: process.execPath,
      args: [join(bin, 'switchboard-mcp.js')],
    };
    expect(await runSession(standalone, session.steps, options)).toEqual(reference);
    expect(await runSession(npm, session.steps, options)).toEqual(reference);
  });
});

function parseLine(line: string): Record<string, unknown> {
  return JSON.parse(line) as Record<string, unknown>;
}
