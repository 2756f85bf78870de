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
 * With no files it reads the four tuning question sets (ranking-sets.ts). The questions are split in two by
 * position in their file: it learns on the even half and reports the odd half held out, then the other way
 * round. Take the weights learnt on the even half; a big gap between the halves means they fit noise.
 */
import { Composer } from '../../bot/compose.js';
import { RANK_FEATURES, RANK_WEIGHTS, rankScore, TopicIndex, type RankFeature, type TopicFeatures } from '../../bot/understanding/qa.js';
import { loadContent } from '../../content/store.js';
import { audienceOf } from './causes.js';
import { judgeStemmed } from './judge.js';
import { readRankingSets } from './ranking-sets.js';
import { topicRecordStems } from './records.js';

const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const questions = readRankingSets(files);
const content = loadContent();
const composer = new Composer(content);
const index = new TopicIndex(content.topics.values(), content.glossary.values());

const topicText = new Map<string, string[]>();
for (const t of content.topics.values()) topicText.set(t.id, topicRecordStems(composer, t));

interface Item {
  candidates: TopicFeatures[];
  right: Set<string>;
  half: 'even' | 'odd';
}
const items: Item[] = questions.map((q) => {
  const candidates = index.topicFeatures(q.text, { audience: audienceOf(q.audience) }).scored;
  return { candidates, half: q.half, right: new Set(candidates.filter((c) => judgeStemmed(topicText.get(c.topic) ?? [], q.facts).pass).map((c) => c.topic)) };
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

/** `--only plain,asked`: learn just these weights and keep the others as they are (fewer to fit, less to overfit). */
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const learnt = new Set<RankFeature>(onlyArg ? (onlyArg.split(',') as RankFeature[]) : RANK_FEATURES);

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
    for (const f of learnt) w[f] = Math.max(0, w[f] + rate * ((grad[f] / Math.max(1, set.length)) * 10 - l2 * w[f]));
  }
  return w;
}

const pct = (n: number, d: number) => `${n}/${d} (${((100 * n) / d).toFixed(1)}%)`;
const even = items.filter((i) => i.half === 'even');
const odd = items.filter((i) => i.half === 'odd');
const withRight = items.filter((i) => i.right.size > 0).length;
const round = (w: Weights) => JSON.stringify(Object.fromEntries(RANK_FEATURES.map((f) => [f, Math.round(w[f] * 100) / 100])));
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
  console.log(`  ${round(w)}`);
}
