/**
 * What the meaning layer reads of a run of words (meaning.ts has the network): the words' vectors,
 * weighted by how rare each word is, and counts of the words that make a near-miss safe or a crisis
 * present. Also the int8 copy of the vectors kept in model/, so the check never depends on the
 * retrieval cache being built.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { skeleton } from '../normalise.js';

export const DIMENSIONS = 100;

/** The word vectors the meaning layer reads, keyed by skeleton word (normalise.ts `skeleton`). */
export class MeaningVectors {
  private readonly index = new Map<string, number>();
  /** For vectors read from the int8 file: which words' vectors are multiplied out in `rows` yet. */
  private readonly ready: Uint8Array | null;

  constructor(
    readonly words: readonly string[],
    /** Each word's place by frequency in the embeddings' own corpus, for the SIF weight. */
    readonly ranks: Int32Array,
    /** words.length unit vectors of DIMENSIONS. */
    private readonly rows: Float32Array,
    /**
     * The int8 components and their scale, when `rows` starts empty: each word's vector is multiplied
     * out when first asked for, to the same float32 numbers as all at once, so the start does not pay
     * for two million of them (a message reads a few dozen words).
     */
    private readonly quantised?: { q: Int8Array; scale: number },
  ) {
    words.forEach((w, i) => this.index.set(w, i));
    this.ready = quantised ? new Uint8Array(words.length) : null;
  }

  /** Every vector (words.length of DIMENSIONS), all multiplied out. */
  get data(): Float32Array {
    if (this.ready) for (let i = 0; i < this.words.length; i++) this.vectorsWith(i);
    return this.rows;
  }

  /** The vectors, with word i's multiplied out: its components are at i * DIMENSIONS. */
  vectorsWith(i: number): Float32Array {
    const ready = this.ready;
    if (ready && !ready[i]) {
      const { q, scale } = this.quantised!;
      for (let d = i * DIMENSIONS; d < (i + 1) * DIMENSIONS; d++) this.rows[d] = (q[d] as number) * scale;
      ready[i] = 1;
    }
    return this.rows;
  }

  get size(): number {
    return this.words.length;
  }

  at(word: string): number | undefined {
    return this.index.get(word);
  }
}

/** SIF's a: a word as common as "the" weighs about a tenth of a rare one. */
const SIF_A = 1e-3;
/** Zipf's law for the rank's probability; the harmonic number of 50,000 words is about 11.4. */
export const sifWeight = (rank: number): number => SIF_A / (SIF_A + 1 / ((rank + 10) * 11.4));

/** Word groups the network counts, in plain words, skeletonised at load to match the tokens. */
const GROUP_WORDS: Record<string, string[]> = {
  self: ['i', 'me', 'my', 'myself', 'mine', 'we', 'us', 'our'],
  you: ['you', 'your', 'yourself'],
  other: [
    'he',
    'she',
    'him',
    'her',
    'his',
    'hers',
    'himself',
    'herself',
    'they',
    'them',
    'their',
    'themselves',
    'son',
    'daughter',
    'child',
    'kid',
    'boy',
    'girl',
    'brother',
    'sister',
    'student',
    'pupil',
    'yp',
    'ds',
    'dd',
  ],
  staff: ['caller', 'says', 'said', 'states', 'stated', 'reports', 'reported', 'mum', 'dad', 'obs', 'note', 'parent', 'carer', 'disclosed', 'advised'],
  past: [
    'was',
    'were',
    'had',
    'did',
    'ago',
    'last',
    'used',
    'previously',
    'before',
    'history',
    'once',
    'back',
    'then',
    'since',
    'aged',
    'old',
    'when',
    'happened',
    'went',
  ],
  now: [
    'now',
    'tonight',
    'today',
    'right',
    'currently',
    'still',
    'just',
    'keeps',
    'am',
    'is',
    'are',
    'please',
    'help',
    'urgent',
    'here',
    'this',
    'minutes',
    'hours',
  ],
  future: ['will', 'going', 'tomorrow', 'tonight', 'later', 'soon', 'gonna', 'weekend', 'planning', 'ready'],
  negation: ['not', 'no', 'never', 'nobody', 'none', 'nothing', 'without', 'nor'],
  managed: [
    'plan',
    'medication',
    'meds',
    'nurse',
    'doctor',
    'consultant',
    'managed',
    'camhs',
    'gp',
    'therapist',
    'care',
    'stable',
    'controlled',
    'diagnosed',
    'diagnosis',
    'prescribed',
    'fine',
    'ok',
    'okay',
    'better',
    'safe',
    'support',
  ],
  hypothetical: ['if', 'might', 'could', 'would', 'should', 'case', 'whether', 'worried', 'worry', 'scared', 'afraid'],
  question: ['what', 'how', 'where', 'who', 'can', 'does', 'do', 'which', 'why', 'is', 'any', 'anyone'],
  send: [
    'ehcp',
    'ehc',
    'school',
    'college',
    'review',
    'sen',
    'senco',
    'council',
    'apply',
    'assessment',
    'plan',
    'tribunal',
    'transport',
    'support',
    'send',
    'autism',
    'adhd',
  ],
  figurative: ['lol', 'haha', 'literally', 'joking', 'jk', 'honestly', 'process', 'paperwork', 'waiting', 'forms'],
};
export const GROUPS = Object.keys(GROUP_WORDS);
export const GROUP_OF = new Map<string, number[]>();
GROUPS.forEach((g, i) => {
  for (const w of GROUP_WORDS[g] as string[]) {
    const s = skeleton(w);
    GROUP_OF.set(s, [...(GROUP_OF.get(s) ?? []), i]);
  }
});

