import { describe, expect, it } from 'vitest';
import { distPlan } from '../../../scripts/dist-plan';

const ARM_MAC = { platform: 'darwin', arch: 'arm64' } as const;

describe('what npm run dist asks electron-builder for', () => {
  it('signs a certificate-less Mac build ad hoc, without the hardened runtime, and re-signs after the fuses', () => {
    const plan = distPlan(['--mac'], {}, ARM_MAC);
    expect(plan.signing).toBe('local-ad-hoc');
    expect(plan.overrides).toEqual({
      mac: { identity: '-', hardenedRuntime: false, notarize: false },
      electronFuses: { resetAdHocDarwinSignature: true },
    });
  });

  it('keeps the hardened runtime and requires signing when a certificate is given', () => {
    for (const env of [{ CSC_LINK: 'file:///cert.p12' }, { CSC_NAME: 'Jane Doe (TEAM123456)' }]) {
      const plan = distPlan(['--mac'], env, ARM_MAC);
      expect(plan.signing).toBe('release');
      expect(plan.overrides).toEqual({ forceCodeSigning: true });
    }
    expect(distPlan(['--mac', '--release'], {}, ARM_MAC)).toMatchObject({
      signing: 'release',
      builderArgs: ['--mac', '--arm64', '--publish', 'never'],
    });
  });

  it('never lets electron-builder publish on its own (it would on a tag or in CI), unless asked', () => {
    expect(distPlan(['--mac'], {}, ARM_MAC).builderArgs).toEqual([
      '--mac',
      '--arm64',
      '--publish',
      'never',
    ]);
    expect(distPlan(['--mac', '--publish', 'always'], {}, ARM_MAC).builderArgs).toEqual([
      '--mac',
      '--publish',
      'always',
      '--arm64',
    ]);
    expect(distPlan(['--mac', '-p', 'onTag'], {}, ARM_MAC).builderArgs).not.toContain('never');
  });

  it('names the update feed’s repository from GITHUB_REPOSITORY, and ignores a malformed one', () => {
    expect(
      distPlan(['--mac'], { GITHUB_REPOSITORY: 'ann/switchboard' }, ARM_MAC).overrides,
    ).toEqual({
      mac: { identity: '-', hardenedRuntime: false, notarize: false },
      electronFuses: { resetAdHocDarwinSignature: true },
      publish: { provider: 'github', owner: 'ann', repo: 'switchboard' },
    });
    for (const bad of ['ann', 'ann/sw/x', '../x', 'ann/..', 'ann/sw"itch', '-ann/x'])
      expect(distPlan(['--mac'], { GITHUB_REPOSITORY: bad }, ARM_MAC).overrides).not.toHaveProperty(
        'publish',
      );
  });

  it("builds this machine's CPU unless told otherwise, one app per CPU", () => {
    expect(distPlan([], {}, ARM_MAC)).toMatchObject({
      targets: [ARM_MAC],
      builderArgs: ['--mac', '--arm64', '--publish', 'never'],
    });
    expect(distPlan(['--mac', 'dir', '--x64', '--arm64'], {}, ARM_MAC).targets).toEqual([
      { platform: 'darwin', arch: 'x64' },
      { platform: 'darwin', arch: 'arm64' },
    ]);
    expect(distPlan(['--linux'], {}, { platform: 'linux', arch: 'x64' })).toMatchObject({
      signing: undefined,
      overrides: {},
      builderArgs: ['--linux', '--x64', '--publish', 'never'],
    });
  });

  it('refuses a universal or Windows build with what to do instead', () => {
    expect(() => distPlan(['--mac', '--universal'], {}, ARM_MAC)).toThrow(/one app per CPU/);
    expect(() => distPlan(['--win'], {}, ARM_MAC)).toThrow(/Windows/);
  });
});
