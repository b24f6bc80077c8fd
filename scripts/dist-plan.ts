/**
 * What `npm run dist` asks electron-builder for: which targets (platform and CPU; one app per
 * CPU, never a foreign one by accident) and how the Mac app is signed.
 *
 * Signing: with no Developer ID certificate electron-builder 26 skips signing ("electron-builder
 * does not apply an ad-hoc signature automatically. To opt in ... set mac.identity to "-"",
 * electron.build/code-signing-mac), yet flipping the fuses rewrites bytes of Electron Framework,
 * and Apple Silicon kills a process whose pages do not match its signature ("Code Signature
 * Invalid"). So a local build is signed ad hoc (`mac.identity: "-"`, without the hardened runtime,
 * whose library validation an ad-hoc signature cannot pass) and the fuse step re-signs too
 * (`resetAdHocDarwinSignature`). A release build (a certificate in CSC_LINK / CSC_NAME, or
 * --release) keeps electron-builder.yml's hardened runtime and must be signed
 * (`forceCodeSigning`), so a missing certificate fails instead of shipping an unsigned app.
 *
 * Publishing: electron-builder publishes by itself when it sees a tag or a CI ("Implicit publishing
 * triggered by CI detection"); `npm run dist` never lets it (`--publish never` unless asked), because
 * the release workflow publishes the two CPUs' builds together. The update feed the app reads
 * (app-update.yml, from `publish:` in electron-builder.yml) names the GitHub repository: the one in
 * GITHUB_REPOSITORY when a workflow builds, else the checkout's origin remote.
 */
import {
  hostTarget,
  TargetError,
  type Target,
  type TargetArch,
  type TargetPlatform,
} from './helper-targets.ts';

export type SigningMode = 'release' | 'local-ad-hoc';

export type DistPlan = {
  targets: Target[];
  /** Mac builds only. */
  signing: SigningMode | undefined;
  /** Overrides of electron-builder.yml, written to a config that extends it. */
  overrides: Record<string, unknown>;
  /** Arguments for electron-builder besides `--config`. */
  builderArgs: string[];
};

const PLATFORM_FLAGS: Record<string, TargetPlatform> = {
  '--mac': 'darwin',
  '--macos': 'darwin',
  '-m': 'darwin',
  '-o': 'darwin',
  '--linux': 'linux',
  '-l': 'linux',
};
const ARCH_FLAGS: Record<string, TargetArch> = { '--x64': 'x64', '--arm64': 'arm64' };
/** GitHub's owner/name as Actions gives it in GITHUB_REPOSITORY. */
const REPOSITORY = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;

/** The `publish:` override naming the repository, when the environment names a valid one. */
export function publishOverride(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, unknown> {
  const match = REPOSITORY.exec(env['GITHUB_REPOSITORY'] ?? '');
  if (!match || match[2]?.includes('..')) return {};
  return { publish: { provider: 'github', owner: match[1], repo: match[2] } };
}

const REFUSED: Record<string, string> = {
  '--universal':
    'a universal app is not built here: build one app per CPU (--arm64 on Apple Silicon, --x64 on an Intel Mac)',
  '--ia32': 'Switchboard is built for x64 and arm64 only',
  '--armv7l': 'Switchboard is built for x64 and arm64 only',
  '--win': 'Switchboard does not build for Windows',
  '--windows': 'Switchboard does not build for Windows',
  '-w': 'Switchboard does not build for Windows',
};

export function distPlan(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  host: Target = hostTarget(),
): DistPlan {
  const platforms = new Set<TargetPlatform>();
  const archs = new Set<TargetArch>();
  const builderArgs: string[] = [];
  let release = false;
  for (const arg of argv) {
    const refused = REFUSED[arg];
    if (refused) throw new TargetError(refused);
    if (arg === '--release') {
      release = true;
      continue;
    }
    const platform = PLATFORM_FLAGS[arg];
    if (platform) platforms.add(platform);
    const arch = ARCH_FLAGS[arg];
    if (arch) archs.add(arch);
    builderArgs.push(arg);
  }
  if (platforms.size === 0) {
    platforms.add(host.platform);
    builderArgs.unshift(host.platform === 'darwin' ? '--mac' : '--linux');
  }
  // Name the CPU explicitly, so electron-builder builds exactly the payloads staged for it.
  if (archs.size === 0) {
    archs.add(host.arch);
    builderArgs.push(`--${host.arch}`);
  }
  if (
    !builderArgs.some((arg) => arg === '--publish' || arg === '-p' || arg.startsWith('--publish='))
  )
    builderArgs.push('--publish', 'never');
  const targets = [...platforms].flatMap((platform) =>
    [...archs].map((arch) => ({ platform, arch })),
  );
  const mac = platforms.has('darwin');
  const certificate = Boolean(env['CSC_LINK'] || env['CSC_NAME']);
  const signing: SigningMode | undefined = mac
    ? release || certificate
      ? 'release'
      : 'local-ad-hoc'
    : undefined;
  const signingOverrides: Record<string, unknown> =
    signing === 'local-ad-hoc'
      ? {
          mac: { identity: '-', hardenedRuntime: false, notarize: false },
          electronFuses: { resetAdHocDarwinSignature: true },
        }
      : signing === 'release'
        ? { forceCodeSigning: true }
        : {};
  const overrides = { ...signingOverrides, ...publishOverride(env) };
  return { targets, signing, overrides, builderArgs };
}
