/**
 * Puts together what one target's app carries besides the bundled JS, in
 * dist/payload/<os>-<arch>/ (electron-builder.yml picks it up with its `${os}-${arch}` macros):
 * the standalone helper for that CPU, and the two native modules with only that target's binary —
 * never another platform's prebuilds, never C sources. Each binary is checked on the way in, so a
 * wrong-platform or wrong-CPU file is refused here, with what to do, before electron-builder runs.
 */
import { chmod, copyFile, cp, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { binaryProblem, PayloadError } from './verify-payload.ts';
import {
  builderOs,
  helperBinaryPath,
  hostTarget,
  keyringBindingPackage,
  sameTarget,
  sqlitePrebuild,
  targetName,
  type Target,
} from './helper-targets.ts';

export type StageOptions = {
  root: string;
  target: Target;
  /** Where per-arch helpers are (dist/bin, holding <arch>/switchboard-mcp). */
  binDir: string;
  /** node_modules folders to take the native modules from, first match wins. */
  nativeDirs: readonly string[];
  /** Where to stage (default: payloadDir). */
  out?: string;
};

export function payloadDir(root: string, target: Target): string {
  return join(root, 'dist', 'payload', `${builderOs(target)}-${target.arch}`);
}

/** The node_modules folders searched by default: a per-target install, then the project's. */
export function defaultNativeDirs(root: string, target: Target): string[] {
  return [
    join(root, 'dist', 'native', targetName(target), 'node_modules'),
    join(root, 'node_modules'),
  ];
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function findPackage(dirs: readonly string[], name: string): Promise<string | undefined> {
  for (const dir of dirs) if (await exists(join(dir, name, 'package.json'))) return join(dir, name);
  return undefined;
}

async function version(packageDir: string): Promise<string> {
  return (
    JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as { version: string }
  ).version;
}

async function copyInto(from: string, to: string, files: readonly string[]): Promise<void> {
  for (const file of files) {
    if (!(await exists(join(from, file)))) continue;
    await mkdir(dirname(join(to, file)), { recursive: true });
    await cp(join(from, file), join(to, file), { recursive: true });
  }
}

async function stageHelper(options: StageOptions, out: string, problems: string[]): Promise<void> {
  const { target, binDir, root } = options;
  const helper = helperBinaryPath(binDir, target);
  const shown = relative(root, helper) || helper;
  if (!(await exists(helper))) {
    problems.push(
      sameTarget(target, hostTarget())
        ? `${shown} is missing: run npm run build:helper-binary`
        : `${shown} is missing: build it on a ${targetName(target)} machine, or here with ` +
            `npm run build:helper-binary -- --arch ${target.arch} --node /path/to/node-${process.version}-${targetName(target)}/bin/node`,
    );
    return;
  }
  const { problem } = await binaryProblem(helper, target, shown);
  if (problem) {
    problems.push(
      `${problem}; build the helper for ${targetName(target)} (npm run build:helper-binary on such a machine)`,
    );
    return;
  }
  await mkdir(join(out, 'bin'), { recursive: true });
  await copyFile(helper, join(out, 'bin', 'switchboard-mcp'));
  await chmod(join(out, 'bin', 'switchboard-mcp'), 0o755);
  await copyFile(join(root, 'dist', 'switchboard-mcp.js'), join(out, 'bin', 'switchboard-mcp.js'));
  await chmod(join(out, 'bin', 'switchboard-mcp.js'), 0o755);
  // The JS helper's entry loads its core (SDK, zod, the helper) from beside it.
  await copyFile(
    join(root, 'dist', 'switchboard-mcp-core.cjs'),
    join(out, 'bin', 'switchboard-mcp-core.cjs'),
  );
}

async function stageNative(options: StageOptions, out: string, problems: string[]): Promise<void> {
  const { target, nativeDirs } = options;
  const modules = join(out, 'node_modules');
  const sqlite = await findPackage(nativeDirs, 'better-sqlite3');
  const keyring = await findPackage(nativeDirs, '@napi-rs/keyring');
  const bindingName = keyringBindingPackage(target);
  const binding = await findPackage(nativeDirs, bindingName);
  if (!sqlite || !keyring) {
    problems.push('better-sqlite3 or @napi-rs/keyring is not installed: run npm ci');
    return;
  }
  await copyInto(sqlite, join(modules, 'better-sqlite3'), [
    'package.json',
    'LICENSE',
    'lib',
    sqlitePrebuild(target),
  ]);
  await copyInto(keyring, join(modules, '@napi-rs/keyring'), [
    'package.json',
    'LICENSE',
    'index.js',
  ]);
  const toCheck = [join(modules, 'better-sqlite3', sqlitePrebuild(target))];
  if (!binding) {
    const wanted = await version(keyring);
    problems.push(
      `${bindingName} is not installed (npm installs only this machine's): ` +
        `npm install --prefix dist/native/${targetName(target)} --no-save --os=${target.platform} --cpu=${target.arch} @napi-rs/keyring@${wanted}`,
    );
  } else {
    const main =
      (JSON.parse(await readFile(join(binding, 'package.json'), 'utf8')) as { main?: string })
        .main ?? 'index.node';
    await copyInto(binding, join(modules, bindingName), ['package.json', 'LICENSE', main]);
    toCheck.push(join(modules, bindingName, main));
  }
  for (const path of toCheck) {
    const shown = relative(out, path);
    if (!(await exists(path))) problems.push(`${shown} is missing from the installed package`);
    else {
      const { problem } = await binaryProblem(path, target, shown);
      if (problem) problems.push(problem);
    }
  }
}

/** Stages one target's payload; throws PayloadError with every problem and what to do. */
export async function stagePayload(options: StageOptions): Promise<string> {
  const out = options.out ?? payloadDir(options.root, options.target);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const problems: string[] = [];
  await stageHelper(options, out, problems);
  await stageNative(options, out, problems);
  if (problems.length > 0)
    throw new PayloadError(problems, `packaging for ${targetName(options.target)}`);
  return out;
}
