/**
 * The release workflow's reading of its secrets: signing as npm run dist decides it, notarization
 * as electron-builder 26 reads the environment, and half a set of Apple credentials stopping a
 * Developer ID release before the build (electron-builder would fail it deep inside).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { releaseCredentials } from '../../../scripts/release-credentials';
import { ROOT } from '../../support/paths';

const run = promisify(execFile);
const CERT = { CSC_LINK: 'base64 of a .p12 (a stand-in: nothing is signed here)' };
const API_KEY = {
  APPLE_API_KEY: 'the .p8 file (a stand-in)',
  APPLE_API_KEY_ID: 'ABCDE12345',
  APPLE_API_ISSUER: '69a6de7e-0000-47e3-e053-5b8c7c11a4d1',
};
const APPLE_ID = {
  APPLE_ID: 'release@example.com',
  APPLE_APP_SPECIFIC_PASSWORD: 'abcd-efgh-ijkl-mnop',
  APPLE_TEAM_ID: 'TEAM123456',
};

describe('what the release build will be, from its secrets', () => {
  it('signs ad hoc and never notarizes without a certificate, even with Apple credentials', () => {
    expect(releaseCredentials({}, 'arm64')).toEqual({
      signing: 'ad-hoc',
      notarization: null,
      problems: [],
    });
    expect(releaseCredentials({ ...API_KEY, ...APPLE_ID }, 'x64')).toMatchObject({
      signing: 'ad-hoc',
      notarization: null,
    });
    // An empty secret is how Actions passes one that is not set.
    expect(releaseCredentials({ CSC_LINK: '' }, 'arm64').signing).toBe('ad-hoc');
  });

  it('signs with the Developer ID given a certificate (as npm run dist does, CSC_NAME too)', () => {
    expect(releaseCredentials(CERT, 'arm64')).toEqual({
      signing: 'developer-id',
      notarization: null,
      problems: [],
    });
    expect(releaseCredentials({ CSC_NAME: 'Jane Doe (TEAM123456)' }, 'x64').signing).toBe(
      'developer-id',
    );
  });

  it('notarizes the way electron-builder will: the Apple ID first, then the API key', () => {
    expect(releaseCredentials({ ...CERT, ...API_KEY }, 'arm64').notarization).toBe('api-key');
    expect(releaseCredentials({ ...CERT, ...APPLE_ID }, 'arm64').notarization).toBe('apple-id');
    expect(releaseCredentials({ ...CERT, ...API_KEY, ...APPLE_ID }, 'arm64').notarization).toBe(
      'apple-id',
    );
    // A team id alone is not a way to notarize: electron-builder ignores it.
    expect(releaseCredentials({ ...CERT, APPLE_TEAM_ID: 'TEAM123456' }, 'arm64')).toEqual({
      signing: 'developer-id',
      notarization: null,
      problems: [],
    });
  });

  it('names what is missing from half a set', () => {
    expect(
      releaseCredentials({ ...CERT, APPLE_ID: 'release@example.com' }, 'arm64').problems,
    ).toEqual([
      'notarization needs APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID: APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID missing',
    ]);
    // The API key is complete, but electron-builder takes the Apple ID way once a password is set.
    expect(
      releaseCredentials({ ...CERT, ...API_KEY, APPLE_APP_SPECIFIC_PASSWORD: 'x' }, 'arm64'),
    ).toMatchObject({
      notarization: null,
      problems: [expect.stringContaining('APPLE_ID, APPLE_TEAM_ID missing')],
    });
    expect(
      releaseCredentials({ ...CERT, APPLE_API_KEY_ID: 'ABCDE12345' }, 'arm64').problems,
    ).toEqual([
      'notarization needs APPLE_API_KEY, APPLE_API_KEY_ID, APPLE_API_ISSUER: APPLE_API_KEY, APPLE_API_ISSUER missing',
    ]);
  });
});

describe('node scripts/release-credentials.ts, as the workflow runs it', () => {
  const script = join(ROOT, 'scripts/release-credentials.ts');
  const cli = (env: Record<string, string>, arch = 'arm64') =>
    run(process.execPath, [script, '--arch', arch], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', ...env },
    });

  it('prints the step outputs', async () => {
    expect((await cli({ ...CERT, ...API_KEY })).stdout).toBe(
      'signing=developer-id\nnotarized=true\n',
    );
    expect((await cli({}, 'x64')).stdout).toBe('signing=ad-hoc\nnotarized=false\n');
  });

  it('stops a Developer ID release with half a set, and only warns for an ad-hoc one', async () => {
    await expect(cli({ ...CERT, APPLE_ID: 'release@example.com' })).rejects.toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringContaining('::error::notarization needs APPLE_ID') as unknown,
    });
    const adHoc = await cli({ APPLE_ID: 'release@example.com' });
    expect(adHoc.stdout).toBe('signing=ad-hoc\nnotarized=false\n');
    expect(adHoc.stderr).toContain('::warning::notarization needs APPLE_ID');
  });

  it('refuses a CPU it does not build', async () => {
    await expect(cli({}, 'ia32')).rejects.toMatchObject({ code: 1 });
  });
});
