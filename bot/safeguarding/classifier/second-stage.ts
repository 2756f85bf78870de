/**
 * The second stage: it reads only what the first stage flags (a rule match, or a statistical crisis)
 * and asks whether the message as a whole tells of danger now. The first stage scores a message as its
 * most worrying sentence, which is what finds a disclosure buried in a long question, but it also lifts
 * "I'm at breaking point with this house, lol not literally" or "she stopped breathing when she was 3,
 * she is 7 now" out of the context that calms them. The second stage weighs a few signals from the whole
 * message: how sure the first stage is in its worst part and over the whole, whether a rule fired, and
 * counts of cue phrases for reassurance, past events, managed conditions, plans and hypotheticals,
 * requests for information, and urgency now.
 *
 * A flagged message it does not confirm is not let go: it gets the possible-risk line (999 first), then
 * the normal answer. So this stage can only soften a full crisis reply into that line, never into
 * silence.
 *
 * One of its numbers is the now model's reading of the message (now.ts): a small model learnt only to
 * tell crises from the near-misses that use the same words, by how they are told (time, negation,
 * management, who is speaking, asking for advice).
 *
 * It is a logistic regression over sixteen numbers, written by hand: natural's classifiers take
 * text, not numeric features, and sixteen weights fit in model/second-stage.json. It is learnt from
 * messages written apart from this repo (the training part of the blind tuning sets, and our tuning set)
 * scored by a first stage that never saw them, so it learns how far to trust the first stage on words
 * it was not written from.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { skeleton } from '../normalise.js';
import type { LinearModel } from './model.js';
import { nowProbability } from './now.js';
import type { ClassifierScore } from './score.js';

/**
 * Cue phrases, in plain words, matched on the normalised, skeleton form of the message; in a phrase,
 * `#` stands for any number and `*` for any one word.
 */
export const CUES = {
  reassurance: [
    'fine now',
    'ok now',
    'okay now',
    'is fine',
    'are fine',
    'was fine',
    'all fine',
    'been fine',
    'fine since',
    'doing well',
    'doing fine',
    'doing better',
    'loads better',
    'much better',
    'is ok',
    'is okay',
    'is safe',
    'are safe',
    'safe at home',
    'is well',
    'all good',
    'nobody hurt',
    'nobody * hurt',
    'no one * hurt',
    'nobody gets hurt',
    'not literally',
    'lol',
    'haha',
    'hehe',
    'lmao',
    'joking',
    'do not worry',
    'said laughing',
    'stable',
    'recovered',
    'in recovery',
    'discharged',
    'i am ok',
    'i am fine',
    'i am okay',
    'we are fine',
    'we are ok',
    'not scared',
    'copes fine',
    'mild',
    'nothing like that',
    'no concerns',
    'not at risk',
    'assessed as low',
    'not marking',
    'i will not do',
    'i know i will not',
  ],
  past: [
    'when * was #',
    'when * * was #',
    'was #',
    'at age #',
    '# years ago',
    '# yrs ago',
    '# months ago',
    'years ago',
    'year ago',
    'months ago',
    'last year',
    'last yr',
    'last term',
    'last summer',
    'last winter',
    'last spring',
    'last autumn',
    'back then',
    'back in',
    'used to',
    'history of',
    'previously',
    'in the past',
    'years back',
    'at the time',
    'since then',
    'has not had',
    'had no',
    'no * since',
    'as a baby',
    'at birth',
    'afterwards',
    'first year',
    'was diagnosed',
    'when * was little',
    'when * was younger',
    'as a toddler',
    'historic',
    'historical',
    'a while ago',
    'long time ago',
    'old school',
    'previous school',
    'case is closed',
    'case closed',
  ],
  managed: [
    'managed',
    'manageable',
    'well managed',
    'under control',
    'controlled',
    'care plan',
    'rescue med',
    'rescue medication',
    'safety plan',
    'known to',
    'open to',
    'neurologist',
    'therapist',
    'psychologist',
    'consultant',
    'plan in place',
    'diagnosis',
    'diagnosed',
    'on medication',
    'medication',
    'referred',
    'waiting list',
    'camhs',
    'nurse',
    'health plan',
    'behaviour plan',
    'behaviour support',
    'meltdown',
    'meltdowns',
    'sensory',
    'speech delay',
    'parenting course',
    'health visitor',
    'paediatrician',
    'part of his',
    'part of her',
    'part of their',
    'insulin',
    'epipen',
    'tube fed',
    'seizure plan',
  ],
  hypothetical: [
    'in case',
    'just in case',
    'what if',
    'if ever',
    'what should i do if',
    'what happens if',
    'what would',
    'plan for',
    'risk assessment',
    'template',
    'how to spot',
    'signs of',
    'prepare',
    'training',
    'leaflet',
    'policy',
    'if things go wrong',
    'ready',
    'next month',
    'next year',
    'going on holiday',
    'worried that',
    'might',
  ],
  information: [
    'news',
    'article',
    'documentary',
    'film',
    'story',
    'forum',
    'what is',
    'what does',
    'how do i',
    'how can i',
    'where can i',
    'where do i',
    'who do i',
    'is there',
    'are there',
    'can i',
    'can he',
    'can she',
    'do i have to',
    'who should i contact',
    'what support',
    'what help',
    'any groups',
    'info',
    'eligibility',
    'ehcp',
    'annual review',
    'transport',
    'reasonable adjustments',
    'short breaks',
    'apply',
    'support',
    'college',
    'school',
  ],
  urgency: [
    'right now',
    'now',
    'tonight',
    'today',
    'this morning',
    'currently',
    'still',
    'just',
    'will not stop',
    'cannot wake',
    'not answering',
    'not breathing',
    'has not come home',
    'gone',
    'help',
    'please',
    'urgent',
    'ambulance',
    '999',
    'bleeding',
    'blood',
    'locked',
    'scared',
    'tomorrow',
    'this weekend',
    'next week',
    'on friday',
    'on sunday',
    'last night',
    'ongoing',
    'what do i do',
    'goodbye',
    'sorry for everything',
    'at the moment',
  ],
} as const;
export type CueGroup = keyof typeof CUES;
const GROUPS = Object.keys(CUES) as CueGroup[];

