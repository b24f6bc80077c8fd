/**
 * Places whose files are never sent to a chat, whoever asks: credential stores, keychains and
 * browser profiles under a user's home, system keychains, and pseudo-filesystems (reading them
 * leaks process memory, environment and devices). Data only, so both the hub (for local
 * sessions) and the helper on a remote machine (for the files it uploads) refuse the same places.
 */

/** Folders and files under a user's home that hold credentials. */
export const NEVER_SENDABLE_IN_HOME: readonly string[] = [
  '.ssh',
  '.aws',
  '.gnupg',
  '.password-store',
  '.kube',
  '.docker',
  '.azure',
  '.netrc',
  '.git-credentials',
  '.pgpass',
  '.npmrc',
  '.claude/.credentials.json',
  '.config/gcloud',
  '.config/gh',
  // Switchboard's own remote credential and helper
  '.switchboard',
  // keychains
  'Library/Keychains',
  '.local/share/keyrings',
  // browser profiles (cookies, saved passwords, sessions)
  'Library/Application Support/Google/Chrome',
  'Library/Application Support/Chromium',
  'Library/Application Support/BraveSoftware',
  'Library/Application Support/Microsoft Edge',
  'Library/Application Support/Arc',
  'Library/Application Support/Vivaldi',
  'Library/Application Support/Firefox',
  'Library/Application Support/com.operasoftware.Opera',
  'Library/Safari',
  'Library/Cookies',
  'Library/Containers/com.apple.Safari',
  '.mozilla',
  '.config/google-chrome',
  '.config/chromium',
  '.config/BraveSoftware',
  '.config/microsoft-edge',
  '.config/vivaldi',
  'snap/firefox',
  'snap/chromium',
  '.var/app/org.mozilla.firefox',
];

/** System-wide keychains (macOS). */
export const NEVER_SENDABLE_SYSTEM: readonly string[] = [
  '/Library/Keychains',
  '/System/Library/Keychains',
];

/** Pseudo-filesystems, by where they are mounted. */
export const PSEUDO_FS_PREFIXES: readonly string[] = ['/proc', '/sys', '/dev'];
