/**
 * Whether this copy of the app can update itself, and if not, why — said to the user, not hidden.
 *
 * On macOS electron-updater hands the downloaded zip to Squirrel.Mac, which installs it only if
 * the new app satisfies the running app's designated requirement (Squirrel/Squirrel.Mac#160). An
 * app signed ad hoc has no certificate to anchor that requirement — it is its own code hash — so
 * no update can ever pass ("code failed to satisfy specified code requirement(s)", seen with every
 * ad-hoc build: electron-userland/electron-builder#2399, daintreehq/daintree#11481). So updates
 * are on only for an app signed with a team's certificate, packaged, with an update feed
 * (app-update.yml, written by electron-builder from `publish:`); the signature is read with
 * `codesign --display`, whose output names `Signature=adhoc` or the `TeamIdentifier`.
 */
import { execFile } from 'node:child_process';

export type Signature =
  | { kind: 'developer-id'; team: string; authority: string }
  | { kind: 'ad-hoc' }
  | { kind: 'unsigned' }
  | { kind: 'other'; detail: string };

/** Reads `codesign --display --verbose=2` output (codesign prints it on stderr). */
export function signatureOf(output: string): Signature {
  if (/code object is not signed at all/.test(output)) return { kind: 'unsigned' };
  if (/^Signature=adhoc\s*$/m.test(output) || /^CodeDirectory .*flags=\S*\badhoc\b/m.test(output))
    return { kind: 'ad-hoc' };
  const team = /^TeamIdentifier=(.+)$/m.exec(output)?.[1]?.trim();
  const authority = /^Authority=(.+)$/m.exec(output)?.[1]?.trim();
  if (team && team !== 'not set' && authority) return { kind: 'developer-id', team, authority };
  return { kind: 'other', detail: output.trim().split('\n').slice(-1)[0] ?? '' };
}

/** The GitHub repository in app-update.yml (`provider: github`, `owner`, `repo`). */
export function feedOf(yml: string): { owner: string; repo: string } | undefined {
  const field = (name: string) =>
    new RegExp(`^${name}:\\s*['"]?([\\w.-]+)['"]?\\s*$`, 'm').exec(yml)?.[1];
  const [provider, owner, repo] = [field('provider'), field('owner'), field('repo')];
  return provider === 'github' && owner && repo ? { owner, repo } : undefined;
}

export type UpdateSupport =
  { enabled: true; releasesUrl: string } | { enabled: false; reason: string; releasesUrl?: string };

export type SupportDeps = {
  platform: NodeJS.Platform;
  packaged: boolean;
  /** The .app bundle. */
  bundle: string;
  /** Resources/app-update.yml. */
  updateConfig: string;
  readFile: (path: string) => Promise<string>;
  /** `codesign --display --verbose=2 BUNDLE`, its output whatever the exit code. */
  codesign: (bundle: string) => Promise<string>;
};

export async function updateSupport(deps: SupportDeps): Promise<UpdateSupport> {
  if (deps.platform !== 'darwin')
    return { enabled: false, reason: 'Automatic updates are for the macOS app.' };
  if (!deps.packaged)
    return {
      enabled: false,
      reason:
        'This is a development build (run from a checkout): update it with git pull and npm run build.',
    };
  const yml = await deps.readFile(deps.updateConfig).catch(() => undefined);
  const feed = yml === undefined ? undefined : feedOf(yml);
  if (!feed)
    return {
      enabled: false,
      reason:
        'This build has no update feed: it was built without a GitHub repository to publish to. Build again from a clone of the repository, or install a release.',
    };
  const releasesUrl = `https://github.com/${feed.owner}/${feed.repo}/releases`;
  const signature = signatureOf(await deps.codesign(deps.bundle).catch((e: unknown) => String(e)));
  switch (signature.kind) {
    case 'developer-id':
      return { enabled: true, releasesUrl };
    case 'ad-hoc':
      return {
        enabled: false,
        releasesUrl,
        reason:
          'This copy is signed ad hoc (built without a Developer ID certificate), so macOS cannot verify that an update comes from the same developer: automatic updates are off. Download new versions from the releases page, or build them yourself.',
      };
    case 'unsigned':
      return {
        enabled: false,
        releasesUrl,
        reason:
          'This copy is not signed, so no update could be verified: automatic updates are off.',
      };
    case 'other':
      return {
        enabled: false,
        releasesUrl,
        reason: `This copy's signature could not be read (${signature.detail}): automatic updates are off.`,
      };
  }
}

/** macOS's own codesign (part of the OS, not only of the developer tools). */
export function systemCodesign(bundle: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      '/usr/bin/codesign',
      ['--display', '--verbose=2', bundle],
      { timeout: 15_000 },
      (error, stdout, stderr) =>
        resolve(`${stdout}${stderr}${error && !stderr ? error.message : ''}`),
    );
  });
}
