import { runCli } from './cli';
import { eventually } from './eventually';
import { connectHelper, type HelperClient } from './helper-client';

/** Resolves once the hub lists these sessions as attached (helpers attach in the background). */
export async function waitAttached(home: string, names: readonly string[]): Promise<void> {
  await eventually(async () => {
    const data = JSON.parse((await runCli(['sessions', '--json', '--home', home])).stdout) as {
      attached: Array<{ name: string }>;
    };
    const attached = new Set(data.attached.map((s) => s.name));
    const missing = names.filter((name) => !attached.has(name));
    if (missing.length > 0) throw new Error(`not attached yet: ${missing.join(', ')}`);
  });
}

/** A helper as Claude Code runs it, returned once the hub has it attached. */
export async function attachedHelper(
  home: string,
  session: string,
  into: HelperClient[],
): Promise<HelperClient> {
  const helper = await connectHelper({ home, session });
  into.push(helper);
  await waitAttached(home, [session]);
  return helper;
}

/** Resolves once the hub no longer lists this session as attached (it saw the connection end). */
export async function waitDetached(home: string, name: string): Promise<void> {
  await eventually(async () => {
    const data = JSON.parse((await runCli(['sessions', '--json', '--home', home])).stdout) as {
      attached: Array<{ name: string }>;
    };
    if (data.attached.some((s) => s.name === name)) throw new Error(`still attached: ${name}`);
  });
}
