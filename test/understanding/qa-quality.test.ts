/**
 * Answer quality on a labelled set of typed questions (test/fixtures/questions.yaml). The floors are
 * regression guards, set a little under what the content and matcher achieve today; raise them as the
 * store improves, never lower them to make a change pass.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadContent } from '../../content/store.js';
import { TopicIndex } from '../../bot/understanding/qa.js';

interface Labelled {
  q: string;
  topic: string;
  also?: string[];
}

const questions = parse(readFileSync(new URL('../fixtures/questions.yaml', import.meta.url), 'utf8')) as Labelled[];
const content = loadContent();
const index = new TopicIndex(content.topics.values(), content.glossary.values());

export function measure() {
  let top1 = 0;
  let top3 = 0;
  let confidentWrong = 0;
  const misses: string[] = [];
  for (const { q, topic, also = [] } of questions) {
    const ok = new Set([topic, ...also]);
    const result = index.search(q);
    const ids = result.matches.map((m) => m.topic);
    if (ids[0] && ok.has(ids[0])) top1++;
    else misses.push(`${q} -> ${ids.slice(0, 3).join(', ')} (want ${topic})`);
    if (ids.slice(0, 3).some((id) => ok.has(id))) top3++;
    if (result.confident && ids[0] && !ok.has(ids[0])) confidentWrong++;
  }
  return { n: questions.length, top1: top1 / questions.length, top3: top3 / questions.length, confidentWrong: confidentWrong / questions.length, misses };
}

describe('answer quality on labelled questions', () => {
  const result = measure();

  test('the labelled set is large enough and every label is a real topic', () => {
    expect(questions.length).toBeGreaterThanOrEqual(150);
    const unknown = questions.flatMap((x) => [x.topic, ...(x.also ?? [])]).filter((id) => !content.topics.has(id));
    expect(unknown).toEqual([]);
  });

  test('top-1 and top-3 accuracy stay above their floors', () => {
    // Printed so a change's effect on accuracy is visible in the test output.
    console.log(`QA on ${result.n} questions: top-1 ${(result.top1 * 100).toFixed(1)}%, top-3 ${(result.top3 * 100).toFixed(1)}%, confidently wrong ${(result.confidentWrong * 100).toFixed(1)}%`);
    expect(result.top1).toBeGreaterThanOrEqual(0.8);
    expect(result.top3).toBeGreaterThanOrEqual(0.9);
  });

  test('the assistant is rarely confidently wrong', () => {
    expect(result.confidentWrong).toBeLessThanOrEqual(0.05);
  });
});
