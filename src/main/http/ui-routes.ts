/**
 * The dashboard's host of the UI contract: `POST /api/ui/<method>` with the argument tuple as a
 * JSON array, parsed with the method's schema, answered with its result or `{ error }`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { uiMethods, type UiMethod } from '../../shared/ui-api';
import { UiError, type UiHost } from '../ui/ui-host';
import { HttpError, readJson, sendJson } from './respond';

export async function handleUiCall(
  host: UiHost,
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!Object.hasOwn(uiMethods, method)) throw new HttpError(404, `no UI method ${method}`);
  const name = method as UiMethod;
  const parsed = uiMethods[name].safeParse(await readJson(req, 256 * 1024));
  if (!parsed.success)
    throw new HttpError(
      400,
      parsed.error.issues.map((i) => `${i.path.join('.') || 'args'}: ${i.message}`).join('; '),
    );
  try {
    // The tuple was parsed with this method's own schema, so the spread matches its signature.
    const call = host[name] as (...args: unknown[]) => Promise<unknown>;
    sendJson(res, 200, await call(...(parsed.data as unknown[])));
  } catch (error) {
    if (error instanceof UiError) throw new HttpError(409, error.message);
    throw error;
  }
}
