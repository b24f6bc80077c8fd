/**
 * electron-builder's afterPack hook (electron-builder.yml): runs after the app's files are in
 * place and before the fuses are flipped and the app is signed. It verifies the payload for the
 * target being packed (scripts/verify-payload.ts) — a problem fails the build — and writes
 * `<output>/payload-<os>-<arch>.json`: what was checked, the sizes, and the signing settings
 * electron-builder is about to use.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Arch, type AfterPackContext } from 'electron-builder';
import { builderOs, parseArch, TargetError, type Target } from './helper-targets.ts';
import { verifyPayload } from './verify-payload.ts';

function targetOf(context: AfterPackContext): Target {
  const platform = context.electronPlatformName;
  if (platform !== 'darwin' && platform !== 'linux')
    throw new TargetError(`Switchboard is not packaged for ${platform}`);
  return { platform, arch: parseArch(Arch[context.arch]) };
}

type MacOptions = { identity?: string | null; hardenedRuntime?: boolean; notarize?: unknown };

export async function afterPack(context: AfterPackContext): Promise<void> {
  const target = targetOf(context);
  const packager = context.packager;
  const resources =
    target.platform === 'darwin'
      ? join(context.appOutDir, `${packager.appInfo.productFilename}.app`, 'Contents', 'Resources')
      : join(context.appOutDir, 'resources');
  const report = await verifyPayload({ resources, target });
  const mac = packager.platformSpecificBuildOptions as MacOptions;
  const signing =
    target.platform === 'darwin'
      ? {
          identity: mac.identity,
          hardenedRuntime: mac.hardenedRuntime,
          notarize: mac.notarize,
          forceCodeSigning: packager.config.forceCodeSigning,
          resetAdHocDarwinSignature: packager.config.electronFuses?.resetAdHocDarwinSignature,
        }
      : undefined;
  await writeFile(
    join(context.outDir, `payload-${builderOs(target)}-${target.arch}.json`),
    `${JSON.stringify({ ...report, signing }, null, 2)}\n`,
  );
  process.stdout.write(
    `  • payload verified  target=${report.target} size=${(report.payloadBytes / 1024 / 1024).toFixed(1)}MB budget=${(report.budgetBytes / 1024 / 1024).toFixed(0)}MB\n`,
  );
}
