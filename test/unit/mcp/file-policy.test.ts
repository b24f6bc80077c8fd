import { link, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkSendable, type FilePolicy, type Sendable } from '../../../src/mcp/file-policy';
import { tempDir } from '../../support/paths';

/** Why a file was refused (fails the test when it was not). */
function reasonOf(result: Sendable): string {
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.reason;
}

describe('what the helper on a remote uploads', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  let policy: FilePolicy;
  beforeEach(async () => {
    dir = await tempDir('sb-file-policy-');
    const home = join(dir.dir, 'home');
    await mkdir(join(home, '.ssh'), { recursive: true });
    await mkdir(join(home, '.switchboard'), { recursive: true });
    await mkdir(join(dir.dir, 'project'));
    await mkdir(join(dir.dir, 'elsewhere'));
    await writeFile(join(home, '.ssh', 'id_ed25519'), 'KEY');
    await writeFile(join(home, '.switchboard', 'credential'), 'sbr1.x');
    await writeFile(join(dir.dir, 'project', 'a.txt'), 'a');
    await writeFile(join(dir.dir, 'elsewhere', 'b.txt'), 'b');
    policy = {
      cwd: join(dir.dir, 'project'),
      home,
      tmp: join(dir.dir, 'no-tmp'),
      roots: [],
      secrets: [join(home, '.switchboard', 'credential')],
    };
  });
  afterEach(() => dir.cleanup());

  it('sends a regular file from the working directory', async () => {
    expect(await checkSendable(join(dir.dir, 'project', 'a.txt'), policy)).toMatchObject({
      ok: true,
      name: 'a.txt',
      size: 1,
    });
  });

  it('refuses relative paths, pseudo-filesystems, folders and missing files', async () => {
    for (const [path, reason] of [
      ['a.txt', 'must be absolute'],
      ['/proc/self/environ', 'pseudo-filesystem'],
      [join(dir.dir, 'project'), 'not a regular file'],
      [join(dir.dir, 'nope'), 'not found'],
    ] as const)
      expect(reasonOf(await checkSendable(path, policy))).toContain(reason);
  });

  it('refuses credential stores, through links and hard links too', async () => {
    const key = join(policy.home, '.ssh', 'id_ed25519');
    await symlink(key, join(dir.dir, 'project', 'innocent.txt'));
    await link(join(policy.home, '.switchboard', 'credential'), join(dir.dir, 'project', 'copy'));
    expect(reasonOf(await checkSendable(key, { ...policy, cwd: policy.home }))).toContain(
      'holds credentials',
    );
    expect(
      reasonOf(await checkSendable(join(dir.dir, 'project', 'innocent.txt'), policy)),
    ).toContain('holds credentials');
    expect(reasonOf(await checkSendable(join(dir.dir, 'project', 'copy'), policy))).toContain(
      "Switchboard's credential",
    );
  });

  it('refuses what is outside the session, and says which setting allows it', async () => {
    const path = join(dir.dir, 'elsewhere', 'b.txt');
    expect(reasonOf(await checkSendable(path, policy))).toContain('SWITCHBOARD_SEND_FILES_FROM');
    expect(
      await checkSendable(path, { ...policy, roots: [join(dir.dir, 'elsewhere')] }),
    ).toMatchObject({ ok: true });
  });
});
