/**
 * Takes turns between bulk intake and everything else on the event loop. Adapters hand over
 * batches (Telegram's getUpdates returns up to 100 updates, Discord's catch-up a page of history,
 * a burst of web chat posts arrives together); storing them back to back in microtasks would hold
 * off the bridge socket's reads, so helpers' acknowledgements would be recorded only after the
 * whole batch — and a session that died meanwhile would look as if it had received less than it
 * had. Each intake step waits for its own turn: at most one per event-loop iteration, so I/O
 * (acknowledgements included) is read between any two stored messages.
 */
export class IntakeTurns {
  readonly #waiting: Array<() => void> = [];
  #scheduled = false;

  /** Resolves in a later event-loop iteration, after every turn asked for before it. */
  next(): Promise<void> {
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // setImmediate runs after the poll phase; one scheduled from inside the check phase waits for
    // the next iteration, so sockets are polled between two turns.
    setImmediate(() => {
      this.#scheduled = false;
      this.#waiting.shift()?.();
      if (this.#waiting.length > 0) this.#schedule();
    });
  }
}
