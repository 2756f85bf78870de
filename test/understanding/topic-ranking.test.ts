/**
 * The topic ranking on a handful of representative questions, judged on the facts the first reply says:
 * a long message whose asking sentence names the subject, a young person's own words, an age group that
 * picks between close topics, misspellings, and plain questions each pathway gets. The first five come
 * from the tuning sets (test/fixtures/understanding/) and were answered from the wrong topic before the
 * whole-topic search, asking sentence, audience, age group and rank fusion signals (topic-features.ts).
 * If a change breaks one of these, look at `npm run bench:ranking` first: the ranking, not the wording,
 * moved.
 */
import { Composer } from '../../bot/compose.js';
import { TopicIndex } from '../../bot/understanding/qa.js';
import type { Audience } from '../../content/schema.js';
import { judge, type Fact } from '../bench/judge.js';
import { sharedContent } from '../helpers/harness.js';

const content = sharedContent();
const index = new TopicIndex(content.topics.values(), content.glossary.values());
const composer = new Composer(content);

const cases: [string, Audience, Fact[]][] = [
  [
    "Our daughter Priya is 15 with Down's syndrome. Will her EHCP say anything about where she might live or how independent she could be as an adult, or is it just about school?",
    'parent',
    [
      ['independent living', 'living independently', 'independence'],
      ['preparing for adulthood', 'preparation for adulthood'],
    ],
  ],
  ['wat happens to his social care wen he turns 18 do we start again', 'parent', [['adult social care', 'adult services', 'adults'], ['Care Act']]],
  ['im 18 at college never had ehcp can i ask for one now', 'young-person', [['yes', 'you can'], ['25']]],
  [
    'How often are we expected to meet parents of children on SEN support? New to the role.',
    'practitioner',
    [['3 times', 'three times', 'termly', 'each term']],
  ],
  [
    'my daughter has ehcp moving from infants to juniors next sept same site does her plan need changing by a date',
    'parent',
    [['15 February'], ['review', 'amend', 'amended']],
  ],
  ['who can ask for an EHC needs assessment', 'parent', [['parent'], ['young person'], ['school']]],
  ['how long have i got to appeal', 'parent', [['2 months'], ['mediation certificate']]],
  ['how do i get a ehcp for my son', 'parent', [['ask the council', 'ask your council', 'write to'], ['needs assessment']]],
];

describe('the first reply comes from a topic that says the facts asked for', () => {
  test.each(cases)('"%s"', (question, audience, facts) => {
    const r = index.search(question, { audience });
    expect(r.confident).toBe(true);
    const top = r.matches[0]!.topic;
    const said = composer.answerReply(top, r.passages, audience, { sentences: r.sentences }).paragraphs.join('\n');
    expect({ top, missing: judge(said, facts).missing }).toEqual({ top, missing: [] });
  });
});

test('a message the content says nothing about scores nothing for any topic, for any asker', () => {
  // The audience and age-group lifts and the rank fusion only tell apart topics the message points to; a
  // topic with no signal must score 0, or nonsense would be offered three arbitrary topics as close.
  for (const text of ['zzzz qqqq', 'asdfgh', 'blah blah blah'])
    for (const audience of ['parent', 'young-person', 'practitioner', 'helpline'] as Audience[]) {
      const result = index.search(text, { audience });
      expect(result.confident).toBe(false);
      expect(result.matches.every((m) => m.score === 0)).toBe(true);
    }
});

test('a contraction typed without its apostrophe is not corrected into a content word', () => {
  // "shes" was read as "sees", "thats" and "wats" as "whats" and "wants", "arent" as "parent", and "meds"
  // as "beds": each then pulled towards topics the question was not about.
  const read = index.queryStems('shes 7 and thats why arent they meant to give her meds wats next');
  for (const wrong of ['see', 'what', 'want', 'parent', 'bed']) expect(read).not.toContain(wrong);
  expect(read).toContain('medicin');
  expect(index.queryStems('shes struggling')).toEqual(index.queryStems('struggling'));
});

test('"do school have to give my son his meds" is answered from the topic on medical conditions at school', () => {
  const r = index.search('do school have to give my son his meds', { audience: 'parent' });
  expect(r.matches[0]!.topic).toBe('medical-conditions');
});
