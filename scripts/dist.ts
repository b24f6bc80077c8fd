/**
 * `npm run dist [-- electron-builder arguments] [--release]` (after `npm run build` and
 * `npm run build:helper-binary`): stages each target's helper and native modules (refusing a
 * wrong-platform or wrong-CPU file with what to do), writes the signing choice into a config that
 * extends electron-builder.yml, and runs electron-builder with it. electron-builder's afterPack
 * hook (scripts/after-pack.ts) then verifies what went into the app.
 *
 * SWITCHBOARD_HELPER_BIN_DIR and SWITCHBOARD_NATIVE_DIR point at prebuilt parts (a CI artefact, or
 * the tests' stand-ins) instead of dist/bin and the installed node_modules.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { distPlan } from './dist-plan.ts';
import { TargetError } from './helper-targets.ts';
import { defaultNativeDirs, stagePayload } from './stage-payload.ts';
import { PayloadError } from './verify-payload.ts';

const root = resolve(import.meta.dirname, '..');

function fail(message: string): never {
  process.stderr.write(`npm run dist: ${message}\n`);
  process.exit(1);
}

function hasCodesign(): boolean {
  return spawnSync('codesign', ['--help'], { stdio: 'ignore' }).error === undefined;
}

async function main(): Promise<void> {
  const plan = distPlan(process.argv.slice(2), process.env);
  if (plan.signing === 'local-ad-hoc' && !hasCodesign())
    fail(
      'building the Mac app needs codesign (Xcode Command Line Tools: xcode-select --install): ' +
        'without an ad-hoc signature Apple Silicon kills the app at launch',
    );
  const binDir = resolve(root, process.env['SWITCHBOARD_HELPER_BIN_DIR'] ?? 'dist/bin');
  for (const target of plan.targets) {
    const extra = process.env['SWITCHBOARD_NATIVE_DIR'];
    await stagePayload({
      root,
      target,
      binDir,
      nativeDirs: [...(extra ? [resolve(extra)] : []), ...defaultNativeDirs(root, target)],
    });
  }
  const config = join(root, 'dist', 'builder', 'electron-builder.generated.json');
  await mkdir(join(root, 'dist', 'builder'), { recursive: true });
  await writeFile(
    config,
    `${JSON.stringify({ extends: join(root, 'electron-builder.yml'), ...plan.overrides }, null, 2)}\n`,
  );
  process.stdout.write(
    `npm run dist: ${plan.targets.map((t) => `${t.platform}-${t.arch}`).join(', ')}` +
      `${plan.signing ? `, signing: ${plan.signing}` : ''}\n`,
  );
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules/electron-builder/cli.js'), '--config', config, ...plan.builderArgs],
    { cwd: root, stdio: 'inherit' },
  );
  process.exit(result.status ?? 1);
}

try {
  await main();
} catch (error) {
  if (error instanceof TargetError || error instanceof PayloadError) fail(error.message);
  throw error;
}
