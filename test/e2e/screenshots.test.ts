/**
 * `npm run screenshots` run for real — the script bundles the demo hub and the shooter, starts the
 * seeded hub with real helpers and renders the dashboard in Chromium — into a temporary folder:
 * every shot the script defines is written, each a whole PNG of its window size times the scale.
 * And every docs/images picture README.md and docs/architecture.md show exists and is one the
 * script renders, so a renamed shot or a dropped picture is caught here, not by a reader.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POPOVER_SIZE } from '../../src/main/shell/popover';
import { SCALE, SHOTS, SIZES, shotFile } from '../../scripts/screenshots/shots';
import { chromiumMissing } from '../support/browser';
import { ROOT, tempDir } from '../support/paths';
import { readPng } from '../support/png';

if (chromiumMissing) console.warn(`skipping the screenshot script test: ${chromiumMissing}`);

const IMAGES = join(ROOT, 'docs', 'images');
const DOCS = ['README.md', join('docs', 'architecture.md')];

type Run = { code: number | null; stdout: string; stderr: string };

function runScript(out: string): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['scripts/screenshots.ts', '--out', out],
      { cwd: ROOT, timeout: 150_000 },
      (error, stdout, stderr) =>
        done({
          code: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}

/** docs/images paths a document names, as repository paths (literal or relative to the doc). */
async function imageReferences(doc: string): Promise<string[]> {
  const text = await readFile(join(ROOT, doc), 'utf8');
  const found = new Set<string>();
  for (const m of text.matchAll(/docs\/images\/([A-Za-z0-9._-]+)/g))
    found.add(`docs/images/${m[1]}`);
  for (const m of text.matchAll(/\]\(([^)\s]*images\/[^)\s]+)\)|src="([^"]*images\/[^"]+)"/g)) {
    const target = m[1] ?? m[2] ?? '';
    if (!/^[a-z]+:/i.test(target))
      found.add(relative(ROOT, resolve(ROOT, dirname(doc), target.replace(/[?#].*$/, ''))));
  }
  return [...found].sort();
}

const expected = SHOTS.map(shotFile).sort();

describe('the pictures the documents show', () => {
  it('exist in docs/images, which holds exactly what npm run screenshots renders', async () => {
    const readme = await imageReferences('README.md');
    // The README shows the dashboard; finding none means this reader broke, not the README.
    expect(readme.length).toBeGreaterThan(0);
    const present = (await readdir(IMAGES)).filter((f) => f.endsWith('.png')).sort();
    for (const doc of DOCS)
      for (const ref of await imageReferences(doc)) {
        expect(present, `${doc} shows ${ref}`).toContain(ref.replace('docs/images/', ''));
        expect(expected, `${doc} shows ${ref}, which no shot renders`).toContain(
          ref.replace('docs/images/', ''),
        );
      }
    expect(present).toEqual(expected);
  });
});

describe.skipIf(chromiumMissing !== undefined)('npm run screenshots', () => {
  let out: { dir: string; cleanup: () => Promise<void> };
  let run: Run;

  beforeAll(async () => {
    out = await tempDir('sb-shots-out-');
    run = await runScript(out.dir);
  }, 180_000);
  afterAll(async () => {
    await out.cleanup();
  });

  it('renders every shot into the folder it is given', async () => {
    expect(run.code, run.stderr).toBe(0);
    expect((await readdir(out.dir)).sort()).toEqual(expected);
    for (const file of expected) expect(run.stdout).toContain(join(out.dir, file));
  });

  it('writes whole PNGs of each window size times the scale', async () => {
    for (const shot of SHOTS) {
      // Popover pictures are the menu-bar window's real size (src/main/shell/popover.ts).
      const css = shot.size === 'popover' ? POPOVER_SIZE : SIZES.wide;
      const size = readPng(await readFile(join(out.dir, shotFile(shot))));
      expect(size, shot.name).toEqual({ width: css.width * SCALE, height: css.height * SCALE });
    }
  });

  it('refuses a damaged PNG, so the check above can fail', async () => {
    const bytes = await readFile(join(out.dir, shotFile(SHOTS[0]!)));
    const flipped = Buffer.from(bytes);
    flipped[bytes.length >> 1] = (flipped[bytes.length >> 1] ?? 0) ^ 0xff;
    expect(readPng(flipped)).toHaveProperty('error', expect.stringMatching(/CRC/));
    expect(readPng(bytes.subarray(0, bytes.length - 20))).toHaveProperty('error');
    const text = join(out.dir, 'not.png');
    await writeFile(text, 'hello');
    expect(readPng(await readFile(text))).toEqual({ error: 'no PNG signature' });
  });
});
