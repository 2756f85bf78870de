/**
 * The activity ids a conversation has already taken, kept in its stored record, so a message that a
 * channel delivers twice (a retry after a slow answer, or the same post reaching two instances) moves
 * the conversation once. Because the list is saved with the state under the same eTag, "applied" and
 * "marked as seen" happen together or not at all, on every instance.
 *
 * Ids are kept as a short hash (they are not personal, but can be long), for an hour, and
 * no more than the last 32: channels retry within seconds.
 */
import { createHash } from 'node:crypto';

export interface SeenActivity {
  /** First 16 hex characters of the id's sha256. */
  id: string;
  /** When it was taken, epoch milliseconds. */
  at: number;
}

export const SEEN_TTL_MS = 3_600_000;
export const SEEN_MAX = 32;

function digest(activityId: string): string {
  return createHash('sha256').update(activityId, 'utf8').digest('hex').slice(0, 16);
}

export function wasSeen(seen: readonly SeenActivity[] | undefined, activityId: string | undefined, now: number): boolean {
  if (!activityId || !seen?.length) return false;
  const id = digest(activityId);
  return seen.some((s) => s.id === id && now - s.at < SEEN_TTL_MS);
}

/** The list with this activity added and anything old or beyond the newest SEEN_MAX dropped. */
export function remember(seen: readonly SeenActivity[] | undefined, activityId: string | undefined, now: number): SeenActivity[] {
  const kept = (seen ?? []).filter((s) => now - s.at < SEEN_TTL_MS);
  if (activityId) kept.push({ id: digest(activityId), at: now });
  return kept.slice(-SEEN_MAX);
}
