/**
 * Folds over the messages written apart from this repo (the blind tuning sets' training part and the
 * ordinary tuning messages), for two jobs: choosing settings by cross-validation
 * (tools/cross-validate.ts), and scoring the blind messages with first stages that never saw them, so
 * the second stage learns how far to trust the first stage on words it was not learnt from. The fold
 * is a hash of the text, so it never moves when a file is edited.
 */
import type { Example } from '../corpus.js';
import { FusedModel } from './fused.js';
import type { MeaningVectors } from './meaning-input.js';
import { train } from './train.js';
import { trainMeaning } from './train-meaning.js';
import { trainNow } from './now.js';
import type { LinearModel } from './model.js';

export const FOLDS = 3;

export function foldOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) % FOLDS;
}

/** Whether an example is one the folds hold out: it was written apart from this repo. */
export function folded(e: Example): boolean {
  return e.file === '(blind tuning sets)' || e.file === '(ordinary tuning messages)';
}

/** Both statistical layers learnt without one fold, mixed by `mix`. */
export function modelWithout(fold: number, examples: readonly Example[], vectors: MeaningVectors, mix: number): FusedModel {
  const learnt = examples.filter((e) => !(folded(e) && foldOf(e.text) === fold));
  return new FusedModel(train(learnt).freeze(), trainMeaning(learnt, vectors), vectors, mix);
}

/** The now model (now.ts) learnt without one fold. */
export function nowWithout(fold: number, examples: readonly Example[]): LinearModel {
  return trainNow(examples.filter((e) => !(folded(e) && foldOf(e.text) === fold)));
}
