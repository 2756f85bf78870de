/**
 * Once a crisis is detected, the crisis reply goes out within a deadline whatever happens after: a
 * storage that hangs (a network partition leaves a connection open and silent), a lock held by a stuck
 * turn, or any error in the rest of the turn. The turn carries on in the background and may still save
 * the conversation; only its replies are given up.
 */
import type { Reply } from '../reply.js';

/** A detected crisis is answered within this long, whatever storage does. */
export const CRISIS_DEADLINE_MS = 2_000;

export function withCrisisDeadline(turn: Promise<Reply[]>, crisis: Reply, deadlineMs: number, warn: (event: string, error: string) => void): Promise<Reply[]> {
  return new Promise<Reply[]>((resolve) => {
    const timer = setTimeout(() => {
      warn('crisis-deadline', 'Timeout');
      resolve([crisis]);
    }, deadlineMs);
    timer.unref?.();
    turn.then(
      (replies) => {
        clearTimeout(timer);
        // The crisis reply goes out even if something after detection dropped it.
        resolve(replies.some((r) => r.kind === 'crisis') ? replies : [crisis, ...replies]);
      },
      (err: unknown) => {
        clearTimeout(timer);
        warn('turn-failed-during-crisis', err instanceof Error ? err.name : 'Error');
        resolve([crisis]);
      },
    );
  });
}

/** What `beforeDeadline` gives when the work did not finish in time. */
export const MISSED = Symbol('missed the deadline');

/**
 * The work's result, or MISSED if it takes longer than `ms`. For the edges (a renderer that writes to
 * storage, the SMS ledger) that must not hold up a crisis reply. A rejection is passed on.
 */
export function beforeDeadline<T>(work: Promise<T>, ms: number): Promise<T | typeof MISSED> {
  return new Promise<T | typeof MISSED>((resolve, reject) => {
    const timer = setTimeout(() => resolve(MISSED), ms);
    timer.unref?.();
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