/** The counted features after the vector: the groups, then -ed words, numbers, unknown words and length. */
export const CONTEXT_FEATURES = [...GROUPS, 'ed', 'number', 'unknown', 'length'];
export const INPUTS = DIMENSIONS + CONTEXT_FEATURES.length;

/**
 * The network's input for a run of skeleton words: the SIF-weighted mean vector, then each group's share
 * of the words (square-rooted, so one "ago" in twenty words still counts), the share of -ed words,
 * numbers and words with no vector, and the length. Linear in the number of words. A weighted mean
 * (not a unit vector) keeps the first layer linear in the words, which MeaningScorer relies on.
 */
export function meaningInput(vectors: MeaningVectors, words: readonly string[], out = new Float32Array(INPUTS)): Float32Array {
  out.fill(0);
  const { ranks } = vectors;
  let total = 0;
  for (const w of words) {
    const i = vectors.at(w);
    if (i === undefined) continue;
    const data = vectors.vectorsWith(i);
    const weight = sifWeight(ranks[i] as number);
    total += weight;
    const offset = i * DIMENSIONS;
    for (let d = 0; d < DIMENSIONS; d++) out[d]! += (data[offset + d] as number) * weight;
  }
  if (total > 0) for (let d = 0; d < DIMENSIONS; d++) out[d]! /= total;
  contextInput(vectors, words, out, DIMENSIONS);
  return out;
}

/** The counted features (CONTEXT_FEATURES) of a run of words, written into `out` from `at`. */
export function contextInput(vectors: MeaningVectors, words: readonly string[], out: Float32Array | Float64Array, at: number): void {
  const counts = new Float64Array(CONTEXT_FEATURES.length);
  const ed = GROUPS.length;
  for (const w of words) {
    if (vectors.at(w) === undefined) counts[ed + 2]!++;
    const groups = GROUP_OF.get(w);
    if (groups) for (const g of groups) counts[g]!++;
    if (w.length > 4 && w.endsWith('ed')) counts[ed]!++;
    const c = w.charCodeAt(0);
    if (c >= 48 && c <= 57) counts[ed + 1]!++;
  }
  const n = Math.max(1, words.length);
  for (let c = 0; c < CONTEXT_FEATURES.length - 1; c++) out[at + c] = Math.sqrt((counts[c] as number) / n);
  out[at + CONTEXT_FEATURES.length - 1] = Math.log1p(words.length) / 4;
}

export const VECTORS_FILE = new URL('../model/meaning-vectors.bin', import.meta.url);
export const VECTOR_WORDS_FILE = new URL('../model/meaning-words.txt', import.meta.url);

/**
 * The vectors file: a float32 scale, then int8 components, DIMENSIONS per word; the words file: one
 * "skeleton-word rank" a line. Int8 keeps it small (a component is off by at most half a step of 1/127
 * of the largest, far below what separates two words).
 */
export function writeMeaningVectors(vectors: MeaningVectors, file: URL = VECTORS_FILE, wordsFile: URL = VECTOR_WORDS_FILE): void {
  let max = 0;
  for (const v of vectors.data) max = Math.max(max, Math.abs(v));
  const scale = max / 127 || 1;
  const bytes = Buffer.alloc(4 + vectors.data.length);
  bytes.writeFloatLE(scale, 0);
  for (let i = 0; i < vectors.data.length; i++) bytes.writeInt8(Math.round((vectors.data[i] as number) / scale), 4 + i);
  writeFileSync(file, bytes);
  writeFileSync(wordsFile, `${vectors.words.map((w, i) => `${w} ${vectors.ranks[i]}`).join('\n')}\n`);
}

export function readMeaningVectors(file: URL = VECTORS_FILE, wordsFile: URL = VECTOR_WORDS_FILE): MeaningVectors {
  const lines = readFileSync(wordsFile, 'utf8').split('\n').filter(Boolean);
  const bytes = readFileSync(file);
  const scale = bytes.readFloatLE(0);
  if (bytes.length !== 4 + lines.length * DIMENSIONS) throw new Error('the safeguarding word vectors are damaged: run npm run safeguarding:train');
  const q = new Int8Array(bytes.buffer, bytes.byteOffset + 4, lines.length * DIMENSIONS);
  const words = lines.map((l) => l.slice(0, l.indexOf(' ')));
  const ranks = Int32Array.from(lines, (l) => Number(l.slice(l.indexOf(' ') + 1)));
  return new MeaningVectors(words, ranks, new Float32Array(q.length), { q, scale });
}
