/**
 * npm run learn:ranking [files...]: learns the weights that order topics (RANK_WEIGHTS in
 * bot/understanding/qa.ts) from question sets with facts, such as the tuning sets in
 * test/fixtures/understanding/. Never run it on the sealed sets.
 *
 * Labels come from the content itself: a topic is a right answer to a question when its text (every
 * wording) holds every fact the question needs, as the benchmark's judge reads them. For each question
 * with a right topic, each right topic is paired with the wrong topics that rank near the top, and a
 * pairwise logistic ranker (RankNet's loss with a linear score, by gradient descent with L2) learns
 * weights that put the right one first. It is a dozen lines; no kept library on the registry does
 * pairwise ranking over our own features without pulling in a tensor runtime.
 *
 * The questions are split in two by position (even and odd): it learns on one half and reports top-1 on
 * both, then on all; the printed weights are those learnt on all. A big gap between the halves means the
 * weights fit noise.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { Composer } from '../../bot/compose.js';
import { RANK_FEATURES, RANK_WEIGHTS, rankScore, TopicIndex, type RankFeature, type TopicFeatures } from '../../bot/understanding/qa.js';
import { loadContent } from '../../content/store.js';
import { judgeStemmed, type Fact } from './judge.js';
import { topicRecordStems } from './records.js';

interface Question {
  id: string;
  text: string;
  audience?: string;
  facts: Fact[];
}

const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (files.length === 0) {
  console.log('Give the tuning sets to learn from, e.g. npm run learn:ranking -- test/fixtures/understanding/tuning-blind-questions.yaml');
  process.exit(1);
}
const questions = files.flatMap((f) => parse(readFileSync(f, 'utf8')) as Question[]).filter((q) => q && Array.isArray(q.facts));
const content = loadContent();
const composer = new Composer(content);
const index = new TopicIndex(content.topics.values(), content.glossary.values());

const topicText = new Map<string, string[]>();
for (const t of content.topics.values()) topicText.set(t.id, topicRecordStems(composer, t));

interface Item {
  candidates: TopicFeatures[];
  right: Set<string>;
}
const items: Item[] = questions.map((q) => {
  const audience = (['parent', 'young-person', 'practitioner', 'helpline'] as const).find((a) => a === q.audience) ?? 'parent';
  const candidates = index.topicFeatures(q.text, { audience }).scored;
  return { candidates, right: new Set(candidates.filter((c) => judgeStemmed(topicText.get(c.topic) ?? [], q.facts).pass).map((c) => c.topic)) };
});

type Weights = Record<RankFeature, number>;
const NEAR = Number(process.env.NEAR ?? 10);

function top1(set: Item[], w: Weights): number {
  let n = 0;
  for (const item of set) {
    let best: TopicFeatures | undefined;
    let bestScore = -Infinity;
    for (const c of item.candidates) {
      const s = rankScore(c, w);
      if (s > bestScore) [best, bestScore] = [c, s];
    }
    if (best && item.right.has(best.topic)) n++;
  }
  return n;
}

function learn(set: Item[], start: Weights): Weights {
  const pairs: [TopicFeatures, TopicFeatures, number][] = [];
  for (const item of set) {
    if (item.right.size === 0) continue;
    // Only the near misses teach anything: the topics ranked near the top now, right and wrong.
    const near = [...item.candidates].sort((a, b) => rankScore(b, start) - rankScore(a, start)).slice(0, NEAR);
    const right = near.filter((c) => item.right.has(c.topic));
    const wrong = near.filter((c) => !item.right.has(c.topic));
    for (const r of right) for (const x of wrong) pairs.push([r, x, 1 / (right.length * wrong.length)]);
  }
  const w = { ...start };
  const rate = 1;
  const l2 = 0.0005;
  for (let epoch = 0; epoch < 1500; epoch++) {
    const grad = Object.fromEntries(RANK_FEATURES.map((f) => [f, 0])) as Weights;
    for (const [r, x, weight] of pairs) {
      const margin = rankScore(r, w) - rankScore(x, w);
      const g = weight / (1 + Math.exp(margin));
      for (const f of RANK_FEATURES) grad[f] += g * (r.features[f] - x.features[f]);
    }
    for (const f of RANK_FEATURES) w[f] = Math.max(0, w[f] + rate * ((grad[f] / Math.max(1, set.length)) * 10 - l2 * w[f]));
  }
  return w;
}

const pct = (n: number, d: number) => `${n}/${d} (${((100 * n) / d).toFixed(1)}%)`;
const even = items.filter((_, i) => i % 2 === 0);
const odd = items.filter((_, i) => i % 2 === 1);
const withRight = items.filter((i) => i.right.size > 0).length;
console.log(`${items.length} questions; a topic holds every fact for ${withRight}`);
console.log(`Current weights: top-1 right on ${pct(top1(items, RANK_WEIGHTS), items.length)}`);
for (const [name, train, test] of [
  ['even', even, odd],
  ['odd', odd, even],
] as const) {
  const w = learn(train, RANK_WEIGHTS);
  console.log(
    `Learnt on ${name}: on its own half ${pct(top1(train, w), train.length)} (was ${top1(train, RANK_WEIGHTS)}), held out ${pct(top1(test, w), test.length)} (was ${top1(test, RANK_WEIGHTS)})`,
  );
}
const w = learn(items, RANK_WEIGHTS);
console.log(`Learnt on all: ${pct(top1(items, w), items.length)}`);
console.log(JSON.stringify(Object.fromEntries(RANK_FEATURES.map((f) => [f, Math.round(w[f] * 100) / 100]))));
