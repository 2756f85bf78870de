/**
 * The build's snapshot of the topic index (bot/understanding/index-snapshot.ts) must rank exactly as an
 * index built from the content, and must be ignored when it was made from other content.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Audience, Topic } from '../../content/schema.js';
import { TopicIndex, type QaResult } from '../../bot/understanding/qa.js';
import type { IndexSnapshot } from '../../bot/understanding/index-snapshot.js';
import { sharedContent } from '../helpers/harness.js';

const fixture = (name: string) => parse(readFileSync(new URL(`../fixtures/understanding/${name}`, import.meta.url), 'utf8')) as { text?: string }[];
const questions = ['tuning-questions.yaml', 'tuning-blind-questions.yaml', 'tuning-blind-questions-2.yaml']
  .flatMap(fixture)
  .flatMap((q) => (q.text ? [q.text] : []));
const audiences: Audience[] = ['parent', 'young-person', 'practitioner', 'helpline'];

const content = sharedContent();
const topics = [...content.topics.values()];
const glossary = [...content.glossary.values()];
const built = new TopicIndex(topics, glossary);
// Through JSON, as the build writes it and a start reads it.
const snapshot = JSON.parse(JSON.stringify(built.toSnapshot(topics, glossary))) as IndexSnapshot;

const answer = (index: TopicIndex, text: string, i: number): QaResult =>
  index.search(text, { audience: audiences[i % audiences.length], topic: i % 3 === 0 ? topics[i % topics.length]!.id : undefined }, 10);

test('an index read from the snapshot ranks every tuning question exactly as one built from the content', () => {
  const restored = new TopicIndex(topics, glossary, undefined, undefined, snapshot);
  expect(questions.length).toBeGreaterThan(400);
  questions.forEach((text, i) => expect(answer(restored, text, i)).toEqual(answer(built, text, i)));
});

test('a snapshot of other content is not used', () => {
  const changed: Topic[] = topics.map((t, i) => (i === 0 ? { ...t, synonyms: [...t.synonyms, 'zebra crossing lessons'] } : t));
  const fresh = new TopicIndex(changed, glossary);
  const offered = new TopicIndex(changed, glossary, undefined, undefined, snapshot);
  expect(offered.search('zebra crossing lessons').matches[0]?.topic).toBe(topics[0]!.id);
  questions.slice(0, 100).forEach((text, i) => expect(answer(offered, text, i)).toEqual(answer(fresh, text, i)));
});

test('a snapshot the search library can no longer read is rebuilt from the content, with the same results', () => {
  // As after a minisearch upgrade that changes its serialisation format.
  const unreadable = { ...snapshot, passages: { ...(snapshot.passages as object), serializationVersion: -1 } } as IndexSnapshot;
  const rebuilt = new TopicIndex(topics, glossary, undefined, undefined, unreadable);
  questions.slice(0, 100).forEach((text, i) => expect(answer(rebuilt, text, i)).toEqual(answer(built, text, i)));
});

test('a snapshot of an older shape (without the plain whole-topic index) is refused and the index built afresh', () => {
  const { plainRecords: _dropped, ...rest } = snapshot;
  const older = { ...rest, format: snapshot.format - 1 } as unknown as IndexSnapshot;
  const rebuilt = new TopicIndex(topics, glossary, undefined, undefined, older);
  questions.slice(0, 100).forEach((text, i) => expect(answer(rebuilt, text, i)).toEqual(answer(built, text, i)));
  // Even one that claims the current shape but lacks the index is rebuilt, not half restored.
  const lacking = new TopicIndex(topics, glossary, undefined, undefined, { ...rest, format: snapshot.format } as unknown as IndexSnapshot);
  questions.slice(0, 100).forEach((text, i) => expect(answer(lacking, text, i)).toEqual(answer(built, text, i)));
});
