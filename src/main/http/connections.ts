/**
 * Keeps a flood of connections to the web server from taking the hub's file descriptors: at most
 * `max` connections, of which at most `maxUnproven` have not yet made an authenticated request.
 * A newcomer past that evicts the oldest unproven connection (half-open requests from a local
 * process without a token), so the dashboard, and the bridge socket beside it, keep working.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export type ConnectionLimits = { max: number; maxUnproven: number };

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = { max: 256, maxUnproven: 128 };

export type ConnectionTracker = {
  /** The connection made an authenticated request: it is no longer evicted for newcomers. */
  prove: (socket: Duplex) => void;
  count: () => number;
};

export function trackConnections(
  server: Server,
  limits: ConnectionLimits,
  warn: (message: string) => void,
): ConnectionTracker {
  /** Insertion order is age. */
  const unproven = new Set<Duplex>();
  const proven = new Set<Duplex>();
  let evictions = 0;

  server.on('connection', (socket: Socket) => {
    if (unproven.size >= limits.maxUnproven) {
      const oldest = unproven.values().next().value;
      if (oldest) {
        unproven.delete(oldest);
        oldest.destroy();
        // Once per burst, not once per connection: a flood must not flood the log too.
        if (evictions++ % 100 === 0)
          warn(
            `more than ${limits.maxUnproven} connections without a valid token; closing the oldest (${evictions} so far)`,
          );
      }
    }
    if (unproven.size + proven.size >= limits.max) {
      socket.destroy();
      return;
    }
    unproven.add(socket);
    socket.once('close', () => {
      unproven.delete(socket);
      proven.delete(socket);
    });
  });

  return {
    prove(socket) {
      if (unproven.delete(socket)) proven.add(socket);
    },
    count: () => unproven.size + proven.size,
  };
}
