/**
 * The second stage: it reads only what the first stage flags (a rule match, or a statistical crisis)
 * and asks whether the message as a whole tells of danger now. The first stage scores a message as its
 * most worrying sentence, which is what finds a disclosure buried in a long question, but it also lifts
 * "I'm at breaking point with this house, lol not literally" or "she stopped breathing when she was 3,
 * she is 7 now" out of the context that calms them. The second stage weighs a few signals from the whole
 * message: how sure the first stage is in its worst part and over the whole, whether a rule fired, and
 * counts of cue phrases for reassurance, past events, managed conditions, plans and hypotheticals,
 * requests for information, and urgency now.
 *
 * A flagged message it does not confirm is not let go: it gets the possible-risk line (999 first), then
 * the normal answer. So this stage can only soften a full crisis reply into that line, never into
 * silence.
 *
 * One of its numbers is the now model's reading of the message (now.ts): a small model learnt only to
 * tell crises from the near-misses that use the same words, by how they are told (time, negation,
 * management, who is speaking, asking for advice).
 *
 * It is a logistic regression over sixteen numbers, written by hand: natural's classifiers take
 * text, not numeric features, and sixteen weights fit in model/second-stage.json. It is learnt from
 * messages written apart from this repo (the training part of the blind tuning sets, and our tuning set)
 * scored by a first stage that never saw them, so it learns how far to trust the first stage on words
 * it was not written from.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CUE_RES, GROUPS, NEGATED, type CueGroup } from './cues.js';
import type { LinearModel } from './model.js';
import { nowProbability } from './now.js';
import type { ClassifierScore } from './score.js';

/** What the first stage found, in the numbers the second stage reads. */
export interface FirstStage {
  /** The statistical layer's crisis probability in the message's most worrying part. */
  crisis: number;
  /** Its crisis-or-possible probability there. */
  possible: number;
  /** Its crisis probability for the whole message read at once. */
  whole: number;
  /** The share of the message's parts that the statistical layer scores at least 50% crisis. */
  share: number;
  /** Whether a rule fired. */
  rule: boolean;
  /** The now model's probability that the message tells of danger now (now.ts). */
  now: number;
}

const logit = (p: number): number => {
  const q = Math.min(1 - 1e-4, Math.max(1e-4, p));
  return Math.log(q / (1 - q));
};

export const FEATURE_NAMES = ['bias', 'worst part', 'possible', 'whole', 'share', 'rule', 'length', ...GROUPS, 'questions', 'now'];
const NOW_AT = FEATURE_NAMES.length - 1;

/**
 * The features of one message. `skeletonText` is the normalised message (detector.ts `tokenise`, the
 * pieces joined); the cues are counted up to 3 each, so a long message cannot pile them up.
 */
export function secondStageFeatures(first: FirstStage, skeletonText: string, raw: string, words: number): Float64Array {
  const f = new Float64Array(FEATURE_NAMES.length);
  f[0] = 1;
  f[1] = logit(first.crisis) / 4;
  f[2] = first.possible - first.crisis;
  f[3] = logit(first.whole) / 4;
  f[4] = first.share;
  f[5] = first.rule ? 1 : 0;
  f[6] = Math.log1p(words) / 4;
  CUE_RES.forEach((re, i) => {
    let n = 0;
    re.lastIndex = 0;
    for (let m = re.exec(skeletonText); m && n < 3; m = re.exec(skeletonText)) if (!NEGATED.test(skeletonText.slice(Math.max(0, m.index - 24), m.index))) n++;
    f[7 + i] = n / 3;
  });
  let q = 0;
  for (let i = raw.indexOf('?'); i >= 0 && q < 3; i = raw.indexOf('?', i + 1)) q++;
  f[7 + GROUPS.length] = q / 3;
  f[NOW_AT] = logit(first.now) / 4;
  return f;
}

/** The second stage's features for a message, from the detector's pieces and the first stage's score. */
export function secondStageInput(text: string, pieces: string[][], rule: boolean, score: ClassifierScore, now: LinearModel): Float64Array {
  const words = pieces.reduce((n, p) => n + p.length, 0);
  const first = { crisis: score.crisis, possible: score.possible, whole: score.whole, share: score.share, rule, now: nowProbability(now, score.read) };
  return secondStageFeatures(first, pieces.map((p) => p.join(' ')).join(' '), text, words);
}

/** The cue groups that can calm a flagged message: without one of them, the second stage is not asked. */
const CALMING: CueGroup[] = ['reassurance', 'past', 'managed', 'hypothetical'];
const CALMING_AT = CALMING.map((g) => 7 + GROUPS.indexOf(g));

/**
 * Whether the second stage may soften this message at all: only when something in it can calm it (a
 * reassurance, a past time, a managed condition, a plan or a hypothetical). "I wish I was dead" or "she
 * took 20 paracetamol" has nothing to weigh against the first stage, and stays a crisis. The now model's
 * reading (now.ts) is one of the things weighed, never a reason on its own: without a cue it read helpline
 * notes and a crisis told inside a SEND question ("caller asked about SEN support then said she wants to
 * end it all, what can I say to her") as not now, and would have softened them.
 */
export function mayCalm(f: Float64Array): boolean {
  return CALMING_AT.some((i) => (f[i] as number) > 0);
}

export interface SecondStageModel {
  features: string[];
  weights: number[];
  /** A flagged message is a crisis when the second stage's probability is at least this. */
  threshold: number;
  /** The fingerprint of the first-stage model and the messages it was learnt from. */
  trainedOn: string;
  examples: number;
}

export function secondStageProbability(model: SecondStageModel, f: Float64Array): number {
  let z = 0;
  for (let i = 0; i < f.length; i++) z += (model.weights[i] ?? 0) * (f[i] as number);
  return 1 / (1 + Math.exp(-z));
}

/** Full-batch gradient descent with L2 (not on the bias). Deterministic. */
export function fitSecondStage(rows: Array<{ f: Float64Array; y: number; w: number }>, l2 = 0.01, steps = 4000, rate = 0.5): number[] {
  const k = FEATURE_NAMES.length;
  const weights = new Array<number>(k).fill(0);
  const total = rows.reduce((s, r) => s + r.w, 0);
  for (let step = 0; step < steps; step++) {
    const grad = new Array<number>(k).fill(0);
    for (const { f, y, w } of rows) {
      let z = 0;
      for (let i = 0; i < k; i++) z += (weights[i] as number) * (f[i] as number);
      const err = (1 / (1 + Math.exp(-z)) - y) * w;
      for (let i = 0; i < k; i++) grad[i]! += err * (f[i] as number);
    }
    for (let i = 0; i < k; i++) weights[i]! -= rate * ((grad[i] as number) / total + (i === 0 ? 0 : l2 * (weights[i] as number)));
  }
  return weights;
}

export const SECOND_STAGE_FILE = new URL('../model/second-stage.json', import.meta.url);

export function readSecondStage(file: URL = SECOND_STAGE_FILE): SecondStageModel {
  const model = JSON.parse(readFileSync(file, 'utf8')) as SecondStageModel;
  if (model.features.join() !== FEATURE_NAMES.join()) throw new Error('the safeguarding second stage is out of date: run npm run safeguarding:train');
  return model;
}

export function writeSecondStage(model: SecondStageModel, file: URL = SECOND_STAGE_FILE): void {
  writeFileSync(file, `${JSON.stringify({ ...model, weights: model.weights.map((w) => Number(w.toFixed(5))) }, null, 2)}\n`);
}
