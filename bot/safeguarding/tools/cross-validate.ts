/**
 * npm run safeguarding:cross-validate: chooses settings on the training part only: how much the meaning
 * layer weighs beside the hashed layer, and how much the second stage may soften. The blind tuning sets'
 * training part and the ordinary tuning messages are cut into three folds (classifier/folds.ts); for
 * each, both layers are learnt without that fold and score it. It prints, out of fold, for each weight
 * and threshold, the crises, near-misses and ordinary messages the statistical layers flag; then the
 * whole check's outcomes, with the second stage learnt without the fold on in-sample scores and on the
 * other folds' out-of-fold scores (as npm run safeguarding:train learns it). The held-out part is never
 * scored here.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { BLIND_FILES, ORDINARY_DIR, partOf, readEvalSet, readOrdinaryMessages, TUNING_DIR } from '../tuning-sets.js';
import { loadContent } from '../../../content/store.js';
import { isCategory } from '../categories.js';
import { checkSafeguarding, tokenise } from '../detector.js';
import { train, trainingExamples } from '../classifier/train.js';
import { folded, foldOf, FOLDS } from '../classifier/folds.js';
import type { SecondStageModel } from '../classifier/second-stage.js';
import { buildMeaningVectors, MEANING_MIX, trainMeaning } from '../classifier/train-meaning.js';
import { FusedModel } from '../classifier/fused.js';
import { trainNow } from '../classifier/now.js';
import { scoreTokens } from '../classifier/score.js';
import { decide, type RiskLevel } from '../assess.js';
import { fitSecondStageRows, secondStageItems, secondStageRows, SOFTEN_AT_MOST, trainSecondStage, type StageRow } from '../classifier/train-second-stage.js';

// --mixes 0,0.1,0.2: the meaning layer's weights to try.
const mixesAt = process.argv.indexOf('--mixes');
const MIXES = [...new Set([...(mixesAt >= 0 ? (process.argv[mixesAt + 1] ?? '').split(',').map(Number) : [0, 0.1, 0.2, 0.5, 1]), MEANING_MIX])].sort(
  (a, b) => a - b,
);
const THRESHOLDS = [0.35, 0.4, 0.45, 0.5, 0.55, 0.6];

const content = loadContent();
const examples = trainingExamples(content);
const vectors = buildMeaningVectors(examples);
// --hidden 24 --epochs 6 --rate 0.02 --l2 1e-4: the meaning layer's training options to try.
const option = (name: string): number | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : undefined;
};
const options = Object.fromEntries(['hidden', 'epochs', 'rate', 'l2'].flatMap((k) => (option(k) === undefined ? [] : [[k, option(k)]])));
console.log(`meaning layer options: ${JSON.stringify(options)}`);

interface Row {
  text: string;
  label: string;
  kind: 'crisis' | 'near' | 'ordinary';
  fold: number;
  rule: boolean;
  crisis: number[];
  /** The whole check's outcome at each weight, the second stage learnt on in-sample scores without the fold. */
  level: RiskLevel[];
  /** The same, the second stage learnt on the other folds' out-of-fold scores (as npm run safeguarding:train does). */
  stacked: RiskLevel[];
  decideWith: (m: number, stage: SecondStageModel) => RiskLevel;
}
const rows: Row[] = [];
const items = secondStageItems();
const learntTexts = new Set(examples.filter(folded).map((e) => e.text));
/** Per fold, per weight: the second stage's rows for the fold's blind items, and for our tuning set, scored without the fold. */
const foldRows: StageRow[][][] = [];
const tuningRows: StageRow[][][] = [];
for (let fold = 0; fold < FOLDS; fold++) {
  const started = performance.now();
  const learnt = examples.filter((e) => !(folded(e) && foldOf(e.text) === fold));
  const hashed = train(learnt).freeze();
  const meaning = trainMeaning(learnt, vectors, options);
  const fused = MIXES.map((mix) => new FusedModel(hashed, meaning, vectors, mix));
  const now = trainNow(learnt);
  const inFold = items.filter((i) => foldOf(i.text) !== fold);
  const stages = fused.map((model) => trainSecondStage(model, now, '', inFold));
  foldRows.push(
    fused.map((model) =>
      secondStageRows(
        model,
        items.filter((i) => learntTexts.has(i.text) && foldOf(i.text) === fold),
        now,
      ),
    ),
  );
  tuningRows.push(
    fused.map((model) =>
      secondStageRows(
        model,
        items.filter((i) => !learntTexts.has(i.text)),
        now,
      ),
    ),
  );
  for (const e of examples) {
    if (!(folded(e) && foldOf(e.text) === fold)) continue;
    const pieces = tokenise(e.text);
    const rules = checkSafeguarding(e.text, pieces);
    const kind = e.file === '(ordinary tuning messages)' ? 'ordinary' : isCategory(e.label) ? 'crisis' : 'near';
    const scores = fused.map((model) => scoreTokens(model, pieces));
    rows.push({
      text: e.text,
      label: e.label,
      kind,
      fold,
      rule: rules !== null,
      crisis: scores.map((s) => s.crisis),
      level: scores.map((s, m) => decide(e.text, pieces, rules, s, stages[m]!, now).level),
      stacked: [],
      decideWith: (m, stage) => decide(e.text, pieces, rules, scores[m]!, stage, now).level,
    });
  }
  console.error(`fold ${fold + 1} of ${FOLDS}: ${Math.round((performance.now() - started) / 1000)} s`);
}
const softened = (soften: number): void => {
  for (let fold = 0; fold < FOLDS; fold++)
    MIXES.forEach((_, m) => {
      const learnFrom = [...foldRows.flatMap((byMix, f) => (f === fold ? [] : byMix[m]!)), ...tuningRows[fold]![m]!];
      const stage = fitSecondStageRows(learnFrom, '', 0, soften);
      for (const r of rows) if (r.fold === fold) r.stacked[m] = r.decideWith(m, stage);
    });
};
// --soften 0.01,0.03: the shares of flagged crises the second stage may soften, to compare.
const softenAt = process.argv.indexOf('--soften');
for (const soften of softenAt >= 0 ? (process.argv[softenAt + 1] ?? '').split(',').map(Number) : []) {
  softened(soften);
  console.log(`\nsecond stage on out-of-fold scores, softening at most ${soften} of flagged crises`);
  console.log('mix   crises caught  near-misses: crisis reply  possible line  ordinary: crisis reply');
  MIXES.forEach((mix, m) => {
    const n = (kind: Row['kind'], level: RiskLevel) => rows.filter((r) => r.kind === kind && r.stacked[m] === level).length;
    console.log(
      `${mix.toFixed(2)}  ${String(n('crisis', 'crisis')).padStart(4)}           ${String(n('near', 'crisis')).padStart(4)}                  ${String(n('near', 'possible')).padStart(4)}           ${String(n('ordinary', 'crisis')).padStart(4)}`,
    );
  });
}
softened(SOFTEN_AT_MOST);

