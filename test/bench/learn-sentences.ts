/**
 * npm run learn:sentences [files...] [--write]: learns the weights that pick the sentences of a short answer
 * (SENTENCE_WEIGHTS in bot/understanding/sentence-rank.ts), and chooses the room the answer gets
 * (SURE_SENTENCE, and the answer budgets), from question sets with facts: by default the four tuning sets
 * in test/fixtures/understanding/. Never run it on the sealed sets.
 *
 * Labels come from the content and the sets' facts. For each question, the topic that answers it is the top
 * topic when its record holds every fact, else the first of the top five that does; its sentences in the
 * asker's wording are scored as the assistant scores them, and a sentence is good for as many of the facts
 * as it says (the benchmark's judge: stems in a run). A fact most of the topic's sentences say teaches
 * nothing and is left out. A pairwise ranker (RankNet's logistic loss on a linear score, gradient descent,
 * L2; the same few lines as learn-ranking.ts, and no kept library ranks over our own features without a
 * tensor runtime) learns weights that put sentences saying more facts above those saying fewer; a listwise
 * one (ListNet, top one) pulls hardest on the sentence that leads.
 *
 * Then what the weights buy is measured end to end: the short answer is composed from the top topic as the
 * assistant composes it, and judged on whether it says every fact. Each learner's weights, and the weights
 * as they are, are tuned on that measure one weight at a time; the best is taken only if it gains at least
 * 2% of the learnt-on half over the weights as they are (less is what chance moves). The threshold below which an
 * answer gets more room, and the two budgets, are chosen by the same measure, with the median answer kept
 * short enough for a web chat reply under 600 characters.
 *
 * Honest split: each file's questions at even positions are learnt on, those at odd positions only
 * reported. Every figure is printed for both halves, before and after. `--write` writes the weights and
 * room learnt on the even half to bot/understanding/sentence-weights.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { Composer } from '../../bot/compose.js';
import { readProfile } from '../../bot/understanding/profile.js';
import { TopicIndex } from '../../bot/understanding/qa.js';
import {
  PICKING,
  SENTENCE_FEATURES,
  SENTENCE_WEIGHTS,
  SURE_SENTENCE,
  pickRanked,
  sentenceScore,
  type Picking,
  type RankedSentence,
  type SentenceFeatures,
} from '../../bot/understanding/sentence-rank.js';
import { ANSWER_BUDGET, LONG_ANSWER_BUDGET } from '../../bot/compose.js';
import type { Audience } from '../../content/schema.js';
import { loadContent } from '../../content/store.js';
import { judge, judgeStemmed, judgeStems, type Fact } from './judge.js';
import { topicRecordStems } from './records.js';

interface Question {
  id: string;
  text: string;
  channel?: string;
  facts: Fact[];
}

const DEFAULT_FILES = ['tuning-questions', 'tuning-blind-questions', 'tuning-blind-questions-2', 'tuning-blind-questions-3'].map(
  (f) => `test/fixtures/understanding/${f}.yaml`,
);
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const files = args.length ? args : DEFAULT_FILES;
if (files.some((f) => f.includes('sealed'))) throw new Error('The sealed sets are never learnt on.');
const write = process.argv.includes('--write');

const content = loadContent();
const composer = new Composer(content);
const index = new TopicIndex(content.topics.values(), content.glossary.values());
const roles = content.prompts.get('intake.who')?.choices['practitioner']?.words ?? [];
const records = new Map([...content.topics.values()].map((t) => [t.id, topicRecordStems(composer, t)]));

/** One question, searched once: its answer is then composed again under each setting tried. */
interface Item {
  q: Question;
  set: string;
  half: 'even' | 'odd';
  /** The top topic, when the assistant would answer (confident). */
  topic?: string;
  /** Its sentences, placeholders filled, for composing. */
  sentences: RankedSentence[];
  /** The sentences of the topic that answers, with how many facts each says, for learning. */
  labelled: { features: SentenceFeatures; gain: number }[];
}

/** The audience the assistant uses for a first message: what the message says of its writer, else parent. */
const audienceFor = (text: string): Audience => readProfile(text, roles).who ?? 'parent';

