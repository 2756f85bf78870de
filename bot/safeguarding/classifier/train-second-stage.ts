/**
 * Learning the second stage (second-stage.ts) from messages written apart from this repo: the training
 * part of the blind tuning sets and our own tuning set. Only messages the first stage flags, with a cue
 * that may calm them, are learnt from, since only those reach the second stage. The threshold is chosen on five-fold out-of-fold
 * probabilities, so it is not chosen on the very messages each fit saw: the highest threshold that
 * softens at most 1% of the flagged crises in those folds.
 */
import { checkSafeguarding, tokenise } from '../detector.js';
import { partOf, readEvalSet, TUNING_DIR, BLIND_FILES, type EvalItem } from '../tuning-sets.js';
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
 */
const SOFTEN_AT_MOST = 0.01;

export function secondStageItems(): EvalItem[] {
  const items = BLIND_FILES.flatMap((name) => readEvalSet(new URL(name, TUNING_DIR)).filter((i) => partOf(i.id) === 'train'));
  return [...items, ...readEvalSet(new URL('tuning.yaml', TUNING_DIR))];
}

export function trainSecondStage(model: PartModel, firstStageHash: string): SecondStageModel & { report: string } {
  const items = secondStageItems();
  const rows: Array<{ f: Float64Array; y: number; w: number; item: EvalItem }> = [];
  for (const item of items) {
    const pieces = tokenise(item.text);
    const rule = checkSafeguarding(item.text, pieces) !== null;
    const score = scoreTokens(model, pieces);
    const pastRule = rule && score.possible - score.crisis >= PAST_MARGIN + score.crisis;
    if (!(rule && !pastRule) && !(!rule && score.crisis >= CRISIS_AT)) continue;
    const y = item.expect === 'crisis' ? 1 : 0;
    const f = secondStageInput(item.text, pieces, rule, score);
    if (!mayCalm(f)) continue;
    rows.push({ f, y, w: y && MUST_CATCH.has(item.category) ? 2 : 1, item });
  }
  // Balance the two classes: far more crises are flagged than near-misses.
  const pos = rows.filter((r) => r.y === 1).length;
  const neg = rows.length - pos;
  for (const r of rows) r.w *= r.y ? rows.length / (2 * pos) : rows.length / (2 * neg);

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
  const k = Math.floor(SOFTEN_AT_MOST * crisisP.length);
  const threshold = k === 0 ? (crisisP[0] ?? 0.5) * 0.8 : ((crisisP[k - 1] as number) + (crisisP[k] as number)) / 2;
  const kept = rows.filter((r, i) => r.y === 0 && (outOfFold[i] as number) >= threshold).length;
  const weights = fitSecondStage(rows);
  const report =
    `second stage: ${rows.length} flagged messages (${pos} crises, ${neg} near-misses) of ${items.length}; ` +
    `threshold ${threshold.toFixed(3)}; out of fold it softens ${k} of ${pos} flagged crises and keeps ${kept} of ${neg} flagged near-misses`;
  return { features: FEATURE_NAMES, weights, threshold, trainedOn: secondStageHash(firstStageHash), examples: rows.length, report };
}

export function secondStageHash(firstStageHash: string): string {
  const hash = createHash('sha256').update(firstStageHash);
  for (const i of secondStageItems()) hash.update(`${i.id}\t${i.expect}\t${i.text}`);
  return hash.digest('hex').slice(0, 16);
}
