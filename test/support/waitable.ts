/** A list that tests can await items from: `await events.next()` or `await events.waitFor(pred)`. */
export class Waitable<T> {
  readonly items: T[] = [];
  #cursor = 0;
  #waiters: Array<() => void> = [];

  push(item: T): void {
    this.items.push(item);
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** The next item not yet taken by next(). */
  async next(timeoutMs = 5_000): Promise<T> {
    await this.#until(() => this.#cursor < this.items.length, timeoutMs, 'next item');
    return this.items[this.#cursor++] as T;
  }

  /** The first item (taken or not) matching the predicate. */
  async waitFor(predicate: (item: T) => boolean, timeoutMs = 5_000): Promise<T> {
    await this.#until(() => this.items.some(predicate), timeoutMs, 'matching item');
    return this.items.find(predicate) as T;
  }

  /** Resolves once at least `count` items arrived. */
  async count(count: number, timeoutMs = 10_000): Promise<T[]> {
    await this.#until(
      () => this.items.length >= count,
      timeoutMs,
      `${count} items (have ${this.items.length})`,
    );
    return this.items;
  }

  async #until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
