/**
 * The npm helper's fast entry answers the first requests (`initialize`, and requests no handler
 * exists for, such as Claude Code's `server/discover` probe) before the SDK is even loaded, then
 * replays every byte it read into the SDK, so the SDK's state is exactly what it would have been.
 * The SDK answers those requests again; this drops its answers that are byte-for-byte the ones
 * already sent. The differential tests prove they always are; should a future SDK answer
 * differently, the difference is logged on stderr rather than hidden.
 */
import { serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** One answer written before the SDK ran: the request's id and the exact line sent. */
export type EarlyAnswer = { id: string | number; line: string };

/** The answers written early, in the order they were written; consumed as the SDK repeats them. */
export type AnsweredEarly = EarlyAnswer[];

function responseId(message: JSONRPCMessage): string | number | undefined {
  return 'id' in message && ('result' in message || 'error' in message) ? message.id : undefined;
}

/** Wraps `transport.send` so the SDK's repeats of the early answers are not sent twice. */
export function dropAnsweredEarly(
  transport: Transport,
  pending: AnsweredEarly,
  log: (message: string) => void,
): void {
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    const head = pending[0];
    const id = responseId(message);
    if (head !== undefined && id !== undefined) {
      if (serializeMessage(message) === head.line) {
        pending.shift();
        return Promise.resolve();
      }
      if (id === head.id) {
        pending.shift();
        log(`the early answer to request ${JSON.stringify(id)} differed from the SDK's`);
      }
    }
    return send(message, options);
  };
}
