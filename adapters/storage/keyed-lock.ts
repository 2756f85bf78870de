/**
 * A per-key async mutex: work for one key runs one at a time, in arrival order; different keys run freely.
 *
 * Written here rather than taken from npm: async-mutex has no keyed map (we would still write this
 * bookkeeping), p-limit limits concurrency overall rather than per key, and async-lock, the one that
 * fits, is callback-first CommonJS with separate typings, domain options we do not want and a default
 * cap of 1000 waiting tasks per key that throws. The whole need is the thirty lines below.
 */
export class KeyedLock {
  /** The promise that settles when the last queued holder of each key has finished. */
  readonly #tails = new Map<string, Promise<void>>();

  async run<T>(key: string, fn: () => Promise<T> | T): Promise<T> {
    const previous = this.#tails.get(key);
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous ? previous.then(() => mine) : mine;
    this.#tails.set(key, tail);
    try {
      if (previous) await previous;
      return await fn();
    } finally {
      release();
      // Only the last holder removes the entry, so an idle key costs no memory.
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }

  /** Settles once everything queued so far has finished, e.g. so shutdown waits for writes in flight. */
  async whenIdle(): Promise<void> {
    await Promise.all(this.#tails.values());
  }

  /** Keys that are held or waited for; zero when everything is idle. */
  get size(): number {
    return this.#tails.size;
  }
}
