/**
 * Scores a whole message with the statistical layer, sentence by sentence. A disclosure is usually one
 * sentence inside a longer message ("...he has an EHCP. I don't want to be alive. When is the review?"),
 * and scored as a whole the ordinary sentences would drown it. So every sentence is scored, every pair
 * of neighbouring sentences (a thought often runs over a full stop), overlapping windows of long
 * run-on sentences (text-speak has no full stops), and the whole message when it is short. The message
 * scores as its most worrying part. Every word is in a bounded number of parts, so the work is linear
 * in the length of the message, and all of it is read.
 */
import { BOUNDARY } from '../normalise.js';
import { CATEGORIES, type Category } from '../categories.js';
import { classifierTokens, featuresOf } from './features.js';
import type { LinearModel } from './model.js';

const WINDOW = 24;
const STRIDE = 12;
const PAIR_MAX = 40;
const WHOLE_MAX = 60;

export interface ClassifierScore {
  /** The highest probability of any crisis category, summed over categories, in any part. */
  crisis: number;
  /** The highest probability of a crisis or a possible risk, in any part. */
  possible: number;
  /** The crisis probability of the whole message read at once. */
  whole: number;
  /** The share of the parts scored at least 50% crisis. */
  share: number;
  /** The crisis categories in the most worrying part, most likely first, with their probabilities. */
  categories: Array<{ category: Category; p: number }>;
}

function sentencesOf(tokens: string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const t of tokens) {
    if (t === BOUNDARY) {
      if (current.length) out.push(current);
      current = [];
    } else current.push(t);
  }
  if (current.length) out.push(current);
  return out;
}

/** The parts of a message that are scored, each a run of words. */
export function partsOf(tokens: string[]): string[][] {
  const sentences = sentencesOf(tokens);
  const parts: string[][] = [];
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i] as string[];
    if (s.length <= WINDOW + STRIDE) parts.push(s);
    else for (let from = 0; from < s.length; from += STRIDE) parts.push(s.slice(from, from + WINDOW));
    const next = sentences[i + 1];
    if (next && s.length + next.length <= PAIR_MAX) parts.push([...s, ...next]);
  }
  const words = tokens.filter((t) => t !== BOUNDARY);
  if (sentences.length > 1 && words.length <= WHOLE_MAX) parts.push(words);
  return parts;
}

export function scoreMessage(model: LinearModel, text: string): ClassifierScore {
  return scoreTokens(model, [classifierTokens(text)]);
}

/** Scores a message already split into pieces of tokens (detector.ts `tokenise`). */
export function scoreTokens(model: LinearModel, pieces: string[][]): ClassifierScore {
  const crisisIdx = CATEGORIES.map((c) => model.labels.indexOf(c));
  const possibleIdx = model.labels.indexOf('possible');
  let crisis = 0;
  let possible = 0;
  let best: Float64Array | null = null;
  const crisisOf = (probs: Float64Array): number => {
    let sum = 0;
    for (const idx of crisisIdx) sum += probs[idx] as number;
    return sum;
  };
  const parts = pieces.flatMap(partsOf);
  let flagged = 0;
  for (const part of parts) {
    const probs = model.predict(featuresOf(part));
    const sum = crisisOf(probs);
    if (sum >= 0.5) flagged++;
    if (sum > crisis || !best) {
      crisis = sum;
      best = probs;
    }
    possible = Math.max(possible, sum + (probs[possibleIdx] as number));
  }
  const categories = best ? CATEGORIES.map((category, i) => ({ category, p: best[crisisIdx[i] as number] as number })).sort((a, b) => b.p - a.p) : [];
  const words = pieces.flatMap((p) => p.filter((t) => t !== BOUNDARY));
  const whole = words.length ? crisisOf(model.predict(featuresOf(words))) : 0;
  return { crisis, possible, whole, share: parts.length ? flagged / parts.length : 0, categories };
}
