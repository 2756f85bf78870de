/**
 * Spelling correction against the content's own vocabulary, with bounded work per message.
 *
 * Symmetric-delete lookup (the SymSpell idea): every known word is stored under each string made by
 * deleting up to two of its letters. A typed word's own deletions are looked up in that map, and only the
 * few known words found there are compared with Damerau-Levenshtein. A word therefore costs a few hundred
 * map lookups and a handful of comparisons, whatever the size of the vocabulary, instead of a comparison
 * with every known word of a similar length.
 *
 * Written here rather than taken from a package: the npm SymSpell ports are unmaintained or pull in
 * dictionaries we do not want, and our needs (a few thousand words, distance 1 or 2) fit in one page.
 */
import { damerauLevenshtein } from './natural.js';

export interface SpellingLimits {
  /** Words shorter than this are never corrected: too risky ("sen" is not "sent"). */
  minLength: number;
  /** Words longer than this are left alone: no real word we know is that long, and deletions grow with length. */
  maxLength: number;
  /** At most this many words of one message are corrected; the rest are left as typed. */
  maxWordsPerMessage: number;
  /** Corrections remembered across messages (most recent kept). */
  cacheSize: number;
}

export const DEFAULT_SPELLING_LIMITS: SpellingLimits = { minLength: 4, maxLength: 16, maxWordsPerMessage: 20, cacheSize: 5000 };

/** Every string made by deleting up to `depth` characters from `word`, including the word itself. */
function deletions(word: string, depth: number, into: Set<string> = new Set()): Set<string> {
  into.add(word);
  if (depth === 0 || word.length <= 1) return into;
  for (let i = 0; i < word.length; i++) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    if (!into.has(shorter)) deletions(shorter, depth - 1, into);
  }
  return into;
}

/** The edit distance allowed for a word of this length. */
function allowed(length: number): number {
  return length >= 8 ? 2 : 1;
}

export class SpellingIndex {
  private readonly counts = new Map<string, number>();
  private readonly byDeletion = new Map<string, string[]>();
  private readonly cache = new Map<string, string>();
  /** Damerau-Levenshtein comparisons made so far: the unit of work, for tests that prove it is bounded. */
  comparisons = 0;

  constructor(
    vocabulary: Map<string, number>,
    readonly limits: SpellingLimits = DEFAULT_SPELLING_LIMITS,
  ) {
    for (const [word, count] of vocabulary) {
      if (word.length > limits.maxLength + 2) continue;
      this.counts.set(word, count);
      for (const key of deletions(word, allowed(word.length))) {
        const list = this.byDeletion.get(key);
        if (list) list.push(word);
        else this.byDeletion.set(key, [word]);
      }
    }
  }

  has(word: string): boolean {
    return this.counts.has(word);
  }

  /** The nearest known word, the most used one on a tie, or the word itself when none is close enough. */
  correct(word: string): string {
    if (word.length < this.limits.minLength || word.length > this.limits.maxLength || this.counts.has(word) || /\d/.test(word)) return word;
    const cached = this.cache.get(word);
    if (cached !== undefined) {
      // Refresh its place, so the cache keeps what is used most recently.
      this.cache.delete(word);
      this.cache.set(word, cached);
      return cached;
    }
    const limit = allowed(word.length);
    let best = word;
    let bestDistance = limit + 1;
    let bestCount = 0;
    const seen = new Set<string>();
    for (const key of deletions(word, limit)) {
      for (const candidate of this.byDeletion.get(key) ?? []) {
        if (seen.has(candidate) || Math.abs(candidate.length - word.length) > limit) continue;
        seen.add(candidate);
        this.comparisons++;
        const d = damerauLevenshtein(word, candidate);
        const count = this.counts.get(candidate) ?? 0;
        if (d < bestDistance || (d === bestDistance && count > bestCount)) {
          best = candidate;
          bestDistance = d;
          bestCount = count;
        }
      }
    }
    const result = bestDistance <= limit ? best : word;
    this.cache.set(word, result);
    if (this.cache.size > this.limits.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    return result;
  }

  /** Corrects the words of one message, at most `maxWordsPerMessage` unknown ones; the rest stay as typed. */
  correctAll(words: string[]): string[] {
    let budget = this.limits.maxWordsPerMessage;
    return words.map((w) => {
      if (this.counts.has(w) || w.length < this.limits.minLength) return w;
      if (budget <= 0) return w;
      budget--;
      return this.correct(w);
    });
  }
}
