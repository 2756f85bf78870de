/**
 * npm run safeguarding:cross-validate: chooses how much the meaning layer weighs beside the hashed layer,
 * on the training part only. The blind tuning sets' training part and the ordinary tuning messages are
 * cut into three folds; for each, both layers are learnt without that fold and score it. It prints, for
 * each weight and threshold, the crises caught, near-misses flagged and ordinary messages flagged, out
 * of fold. The held-out part is never read here.
 */
import { loadContent } from '../../../content/store.js';
import { isCategory } from '../categories.js';
import { checkSafeguarding, tokenise } from '../detector.js';
import { train, trainingExamples } from '../classifier/train.js';
import { buildMeaningVectors, trainMeaning } from '../classifier/train-meaning.js';
import { FusedModel } from '../classifier/fused.js';
import { scoreTokens } from '../classifier/score.js';

const FOLDS = 3;
const MIXES = [0, 0.2, 0.35, 0.5, 0.65, 0.8, 1];
const THRESHOLDS = [0.35, 0.4, 0.45, 0.5, 0.55, 0.6];

const foldOf = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) % FOLDS;
};

const content = loadContent();
const examples = trainingExamples(content);
const folded = (file: string | undefined) => file === '(blind tuning sets)' || file === '(ordinary tuning messages)';
const vectors = buildMeaningVectors(examples);
// --hidden 24 --epochs 6 --rate 0.02 --l2 1e-4: the meaning layer's training options to try.
const option = (name: string): number | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : undefined;
};
const options = Object.fromEntries(['hidden', 'epochs', 'rate', 'l2'].flatMap((k) => (option(k) === undefined ? [] : [[k, option(k)]])));
console.log(`meaning layer options: ${JSON.stringify(options)}`);

interface Row {
  kind: 'crisis' | 'near' | 'ordinary';
  rule: boolean;
  crisis: number[];
}
const rows: Row[] = [];
for (let fold = 0; fold < FOLDS; fold++) {
  const started = performance.now();
  const learnt = examples.filter((e) => !(folded(e.file) && foldOf(e.text) === fold));
  const hashed = train(learnt).freeze();
  const meaning = trainMeaning(learnt, vectors, options);
  const fused = MIXES.map((mix) => new FusedModel(hashed, meaning, vectors, mix));
  for (const e of examples) {
    if (!(folded(e.file) && foldOf(e.text) === fold)) continue;
    const pieces = tokenise(e.text);
    const rule = checkSafeguarding(e.text, pieces) !== null;
    const kind = e.file === '(ordinary tuning messages)' ? 'ordinary' : isCategory(e.label) ? 'crisis' : 'near';
    rows.push({ kind, rule, crisis: fused.map((model) => scoreTokens(model, pieces).crisis) });
  }
  console.error(`fold ${fold + 1} of ${FOLDS}: ${Math.round((performance.now() - started) / 1000)} s`);
}

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
