/**
 * The npm helper's second file (`dist/switchboard-mcp-core.cjs`): the SDK, zod and the helper,
 * loaded by the entry once it has answered what it could. It also carries `probeSdkAnswers`,
 * which the build runs against this very file to capture the answers the entry sends early.
 */
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { fillId, toTemplate, type IdTemplate, type SdkAnswers } from './sdk-answers';
import { openInMemorySession, type InMemorySession } from '../in-memory-session';
import { offlineBridge } from '../offline-bridge';
import { createServer } from '../server';

export { startHelper } from '../helper';

/** An id no client would pick, so it can be found (once) in the SDK's answer. */
const SENTINEL = 'switchboard-build-probe-id';
const UNSUPPORTED_VERSION = 'switchboard-probe-unsupported-version';

const initialize = (id: string | number, protocolVersion: string): string =>
  JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'initialize',
    params: {
      protocolVersion,
      capabilities: {},
      clientInfo: { name: 'switchboard-build', version: '0' },
    },
  });

async function answerOf(session: InMemorySession, line: string): Promise<string> {
  const [answer] = await session.exchange([line], 1);
  if (answer === undefined) throw new Error(`the SDK did not answer ${line}`);
  return answer;
}

/** The methods the SDK server has handlers for (a private map, checked to be what we expect). */
function handledMethods(server: { fallbackRequestHandler?: unknown }): string[] {
  const handlers = (server as unknown as { _requestHandlers?: unknown })._requestHandlers;
  if (!(handlers instanceof Map) || server.fallbackRequestHandler !== undefined)
    throw new Error('the SDK no longer keeps request handlers where the build probe looks');
  const methods = [...(handlers as Map<string, unknown>).keys()];
  for (const expected of ['initialize', 'ping', 'tools/list', 'tools/call'])
    if (!methods.includes(expected)) throw new Error(`the probe found no handler for ${expected}`);
  return methods;
}

/**
 * Runs the helper's real server (over in-memory streams, against no hub) and records its answers
 * to `initialize` for every protocol version and to an unknown method. Throws — failing the
 * build — when an answer cannot be reproduced exactly from its template.
 */
export async function probeSdkAnswers(): Promise<SdkAnswers> {
  const { server } = createServer(offlineBridge());
  const session = await openInMemorySession(server);
  try {
    const template = async (line: string): Promise<IdTemplate> =>
      toTemplate(await answerOf(session, line), SENTINEL);
    const byVersion: Array<readonly [string, IdTemplate]> = [];
    for (const version of SUPPORTED_PROTOCOL_VERSIONS)
      byVersion.push([version, await template(initialize(SENTINEL, version))]);
    const initializeOther = await template(initialize(SENTINEL, UNSUPPORTED_VERSION));
    const unknown = (method: string): string =>
      JSON.stringify({ jsonrpc: '2.0', id: SENTINEL, method });
    const methodNotFound = await template(unknown('switchboard/probe-a'));
    const again = await template(unknown('other/probe-b'));
    if (again.join() !== methodNotFound.join())
      throw new Error('the SDK names the method in its "Method not found" answer');
    // The templates must reproduce the SDK's answer for any id, not only the sentinel.
    for (const id of [7, 'x"\\y']) {
      const actual = await answerOf(session, initialize(id, UNSUPPORTED_VERSION));
      if (actual !== fillId(initializeOther, id))
        throw new Error(`the initialize template does not reproduce ${actual}`);
    }
    return {
      initialize: byVersion,
      initializeOther,
      methodNotFound,
      handledMethods: handledMethods(server),
    };
  } finally {
    await session.close();
  }
}
