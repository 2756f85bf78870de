/**
 * The per-word score caches (bot/understanding/term-scores.ts) must give exactly what the search engines
 * give for the whole question, on every question of the tuning sets: the ranking is only faster, never
 * different.
 */
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { parse } from 'yaml';
import { createTfIdf } from '../../bot/understanding/natural.js';
import { topicPassages } from '../../bot/understanding/passages.js';
import { stripPlaceholders } from '../../bot/understanding/query-text.js';
import { CachedBm25, CachedTfIdf, searchTerm } from '../../bot/understanding/term-scores.js';
import { RecordSearch } from '../../bot/understanding/topic-features.js';
import { STOPWORDS, stems, words } from '../../bot/understanding/text.js';
import { sharedContent } from '../helpers/harness.js';

const fixture = (name: string) => parse(readFileSync(new URL(`../fixtures/understanding/${name}`, import.meta.url), 'utf8')) as { text?: string }[];
const questions = ['tuning-questions.yaml', 'tuning-blind-questions.yaml', 'tuning-blind-questions-2.yaml']
  .flatMap(fixture)
  .flatMap((q) => (q.text ? [q.text] : []));
// Repeated words, hyphens, apostrophes, stop words only, nothing at all, and an Object property name.
const awkward = ['appeal appeal tribunal appeal', 'post-16 transport', "what's an ehcp? don't know", 'the and of', '', 'constructor __proto__ toString'];

const content = sharedContent();
const topics = [...content.topics.values()];
const passages = topics.flatMap((t) => topicPassages(t).map((p) => ({ ...p, names: [t.title, ...t.synonyms].join(' ') })));

test('the tuning sets are there to check against', () => {
  expect(questions.length).toBeGreaterThan(400);
});

test('passage BM25 from kept word scores equals MiniSearch searching the whole question', () => {
  const engine = new MiniSearch<{ id: string; text: string; names: string }>({ fields: ['text', 'names'], processTerm: searchTerm });
  engine.addAll(passages.map((p) => ({ id: p.id, text: stripPlaceholders(p.text), names: p.names })));
  const slotOf = new Map(passages.map((p, i) => [p.id, i]));
  const cached = new CachedBm25(engine, searchTerm, { names: 0.5 }, slotOf, passages.length);
  let compared = 0;
  for (const question of [...questions, ...awkward]) {
    const query = words(question)
      .filter((w) => !STOPWORDS.has(w))
      .join(' ');
    const expected = new Float64Array(passages.length);
    for (const hit of engine.search(query, { boost: { names: 0.5 } })) expected[slotOf.get(String(hit.id))!] = hit.score;
    // Twice: the first fills the cache, the second reads from it.
    expect(cached.scores(query)).toEqual(expected);
    expect(cached.scores(query)).toEqual(expected);
    if (expected.some((s) => s > 0)) compared++;
  }
  expect(compared).toBeGreaterThan(400);
});

test('TF-IDF from kept word scores equals natural scoring the whole question', () => {
  const engine = createTfIdf();
  for (const t of topics) engine.addDocument(stems([t.title, ...t.synonyms, t.summary].join(' ')), t.id);
  const cached = new CachedTfIdf(engine, topics.length);
  for (const question of [...questions, ...awkward]) {
    const query = stems(question);
    const expected = query.length ? engine.tfidfs(query) : new Array<number>(topics.length).fill(0);
    expect(Array.from(cached.tfidfs(query))).toEqual(expected);
    expect(Array.from(cached.tfidfs(query))).toEqual(expected);
  }
});

test('the plain whole-topic search from kept word scores equals MiniSearch with fuzzy and prefix matching', () => {
  const records = topics.map((t) => ({
    id: t.id,
    title: t.title,
    synonyms: t.synonyms.join(' '),
    text: stripPlaceholders(
      topicPassages(t)
        .map((p) => p.text)
        .join('\n'),
    ),
  }));
  const search = RecordSearch.build(records);
  const slotOf = new Map(records.map((r, i) => [r.id, i]));
  let compared = 0;
  for (const question of [...questions, ...awkward, 'transprt diagnosd', 'ehcp']) {
    const query = words(question)
      .filter((w) => !STOPWORDS.has(w))
      .join(' ');
    const expected = new Float64Array(records.length);
    for (const hit of search.searchWhole(query)) expected[slotOf.get(hit.id)!] = hit.score;
    expect(search.scores(query)).toEqual(expected);
    expect(search.scores(query)).toEqual(expected);
    if (expected.some((s) => s > 0)) compared++;
  }
  expect(compared).toBeGreaterThan(400);
});
