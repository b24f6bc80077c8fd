import { mkdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_OUTBOUND_FILE_BYTES,
  OutboundFileError,
  stageOutboundFiles,
  type FilePolicy,
} from '../../../../src/main/hub/outbound-files';
import { tempDir } from '../../../support/paths';

describe('outbound file staging', () => {
  let base: { dir: string; cleanup: () => Promise<void> };
  let policy: FilePolicy;

  beforeEach(async () => {
    base = await tempDir('sb-outbound-');
    const dir = (name: string): string => join(base.dir, name);
    for (const name of ['home/inbox', 'user', 'project', 'tmp', 'elsewhere'])
      await mkdir(dir(name), { recursive: true });
    policy = {
      cwd: dir('project'),
      home: dir('home'),
      inbox: dir('home/inbox'),
      tmp: dir('tmp'),
      userHome: dir('user'),
      extraRoots: [],
      secretValues: ['a-secret-token-value-0123456789'],
      settingsPath: dir('home/settings.json'),
      staging: dir('home/staging'),
    };
  });
  afterEach(async () => {
    await base.cleanup();
  });

  it('sends a checked copy with the original name: changing the file afterwards changes nothing', async () => {
    const path = join(policy.cwd, 'report 1.txt');
    await writeFile(path, 'the real report');
    const staged = await stageOutboundFiles([path], policy);
    await writeFile(path, 'something swapped in after the check');
    const [file] = staged.files;
    expect(file?.name).toBe('report 1.txt');
    expect(file?.path.startsWith(policy.staging)).toBe(true);
    expect(await readFile(file?.path ?? '', 'utf8')).toBe('the real report');
    await staged.release();
  });

  it('finds a secret that straddles two read chunks', async () => {
    const path = join(policy.cwd, 'big.log');
    const secret = policy.secretValues[0] ?? '';
    const before = 1024 * 1024 - 10; // the secret crosses the 1 MiB chunk boundary
    await writeFile(path, Buffer.concat([Buffer.alloc(before, 'x'), Buffer.from(secret)]));
    await expect(stageOutboundFiles([path], policy)).rejects.toThrow(/secrets/);
  });

  it('refuses a file over the size cap before copying it', async () => {
    const path = join(policy.cwd, 'huge.bin');
    await writeFile(path, '');
    await truncate(path, MAX_OUTBOUND_FILE_BYTES + 1);
    await expect(stageOutboundFiles([path], policy)).rejects.toThrow(/too large/);
  });

  it('does not count a working directory of / as a root', async () => {
    const path = join(base.dir, 'elsewhere', 'x.txt');
    await writeFile(path, 'x');
    await expect(stageOutboundFiles([path], { ...policy, cwd: '/' })).rejects.toBeInstanceOf(
      OutboundFileError,
    );
  });

  it('takes folders from sessions.sendFilesFrom, with ~ for the home folder', async () => {
    await mkdir(join(policy.userHome, 'Shared'));
    const path = join(policy.userHome, 'Shared', 'photo.png');
    await writeFile(path, 'png');
    await expect(stageOutboundFiles([path], policy)).rejects.toThrow(/sessions\.sendFilesFrom/);
    const staged = await stageOutboundFiles([path], { ...policy, extraRoots: ['~/Shared'] });
    expect(staged.files[0]?.mime).toBe('image/png');
  });

  it('never sends from the state directory, but does from its inbox', async () => {
    await writeFile(join(policy.home, 'switchboard.db'), 'db');
    await writeFile(join(policy.inbox, 'upload.txt'), 'upload');
    await expect(stageOutboundFiles([join(policy.home, 'switchboard.db')], policy)).rejects.toThrow(
      /own files|state directory/,
    );
    const staged = await stageOutboundFiles([join(policy.inbox, 'upload.txt')], policy);
    expect(staged.files).toHaveLength(1);
  });
});
