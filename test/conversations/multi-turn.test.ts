/**
 * Conversations as people type them: a greeting, who they are and the child's age, a question, then
 * follow-ups that lean on the turn before. Each row is [person says, reply must say]; the reply is judged
 * on the facts it says (the benchmark's judge), never on which topic was picked.
 */
import { judge, type Fact } from '../bench/judge.js';
import { Chat, buildAssistant } from '../helpers/harness.js';
import { readProfile } from '../../bot/understanding/profile.js';
import { readServiceRequest } from '../../bot/understanding/services.js';

type Row = [say: string, mustSay: Fact[] | null, mustNotSay?: RegExp];

const GREETING = /first, who is asking/i;

async function run(rows: Row[]): Promise<void> {
  const { assistant } = buildAssistant();
  const chat = new Chat(assistant);
  for (const [say, mustSay, mustNotSay] of rows) {
    const said = await chat.say(say);
    if (mustSay) expect({ say, missing: judge(said, mustSay).missing }).toEqual({ say, missing: [] });
    if (mustNotSay) expect({ say, said }).not.toEqual({ say, said: expect.stringMatching(mustNotSay) });
  }
}

describe('who they are, said in their own words', () => {
  test('a practitioner who says who they are is asked the age group, then their question is answered', () =>
    run([
      ["Hi, I'm a health visitor.", [['which age group']]],
      ['what is the check at age two', [['2 to 3', 'between 2 and 3']]],
    ]));

  test('"im his mum, hes 7" answers both intake questions at once', () =>
    run([
      ['im his mum, hes 7', [['what would you like help with']], /how old|first, who is asking/i],
      ['can i ask for an ehc needs assessment myself', [['a parent can ask', 'make the request themselves']]],
    ]));

  test('a question in the same message as the introduction is answered, not swallowed by the age question', () =>
    run([
      ['Hi - SENCO at a primary academy here', [['which age group']]],
      [
        'We want to request an EHC needs assessment for a pupil. Can the school make the request directly?',
        [['ehc needs assessment'], ['request']],
        /which age group/i,
      ],
    ]));

  test('at the age question, a parent\'s statement with a clear answer is answered, not taken as "school age"', () =>
    run([
      ['hi', null],
      ['my son was excluded from school today', [['only the head can exclude', 'governors']], /what would you like help with/i],
      ['so what should we do', [['write to the governors']]],
    ]));

  test('an opening that asks nothing yet is greeted, not answered with "not sure"', () =>
    run([["Hello, I hope someone can help me, I'm at my wits end", [['who is asking']], /not sure|do not have an answer/i]]));

  test('the intake greeting is said once; a statement about the child is noted, not treated as a question', () =>
    run([
      ['hi', [['who is asking']]],
      ['how do i renew my passport', [['not sure', 'do not have an answer']], GREETING],
      ['hes 12 year 7 really struggling', [['thank you']], GREETING],
    ]));
});

describe('follow-ups lean on the turn before', () => {
  test('"how far ahead do I get the reports" after the annual review', () =>
    run([
      ['what happens at an annual review', [['12 months', 'once a year']]],
      ['how far ahead do I get the reports', [['2 weeks']]],
    ]));

  test('"how long have we got to reply to it" after the draft plan', () =>
    run([
      ['we have the draft ehc plan now', [['draft']]],
      ['how long have we got to reply to it', [['15 days']]],
    ]));

  test('"what about at college" after school transport is about transport to college', () =>
    run([
      ['can i get help with transport for my son', [['free transport']]],
      ['what about at college', [['after 16'], ['transport', 'travel']]],
    ]));

  test('"is there a deadline for them to sort it" after options at 16 is about the plan, not the appeal deadline', () =>
    run([
      ['our son is 16 and has an EHC plan, he leaves school in July, what are his options', [['college']]],
      ['is there a deadline for them to sort it', [['31 March']], /deadline to appeal/i],
    ]));

  test('"can i change the school they put" after the EHC time limits stays with the plan, not school admissions', () =>
    run([
      ['what are the time limits for an ehc needs assessment', [['6 weeks']]],
      ['can i change the school they put', [['school or college to be named']], /accessibility plan/i],
    ]));

  test('an objection ending in "tho" ("failed my english gcse twice tho") is read against the answer it objects to', () =>
    run([
      ['how do apprenticeships work, im 17', [['apprenticeship']]],
      ['failed my english gcse twice tho', [['english and maths']], /not sure/i],
    ]));

  test('"ok ta" after an answer is thanks, not a question answered from another topic', () =>
    run([
      ['school says my son is on sen support what does that mean', [['extra help']]],
      ['ok ta', [['you are welcome']], /top-up funding|high needs/i],
    ]));

  test('"and if that doesnt work" after an answer carries on from it, not into the adulthood pathway', () =>
    run([
      ["I'm not happy with the support school are giving her. How do I complain properly?", null],
      ['and if that doesnt work', null, /help with planning for adult life/i],
    ]));

  test('the same question twice does not get the very same reply twice', async () => {
    const { assistant } = buildAssistant();
    const chat = new Chat(assistant);
    await chat.say('what is a part-time timetable');
    const first = chat.replies.find((r) => r.kind === 'answer')?.paragraphs;
    await chat.say('what is a part-time timetable');
    const second = chat.replies.find((r) => r.kind === 'answer')?.paragraphs;
    expect(first?.length).toBeGreaterThan(0);
    expect(second?.length).toBeGreaterThan(0);
    expect(second).not.toEqual(first);
  });

  test('a long account of the child that names a service in passing is not a search of the directory', () =>
    run([
      ['hi', null],
      [
        'my little boy is 2 and a half and only says a couple of words. the health visitor mentioned speech therapy and nursery are worried',
        null,
        /directory may fit/i,
      ],
    ]));

  test('a question that names its own topic is a change of subject, not a follow-up', () =>
    run([
      ['what happens at an annual review', null],
      ['totally different thing, does he get free transport to school', [['transport']]],
    ]));
});

