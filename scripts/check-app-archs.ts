/**
 * Every Mach-O file in a built app is for the app's CPU, and only that CPU:
 *
 *   node scripts/check-app-archs.ts release/mac-arm64/Switchboard.app --arch arm64
 *
 * One app per CPU (electron-builder.yml), so a universal file, or one for the other CPU — a
 * helper, a native module, a framework slice — is a packaging mistake that would crash at launch
 * or at first use on some Macs. Each file's header is read here (binary-format.ts, any build host);
 * on a Mac `lipo -archs` and `file` are asked as well and must agree, so the check does not rest
 * on our own parser alone. Prints one line per Mach-O file; exits 1 listing every problem.
 */
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { describeBinary, type Cpu } from './binary-format.ts';
import { parseArch, type TargetArch } from './helper-targets.ts';

const run = promisify(execFile);

/** What macOS's tools say about a file, injected so the check is tested anywhere. */
export type MachOTools = {
  /** `lipo -archs FILE`: the slices' CPUs. */
  lipoArchs: (path: string) => Promise<string[]>;
  /** `file -b FILE`: the description. */
  describe: (path: string) => Promise<string>;
};

/** macOS's own `lipo` and `file`, when present. */
export const systemTools: MachOTools = {
  lipoArchs: async (path) => (await run('lipo', ['-archs', path])).stdout.trim().split(/\s+/),
  describe: async (path) => (await run('file', ['-b', path])).stdout.trim(),
};

/** lipo's and file's CPU names, as ours. */
export function cpuName(name: string): Cpu {
  if (name === 'x86_64' || name === 'x86_64h') return 'x64';
  if (name === 'arm64' || name === 'arm64e') return 'arm64';
  if (name === 'i386') return 'ia32';
  return name.startsWith('arm') ? 'arm' : 'other';
}

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    // Framework bundles link Versions/Current to A: following links would count files twice.
    if (entry.isDirectory()) out.push(...(await files(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

export type ArchReport = {
  checked: Array<{ path: string; archs: Cpu[]; file?: string }>;
  problems: string[];
};

/** Checks every Mach-O file under `app` is for `arch` alone. */
export async function checkAppArchs(
  app: string,
  arch: TargetArch,
  tools?: MachOTools,
): Promise<ArchReport> {
  const report: ArchReport = { checked: [], problems: [] };
  for (const path of await files(app)) {
    const info = await describeBinary(path);
    const shown = relative(app, path);
    if (info?.format !== 'mach-o') {
      if (info) report.problems.push(`${shown} is a ${info.platform} ${info.format} file`);
      continue;
    }
    const entry: ArchReport['checked'][number] = { path: shown, archs: info.archs };
    if (info.archs.length !== 1 || info.archs[0] !== arch)
      report.problems.push(`${shown} is for ${info.archs.join(' + ')}, not ${arch} alone`);
    if (tools) {
      const lipo = (await tools.lipoArchs(path)).map(cpuName);
      if (lipo.join(' ') !== info.archs.join(' '))
        report.problems.push(
          `${shown}: lipo says ${lipo.join(' + ')}, its header ${info.archs.join(' + ')}`,
        );
      entry.file = await tools.describe(path);
      if (!entry.file.startsWith('Mach-O'))
        report.problems.push(`${shown}: file does not call it Mach-O (${entry.file})`);
    }
    report.checked.push(entry);
  }
  if (report.checked.length === 0) report.problems.push(`no Mach-O file under ${app}`);
  return report;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { arch: { type: 'string' } },
  });
  const app = positionals[0];
  if (!app || !values.arch) throw new Error('usage: check-app-archs.ts APP --arch arm64|x64');
  const arch = parseArch(values.arch);
  const report = await checkAppArchs(
    app,
    arch,
    process.platform === 'darwin' ? systemTools : undefined,
  );
  for (const entry of report.checked)
    process.stdout.write(
      `${entry.archs.join(' ')}\t${entry.path}${entry.file ? `\t(${entry.file})` : ''}\n`,
    );
  if (report.problems.length > 0) {
    process.stderr.write(
      `check-app-archs: ${app} is not ${arch} only:\n  - ${report.problems.join('\n  - ')}\n`,
    );
    process.exitCode = 1;
  } else
    process.stdout.write(
      `check-app-archs: ${report.checked.length} Mach-O files, all ${arch} only${process.platform === 'darwin' ? ' (header, lipo and file agree)' : ' (headers; lipo and file run on a Mac)'}\n`,
    );
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `check-app-archs: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
