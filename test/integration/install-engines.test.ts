/**
 * The install path tells the truth: `npm ci` under a Node too old to run the build (no unflagged
 * type stripping) is refused up front with npm's EBADENGINE, because `engines.node` says what the
 * build needs and `.npmrc` sets `engine-strict`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../support/paths';

const run = promisify(execFile);

/**
 * An older Node: SWITCHBOARD_OLD_NODE (GitHub's Linux job installs Node 22.12 for it, the version
 * that installs and then fails at build), else this machine's (Debian's is 20); and an npm CLI it
 * can run (the one installed beside it, else the one running the tests).
 */
async function findOldNode(): Promise<{ node: string; npmCli: string } | string> {
  const node = process.env['SWITCHBOARD_OLD_NODE'] ?? '/usr/bin/node';
  const beside = join(dirname(dirname(node)), 'lib/node_modules/npm/bin/npm-cli.js');
  const npmCli = existsSync(beside)
    ? beside
    : (process.env['npm_execpath'] ?? '/usr/lib/node_modules/npm/bin/npm-cli.js');
  try {
    const { stdout } = await run(node, ['--version']);
    const [major = 0, minor = 0] = stdout.trim().slice(1).split('.').map(Number);
    const tooOld = major < 22 || (major === 22 && minor < 18) || (major === 23 && minor < 6);
    if (!tooOld) return `${node} is ${stdout.trim()}, not older than the build needs`;
    return { node, npmCli };
  } catch {
    return `no Node at ${node}`;
  }
}

const found = await findOldNode();
if (typeof found === 'string')
  console.warn(
    `skipping the old-Node install test: ${found} (set SWITCHBOARD_OLD_NODE to a Node older than 22.18)`,
  );

describe.skipIf(typeof found === 'string')('installing with an older Node', () => {
  it('is refused by npm ci with EBADENGINE before anything is installed', async () => {
    if (typeof found === 'string') return;
    const dir = await tempDir('sb-engines-');
    try {
      for (const file of ['package.json', 'package-lock.json', '.npmrc'])
        await copyFile(join(ROOT, file), join(dir.dir, file));
      // No user npmrc: the project's own .npmrc must be what refuses.
      await writeFile(join(dir.dir, 'user.npmrc'), '');
      const result = await run(
        found.node,
        [found.npmCli, 'ci', '--ignore-scripts', '--no-audit', '--no-fund'],
        {
          cwd: dir.dir,
          env: {
            PATH: `${dirname(found.node)}:/usr/bin:/bin`,
            HOME: dir.dir,
            NPM_CONFIG_USERCONFIG: join(dir.dir, 'user.npmrc'),
          },
        },
      ).then(
        () => ({ code: 0, stderr: '' }),
        (error: unknown) => error as { code: number; stderr: string },
      );
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('EBADENGINE');
      expect(result.stderr).toMatch(/Required: \{"node":"\^22\.18\.0 \|\| >=23\.6\.0"\}/);
      const pkg = JSON.parse(await readFile(join(dir.dir, 'package.json'), 'utf8')) as object;
      expect(pkg).toHaveProperty('engines.node', '^22.18.0 || >=23.6.0');
      expect(existsSync(join(dir.dir, 'node_modules'))).toBe(false);
    } finally {
      await dir.cleanup();
    }
  });
});
