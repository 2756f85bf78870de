/**
 * Remembering the results of pure, costly steps of a turn for the messages people send again and again:
 * "1", "menu", "back", "yes", and the common questions ("what is an ehcp"). The same input gives the same
 * result, so a remembered result is exactly what working it out again would give.
 *
 * What people typed is never kept: an entry is found by a SHA-256 digest of its input. The number of
 * entries is bounded, the least recently used going first. Results are frozen, so no turn can change
 * what another turn is given. Written here rather than taken from a cache library because what it must
 * do is small (an LRU over a Map, which keeps insertion order) and its keys must be digests, not text.
 */
import { createHash } from 'node:crypto';

/** JSON for a key: sets as sorted lists, so the same set of topics gives the same key whatever its order. */
function keyJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Set ? [...(v as Set<unknown>)].map(String).sort() : v));
}

export class RememberedResults<V> {
  private readonly entries = new Map<string, V>();
  hits = 0;
  misses = 0;

  constructor(
    private readonly max: number,
    /** Makes a fresh result safe to share between turns (freezes it). */
    private readonly seal: (value: V) => V = (v) => v,
  ) {}

  /** The remembered result for `input` (any JSON-able value, sets allowed), or `work()`'s, remembered. */
  get(input: unknown, work: () => V): V {
    const key = createHash('sha256').update(keyJson(input)).digest('base64');
    const kept = this.entries.get(key);
    if (kept !== undefined) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept;
    }
    this.misses++;
    const value = this.seal(work());
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Freezes a value and every plain object and array inside it, but not class instances (Sets, Maps, typed arrays) or what `keep` says to leave. */
export function deepFreeze<T>(value: T, keep: (v: object) => boolean = () => false): T {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || Object.isFrozen(v) || keep(v)) continue;
    const proto = Object.getPrototypeOf(v) as unknown;
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) continue;
    Object.freeze(v);
    // Walked in place rather than through Object.values, which copies every object's values into a new array.
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) stack.push(v[i]);
    else for (const key in v) stack.push((v as Record<string, unknown>)[key]);
  }
  return value;
}
