/**
 * Runs a turn again from freshly read state when its save lost an eTag race, a bounded number of times.
 * The per-process turn lock keeps one instance's turns for a conversation in order; this is what keeps
 * two instances on one store from losing a turn: the loser re-reads the winner's state and applies its
 * message on top, instead of apologising.
 */
export interface RetryOptions {
  /** Runs in all, the first included. */
  attempts: number;
  /** Told before each re-run, with the number of the run about to start (2, 3, ...). */
  onRetry?: (attempt: number) => void;
  /** Pause before a re-run; a little random spread stops two instances colliding again in step. */
  pauseMs?: (attempt: number) => number;
}

/** Every store in this project, and botbuilder's MemoryStorage, says "eTag conflict" when a write loses. */
export function isETagConflict(err: unknown): boolean {
  const e = err as { name?: unknown; message?: unknown } | null;
  return e?.name === 'ETagConflictError' || (typeof e?.message === 'string' && /eTag conflict/i.test(e.message));
}

const defaultPause = (attempt: number): number => Math.floor(Math.random() * 10 * attempt);

export async function retryOnConflict<T>(run: () => Promise<T>, options: RetryOptions): Promise<T> {
  const pause = options.pauseMs ?? defaultPause;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (err) {
      if (!isETagConflict(err) || attempt >= options.attempts) throw err;
      options.onRetry?.(attempt + 1);
      const ms = pause(attempt);
      if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
    }
  }
}
