/**
 * Which machine a build is for. The standalone helper and the native modules are per platform
 * and CPU: the helper is a copy of a Node binary, and V8's code cache and startup snapshots only
 * load on the kind of machine that made them (Node's SEA docs: "When generating cross-platform
 * SEAs ... useCodeCache and useSnapshot must be set to false"). So each target gets its own
 * helper under dist/bin/<arch>/, and machine-specific caches only when it is the build host.
 */
import { join } from 'node:path';

export const TARGET_PLATFORMS = ['darwin', 'linux'] as const;
export const TARGET_ARCHS = ['x64', 'arm64'] as const;
export type TargetPlatform = (typeof TARGET_PLATFORMS)[number];
export type TargetArch = (typeof TARGET_ARCHS)[number];
export type Target = { platform: TargetPlatform; arch: TargetArch };

export class TargetError extends Error {}

function isPlatform(value: string): value is TargetPlatform {
  return (TARGET_PLATFORMS as readonly string[]).includes(value);
}
function isArch(value: string): value is TargetArch {
  return (TARGET_ARCHS as readonly string[]).includes(value);
}

/** The machine this build runs on, as a target. */
export function hostTarget(
  platform: string = process.platform,
  arch: string = process.arch,
): Target {
  if (!isPlatform(platform) || !isArch(arch))
    throw new TargetError(
      `Switchboard builds on macOS and Linux, x64 or arm64 (not ${platform}-${arch})`,
    );
  return { platform, arch };
}

export function parseArch(value: string): TargetArch {
  if (!isArch(value)) throw new TargetError(`unknown CPU "${value}": use x64 or arm64`);
  return value;
}

/** `darwin-arm64`, the name better-sqlite3's prebuilds and our staging folders use. */
export function targetName(target: Target): string {
  return `${target.platform}-${target.arch}`;
}

/** electron-builder's name for the platform (its `${os}` macro): `mac` or `linux`. */
export function builderOs(target: Target): 'mac' | 'linux' {
  return target.platform === 'darwin' ? 'mac' : 'linux';
}

export function sameTarget(a: Target, b: Target): boolean {
  return a.platform === b.platform && a.arch === b.arch;
}

/**
 * Whether V8 code cache (and a startup snapshot) may go into this target's helper: only when the
 * helper is built on a machine of the same platform and CPU.
 */
export function machineSpecificCachesAllowed(target: Target, host: Target = hostTarget()): boolean {
  return sameTarget(target, host);
}

/** Where `npm run build:helper-binary` writes the helper for a target: dist/bin/<arch>/. */
export function helperBinaryPath(binDir: string, target: Target): string {
  return join(binDir, target.arch, 'switchboard-mcp');
}

/** The npm package holding @napi-rs/keyring's binding for a target (glibc on Linux). */
export function keyringBindingPackage(target: Target): string {
  return `@napi-rs/keyring-${targetName(target)}${target.platform === 'linux' ? '-gnu' : ''}`;
}

/** The prebuilt better-sqlite3 binding for a target (glibc on Linux, never musl). */
export function sqlitePrebuild(target: Target): string {
  return `prebuilds/${targetName(target)}.node`;
}

/**
 * Dylibs a helper must not load: everything outside the OS (`/usr/lib`, `/System`). A Node from
 * Homebrew links Homebrew's libuv, ICU and OpenSSL, which users do not have.
 */
export function foreignDylibs(dylibs: readonly string[]): string[] {
  return dylibs.filter((path) => !path.startsWith('/usr/lib/') && !path.startsWith('/System/'));
}

/** The dylib paths in `otool -L FILE` output (first line is the file, then one tab-indented line each). */
export function parseOtoolLibraries(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => /^\s+\S/.test(line))
    .map((line) => line.trim().replace(/\s+\(compatibility version .*\)$/, ''));
}
