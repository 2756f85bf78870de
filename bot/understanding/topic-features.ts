/**
 * Topic-level ranking signals that sit beside the per-word ones in qa.ts (see docs/understanding.md):
 *
 * - a whole-record search read the way a plain search engine reads it (MiniSearch with fuzzy and prefix
 *   matching, title and synonyms boosted x2, words not stemmed). It forgives misspellings and word forms
 *   our stemmed signals do not ("diagnosed" and "diagnosis", "transprt"), and it was right on many
 *   questions where the stemmed signals were not (npm run bench:ranking -- --misses);
 * - reciprocal-rank fusion of the separate rankings (Cormack, Clarke and Büttcher, 2009): a topic that
 *   several signals place near the top beats one that a single signal scores highly. Scores from
 *   different engines are on different scales; ranks are not.
 */
import MiniSearch, { type AsPlainObject } from 'minisearch';
import { CachedBm25 } from './term-scores.js';

interface RecordDoc {
  id: string;
  title: string;
  synonyms: string;
  text: string;
}

const FIELDS = ['title', 'synonyms', 'text'];
const BOOST = { title: 2, synonyms: 2 };
const EXPAND = { fuzzy: 0.2, prefix: true } as const;
/** MiniSearch's own default: lower-case, nothing else. */
const lowerCase = (term: string) => term.toLowerCase();

/** The rank fusion's constant: larger flattens the difference between first and tenth. */
export const FUSION_K = 10;

/**
 * Every topic as one record, searched as a plain search engine would (the baseline's settings). Fuzzy and
 * prefix matching walk the whole vocabulary for each word, so each word's scores are kept (term-scores.ts):
 * a question then costs what the other lexical signals cost, with the same figures as a whole search.
 */
export class RecordSearch {
  private readonly scored: CachedBm25;

  private constructor(
    private readonly engine: MiniSearch<RecordDoc>,
    ids: string[],
  ) {
    this.scored = new CachedBm25(engine, lowerCase, BOOST, new Map(ids.map((id, i) => [id, i])), ids.length, EXPAND);
  }

  static build(records: RecordDoc[]): RecordSearch {
    const engine = new MiniSearch<RecordDoc>({ fields: FIELDS });
    engine.addAll(records);
    return new RecordSearch(
      engine,
      records.map((r) => r.id),
    );
  }

  /** From toJSON() of an index built over the same records, in the same order. Throws if it cannot be read. */
  static restore(json: AsPlainObject, ids: string[]): RecordSearch {
    return new RecordSearch(MiniSearch.loadJS<RecordDoc>(json, { fields: FIELDS }), ids);
  }

  toJSON(): AsPlainObject {
    return this.engine.toJSON();
  }

  /** Each topic's score for the words, by its place in the records; 0 where nothing matched. */
  scores(query: string): Float64Array {
    return this.scored.scores(query);
  }

  /** What MiniSearch itself gives for the whole query, for the test that holds scores() to it. */
  searchWhole(query: string): { id: string; score: number }[] {
    return this.engine.search(query, { boost: BOOST, ...EXPAND }).map((h) => ({ id: String(h.id), score: h.score }));
  }
}

/**
 * Each item's place when ordered by score, best first (0 is the top); ties share the better place, and
 * items scoring 0 share the last place, so a signal that knows nothing about them says nothing.
 */
export function ranks(scores: ArrayLike<number>): Int32Array {
  const n = scores.length;
  const out = new Int32Array(n);
  // An item's place is how many items score more than it. The scores are sorted as numbers (a typed
  // array's own sort, no comparator calls), and each item's place found by halving; a NaN, which orders
  // nothing, takes the sort by comparison below.
  const sorted = Float64Array.from(scores).sort();
  if (n > 0 && Number.isNaN(sorted[n - 1]!)) return ranksByComparison(scores);
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    if (!(s > 0)) {
      out[i] = n;
      continue;
    }
    // The first index in ascending order whose score is above s: everything from there on scores more.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! > s) hi = mid;
      else lo = mid + 1;
    }
    out[i] = n - lo;
  }
  return out;
}

/** The same places by sorting the items with a comparator: the reference ranks() must agree with (and its path for NaN). */
export function ranksByComparison(scores: ArrayLike<number>): Int32Array {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const out = new Int32Array(n);
  let place = 0;
  for (let i = 0; i < n; i++) {
    const s = scores[order[i]!]!;
    if (i > 0 && s !== scores[order[i - 1]!]!) place = i;
    out[order[i]!] = s > 0 ? place : n;
  }
  return out;
}

/** Reciprocal-rank fusion of several rankings, scaled so first in every one scores 1. */
export function fuse(rankings: Int32Array[], size: number): Float64Array {
  const out = new Float64Array(size);
  if (rankings.length === 0) return out;
  const scale = FUSION_K / rankings.length;
  // An item a ranking knows nothing about (placed last, at `size`) gets nothing from it: otherwise a topic
  // with no signal at all would still score, and a message the content does not cover would look close to
  // every topic.
  for (const r of rankings) for (let i = 0; i < size; i++) if (r[i]! < size) out[i]! += scale / (FUSION_K + r[i]!);
  return out;
}

/** The signals whose rankings are fused: words per whole record, per passage, per topic, and meaning. */
const FUSED = ['record', 'plain', 'passage', 'compact', 'meaning'] as const;

/** Sets each topic's `fusion` signal from its places in the FUSED signals' rankings. */
export function fuseRankings(scored: { features: Record<(typeof FUSED)[number] | 'fusion', number> }[]): void {
  const n = scored.length;
  const fused = fuse(
    FUSED.map((f) => ranks(scored.map((t) => t.features[f]))),
    n,
  );
  for (let i = 0; i < n; i++) scored[i]!.features.fusion = fused[i]!;
}

/**
 * The asker's audience and age group lift a topic only when something in the message points to it: they
 * tell close readings apart, and must not make a topic the message says nothing about look like an answer.
 */
export function liftOnlyWithEvidence(scored: { features: Record<(typeof FUSED)[number] | 'phrase' | 'audience' | 'stage', number> }[]): void {
  for (const t of scored) {
    const f = t.features;
    if (f.phrase > 0 || FUSED.some((k) => f[k] > 0)) continue;
    f.audience = 0;
    f.stage = 0;
  }
}

/**
 * In a message of several sentences, the ones that ask (ending in "?"), or else the last: what is asked,
 * apart from the story around it. Null when that is the whole message.
 */
export function askedPart(text: string): string | null {
  const parts = text
    .split(/(?<=[.?!])\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return null;
  const asking = parts.filter((p) => p.endsWith('?'));
  const chosen = asking.length ? asking : parts.slice(-1);
  return chosen.length === parts.length ? null : chosen.join(' ');
}
