import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createDeliveryWriter, drainedOf } from '../../../src/mcp/delivery-writer';
import type { DeliverFrame } from '../../../src/shared/bridge-protocol';

const frame = (id: number): DeliverFrame => ({
  type: 'deliver',
  deliveryId: String(id),
  content: `message ${id}`,
  meta: { message_id: `m${id}` },
});

/** A stdout whose drains the test releases one by one. */
function harness(options: { connected?: () => boolean } = {}) {
  const log: string[] = [];
  const drains: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  const writer = createDeliveryWriter({
    emit: (f) => {
      log.push(`emit ${f.deliveryId}`);
      return Promise.resolve();
    },
    drained: () =>
      new Promise<void>((resolve, reject) => {
        log.push('wait drain');
        drains.push({ resolve, reject });
      }),
    acknowledge: (id) => {
      log.push(`ack ${id}`);
      return options.connected?.() ?? true;
    },
    log: () => undefined,
  });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { writer, log, drains, settle };
}

describe('delivery writer', () => {
  it('writes the next event only after stdout drained, and acknowledges each after its drain', async () => {
    const { writer, log, drains, settle } = harness();
    writer.push(frame(1));
    writer.push(frame(2));
    await settle();
    expect(log).toEqual(['emit 1', 'wait drain']);
    drains.shift()?.resolve();
    await settle();
    expect(log).toEqual(['emit 1', 'wait drain', 'ack 1', 'emit 2', 'wait drain']);
    drains.shift()?.resolve();
    await settle();
    expect(log.at(-1)).toBe('ack 2');
  });

  it('acknowledges a delivery it already wrote without writing it again', async () => {
    const { writer, log, drains, settle } = harness();
    writer.push(frame(7));
    await settle();
    drains.shift()?.resolve();
    await settle();
    writer.push({ ...frame(7), meta: { message_id: 'm7', redelivered: 'true' } });
    await settle();
    expect(log).toEqual(['emit 7', 'wait drain', 'ack 7', 'ack 7']);
  });

  it('does not acknowledge an event stdout failed to take, and writes it when it comes again', async () => {
    const { writer, log, drains, settle } = harness();
    writer.push(frame(3));
    await settle();
    drains.shift()?.reject(new Error('EPIPE'));
    await settle();
    expect(log).toEqual(['emit 3', 'wait drain']);
    writer.push(frame(3));
    await settle();
    expect(log.slice(2)).toEqual(['emit 3', 'wait drain']);
  });

  it('forgets queued deliveries when the hub connection drops, finishing the one being written', async () => {
    const { writer, log, drains, settle } = harness();
    writer.push(frame(1));
    writer.push(frame(2));
    await settle();
    writer.disconnected();
    drains.shift()?.resolve();
    await settle();
    expect(log).toEqual(['emit 1', 'wait drain', 'ack 1']);
  });

  it('stops taking deliveries and resolves once the event being written is acknowledged', async () => {
    const { writer, log, drains, settle } = harness();
    writer.push(frame(1));
    writer.push(frame(2));
    await settle();
    let stopped = false;
    const stopping = writer.stop().then(() => (stopped = true));
    writer.push(frame(3));
    await settle();
    expect(stopped).toBe(false);
    drains.shift()?.resolve();
    await stopping;
    expect(log).toEqual(['emit 1', 'wait drain', 'ack 1']);
  });
});

describe('drainedOf', () => {
  it('resolves only after everything written before it was flushed', async () => {
    const flushed: string[] = [];
    const pending: Array<() => void> = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        pending.push(() => {
          flushed.push(chunk.toString());
          callback();
        });
      },
    });
    stream.write('first\n');
    let drained = false;
    const barrier = drainedOf(stream)().then(() => (drained = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    while (pending.length > 0) {
      pending.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await barrier;
    expect(flushed[0]).toBe('first\n');
  });

  it('rejects when the stream fails', async () => {
    const stream = new Writable({
      write(_chunk, _encoding, callback) {
        callback(new Error('EPIPE'));
      },
    });
    stream.on('error', () => undefined);
    await expect(drainedOf(stream)()).rejects.toThrow('EPIPE');
  });
});
