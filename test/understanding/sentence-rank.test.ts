import { ANSWER_BUDGET, Composer, LONG_ANSWER_BUDGET } from '../../bot/compose.js';
import type { Passage } from '../../bot/understanding/passages.js';
import { TopicIndex } from '../../bot/understanding/qa.js';
import { asksSeveral } from '../../bot/understanding/question-type.js';
import {
  PICKING,
  SENTENCE_FEATURES,
  SENTENCE_WEIGHTS,
  SentenceRanker,
  clearlyAnswered,
  pickRanked,
  sentenceScore,
  sentenceUnits,
  type SentenceQuery,
} from '../../bot/understanding/sentence-rank.js';
import { stems } from '../../bot/understanding/text.js';
import { judge } from '../bench/judge.js';
import { sharedContent } from '../helpers/harness.js';

const passage = (order: number, text: string, kind: Passage['kind'] = 'body'): Passage => ({
  id: `t/default/${order}`,
  topic: 't',
  audience: 'default',
  kind,
  order,
  text,
});

const query = (q: string, over: Partial<SentenceQuery> = {}): SentenceQuery => ({
  stems: stems(q),
  type: 'other',
  asksAge: false,
  passageScore: () => 0,
  passageRank: () => 0,
  meaning: () => 0,
  ...over,
});

describe('sentence units', () => {
  test('a short list is one unit with its lead-in line; prose is cut into sentences', () => {
    expect(sentenceUnits('Needs come in four areas. A child can have more than one:\n- communication\n- learning\n- health\n- sensory')).toEqual([
      'Needs come in four areas.',
      'A child can have more than one:\n- communication\n- learning\n- health\n- sensory',
    ]);
  });

  test('a long list is cut into lines', () => {
    const items = Array.from({ length: 12 }, (_, i) => `- item number ${i} of a long list of things to do`);
    expect(sentenceUnits(items.join('\n')).length).toBeGreaterThan(1);
  });
});

