/**
 * Scores a whole message with the statistical layer, sentence by sentence. A disclosure is usually one
 * sentence inside a longer message ("...he has an EHCP. I don't want to be alive. When is the review?"),
 * and scored as a whole the ordinary sentences would drown it. So every sentence is scored, every pair
 * of neighbouring sentences (a thought often runs over a full stop), overlapping windows of long
 * run-on sentences (text-speak has no full stops), and the whole message when it is short. The message
 * scores as its most worrying part. Every word is in a bounded number of parts, so the work is linear
 * in the length of the message, and all of it is read.
 *
 * The second stage weighs the worst part against the message read as a whole. In a long message, that
 * reading is of the worst part in its context (the sentences either side, or the words either side of
 * a window of run-on text), not of the whole message: a disclosure in the middle of five sentences
 * about an EHCP would otherwise be judged by the EHCP sentences, and softened.
 */
import { BOUNDARY } from '../normalise.js';
import { CATEGORIES, type Category } from '../categories.js';
import { classifierTokens } from './features.js';

/** What scores a run of words: the hashed layer alone (model.ts) or both statistical layers (fused.ts). */
export interface PartModel {
  readonly labels: readonly string[];
  /** Probabilities for each label, in `labels` order. */
  predictWords(words: readonly string[]): Float64Array;
  /** Whether a word is one the layers know (has a word vector); without it, every word counts as known. */
  knows?(word: string): boolean;
}

/**
 * A part is read as unreadable when fewer than this share of its words are known. A flood of made-up
 * words is read as hundreds of such parts, and the character n-grams of words never seen leave stray
 * weights that, over enough parts, once gave 5 KB of nonsense the crisis reply 2 times in 3. An
 * unreadable part is scored on its known words alone, and not at all when it has fewer than
 * READABLE_MIN of them, so crisis evidence has to be readable text; a disclosure buried in it still is.
 */
const READABLE_SHARE = 0.5;
const READABLE_MIN = 3;

/** A run of this many unknown words or more is cut out of the text the statistical layers read. */
const UNKNOWN_RUN = 3;

/**
 * The tokens with every run of UNKNOWN_RUN or more unknown words replaced by a sentence end: a flood of
 * made-up words falls apart into scraps, and a disclosure buried in it stands as its own sentence, read
 * whole rather than in windows half made of nonsense. Misspellings and names come one or two at a time
 * and stay.
 */
function readableTokens(model: PartModel, tokens: string[]): string[] {
  if (!model.knows) return tokens;
  const knows = (w: string) => model.knows?.(w) ?? true;
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length >= UNKNOWN_RUN) {
      if (out.length && out[out.length - 1] !== BOUNDARY) out.push(BOUNDARY);
    } else out.push(...run);
    run = [];
  };
  for (const t of tokens) {
    if (t !== BOUNDARY && !knows(t)) {
      run.push(t);
      continue;
    }
    flush();
    out.push(t);
  }
  flush();
  return out;
}

/** The words of a part the statistical layers score: all of them, or the known ones when most are unknown; null for none. */
function readablePart(model: PartModel, words: string[]): string[] | null {
  if (!model.knows) return words;
  const knows = (w: string) => model.knows?.(w) ?? true;
  let known = 0;
  for (const w of words) if (knows(w)) known++;
  if (known >= READABLE_SHARE * words.length) return words;
  if (known < READABLE_MIN) return null;
  return words.filter((w) => knows(w));
}

const WINDOW = 24;
const STRIDE = 12;
const PAIR_MAX = 40;
const WHOLE_MAX = 60;
/** How many words of context around the worst part of a long message the second stage reads. */
const CONTEXT_MAX = WHOLE_MAX;
/** For a window of run-on text, how many words either side of it are its context. */
const CONTEXT_SIDE = STRIDE;

