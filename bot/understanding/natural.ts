/**
 * The parts of natural we use, imported one submodule at a time: natural's top-level entry loads
 * dotenv and database drivers, and fails under jest's ESM loader.
 */
import tokenizers from 'natural/lib/natural/tokenizers/index.js';
import stemmers from 'natural/lib/natural/stemmers/index.js';
import distance from 'natural/lib/natural/distance/index.js';
import tfidf from 'natural/lib/natural/tfidf/index.js';

export interface TfIdfIndex {
  addDocument(doc: string[] | string, key?: string): void;
  tfidfs(terms: string[] | string, callback?: (i: number, measure: number, key?: string) => void): number[];
}

const wordTokenizer = new tokenizers.WordTokenizer() as { tokenize(text: string): string[] };

export const tokenizeWords = (text: string): string[] => wordTokenizer.tokenize(text);
export const stem = (word: string): string => (stemmers.PorterStemmer as { stem(w: string): string }).stem(word);
export const damerauLevenshtein = (a: string, b: string): number => distance.DamerauLevenshteinDistance(a, b, { transposition_cost: 1 });
export const createTfIdf = (): TfIdfIndex => new (tfidf.TfIdf as new () => TfIdfIndex)();
