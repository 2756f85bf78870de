/**
 * Both statistical layers as one: the hashed layer (model.ts, surface words and letter groups) and the
 * meaning layer (meaning.ts, word vectors and the words that tell who, when and whether it is managed).
 * Their probabilities are mixed, the meaning layer weighing `mix` (chosen by cross-validation on the
 * training part of the blind tuning sets, tools/cross-validate.ts). The hashed layer knows the corpus's
 * phrasings exactly; the meaning layer carries over to words it never saw.
 */
import { readModel } from './artefact.js';
import { MeaningScorer, readMeaningModel, type MeaningModel } from './meaning.js';
import { readMeaningVectors, type MeaningVectors } from './meaning-input.js';
import type { LinearModel } from './model.js';
import type { PartModel } from './score.js';

export class FusedModel implements PartModel {
  private readonly scorer: MeaningScorer;

  constructor(
    readonly hashed: LinearModel,
    readonly meaning: MeaningModel,
    readonly vectors: MeaningVectors,
    readonly mix: number,
  ) {
    if (hashed.labels.join() !== meaning.labels.join())
      throw new Error('the safeguarding layers were trained on different labels: run npm run safeguarding:train');
    this.scorer = new MeaningScorer(meaning, vectors);
  }

  get labels(): readonly string[] {
    return this.hashed.labels;
  }

  knows(word: string): boolean {
    if (this.vectors.at(word) !== undefined) return true;
    const c = word.charCodeAt(0);
    return c >= 48 && c <= 57;
  }

  predictWords(words: readonly string[]): Float64Array {
    const out = this.hashed.predictWords(words);
    if (this.mix <= 0) return out;
    const m = this.scorer.predictWords(words);
    for (let c = 0; c < out.length; c++) out[c] = (1 - this.mix) * (out[c] as number) + this.mix * (m[c] as number);
    return out;
  }
}

/**
 * Reads both layers from bot/safeguarding/model/; throws when any file is missing or damaged, or when
 * the two were learnt from different examples.
 */
export function readStatisticalLayers(): { model: FusedModel; corpusHash: string; mix: number } {
  const { model: hashed, meta } = readModel();
  const { model: meaning, mix, corpusHash } = readMeaningModel();
  if (corpusHash !== meta.corpusHash) throw new Error('the safeguarding layers were learnt from different examples: run npm run safeguarding:train');
  return { model: new FusedModel(hashed, meaning, readMeaningVectors(), mix), corpusHash, mix };
}

/** What the second stage was learnt on: both layers' examples and the meaning layer's weight. */
export function statisticalHash(corpusHash: string, mix: number): string {
  return `${corpusHash} meaning ${mix}`;
}
