/**
 * The real `codesign` on the standalone helper as `npm run build:helper-binary` leaves it on a Mac
 * (Node with the helper injected, then re-signed ad hoc — Apple Silicon kills a binary whose pages
 * do not match its signature): the signature verifies strictly, reads as ad hoc the way the
 * updater reads the app's, the signed helper runs and answers MCP, and a modified copy is refused.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureOf } from '../../src/main/shell/updater-support';
import { connectHelper } from '../support/helper-client';
import { HELPER_BINARY, tempDir } from '../support/paths';
import { macosOnly } from './macos-only';

const run = promisify(execFile);
const CODESIGN = '/usr/bin/codesign';
const skip = macosOnly('codesign', () =>
  !existsSync(CODESIGN)
    ? `no ${CODESIGN}`
    : !existsSync(HELPER_BINARY)
      ? `no standalone helper at ${HELPER_BINARY} (npm run build:helper-binary)`
      : undefined,
);

/** codesign's exit code and what it printed (it reports on stderr). */
async function codesign(args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(CODESIGN, args);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe.skipIf(skip !== undefined)('codesign on the standalone helper', () => {
  let work: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    work = await tempDir('sb-codesign-');
  });
  afterAll(() => work.cleanup());

  it('verifies strictly', async () => {
    const verify = await codesign(['--verify', '--strict', '--verbose=2', HELPER_BINARY]);
    expect(verify.output).toContain('valid on disk');
    expect(verify.code).toBe(0);
  });

  it('reads as signed ad hoc, as the updater reads an ad-hoc app', async () => {
    const display = await codesign(['--display', '--verbose=2', HELPER_BINARY]);
    expect(display.code).toBe(0);
    expect(signatureOf(display.output)).toEqual({ kind: 'ad-hoc' });
  });

  it('runs once signed, and answers MCP', async () => {
    const helper = await connectHelper({ home: work.dir, executable: HELPER_BINARY });
    try {
      expect(helper.client.getServerVersion()?.name).toBe('switchboard');
    } finally {
      await helper.close();
    }
  });

  it('refuses a modified copy', async () => {
    const copy = join(work.dir, 'switchboard-mcp');
    await copyFile(HELPER_BINARY, copy);
    const bytes = await readFile(copy);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    await writeFile(copy, bytes);
    const verify = await codesign(['--verify', '--strict', '--verbose=2', copy]);
    expect(verify.code).not.toBe(0);
    expect(verify.output).toMatch(/modified|invalid|failed/i);
  });
});
