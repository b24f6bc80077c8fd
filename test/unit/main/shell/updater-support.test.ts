/**
 * When the app may update itself: only a packaged macOS app with an update feed, signed with a
 * team's certificate — read from `codesign --display` output as macOS prints it (test/macos runs
 * the real codesign on an ad-hoc signed binary).
 */
import { describe, expect, it } from 'vitest';
import {
  feedOf,
  signatureOf,
  updateSupport,
  type SupportDeps,
} from '../../../../src/main/shell/updater-support';

const AD_HOC = `Executable=/Applications/Switchboard.app/Contents/MacOS/Switchboard
Identifier=dev.switchboard.app
Format=app bundle with Mach-O thin (arm64)
CodeDirectory v=20400 size=1234 flags=0x2(adhoc) hashes=28+7 location=embedded
Signature=adhoc
Info.plist entries=30
TeamIdentifier=not set
Sealed Resources version=2 rules=13 files=20
Internal requirements count=0 size=12
`;
const DEVELOPER_ID = `Executable=/Applications/Switchboard.app/Contents/MacOS/Switchboard
Identifier=dev.switchboard.app
Format=app bundle with Mach-O thin (arm64)
CodeDirectory v=20500 size=1234 flags=0x10000(runtime) hashes=28+7 location=embedded
Signature size=9000
Authority=Developer ID Application: Ann Example (ABCDE12345)
Authority=Developer ID Certification Authority
Authority=Apple Root CA
Timestamp=1 Mar 2026 at 10:00:00
Info.plist entries=30
TeamIdentifier=ABCDE12345
Runtime Version=15.0.0
Sealed Resources version=2 rules=13 files=20
`;
const FEED =
  'owner: ann\nrepo: switchboard\nprovider: github\nreleaseType: draft\nupdaterCacheDirName: switchboard-updater\n';

describe('may this copy update itself', () => {
  it('reads the signature kind from codesign’s output', () => {
    expect(signatureOf(AD_HOC)).toEqual({ kind: 'ad-hoc' });
    expect(signatureOf(AD_HOC.replace('Signature=adhoc\n', ''))).toEqual({ kind: 'ad-hoc' });
    expect(signatureOf(DEVELOPER_ID)).toEqual({
      kind: 'developer-id',
      team: 'ABCDE12345',
      authority: 'Developer ID Application: Ann Example (ABCDE12345)',
    });
    expect(signatureOf('/Applications/X.app: code object is not signed at all')).toEqual({
      kind: 'unsigned',
    });
    // Apple's own binaries name no team: not something an update could be checked against.
    expect(signatureOf('Authority=Software Signing\nTeamIdentifier=not set\n').kind).toBe('other');
  });

  it('reads the repository from app-update.yml', () => {
    expect(feedOf(FEED)).toEqual({ owner: 'ann', repo: 'switchboard' });
    expect(feedOf("provider: 'github'\nowner: 'ann'\nrepo: 'switch.board'\n")).toEqual({
      owner: 'ann',
      repo: 'switch.board',
    });
    expect(feedOf('provider: generic\nurl: https://example.com\n')).toBeUndefined();
  });

  const deps = (over: Partial<SupportDeps> = {}): SupportDeps => ({
    platform: 'darwin',
    packaged: true,
    bundle: '/Applications/Switchboard.app',
    updateConfig: '/Applications/Switchboard.app/Contents/Resources/app-update.yml',
    readFile: () => Promise.resolve(FEED),
    codesign: () => Promise.resolve(DEVELOPER_ID),
    ...over,
  });

  it('is on for a packaged, Developer ID signed macOS app with a feed', async () => {
    expect(await updateSupport(deps())).toEqual({
      enabled: true,
      releasesUrl: 'https://github.com/ann/switchboard/releases',
    });
  });

  it('is off, saying why, for an ad-hoc or unsigned build, a checkout, another OS, or no feed', async () => {
    const adHoc = await updateSupport(deps({ codesign: () => Promise.resolve(AD_HOC) }));
    expect(adHoc).toMatchObject({
      enabled: false,
      releasesUrl: 'https://github.com/ann/switchboard/releases',
      reason: expect.stringContaining('signed ad hoc') as unknown,
    });
    expect(
      await updateSupport(
        deps({ codesign: () => Promise.resolve('code object is not signed at all') }),
      ),
    ).toMatchObject({ enabled: false, reason: expect.stringContaining('not signed') as unknown });
    expect(await updateSupport(deps({ packaged: false }))).toMatchObject({
      enabled: false,
      reason: expect.stringContaining('development build') as unknown,
    });
    expect(await updateSupport(deps({ platform: 'linux' }))).toMatchObject({
      enabled: false,
      reason: 'Automatic updates are for the macOS app.',
    });
    expect(
      await updateSupport(deps({ readFile: () => Promise.reject(new Error('ENOENT')) })),
    ).toMatchObject({
      enabled: false,
      reason: expect.stringContaining('no update feed') as unknown,
    });
    expect(
      await updateSupport(
        deps({ codesign: () => Promise.reject(new Error('spawn codesign ENOENT')) }),
      ),
    ).toMatchObject({
      enabled: false,
      reason: expect.stringContaining('could not be read') as unknown,
    });
  });
});
