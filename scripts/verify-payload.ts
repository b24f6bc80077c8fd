/**
 * The check on what actually went into an app (run by electron-builder's afterPack hook, before
 * fuses and signing): every executable and native module is for the app's platform and CPU and
 * loads nothing outside the OS, native modules are unpacked, no native sources or other
 * dependencies ride along (main.cjs bundles them), and app.asar + app.asar.unpacked stay within
 * the payload budget. Any problem refuses the build with a message naming the file.
 */
import { lstat, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { listPackage, statFile } from '@electron/asar';
import { describeBinary, describeInfo } from './binary-format.ts';
import {
  foreignDylibs,
  keyringBindingPackage,
  sqlitePrebuild,
  targetName,
  type Target,
} from './helper-targets.ts';

export const PAYLOAD_BUDGET_BYTES = 15 * 1024 * 1024;

/** The only packages the app loads at run time: main.cjs bundles everything else. */
export function runtimePackages(target: Target): string[] {
  return ['better-sqlite3', '@napi-rs/keyring', keyringBindingPackage(target)];
}

export class PayloadError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[], what: string) {
    super(`${what} refused:\n  - ${problems.join('\n  - ')}`);
    this.problems = problems;
  }
}

export type PayloadReport = {
  target: string;
  appAsarBytes: number;
  unpackedBytes: number;
  payloadBytes: number;
  budgetBytes: number;
  binaries: Array<{ path: string; is: string }>;
};

const NATIVE_SOURCE =
  /(^|\/)(deps|src)\/.*\.(c|cc|cpp|cxx|h|hh|hpp|gyp|gypi)$|(^|\/)binding\.gyp$|(^|\/)build\/Release\/obj/;
const NATIVE_FILE = /\.(node|dylib|so|dll|exe)$/;

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/** Checks one file meant to run on `target`; returns the problem, if any. */
export async function binaryProblem(
  path: string,
  target: Target,
  shownAs = path,
): Promise<{ problem?: string; is?: string }> {
  const info = await describeBinary(path);
  if (!info)
    return NATIVE_FILE.test(path) ? { problem: `${shownAs} is not a binary we recognise` } : {};
  const is = describeInfo(info);
  if (info.platform !== target.platform || !info.archs.includes(target.arch))
    return { is, problem: `${shownAs} is ${is}, but this app is for ${targetName(target)}` };
  const outside = info.platform === 'darwin' ? foreignDylibs(info.dylibs) : [];
  if (outside.length > 0)
    return { is, problem: `${shownAs} loads libraries outside macOS: ${outside.join(', ')}` };
  return { is };
}

async function sizeOf(path: string): Promise<number> {
  const info = await lstat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const file of await walk(path)) total += (await stat(file)).size;
  return total;
}

function asarProblems(asar: string, target: Target): string[] {
  const files = listPackage(asar, { isPack: false }).map((f) => f.replace(/^\//, ''));
  const problems: string[] = [];
  for (const needed of [
    'dist/electron/main.cjs',
    'dist/electron/preload.cjs',
    'dist/renderer/index.html',
  ])
    if (!files.includes(needed))
      problems.push(`app.asar lacks ${needed} (run npm run build first)`);
  const allowed = runtimePackages(target);
  const shipped = new Set(
    files
      .map((f) => /^node_modules\/((?:@[^/]+\/)?[^/]+)(?:\/|$)/.exec(f)?.[1])
      // A scope folder on its own (node_modules/@napi-rs) is not a package.
      .filter((name): name is string => name !== undefined && !/^@[^/]+$/.test(name)),
  );
  for (const name of shipped)
    if (!allowed.includes(name))
      problems.push(`node_modules/${name} is shipped, but main.cjs bundles it`);
  for (const name of allowed)
    if (!shipped.has(name))
      problems.push(`node_modules/${name} is missing (npm run dist stages it)`);
  for (const file of files) {
    if (NATIVE_SOURCE.test(file)) problems.push(`native source ${file} is shipped`);
    if (NATIVE_FILE.test(file) && !statFile(asar, file, false).unpacked)
      problems.push(`${file} is packed inside app.asar; native code must be unpacked`);
  }
  return problems;
}

/** Verifies an app's Resources directory for `target`; throws PayloadError listing every problem. */
export async function verifyPayload(options: {
  resources: string;
  target: Target;
  budgetBytes?: number;
}): Promise<PayloadReport> {
  const { resources, target } = options;
  const budget = options.budgetBytes ?? PAYLOAD_BUDGET_BYTES;
  const asar = join(resources, 'app.asar');
  const unpacked = join(resources, 'app.asar.unpacked');
  const problems = asarProblems(asar, target);
  const binaries: PayloadReport['binaries'] = [];
  for (const file of [...(await walk(unpacked)), ...(await walk(join(resources, 'bin')))]) {
    const shown = relative(resources, file);
    if (NATIVE_SOURCE.test(shown)) problems.push(`native source ${shown} is shipped`);
    const { problem, is } = await binaryProblem(file, target, shown);
    if (problem) problems.push(problem);
    if (is) binaries.push({ path: shown, is });
  }
  const helper = await stat(join(resources, 'bin', 'switchboard-mcp')).catch(() => undefined);
  if (!helper || (helper.mode & 0o111) === 0)
    problems.push('bin/switchboard-mcp (the standalone helper) is missing or not executable');
  for (const needed of [
    `node_modules/better-sqlite3/${sqlitePrebuild(target)}`,
    `node_modules/${keyringBindingPackage(target)}`,
  ])
    if (!(await lstat(join(unpacked, needed)).catch(() => undefined)))
      problems.push(`app.asar.unpacked lacks ${needed}`);
  const appAsarBytes = await sizeOf(asar);
  const unpackedBytes = await sizeOf(unpacked);
  if (appAsarBytes + unpackedBytes > budget)
    problems.push(
      `app.asar + app.asar.unpacked is ${mb(appAsarBytes + unpackedBytes)}, over the ${mb(budget)} budget`,
    );
  if (problems.length > 0) throw new PayloadError(problems, `the ${targetName(target)} app`);
  return {
    target: targetName(target),
    appAsarBytes,
    unpackedBytes,
    payloadBytes: appAsarBytes + unpackedBytes,
    budgetBytes: budget,
    binaries,
  };
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