export interface ClassifierScore {
  /** The highest probability of any crisis category, summed over categories, in any part. */
  crisis: number;
  /** The highest probability of a crisis or a possible risk, in any part. */
  possible: number;
  /**
   * The crisis probability of the whole message read at once when it is short (at most WHOLE_MAX
   * words), else of the most worrying part in its context.
   */
  whole: number;
  /** The share of the parts scored at least 50% crisis. */
  share: number;
  /** The words `whole` was read from: the message, or its most worrying part in context. Never logged. */
  read: string[];
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

/** A scored part, with the words around it that the second stage reads it in. */
interface Part {
  words: string[];
  context: () => string[];
}

/**
 * The parts of a message that are scored, each a run of words, with its context: the neighbouring
 * sentences while they fit in WHOLE_MAX words, or for a window of run-on text, STRIDE words either side.
 */
function partsWithContext(tokens: string[]): Part[] {
  const sentences = sentencesOf(tokens);
  const around = (from: number, to: number) => (): string[] => {
    let a = from;
    let b = to;
    let n = 0;
    for (let i = a; i <= b; i++) n += (sentences[i] as string[]).length;
    for (let grew = true; grew;) {
      grew = false;
      const before = sentences[a - 1];
      if (before && n + before.length <= CONTEXT_MAX) {
        a--;
        n += before.length;
        grew = true;
      }
      const after = sentences[b + 1];
      if (after && n + after.length <= CONTEXT_MAX) {
        b++;
        n += after.length;
        grew = true;
      }
    }
    return sentences.slice(a, b + 1).flat();
  };
  const parts: Part[] = [];
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i] as string[];
    if (s.length <= WINDOW + STRIDE) parts.push({ words: s, context: around(i, i) });
    else
      for (let from = 0; from < s.length; from += STRIDE) {
        const at = from;
        parts.push({ words: s.slice(at, at + WINDOW), context: () => s.slice(Math.max(0, at - CONTEXT_SIDE), at + WINDOW + CONTEXT_SIDE) });
      }
    const next = sentences[i + 1];
    if (next && s.length + next.length <= PAIR_MAX) parts.push({ words: [...s, ...next], context: around(i, i + 1) });
  }
  const words = tokens.filter((t) => t !== BOUNDARY);
  if (sentences.length > 1 && words.length <= WHOLE_MAX) parts.push({ words, context: () => words });
  return parts;
}

/** The parts of a message that are scored, each a run of words. */
export function partsOf(tokens: string[]): string[][] {
  return partsWithContext(tokens).map((p) => p.words);
}

export function scoreMessage(model: PartModel, text: string): ClassifierScore {
  return scoreTokens(model, [classifierTokens(text)]);
}

/** Scores a message already split into pieces of tokens (detector.ts `tokenise`). */
export function scoreTokens(model: PartModel, allPieces: string[][]): ClassifierScore {
  const pieces = allPieces.map((p) => readableTokens(model, p));
  const crisisIdx = CATEGORIES.map((c) => model.labels.indexOf(c));
  const possibleIdx = model.labels.indexOf('possible');
  let crisis = 0;
  let possible = 0;
  let best: Float64Array | null = null;
  let bestPart: Part | null = null;
  const crisisOf = (probs: Float64Array): number => {
    let sum = 0;
    for (const idx of crisisIdx) sum += probs[idx] as number;
    return sum;
  };
  const parts = pieces.flatMap(partsWithContext);
  let flagged = 0;
  for (const part of parts) {
    const words = readablePart(model, part.words);
    if (!words) continue;
    const probs = model.predictWords(words);
    const sum = crisisOf(probs);
    if (sum >= 0.5) flagged++;
    if (sum > crisis || !best) {
      crisis = sum;
      best = probs;
      bestPart = part;
    }
    possible = Math.max(possible, sum + (probs[possibleIdx] as number));
  }
  const categories = best ? CATEGORIES.map((category, i) => ({ category, p: best[crisisIdx[i] as number] as number })).sort((a, b) => b.p - a.p) : [];
  const words = pieces.flatMap((p) => p.filter((t) => t !== BOUNDARY));
  const context = words.length <= WHOLE_MAX || !bestPart ? null : bestPart.context();
  const read = readablePart(model, context ?? words);
  const whole = read?.length ? crisisOf(model.predictWords(read)) : 0;
  return { crisis, possible, whole, share: parts.length ? flagged / parts.length : 0, categories, read: read ?? [] };
}
