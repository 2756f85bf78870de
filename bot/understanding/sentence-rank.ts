/**
 * The short answer, sentence by sentence. Every sentence (or list line; a short list is one unit) of the
 * chosen topic, in the asker's wording, is scored against the question on its own, and the answer is
 * filled greedily with the best, each pick counting a little less for the question's words already
 * answered. Picking whole passages let a passage's filler sentences take the room another passage's fact
 * needed.
 *
 * A sentence's score adds:
 * - the question's words it holds, each weighted by how rare it is in the whole content and how rare
 *   within this topic ("appeal" says nothing inside the appeal topic; "certificate" does);
 * - how well it looks like the kind of answer wanted (question-type.ts), whether it holds an amount
 *   with its unit when the question asks "how far", "how much" or "how many", and whether it offers a way
 *   to act on it (advice, an appeal, a complaint, a review) when the question asks "what can I do" or "is
 *   that allowed";
 * - how well its passage matched: BM25 within the topic, and its place when whole passages are ranked;
 * - the closeness of its meaning (word vectors);
 * - whether it states something checkable: a number, a named body or law, a duty, "free";
 * - a little for the topic's short answer, which is written to stand alone.
 * While filling, the sentence right after one already picked gains: a fact often follows the sentence
 * that names its subject ("You can appeal. Appeal within 2 months...").
 *
 * Written by hand: the scoring is a few sums over sets the index already holds, and no library ranks
 * sentences inside a document with a budget in characters.
 */
import { answerUnits, joinUnits } from './answer-sentences.js';
import type { Passage } from './passages.js';
import { amountShape, answerShape, remedyShape, typeFit, type AmountUnit, type QuestionType } from './question-type.js';
import { DEPENDS_ON_BEFORE } from './query-text.js';
import { stems } from './text.js';
import { LEARNT_PICKING, LEARNT_SENTENCE_WEIGHTS, LEARNT_SURE_SENTENCE } from './sentence-weights.js';

/** One sentence (or list line) of a passage, scored for a question. */
export interface RankedSentence {
  passage: Passage;
  /** Its place in its passage's units (answerUnits). */
  index: number;
  text: string;
  score: number;
  /** Its signals, each about 0 to 1: the score is their sum weighted by SENTENCE_WEIGHTS. */
  features: SentenceFeatures;
  /** Its content stems, for coverage and repeats. */
  stems: Set<string>;
  /** The question's stems it holds, with the share of the question's word weight each brings. */
  asked: Map<string, number>;
  /** Whether it opens by leaning on the sentence before it ("They do not need one either"). */
  dependent: boolean;
}

/**
 * A sentence's signals. `words` is the share of the question's (rarity-weighted) words it holds; `named` is
 * whether it holds the question's most telling word (the asked entity); the `shape...` signals say it has
 * the shape of answer the question's kind wants (a time for "how long", a body or role for "who", a modal
 * for "can I" or "must they", a definition for "what is", a step for "how do I"), each counted only for
 * questions of that kind, so each is weighted on its own; `shapeAmount` an amount with its unit ("2 miles",
 * "£4,000") for "how far", "how much" and "how many", whatever the kind; `shapeRemedy` a way to act on it
 * ("you can complain to the council", "ask the governors", SENDIASS) for "what can I do", "who else can I
 * talk to", "is that even legal" or "can I challenge it", unless it asks "how long" or "when".
 */
export const SENTENCE_FEATURES = [
  'words',
  'named',
  'type',
  'shapeWhen',
  'shapeWho',
  'shapeYesNo',
  'shapeWhatIs',
  'shapeHow',
  'shapeAmount',
  'shapeRemedy',
  'passage',
  'rank',
  'meaning',
  'concrete',
  'summaryFirst',
  'summary',
  'steps',
  'lead',
  'length',
  'list',
  'bare',
  'asks',
] as const;
export type SentenceFeature = (typeof SENTENCE_FEATURES)[number];
export type SentenceFeatures = Record<SentenceFeature, number>;

/** The weights of a sentence's signals, learnt by `npm run learn:sentences` (sentence-weights.ts). */
export const SENTENCE_WEIGHTS: SentenceFeatures = LEARNT_SENTENCE_WEIGHTS;

/** A sentence's score under `weights`. */
export function sentenceScore(features: SentenceFeatures, weights: SentenceFeatures = SENTENCE_WEIGHTS): number {
  let score = 0;
  for (const f of SENTENCE_FEATURES) score += features[f] * weights[f];
  return score;
}