describe('reading who is asking', () => {
  const roles = ['senco', 'teacher', 'health visitor', 'social worker', 'nursery staff'];
  test.each([
    ['im a mum and my son is 7', { who: 'parent', stage: 'school' }],
    ['hi im 17', { who: 'young-person', stage: 'post-16' }],
    ['Hi - SENCO at a primary academy here', { who: 'practitioner' }],
    ['nursery manager here', { who: 'practitioner' }],
    ['Hi, Year 6 teacher here', { who: 'practitioner', stage: 'school' }],
    ['my little boy is 2 and a half', { who: 'parent', stage: 'early-years' }],
    ['what is sen support', {}],
    ['its only 1 mile away tho', {}],
    ['can the school ask for an assessment', {}],
  ])('"%s"', (text, expected) => {
    expect(readProfile(text, roles)).toEqual(expected);
  });
});

describe('a time is not a place', () => {
  test('"starting a uni course in September" asks about help at university, not for services in "September"', async () => {
    expect(readServiceRequest('my son has dyslexia, is there support in September', [])?.area).toBeUndefined();
    await run([
      ['hey', null],
      ["I'm 18 and dyslexic, starting a uni course in September. Can I get help with a laptop or software", [['disabled students allowance', 'dsa']]],
    ]);
  });
});

describe('answers to the assistant’s own offers, typed', () => {
  test('a date typed after "tell me the date and I can work out your dates" works the dates out', () =>
    run([
      ['how long does the council have to decide whether to assess', [['6 weeks']]],
      ['we sent it on 3 october', [['14 November 2026']]],
    ]));

  test('the decision letter date after the appeal deadline answer moves on to the certificate question', () =>
    run([
      ['how long do i have to appeal', [['2 months']]],
      ['the letter was dated 12 november', [['mediation certificate']], /not sure/i],
    ]));
});

describe('a follow-up that says nothing new stays on the topic', () => {
  test('"wot can i do" after an exclusion is about the exclusion', () =>
    run([
      ['my son got excluded 2day', [['exclude']]],
      ['wot can i do', [['governors']]],
    ]));
});

describe('helpline staff reporting a caller', () => {
  test('"caller asking about the time limit for tribunal after mediation certificate" is answered, not asked the age group', () =>
    run([['caller asking about the time limit for tribunal after mediation certificate', [['1 month']], /which age group/i]]));
});

describe('more on the same topic, and a new thing named', () => {
  test('a follow-up on the topic just answered goes on to what the last answer did not say', async () => {
    const { assistant } = buildAssistant();
    const chat = new Chat(assistant);
    const first = await chat.say('my son has been permanently excluded from school');
    const second = await chat.say('how can we challenge that?');
    expect(judge(first, [['governors']]).pass).toBe(false);
    expect({ missing: judge(second, [['governors'], ['15 school days']]).missing }).toEqual({ missing: [] });
  });

  test('"what else" after an answer gives the rest of the topic, as More detail does', async () => {
    const { assistant } = buildAssistant();
    const chat = new Chat(assistant);
    await chat.say('what is a part-time timetable');
    const said = await chat.say('what else');
    const more = chat.replies.find((r) => r.kind === 'answer')?.more ?? [];
    expect(more.join('\n')).toMatch(/What you can do next:/);
    expect(said).not.toMatch(/More detail/);
  });

  test('a follow-up that names a thing the last topic never speaks of is a new question', () =>
    run([
      ['when do reviews start planning for adult life from year 9', [['year 9']]],
      ['does it have to fit with his PEP?', [['personal education plan'], ['virtual school']]],
    ]));

  test('a question that shares a word with a pathway is answered, not taken as opening it', () =>
    run([
      ['im a parent', null],
      ['he is 9', null],
      ['and can the clubs refuse him?', null, /options to challenge a decision/i],
    ]));
});