describe('picking sentences for a short answer', () => {
  const passages = [
    passage(0, 'Schools give extra help called SEN support.', 'summary'),
    passage(1, 'The school meets you to plan. The school must review the plan three times a year. Reviews are short.'),
    passage(2, 'An educational psychologist may visit. Their report is sent to you.'),
  ];
  const ranker = new SentenceRanker(passages);

  test('the sentence holding the rarer words of the question leads', () => {
    const ranked = ranker.rank(passages, query('how often is the plan reviewed', { type: 'when' }));
    const picked = pickRanked(ranked, 600);
    expect(picked[0]).toMatch(/three times a year/);
  });

  test('a sentence that leans on the one before it never leads, and comes with that one', () => {
    const ranked = ranker.rank(passages, query('report sent'));
    const picked = pickRanked(ranked, 600).join('\n');
    expect(picked.startsWith('Their report')).toBe(false);
    expect(picked).toMatch(/An educational psychologist may visit\. Their report is sent to you\./);
  });

  test('a sentence is scored as its signals weighted, and the shape wanted counts only for its kind of question', () => {
    const [best] = ranker.rank(passages, query('how often is the plan reviewed', { type: 'when' }));
    expect(best!.score).toBeCloseTo(sentenceScore(best!.features, SENTENCE_WEIGHTS));
    expect(best!.features.shapeWhen).toBe(1);
    for (const f of SENTENCE_FEATURES) expect(Number.isFinite(best!.features[f])).toBe(true);
    const other = ranker.rank(passages, query('how often is the plan reviewed'))[0]!;
    expect(other.features.shapeWhen).toBe(0);
  });

  test('the asked entity: the sentences holding the most telling word of the question are marked', () => {
    const ranked = ranker.rank(passages, query('psychologist report'));
    expect(ranked.find((s) => s.text.startsWith('An educational psychologist'))!.features.named).toBe(1);
    expect(ranked.find((s) => s.text.startsWith('Schools give'))!.features.named).toBe(0);
  });

  test('a sentence scoring far below the lead is framing: it is left out and the room kept', () => {
    const ranked = ranker.rank(passages, query('how often is the plan reviewed', { type: 'when' }));
    const all = pickRanked(ranked, 600, [], SENTENCE_WEIGHTS, { ...PICKING, gap: 99 });
    const close = pickRanked(ranked, 600, [], SENTENCE_WEIGHTS, { ...PICKING, gap: 0.01 });
    expect(close.join(' ')).toMatch(/three times a year/);
    expect(close.join(' ').length).toBeLessThan(all.join(' ').length);
  });

  test("an amount asked for is said next when the lead holds none, before the lead's own passage fills the room", () => {
    const hours = [
      passage(0, 'All 3 year olds can get free hours at a nursery. Some 2 year olds can too. Working families may get more hours from 9 months.', 'summary'),
      passage(1, 'The place must be with a nursery that takes part. All 3 year olds can get 15 hours a week in term time.'),
    ];
    const own = new SentenceRanker(hours);
    // The short answer's passage matched best, so its first sentence leads, though it holds no amount.
    const asked = query('how many free hours can my 3 year old get', {
      asksAmount: true,
      amountUnit: 'hours',
      passageScore: (p) => (p.order === 0 ? 1 : 0.2),
      passageRank: (p) => p.order,
    });
    const ranked = own.rank(hours, asked);
    expect(ranked[0]!.text).toMatch(/^All 3 year olds can get free hours/);
    expect(ranked.find((x) => x.text.includes('from 9 months'))!.features.shapeAmount).toBe(0);
    const picked = pickRanked(ranked, 150).join('\n');
    expect(picked).toMatch(/15 hours a week/);
    expect(picked.length).toBeLessThanOrEqual(150);
  });

  test('a way to act on it leads for a question asking what can be done, and counts for nothing otherwise', () => {
    const late = [
      passage(0, 'An EHC plan must be reviewed at least every 12 months.', 'summary'),
      passage(1, 'The review meeting looks at the plan. If 12 months pass with no review, you can complain to the council.'),
    ];
    const own = new SentenceRanker(late);
    const asked = (remedy: boolean) => query('the review of the plan is late what can we do', { asksRemedy: remedy });
    const ranked = own.rank(late, asked(true));
    expect(ranked[0]!.text).toMatch(/you can complain/);
    expect(pickRanked(ranked, 70)[0]).toMatch(/you can complain/);
    const plain = own.rank(late, asked(false));
    expect(plain[0]!.text).toMatch(/^An EHC plan must be reviewed/);
    expect(plain.every((s) => s.features.shapeRemedy === 0)).toBe(true);
  });

  test('the budget is kept after the first sentence, and nothing is said twice', () => {
    const ranked = ranker.rank([...passages, passage(3, 'Schools give extra help called SEN support.')], query('sen support'));
    const picked = pickRanked(ranked, 90);
    expect(picked.join(' ').length).toBeLessThanOrEqual(90);
    expect(picked.join(' ').match(/extra help called SEN support/g)).toHaveLength(1);
  });
});

