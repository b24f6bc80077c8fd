/**
 * Discord intake, one ordered lane per channel. The gateway does not replay what was said while it
 * was away, so each lane keeps a mark — the newest message id the hub has handled in that channel,
 * persisted — and catches up over REST from it, page after page, until caught up. The mark only
 * moves after the hub has a message, and within a lane everything is serial: while a lane has a
 * gap to fill (after a disconnect, a hub restart or a failed message) live messages are held
 * behind its catch-up, never handled ahead of it, so the mark can never jump past a message that
 * was not stored.
 */

/** What the intake needs of a platform message. */
export type LaneMessage = { id: string; channelId: string };

/** What the lanes need from the adapter: marks in kv, REST history, and the hub. */
export type DiscordIntakeDeps<M extends LaneMessage> = {
  /** Persisted marks, channel id → newest handled message id. */
  marks: () => ReadonlyMap<string, string>;
  saveMark: (channelId: string, messageId: string) => void;
  /** Up to `limit` messages after `after`, oldest first. */
  fetchAfter: (channelId: string, after: string, limit: number) => Promise<M[]>;
  /** Hands one message to the hub; resolves once handled (stored or deliberately not). */
  handle: (message: M) => Promise<void>;
  /** Where a lane without a mark starts catching up (DMs: the newest mark anywhere), if at all. */
  startMark: (message: M) => string | undefined;
  /** Errors after which catching up a channel cannot work (unknown channel, no access). */
  isPermanent: (error: unknown) => boolean;
  log: (message: string) => void;
  pageSize?: number;
  retryMs?: (attempt: number) => number;
};

type Lane<M> = {
  mark: string | undefined;
  /** A gap to fill before live messages may be handled. */
  gap: boolean;
  held: M[];
  chain: Promise<void>;
  failures: number;
  retry: NodeJS.Timeout | undefined;
};

const later = (a: string, b: string): boolean => BigInt(a) > BigInt(b);

/** The lanes of one Discord connection: `live` for gateway messages, `disconnected`/`connected` around gaps. */
export class DiscordIntake<M extends LaneMessage> {
  readonly #deps: DiscordIntakeDeps<M>;
  readonly #lanes = new Map<string, Lane<M>>();
  #stopped = false;

  constructor(deps: DiscordIntakeDeps<M>) {
    this.#deps = deps;
    // The hub was not listening before this start: every known channel has a gap.
    for (const [channelId, mark] of deps.marks()) this.#lane(channelId, mark).gap = true;
  }

  /** A message from the gateway. */
  live(message: M): void {
    let lane = this.#lanes.get(message.channelId);
    if (!lane) {
      const start = this.#deps.startMark(message);
      lane = this.#lane(message.channelId, start);
      if (start !== undefined) {
        lane.gap = true;
        lane.held.push(message);
        this.#enqueue(message.channelId, lane);
        return;
      }
    }
    if (lane.gap) {
      lane.held.push(message);
      return;
    }
    const current = lane;
    current.chain = current.chain.then(() => this.#takeLive(current, message));
  }

  /** The gateway connection was lost: nothing live is handled until each lane caught up. */
  disconnected(): void {
    for (const lane of this.#lanes.values()) lane.gap = true;
  }

  /** (Re)connected: catch up every lane with a gap. */
  connected(): void {
    for (const [channelId, lane] of this.#lanes) if (lane.gap) this.#enqueue(channelId, lane);
  }

  stop(): void {
    this.#stopped = true;
    for (const lane of this.#lanes.values()) clearTimeout(lane.retry);
  }

  /** Resolves when every lane has done what is queued (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.#lanes.values()].map((lane) => lane.chain));
  }

  /** Read through a call: stop() may run while a page is awaited. */
  #isStopped(): boolean {
    return this.#stopped;
  }

  #lane(channelId: string, mark: string | undefined): Lane<M> {
    const lane: Lane<M> = {
      mark,
      gap: false,
      held: [],
      chain: Promise.resolve(),
      failures: 0,
      retry: undefined,
    };
    this.#lanes.set(channelId, lane);
    return lane;
  }

  async #takeLive(lane: Lane<M>, message: M): Promise<void> {
    // A failure earlier in this lane opened a gap: hold the message for the catch-up.
    if (lane.gap) return void lane.held.push(message);
    try {
      await this.#take(message.channelId, lane, message);
    } catch (error) {
      lane.held.push(message);
      this.#failed(message.channelId, lane, error);
    }
  }

  async #take(channelId: string, lane: Lane<M>, message: M): Promise<void> {
    if (lane.mark !== undefined && !later(message.id, lane.mark)) return;
    await this.#deps.handle(message);
    lane.mark = message.id;
    try {
      this.#deps.saveMark(channelId, message.id);
    } catch (error) {
      // Stored already; a stale saved mark only repeats it after a restart (dropped as duplicate).
      this.#deps.log(`could not save the catch-up mark of ${channelId}: ${String(error)}`);
    }
  }

  #enqueue(channelId: string, lane: Lane<M>): void {
    clearTimeout(lane.retry);
    lane.retry = undefined;
    lane.chain = lane.chain.then(() => this.#catchUp(channelId, lane));
  }

  /** Pages from the mark until a short page, then what was held; only then live again. */
  async #catchUp(channelId: string, lane: Lane<M>): Promise<void> {
    if (!lane.gap || this.#stopped) return;
    const size = this.#deps.pageSize ?? 100;
    let count = 0;
    try {
      if (lane.mark !== undefined) {
        for (;;) {
          const page = await this.#deps.fetchAfter(channelId, lane.mark, size);
          for (const message of page) await this.#take(channelId, lane, message);
          count += page.length;
          if (page.length < size || this.#isStopped()) break;
        }
      }
    } catch (error) {
      if (!this.#deps.isPermanent(error)) return this.#failed(channelId, lane, error);
      this.#deps.log(`cannot catch up ${channelId} (${String(error)}); taking live messages only`);
    }
    try {
      // Held messages were said during the catch-up; the inbox drops any it already has.
      while (lane.held.length > 0) {
        lane.held.sort((a, b) => (later(a.id, b.id) ? 1 : -1));
        const next = lane.held[0];
        if (next) await this.#take(channelId, lane, next);
        lane.held.shift();
      }
    } catch (error) {
      return this.#failed(channelId, lane, error);
    }
    lane.gap = false;
    lane.failures = 0;
    if (count > 0) this.#deps.log(`caught up ${count} message(s) in ${channelId}`);
  }

  /** A message could not be handed over: keep the gap open and try the catch-up again later. */
  #failed(channelId: string, lane: Lane<M>, error: unknown): void {
    lane.gap = true;
    if (this.#stopped) return;
    lane.failures += 1;
    const wait = (this.#deps.retryMs ?? defaultRetry)(lane.failures);
    this.#deps.log(
      `${channelId}: a message could not be stored (${String(error)}); catching up again in ${Math.round(wait / 1000)} s`,
    );
    lane.retry = setTimeout(() => this.#enqueue(channelId, lane), wait);
    lane.retry.unref();
  }
}

function defaultRetry(attempt: number): number {
  return Math.min(2_000 * 2 ** (attempt - 1), 60_000);
}
