/**
 * Work the topic index keeps so a turn does not repeat it must leave every ranking as it was: a question's
 * topic signals reused when the same words are read again within a few topics (qa.ts), and the content's
 * words looked up ahead of any question (learnWords, done by the practice after start). The tuning
 * questions only: these are our own sets.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { TopicIndex, type SearchContext } from '../../bot/understanding/qa.js';
import { sharedContent } from '../helpers/harness.js';

const fixture = (name: string) => parse(readFileSync(new URL(`../fixtures/understanding/${name}`, import.meta.url), 'utf8')) as { text?: string }[];
const questions = ['tuning-questions.yaml', 'tuning-blind-questions-2.yaml'].flatMap(fixture).flatMap((q) => (q.text ? [q.text] : []));

const content = sharedContent();
const topics = [...content.topics.values()];
const build = () => new TopicIndex(content.topics.values(), content.glossary.values());

test('a question read again within a few topics ranks as it does read there first', () => {
  const reused = build();
  const fresh = build();
  questions.forEach((text, i) => {
    const topic = topics[i % topics.length]!;
    const context: SearchContext = { audience: i % 2 ? 'parent' : 'young-person', ...(i % 3 ? { topic: topic.id } : {}) };
    const within = { ...context, within: new Set([topic.id, ...topic.related]) };
    reused.search(text, context, 10);
    expect(reused.search(text, within, 10)).toEqual(fresh.search(text, within, 10));
  });
});

test('an index that has learnt the content words ranks every question as one that has not', () => {
  const learnt = build();
  const fresh = build();
  const known = learnt.contentWords();
  expect(known.length).toBeGreaterThan(1000);
  learnt.learnWords(known);
  expect(questions.length).toBeGreaterThan(150);
  for (const text of questions) expect(learnt.search(text, {}, 10)).toEqual(fresh.search(text, {}, 10));
});