function labels(sentences: RankedSentence[], facts: Fact[]): { features: SentenceFeatures; gain: number }[] {
  const said = sentences.map((s) => judgeStems(composer.fill(s.text)));
  const holds = facts.map((f) => said.map((st) => judgeStemmed(st, [f]).pass));
  // A fact most sentences say tells none of them apart.
  const telling = holds.filter((row) => row.some(Boolean) && row.filter(Boolean).length <= Math.max(1, sentences.length / 2));
  return sentences.map((s, i) => ({ features: s.features, gain: telling.filter((row) => row[i]).length }));
}

const items: Item[] = [];
for (const file of files) {
  const questions = (parse(readFileSync(file, 'utf8')) as Question[]).filter((q) => q && Array.isArray(q.facts));
  questions.forEach((q, i) => {
    const audience = audienceFor(q.text);
    const r = index.search(q.text, { audience }, 5);
    const top = r.confident ? r.matches[0]?.topic : undefined;
    const holds = (id: string) => judgeStemmed(records.get(id) ?? [], q.facts).pass;
    const right = r.matches.map((m) => m.topic).find(holds);
    const own =
      right === undefined ? [] : right === r.matches[0]?.topic ? r.sentences! : index.search(q.text, { audience, within: new Set([right]) }, 5).sentences!;
    items.push({
      q,
      set: file.replace(/^.*\//, '').replace(/\.yaml$/, ''),
      half: i % 2 === 0 ? 'even' : 'odd',
      topic: top,
      sentences: (top ? r.sentences! : []).map((s) => ({ ...s, text: composer.fill(s.text) })),
      labelled: labels(own, q.facts),
    });
  });
}

interface Room {
  sure: number;
  short: number;
  long: number;
}
interface Setting {
  weights: SentenceFeatures;
  picking: Picking;
  room: Room;
}

/** The short answer the assistant would give under `s`. */
function answer(item: Item, s: Setting): string {
  if (!item.topic || item.sentences.length === 0) return '';
  const ranked = item.sentences.map((x) => ({ ...x, score: sentenceScore(x.features, s.weights) })).sort((a, b) => b.score - a.score);
  const budget = ranked[0]!.score >= s.room.sure ? s.room.short : s.room.long;
  return pickRanked(ranked, budget, [], s.weights, s.picking).join('\n');
}

/** The best sentence's score under `weights`. */
const best = (item: Item, weights: SentenceFeatures) => Math.max(...item.sentences.map((x) => sentenceScore(x.features, weights)));

interface Measure {
  pass: number;
  n: number;
  /** Median length of the answer, for web chat questions. */
  median: number;
  /** Share given the longer room. */
  long: number;
}
const judged = new Map<Item, Map<string, boolean>>();
function says(item: Item, said: string): boolean {
  let seen = judged.get(item);
  if (!seen) judged.set(item, (seen = new Map()));
  let ok = seen.get(said);
  if (ok === undefined) seen.set(said, (ok = said !== '' && judge(said, item.q.facts).pass));
  return ok;
}

function measure(set: Item[], s: Setting): Measure {
  let pass = 0;
  let long = 0;
  const lengths: number[] = [];
  for (const item of set) {
    const said = answer(item, s);
    if (says(item, said)) pass++;
    if (item.sentences.length && best(item, s.weights) < s.room.sure) long++;
    if (item.sentences.length && (item.q.channel ?? 'webchat') === 'webchat') lengths.push(said.length);
  }
  lengths.sort((a, b) => a - b);
  return { pass, n: set.length, median: lengths[Math.floor(lengths.length / 2)] ?? 0, long: long / Math.max(1, set.length) };
}

/** Pairs are made with the sentences ranked this high now (NEAR=8: only near the top); by default all. */
const NEAR = Number(process.env.NEAR ?? Infinity);

/**
 * Pairwise logistic ranking over the sentence features, every question counting the same: each sentence
 * that says more facts is paired with each that says fewer (and ranks among the top NEAR now). The weights
 * are pulled towards `start` (L2), so a signal the labels say little about keeps its weight.
 */
function learn(set: Item[], start: SentenceFeatures, l2 = 0.02, epochs = 400): SentenceFeatures {
  const pairs: { good: SentenceFeatures; bad: SentenceFeatures; weight: number }[] = [];
  for (const item of set) {
    if (!item.labelled.some((x) => x.gain > 0)) continue;
    const ordered = [...item.labelled].sort((a, b) => sentenceScore(b.features, start) - sentenceScore(a.features, start));
    const mine: typeof pairs = [];
    for (const a of ordered)
      for (const b of ordered.slice(0, NEAR)) if (a.gain > b.gain) mine.push({ good: a.features, bad: b.features, weight: a.gain - b.gain });
    const total = mine.reduce((n, p) => n + p.weight, 0);
    for (const p of mine) pairs.push({ ...p, weight: p.weight / total });
  }
  const w = { ...start };
  const questions = Math.max(1, set.length);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const grad = Object.fromEntries(SENTENCE_FEATURES.map((f) => [f, 0])) as SentenceFeatures;
    for (const { good, bad, weight } of pairs) {
      const margin = sentenceScore(good, w) - sentenceScore(bad, w);
      const g = weight / (1 + Math.exp(margin));
      for (const f of SENTENCE_FEATURES) grad[f] += g * (good[f] - bad[f]);
    }
    for (const f of SENTENCE_FEATURES) w[f] += 1 * (grad[f] / questions - l2 * (w[f] - start[f]));
  }
  return w;
}

