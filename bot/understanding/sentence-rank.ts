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
 * - how well it looks like the kind of answer wanted (question-type.ts);
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
import { typeFit, type QuestionType } from './question-type.js';
import { DEPENDS_ON_BEFORE } from './query-text.js';
import { stems } from './text.js';

/** One sentence (or list line) of a passage, scored for a question. */
export interface RankedSentence {
  passage: Passage;
  /** Its place in its passage's units (answerUnits). */
  index: number;
  text: string;
  score: number;
  /** Its content stems, for coverage and repeats. */
  stems: Set<string>;
  /** The question's stems it holds, with the share of the words score each brings. */
  asked: Map<string, number>;
  /** Whether it opens by leaning on the sentence before it ("They do not need one either"). */
  dependent: boolean;
}

/** The weights of a sentence's signals (exported for tuning). */
export const SENTENCE_WEIGHTS = {
  words: 0.8,
  type: 0.4,
  passage: 0.5,
  meaning: 0.3,
  summaryFirst: 0.25,
  rank: 1,
  concrete: 0.5,
  summary: 0.1,
  /** A sentence whose content words are at least this share already said adds nothing. */
  saidAlready: 0.7,
  /** How much a question word already answered still counts for the next pick. */
  covered: 0.35,
  /** For the sentence right after one already picked: the fact often follows the sentence that names the subject. */
  next: 0.8,
};

/**
 * Below this score the best sentence is a weak match, and the answer gets more room (LONG_ANSWER_BUDGET in
 * compose.ts): when no one sentence clearly answers, more of the topic is more likely to. About a quarter
 * of the tuning sets' questions fall below it, so the median reply stays short.
 */
export const SURE_SENTENCE = 2.1;

/** True when the best sentence answers the question clearly enough for a short answer. */
export function clearlyAnswered(ranked: RankedSentence[]): boolean {
  return (ranked[0]?.score ?? 0) >= SURE_SENTENCE;
}

export interface SentenceQuery {
  /** The question's content stems, corrected, with any bare numbers ("15 hours for 3 year olds"). */
  stems: string[];
  type: QuestionType;
  asksAge: boolean;
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

export class SentenceRanker {
  private readonly units = new Map<string, { text: string; stems: Set<string> }[]>();
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

  private unitsOf(p: Passage): { text: string; stems: Set<string> }[] {
    let units = this.units.get(p.id);
    if (!units) {
      units = sentenceUnits(p.text).map((text) => ({ text, stems: new Set(stems(text)) }));
      this.units.set(p.id, units);
    }
    return units;
  }

  /** Every sentence of `passages` (one topic's wording), best first. */
  rank(passages: Passage[], q: SentenceQuery): RankedSentence[] {
    const all: RankedSentence[] = [];
    for (const p of passages) {
      this.unitsOf(p).forEach((u, index) =>
        all.push({
          passage: p,
          index,
          text: u.text,
          stems: u.stems,
          asked: new Map(),
          score: 0,
          dependent: index > 0 && DEPENDS_ON_BEFORE.test(u.text),
        }),
      );
    }
    const weights = this.weights(all, q.stems);
    const total = [...weights.values()].reduce((a, b) => a + b, 0);
    const w = SENTENCE_WEIGHTS;
    for (const s of all) {
      for (const [st, wt] of weights) if (s.stems.has(st)) s.asked.set(st, (wt / total) * w.words);
      const words = [...s.asked.values()].reduce((a, b) => a + b, 0);
      const first = s.passage.order === 0 && s.index === 0;
      s.score =
        words +
        typeFit(q.type, s.text, first, q.asksAge) * w.type +
        q.passageScore(s.passage) * w.passage +
        w.rank / (1 + q.passageRank(s.passage)) +
        (CONCRETE.test(s.text) ? w.concrete : 0) +
        q.meaning(s.text) * w.meaning +
        (first ? w.summaryFirst : s.passage.kind === 'summary' ? w.summary : 0);
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
export function pickRanked(ranked: RankedSentence[], budget: number, lead: string[] = []): string[] {
  const said = new Set(lead.flatMap(stems));
  let used = lead.reduce((n, p) => n + p.length, 0);
  const answered = new Set<string>();
  const chosen = new Set<RankedSentence>();
  const byPlace = new Map(ranked.map((s) => [`${s.passage.id}#${s.index}`, s]));
  const repeats = (s: RankedSentence) => {
    if (s.stems.size === 0) return false;
    const fresh = [...s.stems].filter((st) => !said.has(st)).length;
    return 1 - fresh / s.stems.size >= SENTENCE_WEIGHTS.saidAlready;
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
  // The rest by score, with the question's words already answered counting less.
  const rest = ranked.filter((s) => s !== first);
  while (used < budget) {
    let best: RankedSentence | undefined;
    let bestScore = -Infinity;
    for (const s of rest) {
      if (chosen.has(s) || repeats(s)) continue;
      const before = s.dependent ? byPlace.get(`${s.passage.id}#${s.index - 1}`) : undefined;
      // A sentence that leans on the one before ("That is fine, but...") never comes without it.
      if (s.dependent && !before) continue;
      const cost = s.text.length + 1 + (before && !chosen.has(before) ? before.text.length + 1 : 0);
      if (used + cost > budget) continue;
      let again = 0;
      for (const [st, share] of s.asked) if (answered.has(st)) again += share;
      const after = chosen.has(byPlace.get(`${s.passage.id}#${s.index - 1}`)!) ? SENTENCE_WEIGHTS.next : 0;
      const score = s.score - again * (1 - SENTENCE_WEIGHTS.covered) + after;
      if (score > bestScore) {
        bestScore = score;
        best = s;
      }
    }
    if (!best) break;
    const before = best.dependent ? byPlace.get(`${best.passage.id}#${best.index - 1}`) : undefined;
    if (before && !chosen.has(before)) take(before);
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
