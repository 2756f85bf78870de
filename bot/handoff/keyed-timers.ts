/**
 * One timer per conversation key, for handoffs waiting in the queue. Written here because it is a Map of
 * setTimeout handles: the deadlines themselves are kept in storage and re-armed at start.
 */
export class KeyedTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  /** Calls `fire` after `delayMs`, in place of any timer the key had. Unref'd: it never holds the process open. */
  arm(key: string, delayMs: number, fire: () => void): void {
    this.disarm(key);
    const timer = setTimeout(
      () => {
        this.timers.delete(key);
        fire();
      },
      // Node fires at once on anything above a signed 32-bit number of milliseconds.
      Math.min(delayMs, 2 ** 31 - 1),
    );
    timer.unref();
    this.timers.set(key, timer);
  }

  disarm(key: string): void {
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }

  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
