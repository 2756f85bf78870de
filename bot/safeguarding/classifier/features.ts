/**
 * Features for the statistical safeguarding layer: word unigrams and bigrams and character 3- and
 * 4-grams of each word, from the same normaliser the rules use (so "kms", "wanna" and "2nite" read as
 * words), hashed into a fixed number of buckets. Hashing keeps the model a fixed, small size and needs
 * no vocabulary file; character n-grams let a misspelling share most of its features with the word.
 */
import { BOUNDARY, normaliseTokens, skeleton } from '../normalise.js';

export const HASH_BITS = 16;
export const BUCKETS = 1 << HASH_BITS;

/** FNV-1a, 32 bits: fast, and good enough to spread feature strings over the buckets. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** fnv(`b:${a} ${b}`), without building the string: a message's bigrams are mostly new, so not worth caching. */
function bigramHash(a: string, b: string): number {
  let h = 0x811c9dc5;
  h = Math.imul(h ^ 0x62, 0x01000193); // 'b'
  h = Math.imul(h ^ 0x3a, 0x01000193); // ':'
  for (let i = 0; i < a.length; i++) h = Math.imul(h ^ a.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 0x20, 0x01000193); // ' '
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The message's words in the form the classifier reads, with BOUNDARY between sentences. */
export function classifierTokens(text: string): string[] {
  return normaliseTokens(text).map((t) => (t === BOUNDARY ? t : skeleton(t)));
}

/**
 * A word's own features (the word and its character n-grams), cached: most words recur, and hashing
 * is most of the cost. The cache is cleared when full, so its memory stays bounded whatever is typed.
 */
const WORD_CACHE = new Map<string, number[]>();
const WORD_CACHE_MAX = 20_000;

function wordFeatures(w: string): number[] {
  let cached = WORD_CACHE.get(w);
  if (cached) return cached;
  cached = [fnv(`w:${w}`) % BUCKETS];
  if (w.length > 3) {
    const padded = `<${w.slice(0, 24)}>`;
    for (let n = 3; n <= 4; n++) for (let j = 0; j + n <= padded.length; j++) cached.push(fnv(`c:${padded.slice(j, j + n)}`) % BUCKETS);
  }
  if (WORD_CACHE.size >= WORD_CACHE_MAX) WORD_CACHE.clear();
  WORD_CACHE.set(w, cached);
  return cached;
}

/**
 * The hashed features of a run of words (no boundaries inside), each once. Every word contributes a
 * fixed number of features at most, so the cost is linear in the number of words.
 */
const taken = new Uint32Array(BUCKETS);
let stamp = 0;

export function featuresOf(words: readonly string[]): Int32Array {
  // Each feature once: a stamp per bucket marks those already taken in this call, which is much faster
  // than a Set on long messages and needs no clearing.
  if (++stamp === 0xffffffff) {
    taken.fill(0);
    stamp = 1;
  }
  const out: number[] = [0]; // a bias feature, always on
  taken[0] = stamp;
  const add = (f: number): void => {
    if (taken[f] !== stamp) {
      taken[f] = stamp;
      out.push(f);
    }
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const own = wordFeatures(w);
    for (let j = 0; j < own.length; j++) add(own[j] as number);
    const next = words[i + 1];
    if (next !== undefined) add(bigramHash(w, next) % BUCKETS);
  }
  return Int32Array.from(out);
}
