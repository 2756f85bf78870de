/**
 * Answer quality on labelled typed questions. Two sets:
 * - questions.yaml, the tuning set: content editors look at its misses when choosing synonyms, so its
 *   figures flatter the matcher;
 * - questions-holdout.yaml, written apart from the content and never used to choose synonyms: the
 *   honest figure for wording the assistant has not seen.
 * Questions labelled `none` are outside the Local Offer: the assistant must not answer them confidently.
 * The floors are regression guards a little under today's figures; raise them as the store improves,
 * never lower them to make a change pass.
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

const content = loadContent();
const index = new TopicIndex(content.topics.values(), content.glossary.values());
const load = (name: string) => parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as Labelled[];

export function measure(questions: Labelled[]) {
  const answerable = questions.filter((x) => x.topic !== 'none');
  const outside = questions.filter((x) => x.topic === 'none');
  let top1 = 0;
  let top3 = 0;
  let confidentWrong = 0;
  const misses: string[] = [];
  for (const { q, topic, also = [] } of answerable) {
    const ok = new Set([topic, ...also]);
    const result = index.search(q);
    const ids = result.matches.map((m) => m.topic);
    if (ids[0] && ok.has(ids[0])) top1++;
    else misses.push(`${q} -> ${ids.slice(0, 3).join(', ')} (want ${topic})`);
    if (ids.slice(0, 3).some((id) => ok.has(id))) top3++;
    if (result.confident && ids[0] && !ok.has(ids[0])) confidentWrong++;
  }
  const confidentOutside = outside.filter(({ q }) => index.search(q).confident).map(({ q }) => q);
  const n = answerable.length;
  return { n, top1: top1 / n, top3: top3 / n, confidentWrong: confidentWrong / n, outside: outside.length, confidentOutside, misses };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

describe.each([
  { name: 'questions.yaml', floors: { top1: 0.93, top3: 0.96, confidentWrong: 0.03 } },
  { name: 'questions-holdout.yaml', floors: { top1: 0.8, top3: 0.92, confidentWrong: 0.1 } },
])('answer quality on $name', ({ name, floors }) => {
  const questions = load(name);
  const result = measure(questions);

  test('every label is a real topic', () => {
    const unknown = questions.flatMap((x) => [x.topic, ...(x.also ?? [])]).filter((id) => id !== 'none' && !content.topics.has(id));
    expect(unknown).toEqual([]);
  });

  test('top-1 and top-3 accuracy stay above their floors', () => {
    // Printed so a change's effect on accuracy is visible in the test output.
    console.log(
      `QA on ${name}, ${result.n} questions: top-1 ${pct(result.top1)}, top-3 ${pct(result.top3)}, confidently wrong ${pct(result.confidentWrong)}; ${result.confidentOutside.length} of ${result.outside} outside questions answered confidently`,
    );
    expect(result.top1).toBeGreaterThanOrEqual(floors.top1);
    expect(result.top3).toBeGreaterThanOrEqual(floors.top3);
  });

  test('the assistant is rarely confidently wrong, and never confident outside the Local Offer', () => {
    expect(result.confidentWrong).toBeLessThanOrEqual(floors.confidentWrong);
    expect(result.confidentOutside).toEqual([]);
  });
});

test('the tuning set is large enough', () => {
  expect(load('questions.yaml').filter((x) => x.topic !== 'none').length).toBeGreaterThanOrEqual(150);
});
