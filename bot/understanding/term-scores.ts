/**
 * Search scores per query word, worked out once and kept, so a question costs a few array additions
 * instead of a walk over every posting of every word it uses.
 *
 * A question's words come from a few thousand the content uses, and the same ones ("ehcp", "school",
 * "appeal") come back turn after turn, while the index never changes after start-up. Each word's scores
 * are asked of the search engine itself (MiniSearch's BM25, or natural's TF-IDF) once, and a question's
 * scores are then combined exactly as the engine combines them (summed word by word, in the question's
 * order). Neither library keeps per-word results, so that combination is written here: the figures come
 * out identical, to the last bit, and test/understanding/term-scores.test.ts holds them to it.
 */
import MiniSearch, { type SearchOptions } from 'minisearch';
import { stem, type TfIdfIndex } from './natural.js';
import { STOPWORDS } from './text.js';

/** Words kept at most: more than the content's whole vocabulary, and a bound whatever people type. */
const MAX_KEPT_WORDS = 20_000;

interface Postings {
  slots: Int32Array;
  scores: Float64Array;
}

/** Empty postings, shared: a word nothing in the index uses. */
const NONE: Postings = { slots: new Int32Array(0), scores: new Float64Array(0) };

/** How words are read into and out of the BM25 indexes: lower-case, no apostrophes, no stop words, stemmed. */
export function searchTerm(term: string): string | null {
  const w = term.toLowerCase().replace(/'/g, '');
  return STOPWORDS.has(w) ? null : stem(w);
}

const defaultTokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/**
 * MiniSearch's default OR search with per-field boosts (and fuzzy and prefix matching when asked), word by
 * word: MiniSearch expands and scores each query word on its own before adding them up. `slotOf` numbers the documents
 * (0 to size - 1), so scores come back as an array instead of a map of ids.
 */
/** Words up to this long are expanded by fuzzy and prefix matching; longer ones are matched as they are. */
export const MAX_EXPANDED_LENGTH = 24;

export class CachedBm25 {
  private readonly kept = new Map<string, Postings>();

  constructor(
    private readonly engine: Pick<MiniSearch, 'search'>,
    private readonly processTerm: (term: string) => string | null,
    private readonly boost: Record<string, number>,
    private readonly slotOf: ReadonlyMap<string, number>,
    readonly size: number,
    /** Fuzzy and prefix matching, as MiniSearch's search options: each query word is expanded on its own. */
    private readonly expand: Pick<SearchOptions, 'fuzzy' | 'prefix'> = {},
  ) {}

  /** The engine's own scores for one processed word. */
  private postings(term: string): Postings {
    let found = this.kept.get(term);
    if (found) return found;
    // The word as given: it was processed (lower-cased and stemmed) already, and stemming a stem again can change it.
    // A word longer than any the content uses is looked up as it is: fuzzy matching a 40-letter word walks
    // the vocabulary with 8 edits allowed, tens of milliseconds for a word that can match nothing.
    const expand = term.length <= MAX_EXPANDED_LENGTH ? this.expand : {};
    const options: SearchOptions = { tokenize: (s) => [s], processTerm: (s) => s, boost: this.boost, ...expand };
    const hits = this.engine.search(term, options);
    if (hits.length === 0) found = NONE;
    else {
      found = { slots: new Int32Array(hits.length), scores: new Float64Array(hits.length) };
      hits.forEach((hit, i) => {
        found!.slots[i] = this.slotOf.get(String(hit.id))!;
        // A one-word query: MiniSearch's score is the word's score times 1 (one query word matched).
        found!.scores[i] = hit.score;
      });
    }
    if (this.kept.size >= MAX_KEPT_WORDS) this.kept.clear();
    this.kept.set(term, found);
    return found;
  }

  /**
   * Scores by slot, 0 where nothing matched: what `engine.search(query, { boost })` gives. MiniSearch adds
   * each query word's score in order, then multiplies by how many different query words the document matched.
   */
  scores(query: string): Float64Array {
    const sums = new Float64Array(this.size);
    const terms: string[] = [];
    for (const token of defaultTokenize(query)) {
      const term = this.processTerm(token);
      if (term) terms.push(term);
    }
    if (terms.length === 0) return sums;
    const matched = new Uint16Array(this.size);
    const seen = new Set<string>();
    for (const term of terms) {
      const { slots, scores } = this.postings(term);
      const first = !seen.has(term);
      seen.add(term);
      for (let i = 0; i < slots.length; i++) {
        const s = slots[i]!;
        sums[s]! += scores[i]!;
        if (first) matched[s]!++;
      }
    }
    for (let s = 0; s < this.size; s++) if (matched[s]) sums[s]! *= matched[s]!;
    return sums;
  }
}

/** natural's TfIdf.tfidfs(terms), word by word: each word's tf x idf for every document, summed in order. */
export class CachedTfIdf {
  private readonly kept = new Map<string, Float64Array>();

  constructor(
    private readonly engine: TfIdfIndex,
    readonly size: number,
  ) {}

  private column(term: string): Float64Array {
    let found = this.kept.get(term);
    if (!found) {
      found = Float64Array.from(this.engine.tfidfs([term]));
      if (this.kept.size >= MAX_KEPT_WORDS) this.kept.clear();
      this.kept.set(term, found);
    }
    return found;
  }

  tfidfs(terms: string[]): Float64Array {
    const sums = new Float64Array(this.size);
    for (const term of terms) {
      const column = this.column(term);
      for (let d = 0; d < this.size; d++) sums[d]! += column[d]!;
    }
    return sums;
  }
}
