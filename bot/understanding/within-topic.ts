/**
 * What the answer says once its topic is chosen: the topic's passages ranked for the question, and every
 * sentence of it scored (sentence-rank.ts). The topic ranking (qa.ts) hands over what it already worked
 * out for the question (its words, kind, BM25 per passage, meaning); nothing here chooses the topic.
 */
import type { Audience } from '../../content/schema.js';
import { answerUnits } from './answer-sentences.js';
import type { Passage } from './passages.js';
import { amountUnit, asksAmount, asksRemedy, typeFit, type AmountUnit, type QuestionType } from './question-type.js';
import { DEPENDS_ON_BEFORE } from './query-text.js';
import { PASSAGE_WEIGHTS } from './rank-weights.js';
import { SentenceRanker, type RankedSentence, type SentenceRarity } from './sentence-rank.js';
import { stems, words } from './text.js';

/** The question as the topic ranking read it, and what it scored for the chosen topic's passages. */
export interface TopicQuestion {
  /** The message as typed: whether it asks for an amount ("how far", "how many"; question-type.ts). */
  text: string;
  /** The kind of answer the topic ranking read from the whole message. */
  type: QuestionType;
  /** "How old", "what age". */
  age: boolean;
  audience: Audience;
  /** The question's content stems, corrected, with any bare numbers ("15 hours for 3 year olds"). */
  asked: string[];
  /** The topic's passages in the asker's wording, with its glossary lines. */
  passages: Passage[];
  /** Each passage's BM25 score for the question (not scaled). */
  bm25: (p: Passage) => number;
  /** How close a passage's meaning is to the question's, about 0 to 1. */
  passageMeaning: (p: Passage) => number;
  /** How close a sentence's meaning is to the question's, about 0 to 1; 0 without word vectors. */
  sentenceMeaning: (text: string) => number;
  /** How rare a stem is across the content's passages (its IDF), or undefined for a word the content never uses. */
  idf: (stem: string) => number | undefined;
  /** The IDF of a word found in no passage. */
  maxIdf: number;
}

/** The chosen topic's passages and sentences, best answer first. */
export interface TopicAnswer {
  passages: Passage[];
  sentences: RankedSentence[];
}

/** Whether the question (its stems) names a glossary line's term, by any of its names. */
function namedIn(p: Passage, asked: ReadonlySet<string>): boolean {
  return (p.names ?? []).some((name) => {
    const st = stems(name);
    return st.length > 0 && st.every((x) => asked.has(x));
  });
}

export class WithinTopic {
  private readonly units = new Map<string, { text: string; stems: Set<string> }[]>();
  private readonly sentenceRanker: SentenceRanker;

  /** `all` is every passage of the content; `learnt` what SentenceRanker.rarity() gave for them (index-snapshot.ts). */
  constructor(all: Iterable<Passage>, learnt?: SentenceRarity) {
    this.sentenceRanker = new SentenceRanker(all, learnt);
  }

  /** How rare each stem is across the content's sentences: for the build to keep. */
  rarity(): SentenceRarity {
    return this.sentenceRanker.rarity();
  }

  /** The topic's passages ranked for the question, and its sentences scored. */
  answer(q: TopicQuestion): TopicAnswer {
    const passages = this.rankPassages(q);
    const typed = words(q.text);
    return { passages, sentences: this.rankSentences(q, passages, asksAmount(typed), amountUnit(typed), q.type !== 'when' && asksRemedy(typed)) };
  }

  /** The topic's passages, best answer first; the best sentence of all leads, before the passage it comes from. */
  rankPassages(q: TopicQuestion): Passage[] {
    const { type, age } = q;
    let maxInTopic = 0;
    for (const p of q.passages) maxInTopic = Math.max(maxInTopic, q.bm25(p));
    const pw = PASSAGE_WEIGHTS;
    const asked = [...new Set(q.asked)];
    const weightOf = (st: string) => q.idf(st) ?? q.maxIdf;
    const askedWeight = asked.reduce((sum, st) => sum + weightOf(st), 0);
    const best: { p: Passage; score: number; lead: Passage }[] = [];
    q.passages.forEach((p) => {
      // Glossary lines lead only a "what is" answer; elsewhere they repeat what the topic says at more length.
      if (p.kind === 'glossary' && type !== 'what-is') return;
      const lexical = maxInTopic ? q.bm25(p) / maxInTopic : 0;
      const prior = p.kind === 'summary' ? pw.summary : p.kind === 'steps' ? pw.steps : p.kind === 'glossary' ? pw.glossaryWhatIs : 0;
      const passageScore = lexical + q.passageMeaning(p) * pw.meaning + typeFit(type, p.text, p.order === 0, age) * pw.type + prior;
      // Then each sentence on its own: a passage counts as good as its best sentence, and the best sentence of
      // all leads the answer, before the passage it comes from.
      let top = { score: -Infinity, lead: p };
      this.unitsOf(p).forEach(({ text, stems }, k) => {
        const overlap = askedWeight ? asked.reduce((sum, st) => sum + (stems.has(st) ? weightOf(st) : 0), 0) / askedWeight : 0;
        const score =
          passageScore * pw.passage + overlap * pw.unitWords + typeFit(type, text, p.order === 0 && k === 0, age) * pw.unitType + (k === 0 ? pw.unitFirst : 0);
        // Only a sentence that stands on its own can lead: "They do not need one either" needs the one before it.
        if (score > top.score && (k === 0 || !DEPENDS_ON_BEFORE.test(text))) top = { score, lead: { ...p, id: `${p.id}#${k}`, text } };
      });
      best.push({ p, ...top });
    });
    best.sort((a, b) => b.score - a.score);
    const lead = best[0]?.lead;
    return [...(lead && lead.text !== best[0]!.p.text ? [lead] : []), ...best.map((b) => b.p)];
  }

  /**
   * Every sentence of the topic, scored for the question (sentence-rank.ts), best first. `amount`: it asks
   * "how far", "how much" or "how many"; `unit`: the unit it names ("how many hours"); `remedy`: it asks what
   * can be done ("what can I do", "is that allowed"), so a way to act on it counts.
   */
  rankSentences(q: TopicQuestion, ranked: Passage[], amount = false, unit?: AmountUnit, remedy = false): RankedSentence[] {
    // A glossary line says what its term means without naming it ("The four steps of SEN support."): it
    // answers only a "what is" question that names its term, and is a fragment anywhere else.
    const asked = new Set(q.asked);
    const own = q.passages.filter((p) => p.kind !== 'glossary' || (q.type === 'what-is' && namedIn(p, asked)));
    const maxInTopic = Math.max(...own.map(q.bm25), 0);
    const place = new Map<string, number>();
    ranked.forEach((p, i) => place.has(p.id) || place.set(p.id, i));
    return this.sentenceRanker.rank(own, {
      stems: q.asked,
      type: q.type,
      asksAge: q.age,
      asksAmount: amount,
      amountUnit: unit,
      asksRemedy: remedy,
      passageScore: (p) => (maxInTopic ? q.bm25(p) / maxInTopic : 0),
      passageRank: (p) => place.get(p.id) ?? ranked.length,
      meaning: q.sentenceMeaning,
    });
  }

  /** A passage's sentences with their content stems, worked out once. */
  private unitsOf(p: Passage): { text: string; stems: Set<string> }[] {
    let units = this.units.get(p.id);
    if (!units) {
      units = answerUnits(p.text).map((text) => ({ text, stems: new Set(stems(text)) }));
      this.units.set(p.id, units);
    }
    return units;
  }
}