/** How the answer is filled once sentences are scored. */
export interface Picking {
  /** A sentence whose content words are at least this share already said adds nothing. */
  saidAlready: number;
  /** How much a question word already answered still counts for the next pick. */
  covered: number;
  /** For the sentence right after one already picked: the fact often follows the sentence that names the subject. */
  next: number;
  /** A sentence scoring this far below the lead is framing, not answer: it is left out, and the room kept. */
  gap: number;
  /** How much the question's words a sentence adds, not yet answered, count again while filling. */
  fresh: number;
  /** What each character costs while filling: of two sentences saying as much, the shorter leaves room for the next fact. */
  perChar: number;
}

/** Chosen by `npm run learn:sentences` (sentence-weights.ts). */
export const PICKING: Picking = LEARNT_PICKING;

/**
 * Below this score the best sentence is a weak match, and the answer gets more room (LONG_ANSWER_BUDGET in
 * compose.ts): when no one sentence clearly answers, more of the topic is more likely to. Chosen by
 * `npm run learn:sentences` on half the tuning questions, with the median reply kept short.
 */
export const SURE_SENTENCE = LEARNT_SURE_SENTENCE;

/** True when the best sentence answers the question clearly enough for a short answer. */
export function clearlyAnswered(ranked: RankedSentence[], sure = SURE_SENTENCE): boolean {
  return (ranked[0]?.score ?? 0) >= sure;
}

export interface SentenceQuery {
  /** The question's content stems, corrected, with any bare numbers ("15 hours for 3 year olds"). */
  stems: string[];
  type: QuestionType;
  asksAge: boolean;
  /** "How far", "how much", "how many": an amount with its unit is wanted (question-type.ts). */
  asksAmount?: boolean;
  /** The unit the amount is asked in, when the question names one ("how many hours", "how far"). */
  amountUnit?: AmountUnit;
  /** "What can I do", "is that allowed": a way to act on it is wanted (question-type.ts). */
  asksRemedy?: boolean;
  /** Each passage's BM25 score, scaled 0 to 1 within the topic. */
  passageScore: (p: Passage) => number;
  /** Each passage's place when whole passages are ranked (qa.ts), 0 the best. */
  passageRank: (p: Passage) => number;
  /** Closeness of a sentence's meaning to the question's, about 0 to 1; 0 without word vectors. */
  meaning: (text: string) => number;
}

/** A list up to this long is one unit: "the four broad areas" is the whole list, not its best line. */
const WHOLE_LIST = 360;

/** A passage's sentences, with a short list kept whole (its lead-in line with it). */
export function sentenceUnits(text: string): string[] {
  const out: string[] = [];
  for (const u of answerUnits(text)) {
    const prev = out[out.length - 1];
    const isItem = u.startsWith('- ');
    if (isItem && prev !== undefined && /(^|\n)- /.test(prev) && prev.length + u.length + 1 <= WHOLE_LIST) out[out.length - 1] = `${prev}\n${u}`;
    else out.push(u);
  }
  return out;
}

/** A sentence that states something checkable: a number, a named body or law, a duty, money. */
const CONCRETE = /\d|\b[A-Z]{2,}\b|\b(Act|Tribunal|Ombudsman|must|free|cannot|do not need)\b/;

/** What a SentenceRanker learns from the whole content. */
export interface SentenceRarity {
  idf: [string, number][];
  maxIdf: number;
}

/**
 * A passage's sentence as read once: its stems, and what its scoring reads from its text alone, so a
 * question runs no pattern over a sentence that an earlier question already ran. `fits` holds typeFit
 * and answerShape by kind of question (and whether it asks an age), `amounts` amountShape by unit asked,
 * `remedy` remedyShape.
 */
interface Unit {
  text: string;
  stems: Set<string>;
  dependent?: boolean;
  concrete?: number;
  list?: number;
  asks?: number;
  fits?: Map<string, { type: number; shape: number }>;
  amounts?: Map<AmountUnit | undefined, number>;
  remedy?: number;
}

export class SentenceRanker {
  private readonly units = new Map<string, Unit[]>();
  private readonly idf = new Map<string, number>();
  private readonly maxIdf: number;

  /**
   * `passages` are all the content's passages, to learn how rare each stem is across its sentences, or
   * `learnt` is what rarity() gave for the same passages (kept by the build, index-snapshot.ts): then each
   * passage's sentences are read when first asked for.
   */
  constructor(passages: Iterable<Passage>, learnt?: SentenceRarity) {
    if (learnt) {
      for (const [st, v] of learnt.idf) this.idf.set(st, v);
      this.maxIdf = learnt.maxIdf;
      return;
    }
    const df = new Map<string, number>();
    let n = 0;
    for (const p of passages)
      for (const u of this.unitsOf(p)) {
        n++;
        for (const st of u.stems) df.set(st, (df.get(st) ?? 0) + 1);
      }
    for (const [st, d] of df) this.idf.set(st, Math.log(1 + n / d));
    this.maxIdf = Math.log(1 + n);
  }

