/**
 * What the startup snapshot runs before it is taken: one throwaway session with the helper's own
 * server over in-memory streams — initialize, tools/list, tool calls (valid, invalid, unknown), a
 * ping, a permission prompt and a channel delivery — so the functions on those paths are compiled
 * and zod has generated its parsers for their schemas when the heap is saved. The bridge frames'
 * schemas are exercised too. Nothing here touches stdin, stdout, the environment or the hub.
 */
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { BRIDGE_VERSION, toHelperFrame } from '../../shared/bridge-protocol';
import { CHANNEL_NOTIFICATION, PERMISSION_REQUEST_NOTIFICATION } from '../../shared/channel';
import { openInMemorySession } from '../in-memory-session';
import { offlineBridge } from '../offline-bridge';
import { createServer } from '../server';

const rpc = (id: number | undefined, method: string, params?: object): string =>
  JSON.stringify({ jsonrpc: '2.0', ...(id === undefined ? {} : { id }), method, params });

/** A nonce or proof in shape (64 hex digits). */
const HEX = '0'.repeat(64);
/** The hub's frames (protocol 2); whether each parses does not matter, only that zod ran. */
const SAMPLE_FRAMES: unknown[] = [
  { type: 'challenge', v: BRIDGE_VERSION, nonce: HEX },
  { type: 'welcome', v: BRIDGE_VERSION, proof: HEX, sessionId: 'warm-up', name: 'warm-up' },
  { type: 'deliver', deliveryId: 'warm-up', content: 'warm-up', meta: { chat_id: 'web:main' } },
  { type: 'verdict', request_id: 'abcde', behavior: 'allow' },
  { type: 'result', id: '1', ok: true, text: 'sent' },
  { type: 'ping' },
  { type: 'unknown' },
];

export async function warmUp(): Promise<void> {
  const bridge = offlineBridge();
  const { server } = createServer(bridge);
  const session = await openInMemorySession(server);
  await session.exchange(
    [
      rpc(0, 'initialize', {
        protocolVersion: LATEST_PROTOCOL_VERSION,
        capabilities: { roots: { listChanged: true }, elicitation: { form: {}, url: {} } },
        clientInfo: { name: 'warm-up', version: '0' },
      }),
    ],
    1,
  );
  await session.exchange([rpc(undefined, 'notifications/initialized'), rpc(1, 'tools/list')], 1);
  await session.exchange(
    [rpc(2, 'tools/call', { name: 'reply', arguments: { chat_id: 'web:main', text: 'x' } })],
    1,
  );
  await session.exchange([rpc(3, 'tools/call', { name: 'reply', arguments: {} })], 1);
  await session.exchange([rpc(4, 'tools/call', { name: 'nope', arguments: {} })], 1);
  await session.exchange([rpc(5, 'ping'), rpc(6, 'server/discover')], 2);
  const prompt = { request_id: 'abcde', tool_name: 'Bash', description: 'x', input_preview: 'x' };
  await session.exchange(
    [rpc(undefined, PERMISSION_REQUEST_NOTIFICATION, prompt), rpc(7, 'ping')],
    1,
  );
  const delivered = bridge
    .handlers()
    ?.onDeliver({ type: 'deliver', deliveryId: 'w', content: 'x', meta: { chat_id: 'web:main' } });
  const [notification] = await session.exchange([], 1);
  await delivered;
  if (!notification?.includes(CHANNEL_NOTIFICATION))
    throw new Error(`the warm-up delivery was not emitted: ${String(notification)}`);
  await session.close();
  for (const frame of SAMPLE_FRAMES) toHelperFrame.safeParse(frame);
}
