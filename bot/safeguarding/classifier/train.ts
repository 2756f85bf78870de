/**
 * Training the statistical layer: all the corpus examples, plus every topic synonym in the content store
 * as an ordinary question (those are the words families really type, and none of them is a crisis).
 * Deterministic: the same corpus and content give the same model.
 */
import type { ContentStore } from '../../../content/store.js';
import { LABELS, isCategory, type Label } from '../categories.js';
import { corpusHash, expandCorpus, loadCorpusFiles, type Example } from '../corpus.js';
import { inEpochs, rarerWeighMore } from './epochs.js';
import { classifierTokens, featuresOf } from './features.js';
import { LinearModel } from './model.js';
import { unreadableMessages } from './unreadable.js';
import { blindTrainingItems, ordinaryTrainingMessages, type EvalItem } from '../tuning-sets.js';
import { partsOf } from './score.js';

/** The ordinary questions from the content store that are also learnt from, as `none`. */
export function contentQuestions(content: ContentStore): string[] {
  const out: string[] = [];
  for (const topic of content.topics.values()) out.push(topic.title, ...topic.synonyms);
  return out;
}

/**
 * The content's own sentences, also as `none`: thousands of calm sentences about SEND that use the
 * words a crisis uses too ("safe", "medication", "breathing", "missing education").
 */
export function contentSentences(content: ContentStore): string[] {
  const out: string[] = [];
  const add = (text: string | undefined) => {
    for (const s of (text ?? '').split(/(?<=[.!?])\s+|\n+/)) if (s.split(/\s+/).length >= 4 && !/[{}]/.test(s)) out.push(s.trim());
  };
  for (const topic of content.topics.values()) {
    add(topic.summary);
    add(topic.body);
    topic.nextSteps.forEach(add);
  }
  for (const term of content.glossary.values()) add(term.meaning);
  return out;
}

/**
 * How much a message from the blind tuning sets' training part counts against one corpus example. They
 * are few (about 290) beside thousands of corpus examples, but they are the only messages written by
 * people who never saw the corpus, so they weigh more.
 */
export const BLIND_WEIGHT = 8;

/**
 * How much an ordinary message from the question-answering tuning sets counts: written by other hands, like
 * the blind sets, and the commonest thing the check sees, so a false alarm there costs the most.
 */
export const ORDINARY_WEIGHT = 4;

/** A blind item's label: its category for a crisis; for a near-miss, `possible` when it tells of a past event, else `none`. */
function blindLabel(item: EvalItem): Label {
  if (item.expect === 'crisis') {
    if (!isCategory(item.category)) throw new Error(`blind tuning item ${item.id}: unknown category ${item.category}`);
    return item.category;
  }
  return item.category === 'near-miss-past' ? 'possible' : 'none';
}

export function trainingExamples(content: ContentStore): Example[] {
  const loaded = loadCorpusFiles();
  loaded.files.push({
    name: '(content synonyms)',
    data: { label: 'none', voice: 'self', examples: contentQuestions(content), templates: [], perTemplate: 1, slots: {} },
  });
  loaded.files.push({
    name: '(content sentences)',
    data: { label: 'none', voice: 'self', examples: contentSentences(content), templates: [], perTemplate: 1, slots: {}, registers: [] },
  });
  const blind = blindTrainingItems().map((item) => ({ text: item.text, label: blindLabel(item), file: '(blind tuning sets)', weight: BLIND_WEIGHT }));
  const ordinary = ordinaryTrainingMessages().map((text) => ({ text, label: 'none' as const, file: '(ordinary tuning messages)', weight: ORDINARY_WEIGHT }));
  const unreadable = unreadableMessages().map((text) => ({ text, label: 'none' as const, file: '(unreadable text)', weight: 1 }));
  return [...expandCorpus(loaded), ...blind, ...ordinary, ...unreadable];
}

export function trainingHash(content: ContentStore): string {
  const blind = blindTrainingItems().map((i) => `${i.id}\t${i.expect}\t${i.category}\t${i.text}`);
  return corpusHash(undefined, [
    ...contentQuestions(content),
    ...contentSentences(content),
    `blind x${BLIND_WEIGHT}`,
    ...blind,
    `ordinary x${ORDINARY_WEIGHT}`,
    ...ordinaryTrainingMessages(),
    'unreadable',
    ...unreadableMessages(),
  ]);
}

export interface TrainOptions {
  epochs?: number;
  rate?: number;
  l2?: number;
}

/**
 * A message's features as the scorer will see them: long examples (buried disclosures) are learnt as a
 * whole, the way short messages are scored.
 */
function featuresFor(text: string): Int32Array {
  const tokens = classifierTokens(text);
  const words = tokens.filter((t) => t !== '.');
  return featuresOf(words.length ? words : partsOf(tokens).flat());
}

export function train(examples: readonly Example[], options: TrainOptions = {}): LinearModel {
  const { epochs = 16, rate = 0.8, l2 = 1e-6 } = options;
  const labels = [...LABELS];
  const model = LinearModel.empty(labels);
  const data = examples.map((e) => ({ features: featuresFor(e.text), target: labels.indexOf(e.label), weight: e.weight ?? 1 }));
  const weightOf = rarerWeighMore(data.map((d) => d.target));
  inEpochs(data.length, { epochs, rate, decay: 0.5, seed: 11 }, (idx, r) => {
    const d = data[idx]!;
    model.learn(d.features, d.target, r, weightOf(d.target) * d.weight, l2);
  });
  return model;
}