  /** How rare each stem is across the content's sentences, as learnt: for the build to keep. */
  rarity(): SentenceRarity {
    return { idf: [...this.idf], maxIdf: this.maxIdf };
  }

  private unitsOf(p: Passage): Unit[] {
    let units = this.units.get(p.id);
    if (!units) {
      units = sentenceUnits(p.text).map((text) => ({ text, stems: new Set(stems(text)) }));
      this.units.set(p.id, units);
    }
    return units;
  }

  /** Every sentence of `passages` (one topic's wording), best first, scored with `weights`. */
  rank(passages: Passage[], q: SentenceQuery, weights: SentenceFeatures = SENTENCE_WEIGHTS): RankedSentence[] {
    const all: RankedSentence[] = [];
    const read: Unit[] = [];
    for (const p of passages) {
      this.unitsOf(p).forEach((u, index) => {
        u.dependent ??= index > 0 && DEPENDS_ON_BEFORE.test(u.text);
        read.push(u);
        all.push({
          passage: p,
          index,
          text: u.text,
          stems: u.stems,
          asked: new Map(),
          score: 0,
          features: undefined as unknown as SentenceFeatures,
          dependent: u.dependent,
        });
      });
    }
    const wordWeights = this.weights(all, q.stems);
    let total = 0;
    for (const wt of wordWeights.values()) total += wt;
    // The asked entity: the question's word that tells this topic's sentences apart best.
    let named: string | undefined;
    for (const [st, wt] of wordWeights) if (named === undefined || wt > wordWeights.get(named)!) named = st;
    const fitKey = `${q.type}:${q.asksAge}`;
    for (let i = 0; i < all.length; i++) {
      const s = all[i]!;
      const u = read[i]!;
      let words = 0;
      for (const [st, wt] of wordWeights)
        if (s.stems.has(st)) {
          s.asked.set(st, wt / total);
          words += wt / total;
        }
      const first = s.passage.order === 0 && s.index === 0;
      u.fits ??= new Map();
      let fit = u.fits.get(fitKey);
      if (!fit) {
        fit = { type: typeFit(q.type, s.text, first, q.asksAge), shape: answerShape(q.type, s.text, first, q.asksAge) };
        u.fits.set(fitKey, fit);
      }
      const shape = (type: QuestionType) => (q.type === type ? fit.shape : 0);
      let amount = 0;
      if (q.asksAmount) {
        u.amounts ??= new Map();
        const kept = u.amounts.get(q.amountUnit);
        amount = kept ?? amountShape(s.text, q.amountUnit);
        if (kept === undefined) u.amounts.set(q.amountUnit, amount);
      }
      u.concrete ??= CONCRETE.test(s.text) ? 1 : 0;
      u.list ??= /(^|\n)- /.test(s.text) ? 1 : 0;
      u.asks ??= /\?\s*$/.test(s.text) ? 1 : 0;
      s.features = {
        words,
        named: named !== undefined && s.stems.has(named) ? 1 : 0,
        type: fit.type,
        shapeWhen: shape('when'),
        shapeWho: shape('who'),
        shapeYesNo: shape('yes-no'),
        shapeWhatIs: shape('what-is'),
        shapeHow: shape('how'),
        shapeAmount: amount,
        shapeRemedy: q.asksRemedy ? (u.remedy ??= remedyShape(s.text)) : 0,
        passage: q.passageScore(s.passage),
        rank: 1 / (1 + q.passageRank(s.passage)),
        meaning: q.meaning(s.text),
        concrete: u.concrete,
        summaryFirst: first ? 1 : 0,
        summary: !first && s.passage.kind === 'summary' ? 1 : 0,
        steps: s.passage.kind === 'steps' ? 1 : 0,
        lead: s.index === 0 ? 1 : 0,
        length: Math.min(s.text.length, 400) / 200,
        list: u.list,
        bare: s.asked.size === 0 ? 1 : 0,
        asks: u.asks,
      };
      s.score = sentenceScore(s.features, weights);
    }
    return all.sort((a, b) => b.score - a.score);
  }

  /** The question's stems that the topic uses, each weighted by its rarity in the content and in this topic. */
  private weights(all: RankedSentence[], query: string[]): Map<string, number> {
    const out = new Map<string, number>();
    const n = all.length;
    const df = new Map<string, number>();
    for (const st of query) df.set(st, 0);
    for (const s of all) for (const st of df.keys()) if (s.stems.has(st)) df.set(st, df.get(st)! + 1);
    for (const [st, d] of df) {
      if (d === 0) continue;
      out.set(st, (this.idf.get(st) ?? this.maxIdf) * (Math.log(1 + n / d) / Math.log(1 + n)));
    }
    return out;
  }
}

