/**
 * A stand-in for Electron's prebuilt distribution, for running electron-builder where Electron's
 * binary cannot be downloaded: the files it copies, an executable carrying Electron's fuse wire
 * (sentinel, version 1, eight fuses at Electron's defaults) so the fuse step has something real to
 * flip, and for macOS an `Electron.app` skeleton.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's shipped defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on, ASAR integrity off, only-ASAR off, V8 snapshot off, file:// privileges on. */
const DEFAULT_WIRE = '10110001';

function binary(): Buffer {
  return Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron"\nexit 0\n# '),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(DEFAULT_WIRE),
    Buffer.from('\n'),
  ]);
}

export async function makeStandInElectron(
  dir: string,
  version: string,
): Promise<{ linux: string; mac: string }> {
  const linux = `${dir}/linux`;
  await mkdir(`${linux}/resources`, { recursive: true });
  await writeFile(`${linux}/electron`, binary());
  await chmod(`${linux}/electron`, 0o755);
  await writeFile(`${linux}/version`, `v${version}`);
  await writeFile(`${linux}/LICENSE`, 'MIT License (stand-in)');
  await writeFile(`${linux}/LICENSES.chromium.html`, '<html><body>stand-in</body></html>');

  const mac = `${dir}/mac`;
  const app = `${mac}/Electron.app/Contents`;
  await mkdir(`${app}/MacOS`, { recursive: true });
  await mkdir(`${app}/Resources`, { recursive: true });
  await mkdir(`${app}/Frameworks/Electron Framework.framework/Versions/A/Resources`, {
    recursive: true,
  });
  await writeFile(`${app}/MacOS/Electron`, '#!/bin/sh\nexit 0\n');
  await chmod(`${app}/MacOS/Electron`, 0o755);
  await writeFile(`${app}/Frameworks/Electron Framework.framework/Electron Framework`, binary());
  await writeFile(
    `${app}/Info.plist`,
    `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
<key>CFBundleExecutable</key><string>Electron</string>
<key>CFBundleIdentifier</key><string>com.github.Electron</string>
<key>CFBundleName</key><string>Electron</string>
<key>CFBundleDisplayName</key><string>Electron</string>
<key>CFBundlePackageType</key><string>APPL</string>
<key>CFBundleShortVersionString</key><string>${version}</string>
<key>CFBundleVersion</key><string>${version}</string>
<key>CFBundleIconFile</key><string>electron.icns</string>
</dict></plist>
`,
  );
  await writeFile(`${app}/Resources/electron.icns`, '');
  // The helper apps electron-builder renames after the product.
  for (const suffix of ['', ' (GPU)', ' (Renderer)', ' (Plugin)']) {
    const helper = `${app}/Frameworks/Electron Helper${suffix}.app/Contents`;
    await mkdir(`${helper}/MacOS`, { recursive: true });
    await writeFile(`${helper}/MacOS/Electron Helper${suffix}`, '#!/bin/sh\nexit 0\n');
    await chmod(`${helper}/MacOS/Electron Helper${suffix}`, 0o755);
    await writeFile(
      `${helper}/Info.plist`,
      `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
<key>CFBundleExecutable</key><string>Electron Helper${suffix}</string>
<key>CFBundleIdentifier</key><string>com.github.Electron.helper</string>
<key>CFBundleName</key><string>Electron Helper${suffix}</string>
<key>CFBundleDisplayName</key><string>Electron Helper${suffix}</string>
<key>CFBundlePackageType</key><string>APPL</string>
</dict></plist>
`,
    );
  }
  await writeFile(`${mac}/version`, `v${version}`);
  await writeFile(`${mac}/LICENSE`, 'MIT License (stand-in)');
  await writeFile(`${mac}/LICENSES.chromium.html`, '<html><body>stand-in</body></html>');
  return { linux, mac };
}
