/**
 * A multinomial logistic regression over hashed features (features.ts), one row of weights per label.
 *
 * Written by hand rather than taken from natural: natural's LogisticRegressionClassifier trains through
 * dense matrices and takes minutes on a corpus this size, and neither it nor its BayesClassifier can
 * take hashed character n-grams or be saved as a small fixed-size artefact. This is about eighty lines of
 * arithmetic, trained offline (tools/train.ts) and loaded at start-up from an int8 file of 1 MB.
 */
import { BUCKETS, featuresOf } from './features.js';

export interface ModelMeta {
  labels: string[];
  buckets: number;
  /** One scale per label: weight = int8 value * scale. */
  scales: number[];
  corpusHash: string;
  examples: number;
  trainedAt: string;
}

export class LinearModel {
  /**
   * The same weights feature by feature (BUCKETS rows of labels.length), for a model that is only read:
   * a feature's weights for every label then sit side by side in memory, one cache line instead of one
   * per label, which makes scoring a long message several times faster.
   */
  private byFeature: Float32Array | null = null;
  /** labels.length rows of BUCKETS weights, row-major; for a model made from byFeature, laid out when asked for. */
  private rows: Float32Array | null;

  constructor(
    readonly labels: readonly string[],
    /** labels.length rows of BUCKETS weights, row-major. */
    weights: Float32Array,
  ) {
    this.rows = weights;
  }

  get weights(): Float32Array {
    if (!this.rows) {
      const k = this.labels.length;
      const t = this.byFeature as Float32Array;
      const rows = new Float32Array(t.length);
      for (let c = 0; c < k; c++) for (let f = 0; f < BUCKETS; f++) rows[c * BUCKETS + f] = t[f * k + c] as number;
      this.rows = rows;
    }
    return this.rows;
  }

  /** Lays the weights out feature by feature for fast scoring; the model must not learn after this. */
  freeze(): this {
    const k = this.labels.length;
    const t = new Float32Array(this.weights.length);
    for (let c = 0; c < k; c++) for (let f = 0; f < BUCKETS; f++) t[f * k + c] = this.weights[c * BUCKETS + f] as number;
    this.byFeature = t;
    return this;
  }

  /** A frozen model's weights feature by feature (BUCKETS rows of labels.length), as freeze() lays them out. */
  featureMajor(): Float32Array {
    if (!this.byFeature) throw new Error('only a frozen model has its weights feature by feature');
    return this.byFeature;
  }

  /** A frozen model from weights already laid out feature by feature (featureMajor() of another). */
  static frozen(labels: readonly string[], byFeature: Float32Array): LinearModel {
    if (byFeature.length !== labels.length * BUCKETS) throw new Error('safeguarding model has the wrong size: retrain it with npm run safeguarding:train');
    const model = new LinearModel(labels, new Float32Array(0));
    model.rows = null;
    model.byFeature = byFeature;
    return model;
  }

  static empty(labels: readonly string[]): LinearModel {
    return new LinearModel(labels, new Float32Array(labels.length * BUCKETS));
  }

  /** Probabilities for each label for a run of words (score.ts PartModel). */
  predictWords(words: readonly string[]): Float64Array {
    return this.predict(featuresOf(words));
  }

  /** Probabilities for each label, in `labels` order. */
  predict(features: Int32Array): Float64Array {
    const k = this.labels.length;
    const scale = 1 / Math.sqrt(features.length);
    const logits = new Float64Array(k);
    const t = this.byFeature;
    if (t) {
      for (let i = 0; i < features.length; i++) {
        const at = (features[i] as number) * k;
        for (let c = 0; c < k; c++) logits[c]! += t[at + c] as number;
      }
      for (let c = 0; c < k; c++) logits[c]! *= scale;
    } else {
      for (let c = 0; c < k; c++) {
        const row = c * BUCKETS;
        let sum = 0;
        for (let i = 0; i < features.length; i++) sum += this.weights[row + (features[i] as number)] as number;
        logits[c] = sum * scale;
      }
    }
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, logits[c] as number);
    let total = 0;
    for (let c = 0; c < k; c++) {
      logits[c] = Math.exp((logits[c] as number) - max);
      total += logits[c] as number;
    }
    for (let c = 0; c < k; c++) logits[c] = (logits[c] as number) / total;
    return logits;
  }

  /** One step of gradient descent on one example (cross-entropy loss, L2 on the touched weights). */
  learn(features: Int32Array, target: number, rate: number, weight: number, l2: number): void {
    if (this.byFeature) throw new Error('a frozen model cannot learn');
    const probs = this.predict(features);
    const scale = 1 / Math.sqrt(features.length);
    for (let c = 0; c < this.labels.length; c++) {
      const grad = ((probs[c] as number) - (c === target ? 1 : 0)) * weight * scale;
      const row = c * BUCKETS;
      for (let i = 0; i < features.length; i++) {
        const at = row + (features[i] as number);
        const w = this.weights[at] as number;
        this.weights[at] = w - rate * (grad + l2 * w);
      }
    }
  }

  /** Int8 weights with a scale per label: a quarter of the size, and no measurable loss of accuracy. */
  quantise(): { bytes: Int8Array; scales: number[] } {
    const bytes = new Int8Array(this.weights.length);
    const scales: number[] = [];
    for (let c = 0; c < this.labels.length; c++) {
      const row = this.weights.subarray(c * BUCKETS, (c + 1) * BUCKETS);
      let max = 0;
      for (const w of row) max = Math.max(max, Math.abs(w));
      const scale = max / 127 || 1;
      scales.push(scale);
      for (let i = 0; i < row.length; i++) bytes[c * BUCKETS + i] = Math.round((row[i] as number) / scale);
    }
    return { bytes, scales };
  }

  static fromQuantised(labels: readonly string[], bytes: Int8Array, scales: readonly number[]): LinearModel {
    if (bytes.length !== labels.length * BUCKETS) throw new Error('safeguarding model has the wrong size: retrain it with npm run safeguarding:train');
    const weights = new Float32Array(bytes.length);
    for (let c = 0; c < labels.length; c++) {
      const scale = scales[c] as number;
      for (let i = c * BUCKETS; i < (c + 1) * BUCKETS; i++) weights[i] = (bytes[i] as number) * scale;
    }
    return new LinearModel(labels, weights).freeze();
  }
}
