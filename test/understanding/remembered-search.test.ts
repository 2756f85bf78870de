/**
 * Remembered searches (bot/understanding/remembered-search.ts) must be exactly what the index ranks
 * afresh, the first time and every time after, in every context, and no turn may change what another
 * is given. The tuning questions only: these are our own sets.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Audience } from '../../content/schema.js';
import { TopicIndex, type SearchContext } from '../../bot/understanding/qa.js';
import { RememberingTopicIndex } from '../../bot/understanding/remembered-search.js';
import { sharedContent } from '../helpers/harness.js';

const fixture = (name: string) => parse(readFileSync(new URL(`../fixtures/understanding/${name}`, import.meta.url), 'utf8')) as { text?: string }[];
const questions = ['tuning-questions.yaml', 'tuning-blind-questions.yaml'].flatMap(fixture).flatMap((q) => (q.text ? [q.text] : []));
const audiences: Audience[] = ['parent', 'young-person', 'practitioner', 'helpline'];

const content = sharedContent();
const topics = [...content.topics.values()];
const plain = new TopicIndex(content.topics.values(), content.glossary.values());
const remembering = new RememberingTopicIndex(content.topics.values(), content.glossary.values());

function contextFor(i: number): SearchContext {
  const topic = topics[i % topics.length]!;
  const context: SearchContext = { audience: audiences[i % audiences.length] };
  if (i % 3 === 0) context.topic = topic.id;
  if (i % 5 === 0) context.within = new Set([topic.id, ...topic.related]);
  return context;
}

test('every tuning question, in varied contexts, gets what the index ranks afresh, first and second time', () => {
  expect(questions.length).toBeGreaterThan(250);
  questions.forEach((text, i) => {
    const fresh = plain.search(text, contextFor(i), 10);
    const first = remembering.search(text, contextFor(i), 10);
    const again = remembering.search(text, contextFor(i), 10);
    expect(first).toEqual(fresh);
    expect(again).toBe(first);
  });
  expect(remembering.remembered.hits).toBeGreaterThanOrEqual(questions.length);
});

test('the context and the limit are part of what is remembered', () => {
  const text = 'how long does the council have to decide';
  const parent = remembering.search(text, { audience: 'parent' });
  const young = remembering.search(text, { audience: 'young-person' });
  expect(young).toEqual(plain.search(text, { audience: 'young-person' }));
  expect(parent).toEqual(plain.search(text, { audience: 'parent' }));
  const within = new Set([topics[0]!.id]);
  expect(remembering.search(text, { audience: 'parent', within })).toEqual(plain.search(text, { audience: 'parent', within }));
  // A set of the same topics in another order is the same context.
  const two = [topics[1]!.id, topics[2]!.id];
  const a = remembering.search(text, { within: new Set(two) });
  expect(remembering.search(text, { within: new Set([...two].reverse()) })).toBe(a);
  expect(remembering.search(text, { audience: 'parent' }, 2).matches).toHaveLength(2);
});

test('what one turn is given cannot be changed for the next', () => {
  const result = remembering.search('what is an ehcp', { audience: 'parent' });
  expect(result.matches.length).toBeGreaterThan(0);
  expect(() => result.matches.push({ topic: 'x', score: 1 })).toThrow(TypeError);
  expect(() => {
    (result.matches[0] as { score: number }).score = 0;
  }).toThrow(TypeError);
  expect(() => {
    (result as { confident: boolean }).confident = !result.confident;
  }).toThrow(TypeError);
  expect(remembering.search('what is an ehcp', { audience: 'parent' })).toEqual(plain.search('what is an ehcp', { audience: 'parent' }));
});
