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
export const damerauLevenshtein = (a: string, b: string): number => levenshtein.DamerauLevenshteinDistance(a, b, { transposition_cost: 1 });
/** An empty index, or one holding documents kept from another (natural's own way to restore one). */
export const createTfIdf = (documents?: TfIdfDocument[]): TfIdfIndex => new TfIdf(documents ? { documents } : undefined);
