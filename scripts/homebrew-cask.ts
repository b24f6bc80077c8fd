/**
 * Fills the Homebrew cask template (packaging/homebrew/switchboard.rb) for a release:
 *
 *   node scripts/homebrew-cask.ts --version 1.2.3 --repository owner/switchboard \
 *     --dmg-arm64 release/Switchboard-1.2.3-arm64.dmg --dmg-x64 release/Switchboard-1.2.3-x64.dmg \
 *     --out release/switchboard.rb
 *
 * Every value is checked before it goes into Ruby source, so a malformed tag or repository name
 * can never produce a cask that runs something else.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export type CaskValues = {
  version: string;
  repository: string;
  sha256: { arm64: string; x64: string };
};

const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** Returns the template with every placeholder replaced; throws on a malformed value or a leftover. */
export function fillCask(template: string, values: CaskValues): string {
  const version = values.version.replace(/^v/, '');
  if (!VERSION.test(version)) throw new Error(`not a release version: ${values.version}`);
  if (!REPOSITORY.test(values.repository) || values.repository.includes('..'))
    throw new Error(`not a GitHub owner/name: ${values.repository}`);
  for (const [arch, sum] of Object.entries(values.sha256))
    if (!SHA256.test(sum)) throw new Error(`not a sha256 for ${arch}: ${sum}`);
  const filled = template
    .replaceAll('{{version}}', version)
    .replaceAll('{{repository}}', values.repository)
    .replaceAll('{{sha256_arm64}}', values.sha256.arm64)
    .replaceAll('{{sha256_x64}}', values.sha256.x64);
  const left = /\{\{[^}]*\}\}/.exec(filled);
  if (left) throw new Error(`the cask template has an unknown placeholder: ${left[0]}`);
  return filled;
}

/** The sha256 of a file, streamed (a .dmg is ~100 MB). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      version: { type: 'string' },
      repository: { type: 'string' },
      'dmg-arm64': { type: 'string' },
      'dmg-x64': { type: 'string' },
      template: { type: 'string', default: 'packaging/homebrew/switchboard.rb' },
      out: { type: 'string' },
    },
  });
  const missing = ['version', 'repository', 'dmg-arm64', 'dmg-x64', 'out'].filter(
    (name) => values[name as keyof typeof values] === undefined,
  );
  if (missing.length > 0) throw new Error(`missing --${missing.join(', --')}`);
  const template = await readFile(resolve(values.template), 'utf8');
  const cask = fillCask(template, {
    version: values.version ?? '',
    repository: values.repository ?? '',
    sha256: {
      arm64: await sha256File(resolve(values['dmg-arm64'] ?? '')),
      x64: await sha256File(resolve(values['dmg-x64'] ?? '')),
    },
  });
  await writeFile(resolve(values.out ?? ''), cask);
  process.stdout.write(`wrote ${values.out ?? ''}\n`);
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `homebrew-cask: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
