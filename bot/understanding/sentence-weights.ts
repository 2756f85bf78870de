/**
 * The weights of a sentence's signals for the short answer (sentence-rank.ts), how the answer is filled,
 * and its room. Written by `npm run learn:sentences -- --write`, learnt on the even half of the tuning
 * sets; see docs/understanding.md.
 */
import type { Picking, SentenceFeatures } from './sentence-rank.js';

export const LEARNT_SENTENCE_WEIGHTS: SentenceFeatures = {
  words: 0.8,
  named: 0,
  type: 0.4,
  shapeWhen: 0.25,
  shapeWho: 0,
  shapeYesNo: 0,
  shapeWhatIs: 0,
  shapeHow: 0,
  shapeAmount: 0.8,
  // Set by hand on the even half of the tuning sets (docs/understanding.md).
  shapeRemedy: 1,
  passage: 0.665,
  rank: 1,
  meaning: 0.3,
  concrete: 0.665,
  summaryFirst: 0.25,
  summary: 0.1,
  steps: 0,
  lead: 0,
  length: 0,
  list: 0,
  bare: 0,
  asks: 0,
};

export const LEARNT_PICKING: Picking = { saidAlready: 0.7, covered: 0.35, next: 0.8, gap: 99, fresh: 0, perChar: 0 };

/** Below this score the best sentence is a weak match, and the answer gets the longer room. */
export const LEARNT_SURE_SENTENCE = 2.456;

/** The answer's room in characters: when the best sentence clearly answers, and when it does not. */
export const LEARNT_BUDGETS = { short: 400, long: 900 };
