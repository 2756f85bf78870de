/**
 * npm run safeguarding:train: learns the statistical safeguarding layer from bot/safeguarding/corpus/
 * and the content store's synonyms, and writes bot/safeguarding/model/; then learns the second stage
 * from the blind tuning sets' training part and our tuning set. Run it after changing any of them; a
 * test fails while the model is older than what it is learnt from. `-- --second-stage` relearns only
 * the second stage, on the first stage already in model/.
 */
import { loadContent } from '../../../content/store.js';
import { readModel, writeModel } from '../classifier/artefact.js';
import { train, trainingExamples, trainingHash } from '../classifier/train.js';
import { classifierTokens, featuresOf } from '../classifier/features.js';
import { writeSecondStage } from '../classifier/second-stage.js';
import { trainSecondStage } from '../classifier/train-second-stage.js';

if (!process.argv.includes('--second-stage')) {
  const content = loadContent();
  const examples = trainingExamples(content);
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
  writeModel(model, { corpusHash: trainingHash(content), examples: examples.length, trainedAt: new Date().toISOString().slice(0, 10) });
  console.log(`trained on ${examples.length} examples in ${Math.round(performance.now() - started)} ms`);
  for (const [label, { n, right }] of [...byLabel].sort())
    console.log(`  ${label.padEnd(22)} ${String(n).padStart(5)} examples, ${((100 * right) / n).toFixed(1)}% fitted`);
}

const { model, meta } = readModel();
const { report, ...second } = trainSecondStage(model, meta.corpusHash);
writeSecondStage(second);
console.log(report);
