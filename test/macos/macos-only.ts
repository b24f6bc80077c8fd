/**
 * The tests in test/macos run the real macOS parts (Keychain, osascript, codesign) and so only on
 * a Mac. Elsewhere they skip and say why; where SWITCHBOARD_REQUIRE_MACOS_TESTS=1 (the macOS job
 * in .github/workflows/ci.yml) a skip is a failure instead, so CI cannot pass them silently.
 */
export function macosOnly(what: string, missing?: () => string | undefined): string | undefined {
  const reason =
    process.platform === 'darwin' ? missing?.() : `this is ${process.platform}, not macOS`;
  if (reason === undefined) return undefined;
  if (process.env['SWITCHBOARD_REQUIRE_MACOS_TESTS'] === '1')
    throw new Error(`the macOS tests must run here, but: ${reason}`);
  console.warn(`skipping macOS tests (${what}): ${reason}`);
  return reason;
}