describe('first replies say the fact asked for', () => {
  const content = sharedContent();
  const index = new TopicIndex(content.topics.values(), content.glossary.values());
  const composer = new Composer(content);
  const answer = (q: string) => {
    const r = index.search(q, { audience: 'parent' });
    expect(r.confident).toBe(true);
    return composer.answerReply(r.matches[0]!.topic, r.passages, 'parent', { sentences: r.sentences }).paragraphs.join('\n');
  };

  test.each([
    ['how long have i got to appeal', [['2 months'], ['mediation certificate']]],
    ['do I need a diagnosis to get extra help at school', [['no EHC plan or diagnosis is needed', 'do not need a diagnosis']]],
    ['who can ask for an EHC needs assessment', [['parent'], ['young person'], ['school']]],
    [
      'what are the four broad areas of need',
      [['communication and interaction'], ['cognition and learning'], ['social, emotional and mental health'], ['sensory and/or physical']],
    ],
    ['how long does the council have to decide whether to assess', [['6 weeks']]],
    ['can the school exclude my son because of his autism', [['Equality Act'], ['reasonable adjustments']]],
    // An amount in the unit asked: "15 hours", not "from 9 months".
    ['how many free hours of nursery can my 3 year old get', [['15 hours']]],
    ['how much does it cost to appeal to the tribunal', [['free']]],
    // A time asked after the story around it; a date the law sets.
    ['My son is 8 and has an EHC plan. How often does it have to be reviewed?', [['12 months', 'once a year']]],
    ['when does the council have to send the final EHC plan', [['20 weeks']]],
    ['what is SENDIASS', [['information, advice and support'], ['free']]],
    // "How often" wants a time; a yes or no asked in passing ("caller asks whether") wants the "do not need".
    ['As a SENCO, how often should we meet parents to review SEN support?', [['three times a year', 'once a term']]],
    // "What can we do", "can I challenge it", "is there anyone who can help": a way to act on it.
    ["the annual review of my daughter's plan is months late, what can we do", [['complain']]],
    ['the school sent my son home for two days for his behaviour, can I challenge it', [['governors'], ['SENDIASS']]],
    ['is there anyone who can help me fill in the forms for an assessment', [['SENDIASS']]],
    [
      'Caller asks whether she has to go to mediation if she only disagrees with the school named in the plan',
      [['school or college named'], ['do not need', 'do not have to']],
    ],
  ])('"%s"', (q, facts) => {
    const said = answer(q);
    expect(judge(said, facts).missing).toEqual([]);
    expect(said.length).toBeLessThanOrEqual(LONG_ANSWER_BUDGET);
  });

  test('when no one sentence clearly answers, the answer gets more room; a clear answer stays short', () => {
    const r = index.search('which part of the EHC plan says what help my child must get', { audience: 'parent' });
    expect(clearlyAnswered(r.sentences!)).toBe(false);
    const said = answer('which part of the EHC plan says what help my child must get');
    expect(said.length).toBeGreaterThan(ANSWER_BUDGET);
    expect(said.length).toBeLessThanOrEqual(LONG_ANSWER_BUDGET);
    expect(judge(said, [['sections'], ['A to K']]).pass).toBe(true);
    expect(answer('how long have i got to appeal').length).toBeLessThanOrEqual(ANSWER_BUDGET);
  });

  test("a question that asks several things gets the longer room, and says each part's fact", () => {
    const q = 'How far away from school do we need to live to get free transport? Does it change once he turns 8?';
    expect(asksSeveral(q)).toBe(true);
    const r = index.search(q, { audience: 'parent' });
    const short = composer.answerReply(r.matches[0]!.topic, r.passages, 'parent', { sentences: r.sentences }).paragraphs.join('\n');
    const said = composer.answerReply(r.matches[0]!.topic, r.passages, 'parent', { sentences: r.sentences, several: true }).paragraphs.join('\n');
    expect(short.length).toBeLessThanOrEqual(ANSWER_BUDGET);
    expect(judge(short, [['2 miles'], ['3 miles']]).pass).toBe(false);
    expect(said.length).toBeLessThanOrEqual(LONG_ANSWER_BUDGET);
    expect(judge(said, [['2 miles'], ['3 miles'], ['under 8']]).missing).toEqual([]);
  });

  test('"what is" gives no glossary line of another term: it would not say what it is about', () => {
    const said = answer('what is sen support');
    expect(judge(said, [['assess'], ['plan'], ['review']]).missing).toEqual([]);
    const lines = [...content.glossary.values()].filter((t) => !/\bsen support\b/i.test([t.term, ...t.aka].join(' | '))).map((t) => t.meaning);
    for (const line of lines) expect(said).not.toContain(line);
  });

  test('a list that answers the question is given whole, straight after the sentence that leads it in', () => {
    expect(answer('what are the four broad areas of need')).toMatch(/^Needs are often put in four broad areas\. A child can have needs in more than one:\n- /);
  });
});
