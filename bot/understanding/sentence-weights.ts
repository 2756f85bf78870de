/**
 * The weights of a sentence's signals for the short answer (sentence-rank.ts), and the score below which
 * the answer gets more room. Written by `npm run learn:sentences -- --write`; see docs/understanding.md.
 */
import type { Picking, SentenceFeatures } from './sentence-rank.js';

export const LEARNT_SENTENCE_WEIGHTS: SentenceFeatures = {
  words: 0.8,
  named: 0,
  type: 0.4,
  shapeWhen: 0,
  shapeWho: 0,
  shapeYesNo: 0,
  shapeWhatIs: 0,
  shapeHow: 0,
  passage: 0.5,
  rank: 1,
  meaning: 0.3,
  concrete: 0.5,
  summaryFirst: 0.25,
  summary: 0.1,
  steps: 0,
  lead: 0,
  length: 0,
  list: 0,
  bare: 0,
  asks: 0,
};

export const LEARNT_SURE_SENTENCE = 2.1;

export const LEARNT_PICKING: Picking = { saidAlready: 0.7, covered: 0.35, next: 0.8, gap: 99 };

export const LEARNT_BUDGETS = { short: 400, long: 900 };