/**
 * Listwise (ListNet, top one): per question, the softmax of the scores should match the share of the facts
 * each sentence says, so the sentence that leads is pulled hardest. L2 towards `start`.
 */
function learnList(set: Item[], start: SentenceFeatures, l2 = 0.02, epochs = 300): SentenceFeatures {
  const lists = set.filter((i) => i.labelled.some((x) => x.gain > 0)).map((i) => i.labelled);
  const w = { ...start };
  for (let epoch = 0; epoch < epochs; epoch++) {
    const grad = Object.fromEntries(SENTENCE_FEATURES.map((f) => [f, 0])) as SentenceFeatures;
    for (const list of lists) {
      const scores = list.map((x) => sentenceScore(x.features, w));
      const max = Math.max(...scores);
      const exp = scores.map((v) => Math.exp(v - max));
      const z = exp.reduce((a, b) => a + b, 0);
      const gains = list.reduce((a, x) => a + x.gain, 0);
      list.forEach((x, k) => {
        const diff = x.gain / gains - exp[k]! / z;
        for (const f of SENTENCE_FEATURES) grad[f] += diff * x.features[f];
      });
    }
    for (const f of SENTENCE_FEATURES) w[f] += 2 * (grad[f] / Math.max(1, lists.length) - l2 * (w[f] - start[f]));
  }
  return w;
}

/** The score below which this share of `set`'s questions get the longer room. */
function sureFor(set: Item[], weights: SentenceFeatures, share: number): number {
  if (share <= 0) return -Infinity;
  const scores = set.filter((i) => i.sentences.length).map((i) => best(i, weights));
  scores.sort((a, b) => a - b);
  return scores[Math.min(scores.length - 1, Math.floor(share * scores.length))]!;
}

/** The longer room goes to at most this share of questions, so the median answer is a short one. */
const MAX_LONG_SHARE = Number(process.env.MAX_LONG_SHARE ?? 0.25);

/** The room that says the facts most often on `set` with the median answer no longer than `maxMedian`. */
function chooseRoom(set: Item[], weights: SentenceFeatures, picking: Picking, maxMedian: number): Room {
  let chosen: { room: Room; m: Measure } | undefined;
  for (const share of [0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4].filter((x) => x <= MAX_LONG_SHARE)) {
    const sure = sureFor(set, weights, share);
    for (const short of [300, 340, 380, 400, 420, 440])
      for (const long of [short, 600, 750, 900]) {
        if (long < short) continue;
        const room = { sure, short, long };
        const m = measure(set, { weights, picking, room });
        if (m.median > maxMedian) continue;
        if (!chosen || m.pass > chosen.m.pass || (m.pass === chosen.m.pass && m.median < chosen.m.median)) chosen = { room, m };
      }
  }
  return chosen!.room;
}

