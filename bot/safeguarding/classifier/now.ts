/**
 * The now-or-not-now reading: for a message the first stage flags, how likely the danger it tells of is
 * happening now, rather than past ("he self harmed a while ago"), managed ("has a care plan", "on
 * medication"), figurative ("I sometimes feel like I cannot cope with him") or told to ask for advice ("he
 * hit his sister yesterday and I am worried"). The first stage learns what a crisis is about; this
 * learns only the contrast between crises and the near-misses that use the same words, so its weights
 * go to the words that tell time, negation, management, who is speaking and why.
 *
 * A logistic regression over the same hashed words and letter groups as the first stage (features.ts,
 * model.ts), with two labels, learnt from the corpus's crises against its near-miss and past-event files
 * and from the training part of the blind tuning sets. The second stage reads its probability as one of
 * its numbers (second-stage.ts), and a flagged message it reads as not now may be weighed there even
 * without a calming cue phrase.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isCategory } from '../categories.js';
import type { Example } from '../corpus.js';
import { inEpochs } from './epochs.js';
import { featuresOf } from './features.js';
import { LinearModel } from './model.js';
import { readUnpacked, unpackedKey, writeUnpacked } from './unpacked.js';
import { exampleWords } from './train-meaning.js';

export const NOW_LABELS = ['not-now', 'now'] as const;

/** The corpus files whose examples are near-misses: the same words as a crisis, not one now. */
const NEAR_FILE = /^(near-|possible-|staff-none|staff-possible)/;

/** The contrast the now model learns: crises against near-misses and past events; ordinary text is left out. */
export function nowExamples(examples: readonly Example[]): Array<{ text: string; now: boolean; weight: number }> {
  const out: Array<{ text: string; now: boolean; weight: number }> = [];
  for (const e of examples) {
    const now = isCategory(e.label);
    const near = !now && (NEAR_FILE.test(e.file) || e.file === '(blind tuning sets)');
    if (now || near) out.push({ text: e.text, now, weight: e.weight ?? 1 });
  }
  return out;
}

export function trainNow(examples: readonly Example[], epochs = 12, rate = 0.6, l2 = 1e-5): LinearModel {
  const data = nowExamples(examples).map((e) => ({ features: featuresOf(exampleWords(e.text)), target: e.now ? 1 : 0, weight: e.weight }));
  const pos = data.filter((d) => d.target === 1).reduce((s, d) => s + d.weight, 0);
  const neg = data.filter((d) => d.target === 0).reduce((s, d) => s + d.weight, 0);
  // The two sides weigh the same in total, so the model leans neither way before it reads a word.
  const balance = [(pos + neg) / (2 * neg), (pos + neg) / (2 * pos)];
  const model = LinearModel.empty(NOW_LABELS);
  inEpochs(data.length, { epochs, rate, decay: 0.5, seed: 13 }, (idx, r) => {
    const d = data[idx]!;
    model.learn(d.features, d.target, r, (balance[d.target] as number) * d.weight, l2);
  });
  return model.freeze();
}

/** The probability that a run of words tells of danger now. */
export function nowProbability(model: LinearModel, words: readonly string[]): number {
  if (!words.length) return 1;
  return model.predictWords(words)[1] as number;
}

export const NOW_FILE = new URL('../model/now.bin', import.meta.url);
const NOW_META_FILE = new URL('../model/now.json', import.meta.url);

interface NowMeta {
  labels: string[];
  scales: number[];
  corpusHash: string;
}

export function writeNowModel(model: LinearModel, corpusHash: string): void {
  const { bytes, scales } = model.quantise();
  writeFileSync(NOW_FILE, bytes);
  writeFileSync(NOW_META_FILE, `${JSON.stringify({ labels: [...model.labels], scales, corpusHash } satisfies NowMeta, null, 2)}\n`);
}

const NOW_UNPACKED_FILE = new URL('../model/now.f32', import.meta.url);

function readQuantisedNow(): { meta: NowMeta; bytes: Int8Array; key: string } {
  const meta = JSON.parse(readFileSync(NOW_META_FILE, 'utf8')) as NowMeta;
  const buf = readFileSync(NOW_FILE);
  const bytes = new Int8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  return { meta, bytes, key: unpackedKey(bytes, [meta.labels, meta.scales]) };
}

/** The model, from the build's float32 copy (now.f32, unpacked.ts) when it matches now.bin. */
export function readNowModel(): { model: LinearModel; corpusHash: string } {
  const { meta, bytes, key } = readQuantisedNow();
  const unpacked = readUnpacked(NOW_UNPACKED_FILE, key, bytes.length);
  return {
    model: unpacked ? LinearModel.frozen(meta.labels, unpacked) : LinearModel.fromQuantised(meta.labels, bytes, meta.scales),
    corpusHash: meta.corpusHash,
  };
}

/** Writes now.f32 for readNowModel. */
export function writeUnpackedNowModel(): void {
  const { meta, bytes, key } = readQuantisedNow();
  writeUnpacked(NOW_UNPACKED_FILE, key, LinearModel.fromQuantised(meta.labels, bytes, meta.scales).featureMajor());
}
