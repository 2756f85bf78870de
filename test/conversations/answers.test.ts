/**
 * Answers that say the answer: a typed question gets, first, the passage that answers it, in a reply that
 * fits a phone, with more on request. Each test checks that the reply SAYS the facts (with the benchmark's
 * judge), not which topic was picked.
 */
import { planSms } from '../../adapters/channels/sms.renderer.js';
import { smsWords } from '../../adapters/channels/sms.words.js';
import { ANSWER_BUDGET, Composer } from '../../bot/compose.js';
import { judge } from '../bench/judge.js';
import { Chat, buildAssistant, sharedContent } from '../helpers/harness.js';

/** What the answer itself says: its title and paragraphs, not the choices or notes around it. */
function answerText(chat: Chat): string {
  return chat.replies
    .filter((r) => r.kind === 'answer')
    .map((r) => [r.title, ...r.paragraphs, ...(r.more ?? [])].join('\n'))
    .join('\n');
}

function firstParagraph(chat: Chat): string {
  return chat.replies.find((r) => r.kind === 'answer')?.paragraphs[0] ?? '';
}

async function firstMessage(text: string, channel: 'test' | 'sms' = 'test') {
  const built = buildAssistant();
  const chat = new Chat(built.assistant, undefined, channel);
  await chat.say(text);
  return { chat, ...built };
}

describe('a question as a first message is answered straight away', () => {
  test.each([
    ['how long do i have to appeal the councils decision', [['2 months', 'two months']]],
    ['who can ask for an ehc needs assessment', [['parent']]],
    ['does my child need a diagnosis to get an ehc plan', [['do not need', 'does not need', 'no']]],
    ['how long does the council have to decide whether to assess', [['6 weeks']]],
  ])('"%s" leads with the passage that says %j', async (question, facts) => {
    const { chat } = await firstMessage(question);
    expect(judge(firstParagraph(chat), facts).missing).toEqual([]);
    // No intake greeting before or after it.
    expect(chat.replies[0]?.kind).toBe('answer');
    expect(chat.choices.join(' ')).not.toMatch(/A parent or carer/);
  });

  test('"what is sen support" gives the glossary line and the key passage: assess, plan, do, review', async () => {
    const { chat } = await firstMessage('what is sen support');
    expect(judge(answerText(chat), [['assess'], ['plan'], ['review']]).missing).toEqual([]);
  });

  test('an answer fits a phone screen, and offers more detail, next steps and sources', async () => {
    const { chat } = await firstMessage('what happens at an annual review');
    const answer = chat.replies.find((r) => r.kind === 'answer')!;
    expect(answer.paragraphs.join('\n').length).toBeLessThanOrEqual(ANSWER_BUDGET);
    expect(chat.choices.slice(0, 3)).toEqual(['More detail', 'Next steps', 'Sources']);
  });

  test('a question outside the Local Offer gets "not sure" and the helpline, not an answer', async () => {
    const { chat, gaps } = await firstMessage('how do i renew my passport');
    const text = chat.replies.map((r) => r.paragraphs.join(' ')).join(' ');
    expect(text).toMatch(/not sure|do not have an answer/i);
    expect(text).toContain(sharedContent().council.helpline.phone);
    expect(chat.kinds).not.toContain('answer');
    expect(gaps).toHaveLength(1);
  });
});

describe('more on request', () => {
  test('"more detail" gives the rest of the topic; "sources" the law and when it was checked', async () => {
    const { chat } = await firstMessage('how long do i have to appeal');
    await chat.say('more detail');
    expect(judge(answerText(chat), [['late appeal', 'late']]).missing).toEqual([]);
    await chat.say('sources');
    const sources = chat.replies.find((r) => r.kind === 'answer');
    expect(sources?.source?.lastChecked).toMatch(/20\d\d/);
    expect(answerText(chat)).toMatch(/Regulations|Code|Act/);
  });

  test('"next steps" lists what to do next', async () => {
    const { chat } = await firstMessage('how long do i have to appeal');
    await chat.say('next steps');
    expect(judge(answerText(chat), [['decision letter']]).missing).toEqual([]);
  });

  test('"or did you mean": a close second topic is offered and answers when picked', async () => {
    const { chat } = await firstMessage('can i appeal if the council refuses to assess');
    const before = chat.choices.length;
    expect(before).toBeGreaterThan(4);
    const firstTopic = chat.topics[0];
    await chat.say('4');
    expect(chat.kinds).toContain('answer');
    expect(chat.topics[0]).not.toBe(firstTopic);
  });
});