/**
 * The weights tuned on what they buy: each in turn is scaled (or, when 0, set) to a few values, and kept
 * when the composed answers say the facts more often on `set`, the share given the longer room held as
 * it was. Coordinate ascent, as for a handful of ranking weights; the pairwise ranker's weights are its start.
 */
function tuneWeights(set: Item[], start: SentenceFeatures, picking: Picking, room: Room): SentenceFeatures {
  const w = { ...start };
  const share = set.filter((i) => i.sentences.length && best(i, start) < room.sure).length / Math.max(1, set.filter((i) => i.sentences.length).length);
  const score = (x: SentenceFeatures) => measure(set, { weights: x, picking, room: { ...room, sure: sureFor(set, x, share) } }).pass;
  let current = score(w);
  for (let round = 0; round < 2; round++)
    for (const f of SENTENCE_FEATURES) {
      const values = w[f] === 0 ? [-0.5, -0.25, 0.25, 0.5, 1] : [0, 0.5, 0.75, 1.33, 2].map((k) => w[f] * k).concat([-w[f]]);
      for (const v of values) {
        const pass = score({ ...w, [f]: v });
        if (pass > current) [w[f], current] = [v, pass];
      }
    }
  return w;
}

/** Each picking setting in turn, tried at a few values, kept when it says more facts on `set`. */
function choosePicking(set: Item[], weights: SentenceFeatures, room: Room, start: Picking): Picking {
  const p = { ...start };
  const tries: Record<keyof Picking, number[]> = {
    saidAlready: [0.5, 0.6, 0.7, 0.8, 1.01],
    covered: [0, 0.2, 0.35, 0.5, 0.75, 1],
    next: [0, 0.2, 0.4, 0.8, 1.2],
    gap: [99, 3, 2, 1.5, 1, 0.75, 0.5],
    fresh: [0, 0.25, 0.5, 1],
    perChar: [0, 0.001, 0.002, 0.004],
  };
  for (let round = 0; round < 2; round++)
    for (const key of Object.keys(tries) as (keyof Picking)[]) {
      let bestValue = p[key];
      let bestPass = measure(set, { weights, picking: p, room }).pass;
      for (const v of tries[key]) {
        const pass = measure(set, { weights, picking: { ...p, [key]: v }, room }).pass;
        if (pass > bestPass) [bestValue, bestPass] = [v, pass];
      }
      p[key] = bestValue;
    }
  return p;
}

const even = items.filter((i) => i.half === 'even');
const odd = items.filter((i) => i.half === 'odd');
const sets = [...new Set(items.map((i) => i.set))];
const before: Setting = { weights: SENTENCE_WEIGHTS, picking: PICKING, room: { sure: SURE_SENTENCE, short: ANSWER_BUDGET, long: LONG_ANSWER_BUDGET } };

function report(name: string, s: Setting): void {
  const line = (label: string, set: Item[]) => {
    const m = measure(set, s);
    return `${label} ${m.pass}/${m.n} (${((100 * m.pass) / m.n).toFixed(1)}%), median ${m.median}, longer room ${(100 * m.long).toFixed(0)}%`;
  };
  console.log(`\n${name}`);
  console.log(`  ${line('learnt-on half (even):', even)}`);
  console.log(`  ${line('held-out half (odd):  ', odd)}`);
  for (const set of sets)
    console.log(
      `    ${set.padEnd(26)} ${line(
        'even',
        even.filter((i) => i.set === set),
      )} | ${line(
        'odd',
        odd.filter((i) => i.set === set),
      )}`,
    );
}

const rightKnown = items.filter((i) => i.labelled.some((x) => x.gain > 0)).length;
console.log(`${items.length} questions (${even.length} learnt on, ${odd.length} held out); a topic's sentences say a fact for ${rightKnown}`);
report('Before (weights and room as they are)', before);

const baseMedian = measure(even, before).median;
const maxMedian = Number(process.env.MAX_MEDIAN ?? baseMedian + 10);
const beforeShare = even.filter((i) => i.sentences.length && best(i, SENTENCE_WEIGHTS) < SURE_SENTENCE).length / even.length;
const sameShare = (w: SentenceFeatures): Setting => ({ weights: w, picking: PICKING, room: { ...before.room, sure: sureFor(even, w, beforeShare) } });
/** Share of the learnt-on half a change of weights must gain to be taken. */
const MIN_GAIN = Number(process.env.MIN_GAIN ?? 0.02);