const cueWord = (w: string): string => (w === '#' ? '\\d+' : w === '*' ? '[a-z0-9]+' : skeleton(w).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/** Each group as one regular expression over the skeleton text, words whole. */
const CUE_RES: RegExp[] = GROUPS.map((g) => {
  const alternatives = CUES[g].map((phrase) => phrase.split(' ').map(cueWord).join(' '));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
});

/** A cue does not count when one of the two words before it negates it: "I don't feel safe at home". */
const NEGATED = /(?:^|\s)(?:not|never|no|nor)\s+(?:\S+\s+)?$/;

/** What the first stage found, in the numbers the second stage reads. */
export interface FirstStage {
  /** The statistical layer's crisis probability in the message's most worrying part. */
  crisis: number;
  /** Its crisis-or-possible probability there. */
  possible: number;
  /** Its crisis probability for the whole message read at once. */
  whole: number;
  /** The share of the message's parts that the statistical layer scores at least 50% crisis. */
  share: number;
  /** Whether a rule fired. */
  rule: boolean;
  /** The now model's probability that the message tells of danger now (now.ts). */
  now: number;
}

const logit = (p: number): number => {
  const q = Math.min(1 - 1e-4, Math.max(1e-4, p));
  return Math.log(q / (1 - q));
};

export const FEATURE_NAMES = ['bias', 'worst part', 'possible', 'whole', 'share', 'rule', 'length', ...GROUPS, 'questions', 'now'];
const NOW_AT = FEATURE_NAMES.length - 1;

/**
 * The features of one message. `skeletonText` is the normalised message (detector.ts `tokenise`, the
 * pieces joined); the cues are counted up to 3 each, so a long message cannot pile them up.
 */
export function secondStageFeatures(first: FirstStage, skeletonText: string, raw: string, words: number): Float64Array {
  const f = new Float64Array(FEATURE_NAMES.length);
  f[0] = 1;
  f[1] = logit(first.crisis) / 4;
  f[2] = first.possible - first.crisis;
  f[3] = logit(first.whole) / 4;
  f[4] = first.share;
  f[5] = first.rule ? 1 : 0;
  f[6] = Math.log1p(words) / 4;
  CUE_RES.forEach((re, i) => {
    let n = 0;
    re.lastIndex = 0;
    for (let m = re.exec(skeletonText); m && n < 3; m = re.exec(skeletonText)) if (!NEGATED.test(skeletonText.slice(Math.max(0, m.index - 24), m.index))) n++;
    f[7 + i] = n / 3;
  });
  let q = 0;
  for (let i = raw.indexOf('?'); i >= 0 && q < 3; i = raw.indexOf('?', i + 1)) q++;
  f[7 + GROUPS.length] = q / 3;
  f[NOW_AT] = logit(first.now) / 4;
  return f;
}

/** The second stage's features for a message, from the detector's pieces and the first stage's score. */
export function secondStageInput(text: string, pieces: string[][], rule: boolean, score: ClassifierScore, now: LinearModel): Float64Array {
  const words = pieces.reduce((n, p) => n + p.length, 0);
  const first = { crisis: score.crisis, possible: score.possible, whole: score.whole, share: score.share, rule, now: nowProbability(now, score.read) };
  return secondStageFeatures(first, pieces.map((p) => p.join(' ')).join(' '), text, words);
}

/** The cue groups that can calm a flagged message: without one of them, the second stage is not asked. */
const CALMING: CueGroup[] = ['reassurance', 'past', 'managed', 'hypothetical'];
const CALMING_AT = CALMING.map((g) => 7 + GROUPS.indexOf(g));

/**
 * Whether the second stage may soften this message at all: only when something in it can calm it (a
 * reassurance, a past time, a managed condition, a plan or a hypothetical). "I wish I was dead" or "she
 * took 20 paracetamol" has nothing to weigh against the first stage, and stays a crisis. The now model's
 * reading (now.ts) is one of the things weighed, never a reason on its own: without a cue it read helpline
 * notes and a crisis told inside a SEND question ("caller asked about SEN support then said she wants to
 * end it all, what can I say to her") as not now, and would have softened them.
 */
export function mayCalm(f: Float64Array): boolean {
  return CALMING_AT.some((i) => (f[i] as number) > 0);
}

/**
 * The urgency cues that mean danger now whatever else the message says: a flagged message with one of
 * them is never softened, since a calming cue beside it ("she has a care plan", "he is 14") does not make
 * the danger past. Words of the urgency group that ordinary questions use as often ("now", "just",
 * "help", "please", "still", "at the moment", "next week") are left out: "she took an overdose last year
 * and is now under CAMHS, can college help her" is still softened.
 */
const URGENT_NOW = [
  'right now',
  'tonight',
  'currently',
  'will not stop',
  'cannot wake',
  'not answering',
  'not breathing',
  'has not come home',
  'urgent',
  'bleeding',
  'scared',
  'tomorrow',
  'what do i do',
  'goodbye',
  'sorry for everything',
  // Something that has just happened is happening now: "she took an overdose an hour ago".
  'just now',
  'an hour ago',
  'half an hour ago',
  '# minutes ago',
  '# mins ago',
  '# hours ago',
  'earlier today',
  'has just taken',
  'have just taken',
] as const;
const URGENT_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${URGENT_NOW.map((phrase) => phrase.split(' ').map(cueWord).join(' ')).join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);

/** Whether the skeleton text has an urgency cue of URGENT_NOW, not negated ("not scared"). */
export function urgentNow(skeletonText: string): boolean {
  URGENT_RE.lastIndex = 0;
  for (let m = URGENT_RE.exec(skeletonText); m; m = URGENT_RE.exec(skeletonText))
    if (!NEGATED.test(skeletonText.slice(Math.max(0, m.index - 24), m.index))) return true;
  return false;
}

export interface SecondStageModel {
  features: string[];
  weights: number[];
  /** A flagged message is a crisis when the second stage's probability is at least this. */
  threshold: number;
  /** The fingerprint of the first-stage model and the messages it was learnt from. */
  trainedOn: string;
  examples: number;
}

export function secondStageProbability(model: SecondStageModel, f: Float64Array): number {
  let z = 0;
  for (let i = 0; i < f.length; i++) z += (model.weights[i] ?? 0) * (f[i] as number);
  return 1 / (1 + Math.exp(-z));
}

/** Full-batch gradient descent with L2 (not on the bias). Deterministic. */
export function fitSecondStage(rows: Array<{ f: Float64Array; y: number; w: number }>, l2 = 0.01, steps = 4000, rate = 0.5): number[] {
  const k = FEATURE_NAMES.length;
  const weights = new Array<number>(k).fill(0);
  const total = rows.reduce((s, r) => s + r.w, 0);
  for (let step = 0; step < steps; step++) {
    const grad = new Array<number>(k).fill(0);
    for (const { f, y, w } of rows) {
      let z = 0;
      for (let i = 0; i < k; i++) z += (weights[i] as number) * (f[i] as number);
      const err = (1 / (1 + Math.exp(-z)) - y) * w;
      for (let i = 0; i < k; i++) grad[i]! += err * (f[i] as number);
    }
    for (let i = 0; i < k; i++) weights[i]! -= rate * ((grad[i] as number) / total + (i === 0 ? 0 : l2 * (weights[i] as number)));
  }
  return weights;
}

export const SECOND_STAGE_FILE = new URL('../model/second-stage.json', import.meta.url);

export function readSecondStage(file: URL = SECOND_STAGE_FILE): SecondStageModel {
  const model = JSON.parse(readFileSync(file, 'utf8')) as SecondStageModel;
  if (model.features.join() !== FEATURE_NAMES.join()) throw new Error('the safeguarding second stage is out of date: run npm run safeguarding:train');
  return model;
}

export function writeSecondStage(model: SecondStageModel, file: URL = SECOND_STAGE_FILE): void {
  writeFileSync(file, `${JSON.stringify({ ...model, weights: model.weights.map((w) => Number(w.toFixed(5))) }, null, 2)}\n`);
}
