/**
 * What the release workflow's Mac build will be, decided from its environment by the same rules
 * that build it, before anything is built:
 *
 *   node scripts/release-credentials.ts --arch arm64   # prints signing=… and notarized=…
 *
 * Signing is `npm run dist`'s choice (dist-plan.ts: a certificate in CSC_LINK / CSC_NAME signs
 * with the Developer ID and the hardened runtime, none signs ad hoc with notarization off), so the
 * workflow's later checks (`Signature=adhoc`, or a Developer ID authority with the runtime flag)
 * expect what was really built. Notarization follows electron-builder 26's own reading of the
 * environment (MacTargetHelper.getNotarizeOptions): APPLE_ID or APPLE_APP_SPECIFIC_PASSWORD means
 * the Apple ID way, which needs all of APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID;
 * otherwise any of the API key's three means that way, which needs all three. electron-builder
 * fails a half-given set deep in the build; here a Developer ID release with one stops at once,
 * naming what is missing, and an ad-hoc build (which is never notarized) only warns.
 */
import { parseArgs } from 'node:util';
import { distPlan } from './dist-plan.ts';
import { parseArch, type TargetArch } from './helper-targets.ts';

export type ReleaseCredentials = {
  signing: 'developer-id' | 'ad-hoc';
  /** How the app will be notarized, or null when it will not be. */
  notarization: 'apple-id' | 'api-key' | null;
  /** Credentials given in part: an error for a Developer ID build, a warning for an ad-hoc one. */
  problems: string[];
};

type Env = Readonly<Record<string, string | undefined>>;

const APPLE_ID = ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'] as const;
const API_KEY = ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'] as const;

const given = (env: Env, name: string): boolean => (env[name] ?? '') !== '';

/** The notarization way electron-builder will take, and what it would miss. */
function notarizationOf(env: Env): Pick<ReleaseCredentials, 'notarization' | 'problems'> {
  const way = (names: readonly string[], notarization: 'apple-id' | 'api-key') => {
    const missing = names.filter((name) => !given(env, name));
    return missing.length === 0
      ? { notarization, problems: [] }
      : {
          notarization: null,
          problems: [`notarization needs ${names.join(', ')}: ${missing.join(', ')} missing`],
        };
  };
  // electron-builder takes the Apple ID way as soon as either of these two is set.
  if (given(env, 'APPLE_ID') || given(env, 'APPLE_APP_SPECIFIC_PASSWORD'))
    return way(APPLE_ID, 'apple-id');
  if (API_KEY.some((name) => given(env, name))) return way(API_KEY, 'api-key');
  return { notarization: null, problems: [] };
}

/** The signing and notarization the Mac build for `arch` will get from this environment. */
export function releaseCredentials(env: Env, arch: TargetArch): ReleaseCredentials {
  const plan = distPlan(['--mac', `--${arch}`], env, { platform: 'darwin', arch });
  const notarization = notarizationOf(env);
  if (plan.signing === 'release') return { signing: 'developer-id', ...notarization };
  return { signing: 'ad-hoc', notarization: null, problems: notarization.problems };
}

function main(): void {
  const { values } = parseArgs({ options: { arch: { type: 'string' } } });
  if (!values.arch) throw new Error('usage: release-credentials.ts --arch arm64|x64');
  const result = releaseCredentials(process.env, parseArch(values.arch));
  if (result.signing === 'developer-id' && result.problems.length > 0) {
    for (const problem of result.problems) process.stderr.write(`::error::${problem}\n`);
    process.exitCode = 1;
    return;
  }
  for (const problem of result.problems)
    process.stderr.write(`::warning::${problem} (ignored: an ad-hoc build is not notarized)\n`);
  process.stdout.write(
    `signing=${result.signing}\nnotarized=${result.notarization === null ? 'false' : 'true'}\n`,
  );
}

if (import.meta.main) {
  try {
    main();
  } catch (error) {
    process.stderr.write(
      `release-credentials: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
