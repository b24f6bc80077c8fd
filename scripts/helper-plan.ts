/**
 * What `npm run build:helper-binary [-- --arch x64|arm64 --node PATH]` builds: for which target,
 * from which Node binary, into which file, and whether V8's code cache may go in. Also the checks
 * on that Node binary: the right platform and CPU, and no dylibs outside the OS (`otool -L`).
 */
import { execFileSync } from 'node:child_process';
import { describeBinary, describeInfo } from './binary-format.ts';
import {
  foreignDylibs,
  helperBinaryPath,
  hostTarget,
  machineSpecificCachesAllowed,
  parseArch,
  parseOtoolLibraries,
  sameTarget,
  TargetError,
  targetName,
  type Target,
} from './helper-targets.ts';

export type HelperPlan = {
  target: Target;
  /** The Node binary copied into the helper (this Node for the host; `--node` otherwise). */
  node: string;
  out: string;
  useCodeCache: boolean;
  /** The build host's own helper: also linked at dist/bin/switchboard-mcp for tests and dev. */
  isHost: boolean;
};

export function helperPlan(
  argv: readonly string[],
  host: Target = hostTarget(),
  binDir = 'dist/bin',
): HelperPlan {
  const flag = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at === -1 ? undefined : argv[at + 1];
  };
  const archFlag = flag('--arch');
  const target: Target = {
    platform: host.platform,
    arch: archFlag ? parseArch(archFlag) : host.arch,
  };
  const isHost = sameTarget(target, host);
  const node = flag('--node') ?? (isHost ? process.execPath : undefined);
  if (node === undefined)
    throw new TargetError(
      `building the ${targetName(target)} helper on ${targetName(host)} needs a Node ${process.version} binary for ${target.arch}: ` +
        `npm run build:helper-binary -- --arch ${target.arch} --node /path/to/node-${process.version}-${targetName(target)}/bin/node ` +
        `(or build on an ${target.arch} machine)`,
    );
  return {
    target,
    node,
    out: helperBinaryPath(binDir, target),
    useCodeCache: machineSpecificCachesAllowed(target, host) && node === process.execPath,
    isHost,
  };
}

/** The dylibs a Mach-O loads: from `otool -L` on a Mac, else read from its load commands. */
export async function linkedDylibs(path: string): Promise<string[]> {
  if (process.platform === 'darwin') {
    try {
      return parseOtoolLibraries(execFileSync('otool', ['-L', path], { encoding: 'utf8' }));
    } catch {
      // No Xcode command line tools: read the same load commands ourselves.
    }
  }
  return (await describeBinary(path))?.dylibs ?? [];
}

/**
 * Refuses a Node binary that would make a broken helper: the wrong platform or CPU, or one that
 * loads dylibs users do not have (a Homebrew Node links /opt/homebrew/... libuv, ICU, OpenSSL).
 */
export async function checkHelperNode(plan: HelperPlan): Promise<void> {
  const info = await describeBinary(plan.node);
  const want = targetName(plan.target);
  if (!info || info.platform !== plan.target.platform || !info.archs.includes(plan.target.arch))
    throw new TargetError(
      `${plan.node} is ${info ? describeInfo(info) : 'not an executable we recognise'}, but the helper is for ${want}`,
    );
  // Node injects a blob only into the Node version that wrote it; a foreign CPU's Node may not
  // run here at all (arm64 on Intel), and then its version cannot be checked before the build.
  const version = runnableVersion(plan.node);
  if (version !== undefined && version !== process.version)
    throw new TargetError(
      `${plan.node} is Node ${version}; the helper blob is written by this Node (${process.version}), so use a ${process.version} binary`,
    );
  if (plan.target.platform !== 'darwin') return;
  const outside = foreignDylibs(await linkedDylibs(plan.node));
  if (outside.length > 0)
    throw new TargetError(
      `${plan.node} loads libraries outside macOS (${outside.join(', ')}): a helper made from it would not start on other Macs. ` +
        `Use the official Node build from nodejs.org (or nvm/fnm/volta, which install it) instead of Homebrew's.`,
    );
}

function runnableVersion(node: string): string | undefined {
  try {
    return execFileSync(node, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
  } catch {
    return undefined;
  }
}

/** The plan for this run, checked; a refusal is printed as one clear line and exits 1. */
export async function checkedHelperPlan(argv: readonly string[]): Promise<HelperPlan> {
  try {
    const plan = helperPlan(argv);
    await checkHelperNode(plan);
    return plan;
  } catch (error) {
    if (!(error instanceof TargetError)) throw error;
    process.stderr.write(`build:helper-binary: ${error.message}\n`);
    process.exit(1);
  }
}
