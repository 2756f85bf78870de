/**
 * Learning the second stage (second-stage.ts) from messages written apart from this repo: the training
 * part of the blind tuning sets and our own tuning set. Only messages the first stage flags, with a cue
 * that may calm them, are learnt from, since only those reach the second stage. The blind messages are
 * scored by first stages learnt without them (folds.ts, tools/train.ts): scored by a first stage that
 * had learnt them, nearly every blind near-miss looked safe, and the second stage learnt to soften
 * far more than it should (out of fold it softened 9 of 336 flagged crises while aiming at 1%). The
 * threshold is chosen on five-fold out-of-fold probabilities, so it is not chosen on the very messages
 * each fit saw: the highest threshold that softens at most SOFTEN_AT_MOST of the flagged crises.
 */
import { checkSafeguarding, tokenise } from '../detector.js';
import { partOf, readEvalSet, TUNING_DIR, BLIND_FILES, type EvalItem } from '../tuning-sets.js';
import type { LinearModel } from './model.js';
import { scoreTokens, type PartModel } from './score.js';
import { FEATURE_NAMES, fitSecondStage, mayCalm, secondStageInput, secondStageProbability, type SecondStageModel } from './second-stage.js';
import { createHash } from 'node:crypto';

/** The first stage's thresholds (assess.ts), repeated here so training does not load a model it is making. */
const CRISIS_AT = 0.5;
const PAST_MARGIN = 0.5;

/** Categories a crisis reply must never be softened for: their crises weigh more in the fit. */
const MUST_CATCH = new Set(['suicide', 'self-harm', 'medical']);
/**
 * The share of flagged crises, out of fold, that the threshold may soften to the possible-risk line. A
 * softened crisis still gets the 999 line first; a near-miss let through gets the whole crisis reply.
 * Chosen by cross-validation (tools/cross-validate.ts), a missed crisis counting as two false alarms:
 * with the meaning layer weighing 0.1, 0.05 caught as many crises as 0.01 (335 of 341) and spared 8 of 252
 * near-misses the crisis reply; 0.08 lost two more crises for 3 more near-misses spared.
 */
export const SOFTEN_AT_MOST = 0.05;

export function secondStageItems(): EvalItem[] {
  const items = BLIND_FILES.flatMap((name) => readEvalSet(new URL(name, TUNING_DIR)).filter((i) => partOf(i.id) === 'train'));
  return [...items, ...readEvalSet(new URL('tuning.yaml', TUNING_DIR))];
}

/** A flagged message the second stage learns from: its features, whether it is a crisis, and its weight. */
export interface StageRow {
  f: Float64Array;
  y: number;
  w: number;
  item: EvalItem;
}

/** The items a first stage flags with a cue that may calm them: the only ones the second stage is asked about. */
export function secondStageRows(model: PartModel, items: readonly EvalItem[], now: LinearModel): StageRow[] {
  const rows: StageRow[] = [];
  for (const item of items) {
    const pieces = tokenise(item.text);
    const rule = checkSafeguarding(item.text, pieces) !== null;
    const score = scoreTokens(model, pieces);
    const pastRule = rule && score.possible - score.crisis >= PAST_MARGIN + score.crisis;
    if (!(rule && !pastRule) && !(!rule && score.crisis >= CRISIS_AT)) continue;
    const y = item.expect === 'crisis' ? 1 : 0;
    const f = secondStageInput(item.text, pieces, rule, score, now);
    if (!mayCalm(f)) continue;
    rows.push({ f, y, w: y && MUST_CATCH.has(item.category) ? 2 : 1, item });
  }
  return rows;
}

export function trainSecondStage(
  model: PartModel,
  now: LinearModel,
  firstStageHash: string,
  items: EvalItem[] = secondStageItems(),
): SecondStageModel & { report: string } {
  return fitSecondStageRows(secondStageRows(model, items, now), firstStageHash, items.length);
}

/** Learns the second stage from flagged rows, which may have been scored by different first stages. */
export function fitSecondStageRows(
  flagged: readonly StageRow[],
  firstStageHash: string,
  of: number,
  softenAtMost = SOFTEN_AT_MOST,
): SecondStageModel & { report: string } {
  // Balance the two classes: far more crises are flagged than near-misses.
  const pos = flagged.filter((r) => r.y === 1).length;
  const neg = flagged.length - pos;
  const rows = flagged.map((r) => ({ ...r, w: r.w * (r.y ? flagged.length / (2 * pos) : flagged.length / (2 * neg)) }));

  const outOfFold = new Array<number>(rows.length);
  for (let fold = 0; fold < 5; fold++) {
    const weights = fitSecondStage(rows.filter((_, i) => i % 5 !== fold));
    const m = { weights, threshold: 0, features: FEATURE_NAMES, trainedOn: '', examples: 0 };
    rows.forEach((r, i) => {
      if (i % 5 === fold) outOfFold[i] = secondStageProbability(m, r.f);
    });
  }
  if (process.env.SG_DEBUG) {
    const order = rows.map((r, i) => ({ y: r.y, p: outOfFold[i] as number, c: r.item.category })).sort((a, b) => a.p - b.p);
    console.log(order.map((o) => `${o.y ? 'C' : 'n'}${o.p.toFixed(2)}${o.y ? o.c.slice(0, 3) : ''}`).join(' '));
  }
  const crisisP = rows.flatMap((r, i) => (r.y ? [outOfFold[i] as number] : [])).sort((a, b) => a - b);
  const k = Math.floor(softenAtMost * crisisP.length);
  const threshold = k === 0 ? (crisisP[0] ?? 0.5) * 0.8 : ((crisisP[k - 1] as number) + (crisisP[k] as number)) / 2;
  const kept = rows.filter((r, i) => r.y === 0 && (outOfFold[i] as number) >= threshold).length;
  const weights = fitSecondStage(rows);
  const report =
    `second stage: ${rows.length} flagged messages (${pos} crises, ${neg} near-misses) of ${of}; ` +
    `threshold ${threshold.toFixed(3)}; out of fold it softens ${k} of ${pos} flagged crises and keeps ${kept} of ${neg} flagged near-misses`;
  return { features: FEATURE_NAMES, weights, threshold, trainedOn: secondStageHash(firstStageHash), examples: rows.length, report };
}

export function secondStageHash(firstStageHash: string): string {
  const hash = createHash('sha256').update(firstStageHash);
  for (const i of secondStageItems()) hash.update(`${i.id}\t${i.expect}\t${i.text}`);
  return hash.digest('hex').slice(0, 16);
}