describe('follow-ups are read against the topic just discussed', () => {
  test('"and how long does that take?" after how to ask for an assessment', async () => {
    const { chat } = await firstMessage('how do i ask for an ehc needs assessment');
    await chat.say('and how long does that take?');
    expect(judge(answerText(chat), [['6 weeks', '20 weeks']]).missing).toEqual([]);
  });

  test('"what if they say no?" after asking for an assessment', async () => {
    const { chat } = await firstMessage('how do i ask for an ehc needs assessment');
    await chat.say('what if they say no?');
    expect(judge(answerText(chat), [['appeal', 'tribunal']]).missing).toEqual([]);
  });

  test('"what can i do about it" after an answer on exclusion', async () => {
    const { chat } = await firstMessage('school keep sending my son home early is that allowed');
    expect(judge(answerText(chat), [['exclusion', 'exclude']]).missing).toEqual([]);
    await chat.say('what can i do about it');
    expect(chat.kinds).toContain('answer');
  });
});

describe('SMS', () => {
  const words = smsWords(new Composer(sharedContent()));

  test.each([
    ['how long hav i got 2 appeal', [['2 months']]],
    ['council refused ehcp can i appeal', [['tribunal']]],
  ])('the first text for "%s" carries %j', async (question, facts) => {
    const { chat } = await firstMessage(question, 'sms');
    const plan = planSms(chat.replies, words);
    expect(judge(plan.now[0] ?? '', facts).missing).toEqual([]);
  });

  test('a question asking two things gets the longer answer, and the first text carries the fact the short one left out', async () => {
    const { chat } = await firstMessage('How far away from school do we need to live to get free transport? Does it change once he turns 8?', 'sms');
    const plan = planSms(chat.replies, words);
    expect(judge(plan.now[0] ?? '', [['2 miles'], ['under 8']]).missing).toEqual([]);
  });

  test('the rest of the answer waits for MORE', async () => {
    const { chat } = await firstMessage('how long hav i got 2 appeal', 'sms');
    const plan = planSms(chat.replies, words);
    const later = plan.later.join('\n');
    // The worked example is in the rest of the topic, and what the first text said is not said again.
    expect(later).toMatch(/14 April/);
    expect(plan.now[0]).toMatch(/2 months of the date on the council's decision letter/);
    expect(later).not.toMatch(/2 months of the date on the council's decision letter/);
  });
});

describe('who is asking, only when it changes the answer, and only once', () => {
  test('an answer offers a young person their own wording once; taking it answers again for them', async () => {
    const { chat } = await firstMessage('who can ask for an ehc needs assessment');
    expect(chat.choices).toContain('I am a young person who has finished Year 11 (up to 25)');
    const parentWording = answerText(chat);
    await chat.pick(/young person/);
    expect(chat.kinds).toContain('answer');
    expect(answerText(chat)).not.toEqual(parentWording);
    expect(chat.choices).not.toContain('I am a young person aged 16 to 25');
    await chat.say('how long do i have to appeal');
    expect(chat.choices).not.toContain('I am a young person aged 16 to 25');
  });

  test('someone who said who they are is not asked again', async () => {
    const built = buildAssistant();
    const chat = new Chat(built.assistant);
    await chat.open();
    await chat.say('1');
    await chat.say('2');
    await chat.say('who can ask for an ehc needs assessment');
    expect(chat.kinds).toContain('answer');
    expect(chat.choices).not.toContain('I am a young person aged 16 to 25');
  });
});

describe('a question about money or a duty is answered from the content, not the services directory', () => {
  test.each([
    ['is there any funding so the nursery can give my daughter extra help', [['Inclusion Fund', 'inclusion fund'], ['Disability Access Fund']]],
    ['does the council have to help us find childcare for my disabled son', [['childcare']]],
  ])('"%s" says %j', async (question, facts) => {
    const { chat } = await firstMessage(question);
    expect(chat.kinds).toContain('answer');
    expect(judge(answerText(chat), facts).missing).toEqual([]);
    expect(chat.replies.some((r) => r.services)).toBe(false);
  });
});