/**
 * Fills `budget` characters with the best sentences (`ranked`, best first), after `lead` (already
 * shown). The best sentence that stands on its own leads; the others follow in the order written, one
 * paragraph per passage. A sentence that leans on the one before it comes with it, or not at all.
 */
export function pickRanked(
  ranked: RankedSentence[],
  budget: number,
  lead: string[] = [],
  weights: SentenceFeatures = SENTENCE_WEIGHTS,
  picking: Picking = PICKING,
): string[] {
  const said = new Set(lead.flatMap(stems));
  let used = lead.reduce((n, p) => n + p.length, 0);
  const answered = new Set<string>();
  const chosen = new Set<RankedSentence>();
  const byPlace = new Map(ranked.map((s) => [`${s.passage.id}#${s.index}`, s]));
  // The sentence before each, found once rather than by its place's key at every step of the filling.
  const before = new Map<RankedSentence, RankedSentence | undefined>(ranked.map((s) => [s, byPlace.get(`${s.passage.id}#${s.index - 1}`)]));
  const repeats = (s: RankedSentence) => {
    if (s.stems.size === 0) return false;
    let fresh = 0;
    for (const st of s.stems) if (!said.has(st)) fresh++;
    return 1 - fresh / s.stems.size >= picking.saidAlready;
  };
  const take = (s: RankedSentence) => {
    chosen.add(s);
    used += s.text.length + 1;
    for (const st of s.stems) {
      said.add(st);
      if (s.asked.has(st)) answered.add(st);
    }
  };
  const first = ranked.find((s) => !s.dependent && !repeats(s));
  if (!first) return [];
  take(first);
  const floor = first.score - picking.gap;
  // An amount asked for ("how many hours", "how far") is said before anything else fills the room: when the
  // lead holds none in the unit asked, the best sentence that does comes next, if it fits. The sentences
  // after the lead ("Some 2 year olds can too...") would otherwise take the room "15 hours a week" needs.
  if (!first.features.shapeAmount) {
    const amount = ranked.find((s) => s.features.shapeAmount && !s.dependent && !repeats(s) && used + s.text.length + 1 <= budget);
    if (amount) take(amount);
  }
  // The rest by score, with the question's words already answered counting less.
  const rest = ranked.filter((s) => s !== first);
  while (used < budget) {
    let best: RankedSentence | undefined;
    let bestScore = -Infinity;
    for (const s of rest) {
      if (chosen.has(s) || repeats(s)) continue;
      const previous = before.get(s);
      const leansOn = s.dependent ? previous : undefined;
      // A sentence that leans on the one before ("That is fine, but...") never comes without it.
      if (s.dependent && !leansOn) continue;
      const cost = s.text.length + 1 + (leansOn && !chosen.has(leansOn) ? leansOn.text.length + 1 : 0);
      if (used + cost > budget) continue;
      let again = 0;
      let fresh = 0;
      for (const [st, share] of s.asked) {
        if (answered.has(st)) again += share * weights.words;
        else fresh += share * weights.words;
      }
      const after = chosen.has(previous!) ? picking.next : 0;
      const score = s.score - again * (1 - picking.covered) + fresh * picking.fresh + after - cost * picking.perChar;
      if (score < floor) continue;
      if (score > bestScore) {
        bestScore = score;
        best = s;
      }
    }
    if (!best) break;
    const leansOn = best.dependent ? before.get(best) : undefined;
    if (leansOn && !chosen.has(leansOn)) take(leansOn);
    take(best);
  }
  // The lead first with what follows it in its passage, then the rest in the order written, one paragraph per passage.
  const opening: RankedSentence[] = [first];
  for (let next = byPlace.get(`${first.passage.id}#${first.index + 1}`); next && chosen.has(next); next = byPlace.get(`${next.passage.id}#${next.index + 1}`))
    opening.push(next);
  // Then each other passage's sentences in the order written, the passage with the best of them first: on
  // SMS the first text carries the best.
  const groups = new Map<string, RankedSentence[]>();
  for (const s of [...chosen].filter((x) => !opening.includes(x))) groups.set(s.passage.id, [...(groups.get(s.passage.id) ?? []), s]);
  const best = (g: RankedSentence[]) => Math.max(...g.map((s) => s.score));
  const paragraphs: string[][] = [
    opening.map((s) => s.text),
    ...[...groups.values()].sort((a, b) => best(b) - best(a)).map((g) => g.sort((a, b) => a.index - b.index).map((s) => s.text)),
  ];
  return paragraphs.map(joinUnits);
}
