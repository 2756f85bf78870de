/**
 * The weights of the ranking signals (docs/understanding.md): which topic answers a question, and which of
 * its passages and sentences lead the answer. Kept apart from the index so the benches that tune them
 * (test/bench/ranking.ts, learn-ranking.ts) read the same numbers the assistant uses.
 */
import type { QuestionType } from './question-type.js';

/**
 * Weights of the signals that rank passages within the chosen topic. The short answer gets no head start
 * of its own: the answer reply shows it second anyway when another passage leads (exported for tuning).
 */
export const PASSAGE_WEIGHTS = {
  summary: 0.3,
  steps: 0.1,
  glossaryWhatIs: 0.2,
  meaning: 0.2,
  type: 0.7,
  passage: 1,
  unitWords: 1,
  unitType: 0.5,
  unitFirst: 0.2,
};

/** Weights of the signals in a topic's score, for whether the question is one the store covers at all. */
export const W = { phrase: 0.8, compact: 1.2, full: 0.5, passage: 0.9, meaning: 0.8, type: 0.5, typeName: 0.8, current: 0.6, related: 0.3 };

/** The signals that order topics, each scaled to about 0 to 1 (see topicFeatures). */
export const RANK_FEATURES = [
  'phrase',
  'compact',
  'full',
  'passage',
  'meaning',
  'type',
  'named',
  'record',
  'coverage',
  'plain',
  'asked',
  'audience',
  'stage',
  'fusion',
] as const;
export type RankFeature = (typeof RANK_FEATURES)[number];

/**
 * Weights that order topics, learnt from the tuning sets with a pairwise logistic ranker
 * (test/bench/learn-ranking.ts): the topics whose text holds every fact a question needs should come
 * above those that do not. Which topic is best and whether any topic is good enough are separate: the
 * second is still decided on the hand-set score above, which was calibrated on questions inside and
 * outside the Local Offer.
 */
export const RANK_WEIGHTS: Record<RankFeature, number> = {
  phrase: 0.8,
  compact: 1.2,
  full: 0.5,
  passage: 0.9,
  meaning: 0.8,
  type: 0.5,
  named: 0.8,
  record: 1,
  coverage: 0,
  plain: 0,
  asked: 0.38,
  audience: 0.32,
  stage: 0.52,
  fusion: 1.26,
};

/** One topic's signals for one question, for ranking and for learning the weights. */
export interface TopicFeatures {
  topic: string;
  features: Record<RankFeature, number>;
  /** The hand-set score, for confidence. */
  score: number;
  coverage: number;
  /** How many different words of the question the topic uses. */
  shared: number;
  contextual: number;
  phrase: number;
}

/** Words in a topic's names that say it answers that kind of question. */
export const TYPE_NAMES: Partial<Record<QuestionType, RegExp>> = {
  when: /\b(how long|deadline|time limits?|timescales?|when|how soon|weeks|months)\b/,
  who: /\bwho\b/,
  how: /\bhow (do|to|can)\b/,
};

/** A topic's place in the ranking: the learnt weights over its signals, plus what the conversation says. */
export function rankScore(t: Pick<TopicFeatures, 'features' | 'contextual'>, weights: Record<RankFeature, number> = RANK_WEIGHTS): number {
  let score = t.contextual;
  for (const f of RANK_FEATURES) score += weights[f] * t.features[f];
  return score;
}
