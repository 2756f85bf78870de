/**
 * The parts of natural we use, imported one file at a time: natural's top-level entry loads dotenv and
 * database drivers, and fails under jest's ESM loader, and each folder's index loads every stemmer and
 * tokenizer of every language it has (about 50 ms of start-up for nothing). Types: natural-files.d.ts.
 */
import regexpTokenizers from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import levenshtein from 'natural/lib/natural/distance/levenshtein_distance.js';
import TfIdf from 'natural/lib/natural/tfidf/tfidf.js';

/** One document as natural keeps it: each term's count, and its key under "__key". */
export type TfIdfDocument = Record<string, string | number>;

export interface TfIdfIndex {
  readonly documents: TfIdfDocument[];
  addDocument(doc: string[] | string, key?: string): void;
  tfidfs(terms: string[] | string, callback?: (i: number, measure: number, key?: string) => void): number[];
}

const wordTokenizer = new regexpTokenizers.WordTokenizer();

export const tokenizeWords = (text: string): string[] => wordTokenizer.tokenize(text);
/** Stems remembered: the same few thousand words come up again and again, and stemming is the slow part of indexing. */
const stems = new Map<string, string>();
const MAX_REMEMBERED_STEMS = 50_000;
export const stem = (word: string): string => {
  let s = stems.get(word);
  if (s === undefined) {
    s = PorterStemmer.stem(word);
    if (stems.size >= MAX_REMEMBERED_STEMS) stems.clear();
    stems.set(word, s);
  }
  return s;
};
/** natural's own Damerau-Levenshtein distance, kept to check `damerauLevenshtein` against (natural.test.ts). */
export const naturalDamerauLevenshtein = (a: string, b: string): number => levenshtein.DamerauLevenshteinDistance(a, b, { transposition_cost: 1 });

/** The distance table, reused from call to call and grown when a longer pair comes. */
let table = new Int32Array(1024);
/**
 * Where each letter of the source was last seen, by row: natural's lastRowMap, kept for the whole walk.
 * Indexed by UTF-16 code unit rather than a Map, read and written once per cell, so the hot loop does no
 * hashing: `lastSeen[code]` holds a row only when `seenIn[code]` is this walk's number, which empties the
 * table for each new pair without clearing 65,536 entries.
 */
const lastSeen = new Int32Array(65_536);
const seenIn = new Int32Array(65_536);
let walk = 0;

/**
 * natural's Damerau-Levenshtein distance (unrestricted, every edit costing 1), the same number for every
 * pair of strings, its quirks included: natural notes where each letter was last seen while it walks a
 * row, so a swap can cost less than it should ("ab" to "cbb" is 1), and choices, glossary terms and
 * spelling have always been matched with that distance. natural builds the whole table as objects and
 * picks each cell's cheapest step with underscore, which was a sixth of the CPU of a turn on a question
 * never seen before (choice matching compares many word pairs on every message); this is the same
 * recurrence over one reused array of integers. Checked against natural's on random strings and on every
 * near pair of content words (natural.test.ts).
 */
export function damerauLevenshtein(source: string, target: string): number {
  const rows = source.length;
  const columns = target.length;
  const width = columns + 1;
  if (table.length < (rows + 1) * width) table = new Int32Array((rows + 1) * width * 2);
  const d = table;
  for (let column = 0; column <= columns; column++) d[column] = column;
  walk++;
  if (walk === 0x7fffffff) {
    seenIn.fill(0);
    walk = 1;
  }
  for (let row = 1; row <= rows; row++) {
    const at = row * width;
    const above = at - width;
    d[at] = row;
    let lastColumnMatch = 0;
    const sourceCode = source.charCodeAt(row - 1);
    for (let column = 1; column <= columns; column++) {
      const targetCode = target.charCodeAt(column - 1);
      let cost = Math.min(d[at + column - 1]! + 1, d[above + column]! + 1, d[above + column - 1]! + (sourceCode === targetCode ? 0 : 1));
      const lastRowMatch = row > 1 && column > 1 && lastColumnMatch > 0 && seenIn[targetCode] === walk ? lastSeen[targetCode]! : undefined;
      if (lastRowMatch !== undefined) {
        const swap = d[(lastRowMatch - 1) * width + lastColumnMatch - 1]! + (row - lastRowMatch - 1) + (column - lastColumnMatch - 1) + 1;
        if (swap < cost) cost = swap;
      }
      d[at + column] = cost;
      lastSeen[sourceCode] = row;
      seenIn[sourceCode] = walk;
      if (sourceCode === targetCode) lastColumnMatch = column;
    }
  }
  return d[rows * width + columns]!;
}
/** An empty index, or one holding documents kept from another (natural's own way to restore one). */
export const createTfIdf = (documents?: TfIdfDocument[]): TfIdfIndex => new TfIdf(documents ? { documents } : undefined);
