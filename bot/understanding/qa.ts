/**
 * Answers typed questions from the content store. Three signals, all built with natural:
 * - the words people use for a topic (its title, synonyms and glossary terms) found whole in the question;
 * - TF-IDF over each topic's title, synonyms and summary;
 * - TF-IDF over each topic's fuller answer, weighted lower so long topics do not win on length.
 * Misspelt words are corrected against the store's own vocabulary before matching.
 */
import type { GlossaryTerm, Topic } from '../../content/schema.js';
import { createTfIdf, stem, type TfIdfIndex } from './natural.js';
import { SpellingIndex } from './spelling.js';
import { STOPWORDS, words } from './text.js';

export interface QaMatch {
  topic: string;
  score: number;
}

export interface QaResult {
  confident: boolean;
  /** Best first. */
  matches: QaMatch[];
}

export interface QaTuning {
  /** Lowest score that counts as an answer. */
  minScore: number;
  /** How far ahead of the runner-up the best topic must be, unless the question named it outright. */
  minMargin: number;
  /**
   * Share of the question's content words the best topic knows. A long message that shares one or two
   * words with a topic ("call", "form") is not about it, however the scores fall.
   */
  minCoverage: number;
}

/** A question is read up to this many content words: enough for any real one, and it bounds the work. */
export const MAX_QUERY_WORDS = 60;

export const DEFAULT_TUNING: QaTuning = { minScore: 1.3, minMargin: 0.2, minCoverage: 0.5 };

interface Phrase {
  stems: string[];
}

interface IndexedTopic {
  id: string;
  phrases: Phrase[];
  /** Every stem the topic uses anywhere, for coverage. */
  known: Set<string>;
}

/**
 * True when the phrase's stems appear in the question in order and close together (at most one other
 * content word between them). Scattered words are not the phrase: "my name is Sarah, call me" is not
 * "name calling".
 */
export function containsPhrase(query: string[], phrase: string[]): boolean {
  if (phrase.length === 0) return false;
  for (let start = 0; start < query.length; start++) {
    if (query[start] !== phrase[0]) continue;
    let at = start;
    let matched = 1;
    while (matched < phrase.length) {
      const next = query.indexOf(phrase[matched]!, at + 1);
      if (next === -1 || next - at > 2) break;
      at = next;
      matched++;
    }
    if (matched === phrase.length) return true;
  }
  return false;
}

function contentStems(text: string): string[] {
  return words(text)
    .filter((w) => !STOPWORDS.has(w))
    .map(stem);
}

export class TopicIndex {
  private readonly topics: IndexedTopic[] = [];
  private readonly compact: TfIdfIndex = createTfIdf();
  private readonly full: TfIdfIndex = createTfIdf();
  private readonly vocabulary = new Map<string, number>();
  readonly spelling: SpellingIndex;

  constructor(
    topics: Iterable<Topic>,
    glossary: Iterable<GlossaryTerm> = [],
    private readonly tuning: QaTuning = DEFAULT_TUNING,
  ) {
    const termsByTopic = new Map<string, string[]>();
    for (const term of glossary) {
      if (!term.topic) continue;
      termsByTopic.set(term.topic, [...(termsByTopic.get(term.topic) ?? []), term.term, ...term.aka]);
    }
    for (const topic of topics) {
      const names = [topic.title, ...topic.synonyms, ...(termsByTopic.get(topic.id) ?? [])];
      const phrases = names.map((n) => ({ stems: contentStems(n) })).filter((p) => p.stems.length > 0);
      const compactStems = [...contentStems(topic.title), ...contentStems(topic.title), ...names.flatMap(contentStems), ...contentStems(topic.summary)];
      const fullStems = contentStems([topic.body, ...topic.nextSteps].join(' '));
      this.topics.push({ id: topic.id, phrases, known: new Set([...compactStems, ...fullStems]) });
      this.compact.addDocument(compactStems, topic.id);
      this.full.addDocument(fullStems, topic.id);
      for (const text of [...names, topic.summary, topic.body]) this.learn(text);
    }
    for (const term of glossary) [term.term, ...term.aka].forEach((t) => this.learn(t));
    this.spelling = new SpellingIndex(this.vocabulary);
  }

  private learn(text: string): void {
    for (const w of words(text)) {
      if (STOPWORDS.has(w) || w.length < 3) continue;
      this.vocabulary.set(w, (this.vocabulary.get(w) ?? 0) + 1);
    }
  }

  /** The nearest known word for a misspelling, or the word itself. Short words are left alone: too risky. */
  correct(word: string): string {
    return this.spelling.correct(word);
  }

  /** The question's content words, corrected and stemmed. */
  queryStems(question: string): string[] {
    return this.spelling
      .correctAll(
        words(question)
          .filter((w) => !STOPWORDS.has(w))
          .slice(0, MAX_QUERY_WORDS),
      )
      .map(stem);
  }

  search(question: string, limit = 5): QaResult {
    const query = this.queryStems(question);
    if (query.length === 0) return { confident: false, matches: [] };
    const compact = this.compact.tfidfs(query);
    const full = this.full.tfidfs(query);
    const maxCompact = Math.max(...compact, 0);
    const maxFull = Math.max(...full, 0);
    if (maxCompact === 0 && maxFull === 0) return { confident: false, matches: [] };

    const scored = this.topics.map((topic, i) => {
      // The longest name of this topic that appears whole in the question: "mediation certificate" beats "mediation".
      let phrase = 0;
      for (const p of topic.phrases) {
        if (containsPhrase(query, p.stems)) phrase = Math.max(phrase, Math.min(p.stems.length, 3));
      }
      const score = phrase * 0.8 + (maxCompact ? ((compact[i] ?? 0) / maxCompact) * 1.2 : 0) + (maxFull ? ((full[i] ?? 0) / maxFull) * 0.5 : 0);
      const coverage = query.filter((s) => topic.known.has(s)).length / query.length;
      return { topic: topic.id, score: Math.round(score * 1000) / 1000, phrase, coverage };
    });
    scored.sort((a, b) => b.score - a.score);
    const [top, second] = scored;
    const margin = top && second ? top.score - second.score : (top?.score ?? 0);
    const confident = Boolean(
      top &&
      top.score >= this.tuning.minScore &&
      top.coverage >= this.tuning.minCoverage &&
      (margin >= this.tuning.minMargin || (top.phrase >= 2 && top.phrase > (second?.phrase ?? 0))),
    );
    return { confident, matches: scored.slice(0, limit).map(({ topic, score }) => ({ topic, score })) };
  }
}
