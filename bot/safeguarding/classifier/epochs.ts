/**
 * What the safeguarding layers' training loops share: plain stochastic gradient descent in epochs, the
 * examples in a new seeded order each epoch and the learning rate decaying, and class weights by the
 * fourth root. The models differ only in what one step learns (LinearModel, MeaningModel), so that is
 * what the caller passes in. Written by hand: these few lines drive our own small models, and no kept
 * library trains them.
 */
import { seeded } from '../corpus.js';

export interface Epochs {
  epochs: number;
  /** The first epoch's learning rate; epoch e learns at rate / (1 + e * decay). */
  rate: number;
  decay: number;
  /** Seeds the order, so the same corpus always gives the same model. */
  seed: number;
}

/** Runs `step` on every example index once per epoch, in a fresh seeded order, with that epoch's rate. */
export function inEpochs(count: number, { epochs, rate, decay, seed }: Epochs, step: (index: number, rate: number) => void): void {
  const rand = seeded(seed);
  const order = Array.from({ length: count }, (_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    const r = rate / (1 + epoch * decay);
    for (const index of order) step(index, r);
  }
}

/**
 * Rarer labels weigh more, so a few hundred forced-marriage examples are not drowned by thousands of
 * ordinary questions; only by the fourth root, so that `none` keeps most of its weight and ordinary words
 * are not pulled towards a crisis.
 */
export function rarerWeighMore(targets: readonly number[]): (target: number) => number {
  const counts = new Map<number, number>();
  for (const t of targets) counts.set(t, (counts.get(t) ?? 0) + 1);
  const mean = targets.length / counts.size;
  return (target) => Math.sqrt(Math.sqrt(mean / (counts.get(target) ?? 1)));
}
