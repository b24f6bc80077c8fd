/**
 * Writes the hub's deliveries to Claude Code one at a time. An event is acknowledged to the hub
 * only after stdout has handed it to the pipe (the write callback of a barrier write), and the next
 * one is written only then, so at most one event sits between this process and the pipe. A
 * delivery this helper already wrote in its lifetime (the hub sends it again after a reconnect or a
 * hub restart) is acknowledged without being shown to Claude twice.
 */
import type { DeliverFrame } from '../shared/bridge-protocol';

/** Delivery ids remembered for de-duplication (a few hours of heavy chat). */
const SEEN_CAP = 10_000;

export type DeliveryWriterOptions = {
  /** Emits the channel notification (resolves once the MCP transport took it). */
  emit: (frame: DeliverFrame) => Promise<void>;
  /** Resolves once everything written to stdout so far is in the pipe; rejects if stdout broke. */
  drained: () => Promise<void>;
  /** Sends `delivered` to the hub; false while disconnected. */
  acknowledge: (deliveryId: string) => boolean;
  log: (message: string) => void;
};

export type DeliveryWriter = {
  push: (frame: DeliverFrame) => void;
  /** The hub connection dropped: queued frames will be sent again by the hub; forget them. */
  disconnected: () => void;
  /** Stops taking frames and resolves once the event being written (if any) is acknowledged. */
  stop: () => Promise<void>;
};

export function createDeliveryWriter(options: DeliveryWriterOptions): DeliveryWriter {
  const queue: DeliverFrame[] = [];
  const seen = new Set<string>();
  let busy = false;
  let idle: Promise<void> = Promise.resolve();
  let stopped = false;

  async function writeOne(frame: DeliverFrame): Promise<void> {
    if (!seen.has(frame.deliveryId)) {
      try {
        await options.emit(frame);
        await options.drained();
      } catch (error) {
        // Not acknowledged: the hub keeps it and sends it again (to this or another session).
        options.log(`delivery ${frame.deliveryId} not written: ${String(error)}`);
        return;
      }
      seen.add(frame.deliveryId);
      if (seen.size > SEEN_CAP) {
        const oldest = seen.values().next().value;
        if (oldest !== undefined) seen.delete(oldest);
      }
    } else {
      options.log(`delivery ${frame.deliveryId} was already written; acknowledging only`);
    }
    options.acknowledge(frame.deliveryId);
  }

  function kick(): void {
    if (busy) return;
    busy = true;
    idle = (async () => {
      try {
        for (let frame = queue.shift(); frame; frame = queue.shift()) await writeOne(frame);
      } finally {
        busy = false;
      }
    })();
  }

  return {
    push(frame) {
      if (stopped) return;
      queue.push(frame);
      kick();
    },
    disconnected() {
      queue.length = 0;
    },
    async stop() {
      stopped = true;
      queue.length = 0;
      await idle;
    },
  };
}

/** A barrier on a stream: resolves when everything written before it has been flushed. */
export function drainedOf(stream: NodeJS.WritableStream): () => Promise<void> {
  return () =>
    new Promise((resolve, reject) => {
      stream.write('', (error) => (error ? reject(error) : resolve()));
    });
}