// KEEP_WEIGHTS=1: keep the weights as they are, and choose only how the answer is filled and its room.
function learnWeights(): SentenceFeatures {
  if (process.env.KEEP_WEIGHTS) return SENTENCE_WEIGHTS;
  const ranker = learn(even, SENTENCE_WEIGHTS);
  report('Pairwise ranker (from the weights as they are), the same share given the longer room', sameShare(ranker));
  const tunedRanker = tuneWeights(even, ranker, PICKING, sameShare(ranker).room);
  report('Then tuned on what the answers say, the same share given the longer room', sameShare(tunedRanker));
  const tunedHand = tuneWeights(even, SENTENCE_WEIGHTS, PICKING, before.room);
  report('The weights as they are, tuned on what the answers say, the same share given the longer room', sameShare(tunedHand));
  const list = learnList(even, SENTENCE_WEIGHTS);
  report('Listwise ranker (from the weights as they are), the same share given the longer room', sameShare(list));
  const tunedList = tuneWeights(even, list, PICKING, sameShare(list).room);
  report('Then tuned on what the answers say, the same share given the longer room', sameShare(tunedList));
  // A change must buy at least MIN_GAIN of the learnt-on half: less is within what chance moves between halves.
  const now = measure(even, sameShare(SENTENCE_WEIGHTS)).pass;
  const best = [tunedHand, tunedRanker, tunedList].reduce((a, b) => (measure(even, sameShare(b)).pass > measure(even, sameShare(a)).pass ? b : a));
  const gain = measure(even, sameShare(best)).pass - now;
  if (gain >= Math.ceil(MIN_GAIN * even.length)) return best;
  console.log(`\nNo set of weights buys ${MIN_GAIN * 100}% of the learnt-on half (best: ${gain}); the weights stay as they are.`);
  return SENTENCE_WEIGHTS;
}
const learnt = learnWeights();
const room = chooseRoom(even, learnt, PICKING, maxMedian);
const picking = choosePicking(even, learnt, room, PICKING);
const roomAgain = chooseRoom(even, learnt, picking, maxMedian);
const after: Setting = { weights: learnt, picking, room: roomAgain };
report(`With the picking and room chosen (median answer at most ${maxMedian} on the learnt-on half)`, after);
const round = (x: number) => Math.round(x * 1000) / 1000;
console.log(`\nweights ${JSON.stringify(Object.fromEntries(SENTENCE_FEATURES.map((f) => [f, round(learnt[f])])))}`);
console.log(`picking ${JSON.stringify(picking)}; room ${JSON.stringify({ ...roomAgain, sure: round(roomAgain.sure) })}`);

if (write) {
  const path = new URL('../../bot/understanding/sentence-weights.ts', import.meta.url);
  const body = `/**
 * The weights of a sentence's signals for the short answer (sentence-rank.ts), how the answer is filled,
 * and its room. Written by \`npm run learn:sentences -- --write\`, learnt on the even half of the tuning
 * sets; see docs/understanding.md.
 */
import type { Picking, SentenceFeatures } from './sentence-rank.js';

export const LEARNT_SENTENCE_WEIGHTS: SentenceFeatures = ${JSON.stringify(Object.fromEntries(SENTENCE_FEATURES.map((f) => [f, round(learnt[f])])))};

export const LEARNT_PICKING: Picking = ${JSON.stringify(picking)};

/** Below this score the best sentence is a weak match, and the answer gets the longer room. */
export const LEARNT_SURE_SENTENCE = ${Number.isFinite(roomAgain.sure) ? round(roomAgain.sure) : -1e9};

/** The answer's room in characters: when the best sentence clearly answers, and when it does not. */
export const LEARNT_BUDGETS = { short: ${roomAgain.short}, long: ${roomAgain.long} };
`;
  writeFileSync(path, body);
  console.log(`Written to ${path.pathname}; run npx prettier --write on it.`);
}