const count = (kind: Row['kind']) => rows.filter((r) => r.kind === kind).length;
console.log(`out of fold: ${count('crisis')} crises, ${count('near')} near-misses, ${count('ordinary')} ordinary messages`);
console.log('mix   threshold  crises caught  near-misses flagged  ordinary flagged  (a rule match counts as flagged)');
MIXES.forEach((mix, m) => {
  for (const t of THRESHOLDS) {
    const flagged = (r: Row) => r.rule || (r.crisis[m] as number) >= t;
    const n = (kind: Row['kind']) => rows.filter((r) => r.kind === kind && flagged(r)).length;
    console.log(
      `${mix.toFixed(2)}  ${t.toFixed(2)}       ${String(n('crisis')).padStart(4)}           ${String(n('near')).padStart(4)}                 ${String(n('ordinary')).padStart(4)}`,
    );
  }
});

for (const stacked of [false, true]) {
  console.log(
    `\nthe whole check out of fold (rules, both layers, second stage learnt without the fold on ${stacked ? "the other folds' out-of-fold" : 'in-sample'} scores)`,
  );
  console.log('mix   crises caught  near-misses: crisis reply  possible line  ordinary: crisis reply');
  MIXES.forEach((mix, m) => {
    const n = (kind: Row['kind'], level: RiskLevel) => rows.filter((r) => r.kind === kind && (stacked ? r.stacked : r.level)[m] === level).length;
    console.log(
      `${mix.toFixed(2)}  ${String(n('crisis', 'crisis')).padStart(4)}           ${String(n('near', 'crisis')).padStart(4)}                  ${String(n('near', 'possible')).padStart(4)}           ${String(n('ordinary', 'crisis')).padStart(4)}`,
    );
  });
}

// --rows file.json: every out-of-fold row (kind, rule, crisis at each weight; no text), to try other ways of mixing.
const rowsAt = process.argv.indexOf('--rows');
if (rowsAt >= 0)
  writeFileSync(
    process.argv[rowsAt + 1] as string,
    JSON.stringify({ mixes: MIXES, rows: rows.map(({ kind, label, rule, crisis, level, stacked }) => ({ kind, label, rule, crisis, level, stacked })) }),
  );

// --show: the ids (never the text) of the training-part messages the chosen weight gets wrong out of fold,
// to look up by hand.
if (process.argv.includes('--show')) {
  const idOf = new Map<string, string>([
    ...BLIND_FILES.flatMap((name) =>
      readEvalSet(new URL(name, TUNING_DIR)).flatMap((i): Array<[string, string]> => (partOf(i.id) === 'train' ? [[i.text, i.id]] : [])),
    ),
    ...readdirSync(ORDINARY_DIR)
      .filter((n) => n.endsWith('.yaml'))
      .flatMap((n) => readOrdinaryMessages(new URL(n, ORDINARY_DIR)).map((m): [string, string] => [m.text, m.id])),
  ]);
  const m = MIXES.indexOf(MEANING_MIX);
  for (const r of rows) {
    if ((r.stacked[m] === 'crisis') !== (r.kind === 'crisis'))
      console.log(
        `${r.kind} ${r.label} ${r.stacked[m]} rule=${r.rule} h=${(r.crisis[0] as number).toFixed(2)} f=${(r.crisis[m] as number).toFixed(2)} m=${(r.crisis[MIXES.length - 1] as number).toFixed(2)}: ${idOf.get(r.text) ?? '?'}`,
      );
  }
}
