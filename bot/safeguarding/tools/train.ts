/**
 * npm run safeguarding:train: learns the statistical safeguarding layers from bot/safeguarding/corpus/,
 * the content store and the tuning sets' training part, and writes bot/safeguarding/model/: the hashed
 * layer (weights.bin, model.json), the meaning layer (meaning.json) with the word vectors it reads
 * (meaning-vectors.bin, meaning-words.txt); then learns the second stage on both. Run it after changing
 * any of them; a test fails while the model is older than what it is learnt from. The second stage
 * learns from blind messages scored by first stages learnt without them (three folds), so it takes
 * three more first-stage fits. `-- --second-stage` relearns only the second stage, on the layers
 * already in model/.
 */
import { loadContent } from '../../../content/store.js';
import { writeModel } from '../classifier/artefact.js';
import { train, trainingExamples, trainingHash } from '../classifier/train.js';
import { classifierTokens, featuresOf } from '../classifier/features.js';
import { readStatisticalLayers, statisticalHash } from '../classifier/fused.js';
import { writeMeaningModel } from '../classifier/meaning.js';
import { writeMeaningVectors } from '../classifier/meaning-input.js';
import { writeSecondStage } from '../classifier/second-stage.js';
import { buildMeaningVectors, MEANING_MIX, trainMeaning } from '../classifier/train-meaning.js';
import { fitSecondStageRows, secondStageItems, secondStageRows } from '../classifier/train-second-stage.js';
import { folded, foldOf, FOLDS, modelWithout, nowWithout } from '../classifier/folds.js';
import { readNowModel, trainNow, writeNowModel } from '../classifier/now.js';

if (!process.argv.includes('--second-stage')) {
  const content = loadContent();
  const examples = trainingExamples(content);
  const hash = trainingHash(content);
  const started = performance.now();
  const model = train(examples);
  const byLabel = new Map<string, { n: number; right: number }>();
  for (const e of examples) {
    const probs = model.predict(featuresOf(classifierTokens(e.text).filter((t) => t !== '.')));
    let best = 0;
    probs.forEach((p, i) => {
      if (p > (probs[best] as number)) best = i;
    });
    const row = byLabel.get(e.label) ?? { n: 0, right: 0 };
    row.n++;
    if (model.labels[best] === e.label) row.right++;
    byLabel.set(e.label, row);
  }
  writeModel(model, { corpusHash: hash, examples: examples.length, trainedAt: new Date().toISOString().slice(0, 10) });
  console.log(`hashed layer: trained on ${examples.length} examples in ${Math.round(performance.now() - started)} ms`);
  for (const [label, { n, right }] of [...byLabel].sort())
    console.log(`  ${label.padEnd(22)} ${String(n).padStart(5)} examples, ${((100 * right) / n).toFixed(1)}% fitted`);
  const meaningStarted = performance.now();
  const vectors = buildMeaningVectors(examples);
  writeMeaningVectors(vectors);
  writeMeaningModel(trainMeaning(examples, vectors), MEANING_MIX, hash);
  console.log(`meaning layer: ${vectors.size} word vectors, trained in ${Math.round(performance.now() - meaningStarted)} ms, weighing ${MEANING_MIX}`);
  const nowStarted = performance.now();
  writeNowModel(trainNow(examples), hash);
  console.log(`now model: trained in ${Math.round(performance.now() - nowStarted)} ms`);
}

// The second stage learns from the blind tuning messages as first stages that never saw them score
// them (one per fold), and from our tuning set, which the first stage never learns from.
const { model, corpusHash, mix } = readStatisticalLayers();
const content = loadContent();
const examples = trainingExamples(content);
const vectors = model.vectors;
const learnt = new Set(examples.filter(folded).map((e) => e.text));
const items = secondStageItems();
const { model: now } = readNowModel();
const rows = items.filter((i) => !learnt.has(i.text)).flatMap((i) => secondStageRows(model, [i], now));
for (let fold = 0; fold < FOLDS; fold++) {
  const started = performance.now();
  const without = modelWithout(fold, examples, vectors, mix);
  rows.push(
    ...secondStageRows(
      without,
      items.filter((i) => learnt.has(i.text) && foldOf(i.text) === fold),
      nowWithout(fold, examples),
    ),
  );
  console.log(`first stage without fold ${fold + 1} of ${FOLDS}: ${Math.round((performance.now() - started) / 1000)} s`);
}
const { report, ...second } = fitSecondStageRows(rows, statisticalHash(corpusHash, mix), items.length);
writeSecondStage(second);
console.log(report);
