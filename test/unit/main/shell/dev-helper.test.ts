/**
 * In a checkout (`npx electron .`) Claude Code must be given a real Node for the helper, never
 * the Electron binary that process.execPath is there.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { devHelperEntry, isSupportedNode } from '../../../../src/main/shell/dev-helper';
import { tempDir } from '../../../support/paths';

describe('the helper command in development', () => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  beforeEach(async () => {
    tmp = await tempDir();
    await mkdir(`${tmp.dir}/bin`);
    await mkdir(`${tmp.dir}/dist/bin`, { recursive: true });
    // A login shell that adds nothing: the test controls PATH alone.
    await writeFile(`${tmp.dir}/shell`, '#!/bin/sh\nexec /bin/sh -c "$2"\n');
    await chmod(`${tmp.dir}/shell`, 0o755);
  });
  afterEach(async () => {
    await tmp.cleanup();
  });

  async function fakeNode(version: string, dir = `${tmp.dir}/bin`): Promise<string> {
    await writeFile(`${dir}/node`, `#!/bin/sh\necho ${version}\n`);
    await chmod(`${dir}/node`, 0o755);
    return `${dir}/node`;
  }
  const entry = (electronPath = '/Applications/Electron.app/Contents/MacOS/Electron') =>
    devHelperEntry({
      env: { PATH: `${tmp.dir}/bin`, SHELL: `${tmp.dir}/shell` },
      distDir: `${tmp.dir}/dist`,
      electronPath,
      log: () => undefined,
    });

  it('uses a Node 22.12+ from PATH with the built helper script', async () => {
    const node = await fakeNode('v24.21.0');
    expect(await entry()).toEqual({ command: node, args: [`${tmp.dir}/dist/switchboard-mcp.js`] });
  });

  it('never hands over the Electron binary, even when it is the `node` on PATH', async () => {
    const electron = await fakeNode('v24.21.0');
    expect((await entry(electron)).command).not.toBe(electron);
  });

  it('falls back to the standalone helper when the only Node is too old', async () => {
    await fakeNode('v20.11.1');
    await writeFile(`${tmp.dir}/dist/bin/switchboard-mcp`, '');
    expect(await entry()).toEqual({ command: `${tmp.dir}/dist/bin/switchboard-mcp`, args: [] });
  });

  it('knows which Node versions the helper runs on', () => {
    expect(['v22.11.0', 'v22.12.0', 'v24.0.0', 'v20.19.0', 'garbage'].map(isSupportedNode)).toEqual(
      [false, true, true, false, false],
    );
  });
});
