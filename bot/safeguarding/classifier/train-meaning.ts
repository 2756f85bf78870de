/**
 * Learning the meaning layer (meaning.ts) from the same examples as the hashed layer, and copying the
 * word vectors it reads out of the retrieval cache (bot/understanding/word-vectors.ts) into the model
 * folder. Deterministic: the same examples and vectors give the same network.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LABELS } from '../categories.js';
import type { Example } from '../corpus.js';
import { inEpochs, rarerWeighMore } from './epochs.js';
import { skeleton } from '../normalise.js';
import { loadWordVectors, vectorCacheDir, DIMENSIONS as SOURCE_DIMENSIONS } from '../../understanding/word-vectors.js';
import { classifierTokens } from './features.js';
import { MeaningModel } from './meaning.js';
import { DIMENSIONS, INPUTS, MeaningVectors, meaningInput } from './meaning-input.js';

/**
 * How much the meaning layer weighs when mixed with the hashed layer, chosen by three-fold
 * cross-validation on the training part (npm run safeguarding:cross-validate). Out of fold, with both
 * blind pairs, the whole check caught 335, 335, 334 and 333 of 341 crises at 0, 0.1, 0.2 and 0.35, and
 * gave the crisis reply to 36, 33, 35 and 40 of 252 near-misses: alone, the meaning layer flags most
 * near-misses, so it weighs little.
 */
export const MEANING_MIX = 0.1;

/** Every word among the most frequent this many is kept, and rarer ones only when the examples use them. */
const ALWAYS_KEPT = 20_000;

/** A training example's words, as the scorer reads a short message: the whole of it, sentence ends dropped. */
export function exampleWords(text: string): string[] {
  return classifierTokens(text).filter((t) => t !== '.');
}

/**
 * The vectors the meaning layer reads: the most frequent words and every rarer word the examples use,
 * keyed by their skeleton (the form the safeguarding tokens take: "bleeding" is "bleding"). When two
 * words share a skeleton, the more frequent keeps it.
 */
export function buildMeaningVectors(examples: readonly Example[]): MeaningVectors {
  const source = loadWordVectors();
  if (!source || SOURCE_DIMENSIONS !== DIMENSIONS) throw new Error('the word vectors are not available: run npm run build:vectors');
  const used = new Set<string>();
  for (const e of examples) for (const w of exampleWords(e.text)) used.add(w);
  const all = readFileSync(join(vectorCacheDir(), 'words.v1.txt'), 'utf8').split('\n');
  const words: string[] = [];
  const ranks: number[] = [];
  const vectors: Float32Array[] = [];
  const seen = new Set<string>();
  all.forEach((word, rank) => {
    if (!word || word.includes('-')) return;
    const key = skeleton(word.replace(/'/g, ''));
    if (seen.has(key) || (rank >= ALWAYS_KEPT && !used.has(key))) return;
    const v = new Float32Array(DIMENSIONS);
    if (!source.addTo(v, word)) return;
    seen.add(key);
    words.push(key);
    ranks.push(rank);
    vectors.push(v);
  });
  const data = new Float32Array(words.length * DIMENSIONS);
  vectors.forEach((v, i) => data.set(v, i * DIMENSIONS));
  return new MeaningVectors(words, Int32Array.from(ranks), data);
}

export interface MeaningOptions {
  hidden?: number;
  epochs?: number;
  rate?: number;
  l2?: number;
}

/**
 * The longest example the meaning layer learns from, in words: the scorer reads a message in parts of
 * at most this many (score.ts), and a long example's mean vector is mostly its ordinary sentences. Learnt
 * whole, a disclosure buried in five sentences about an EHCP taught the network that EHCP questions are
 * crises; out of fold it then flagged most long ordinary questions.
 */
export const MEANING_MAX_WORDS = 40;

export function trainMeaning(examples: readonly Example[], vectors: MeaningVectors, options: MeaningOptions = {}): MeaningModel {
  const { hidden = 24, epochs = 5, rate = 0.02, l2 = 1e-4 } = options;
  const labels = [...LABELS];
  const data = examples.flatMap((e) => {
    const words = exampleWords(e.text);
    return words.length > MEANING_MAX_WORDS ? [] : [{ input: meaningInput(vectors, words), target: labels.indexOf(e.label), weight: e.weight ?? 1 }];
  });
  // Standardise each input on the training data, so plain gradient descent treats them alike.
  const mean = new Float32Array(INPUTS);
  const scale = new Float32Array(INPUTS);
  for (const d of data) for (let i = 0; i < INPUTS; i++) mean[i]! += (d.input[i] as number) / data.length;
  for (const d of data) for (let i = 0; i < INPUTS; i++) scale[i]! += ((d.input[i] as number) - (mean[i] as number)) ** 2 / data.length;
  for (let i = 0; i < INPUTS; i++) scale[i] = Math.sqrt(scale[i] as number) || 1;
  const model = new MeaningModel(labels, hidden, mean, scale);
  // The same class weighting as the hashed layer (train.ts): rarer labels weigh more, by the fourth root.
  const weightOf = rarerWeighMore(data.map((d) => d.target));
  inEpochs(data.length, { epochs, rate, decay: 0.3, seed: 23 }, (idx, r) => {
    const d = data[idx]!;
    model.learn(d.input, d.target, r, weightOf(d.target) * d.weight, l2);
  });
  return model;
}
