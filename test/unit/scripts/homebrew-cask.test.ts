/**
 * The Homebrew cask the release workflow publishes: the template filled with the version,
 * repository and each architecture's sha256, read back through Ruby the way Homebrew reads it.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fillCask, sha256File } from '../../../scripts/homebrew-cask';
import { ROOT, tempDir } from '../../support/paths';

const run = promisify(execFile);
const template = await readFile(join(ROOT, 'packaging/homebrew/switchboard.rb'), 'utf8');
const values = {
  version: '1.4.0',
  repository: 'switchboard-dev/switchboard',
  sha256: { arm64: 'a'.repeat(64), x64: 'b'.repeat(64) },
};

const ruby = await run('ruby', ['--version']).then(
  () => true,
  () => false,
);
if (!ruby)
  console.warn('skipping the Ruby read-back of the cask: no ruby on PATH (apt-get install ruby)');

describe('the Homebrew cask template', () => {
  it('is filled completely, with auto_updates on', () => {
    const cask = fillCask(template, values);
    expect(cask).not.toMatch(/\{\{/);
    expect(cask).toContain('version "1.4.0"');
    expect(cask).toContain('auto_updates true');
  });

  it('takes a tag with its v', () => {
    expect(fillCask(template, { ...values, version: 'v1.4.0' })).toContain('version "1.4.0"');
  });

  it.each([
    ['version', { ...values, version: '1.4.0"; system "rm -rf ~"; "' }],
    ['version', { ...values, version: 'latest' }],
    ['repository', { ...values, repository: 'a/b"; system "x' }],
    ['repository', { ...values, repository: '../evil' }],
    ['sha256', { ...values, sha256: { arm64: 'A'.repeat(64), x64: 'b'.repeat(64) } }],
    ['sha256', { ...values, sha256: { arm64: 'a'.repeat(63), x64: 'b'.repeat(64) } }],
  ])('refuses a malformed %s instead of writing it into Ruby', (_what, bad) => {
    expect(() => fillCask(template, bad)).toThrow(/not a/);
  });

  it('refuses a template with a placeholder it does not know', () => {
    expect(() => fillCask(template + '\n# {{tap}}\n', values)).toThrow(/unknown placeholder/);
  });

  it.skipIf(!ruby)('reads back in Ruby as Homebrew would, per architecture', async () => {
    const dir = await tempDir('sb-cask-');
    try {
      const file = join(dir.dir, 'switchboard.rb');
      await writeFile(file, fillCask(template, values));
      const { stdout: syntax } = await run('ruby', ['-c', file]);
      expect(syntax).toContain('Syntax OK');
      const read = async (cpu: string) =>
        JSON.parse(
          (await run('ruby', [join(ROOT, 'test/support/cask-dsl.rb'), file, cpu])).stdout,
        ) as Record<string, unknown>;
      const arm = await read('arm');
      const intel = await read('intel');
      expect(arm).toMatchObject({
        token: 'switchboard',
        version: '1.4.0',
        sha256: 'a'.repeat(64),
        url: 'https://github.com/switchboard-dev/switchboard/releases/download/v1.4.0/Switchboard-1.4.0-arm64.dmg',
        app: 'Switchboard.app',
        auto_updates: true,
      });
      expect(intel).toMatchObject({
        sha256: 'b'.repeat(64),
        url: 'https://github.com/switchboard-dev/switchboard/releases/download/v1.4.0/Switchboard-1.4.0-x64.dmg',
      });
    } finally {
      await dir.cleanup();
    }
  });

  it('is written by the script from the two disk images', async () => {
    const dir = await tempDir('sb-cask-');
    try {
      const arm = join(dir.dir, 'arm.dmg');
      const x64 = join(dir.dir, 'x64.dmg');
      await writeFile(arm, 'arm image');
      await writeFile(x64, 'intel image');
      const out = join(dir.dir, 'out.rb');
      const script = join(ROOT, 'scripts/homebrew-cask.ts');
      const args = ['--version', 'v2.0.1', '--repository', 'o/r', '--dmg-arm64', arm];
      const missing = await run(process.execPath, [script, ...args]).then(
        () => 'exit 0',
        (error: unknown) => (error as { stderr: string }).stderr,
      );
      expect(missing).toContain('missing --dmg-x64, --out');
      await run(process.execPath, [script, ...args, '--dmg-x64', x64, '--out', out]);
      const cask = await readFile(out, 'utf8');
      expect(cask).toContain(`"${await sha256File(arm)}"`);
      expect(cask).toContain(`"${await sha256File(x64)}"`);
      expect(await sha256File(arm)).toBe(createHash('sha256').update('arm image').digest('hex'));
    } finally {
      await dir.cleanup();
    }
  });
});
