/**
 * What of the build machine must never appear in a shipped helper: its checkout path, the
 * builder's home, user and host names, and the values of secret-looking environment variables
 * (signing and notarisation credentials are in the environment during `npm run dist`).
 */
import { homedir, hostname, userInfo } from 'node:os';

/** A value to look for, and what to call it in an error (never the value: it may be a secret). */
export type Trace = { label: string; value: string };

const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSPHRASE|API_KEY|PRIVATE|CSC_|APPLE_/i;
/** Shorter values match by chance (`root`, `mac`); they say little about a machine anyway. */
const MIN_TRACE = 6;

export function buildMachineTraces(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Trace[] {
  const traces: Trace[] = [
    { label: 'the working directory', value: process.cwd() },
    { label: 'the home directory', value: homedir() },
    { label: 'the host name', value: hostname() },
    { label: 'the user name', value: `/${userInfo().username}/` },
  ];
  for (const [name, value] of Object.entries(env))
    if (SECRET_NAME.test(name) && value !== undefined)
      traces.push({ label: `the value of ${name}`, value });
  return traces.filter((trace) => trace.value.length >= MIN_TRACE);
}

/** The labels of the traces that occur in `bytes`, as Latin-1/UTF-8 or as UTF-16 (V8 keeps both). */
export function findTraces(bytes: Buffer, traces: readonly Trace[]): string[] {
  return traces
    .filter(
      ({ value }) =>
        bytes.includes(Buffer.from(value, 'utf8')) || bytes.includes(Buffer.from(value, 'utf16le')),
    )
    .map((trace) => trace.label);
}
