/**
 * Calls the UI contract over the dashboard's HTTP API (`POST /api/ui/<method>`) as the local owner
 * — much cheaper than a CLI process per step on a loaded machine.
 */
import type { UiMethod, UiResults } from '../../src/shared/ui-api';
import { eventually } from './eventually';

export async function uiCall<K extends UiMethod>(
  hub: { origin: string; token: string },
  method: K,
  ...args: unknown[]
): Promise<UiResults[K]> {
  const res = await fetch(`${hub.origin}/api/ui/${method}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${hub.token}`,
      origin: hub.origin,
      'content-type': 'application/json',
    },
    body: JSON.stringify(args),
  });
  const body = (await res.json()) as UiResults[K] | { error: string };
  if (!res.ok) throw new Error((body as { error: string }).error);
  return body as UiResults[K];
}

/** Resolves once the hub lists these sessions as attached. */
export async function waitAttachedUi(
  hub: { origin: string; token: string },
  names: readonly string[],
): Promise<void> {
  await eventually(async () => {
    const attached = new Set((await uiCall(hub, 'getState')).sessions.map((s) => s.name));
    const missing = names.filter((name) => !attached.has(name));
    if (missing.length > 0) throw new Error(`not attached yet: ${missing.join(', ')}`);
  });
}
