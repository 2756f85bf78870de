/**
 * Each pathway completed by typing alone: numbers, the words of a choice, and free text, as on SMS.
 * Run against the assistant core; test/http/ runs the main paths through the real endpoint.
 */
import { Chat, buildAssistant } from '../helpers/harness.js';

function newChat() {
  const built = buildAssistant();
  return { chat: new Chat(built.assistant), ...built };
}

/** A new conversation in which a parent of a school-age child has answered who and stage, by number. */
async function parentOfSchoolChild(): Promise<Chat> {
  const { chat } = newChat();
  await chat.open();
  await chat.say('1');
  await chat.say('2');
  return chat;
}

describe('starting a conversation', () => {
  test('opening greets, asks people not to share personal details, and asks who is asking', async () => {
    const { chat } = newChat();
    const text = await chat.open();
    expect(text).toMatch(/personal details/i);
    expect(chat.choices).toHaveLength(3);
    expect(chat.choices.join(' ')).toMatch(/parent/i);
  });

  test('"hi" gets the same welcome', async () => {
    const { chat } = newChat();
    await chat.say('hi');
    expect(chat.choices).toHaveLength(3);
  });

  test('the first message can answer the first question', async () => {
    const { chat } = newChat();
    await chat.say("I'm a parent");
    expect(chat.choices.join(' ')).toMatch(/under 5/i);
  });

  test('who and stage are asked once and kept across pathways', async () => {
    const { chat } = newChat();
    await chat.open();
    await chat.say('1');
    await chat.say('school');
    expect(chat.choices.join(' ')).toMatch(/worried/i);
    await chat.say('worried');
    await chat.say('first steps');
    expect(chat.topics).toContain('first-steps-school');
    await chat.say('menu');
    expect(chat.choices.join(' ')).toMatch(/EHC needs assessment/i);
    await chat.say('2');
    await chat.say('menu');
    await chat.say('disagreeing');
    expect(chat.choices.join(' ')).toMatch(/mediation/i);
  });
});

describe('worried about my child', () => {
  test('under-fives: first steps, the check at two, portage, then SEN support', async () => {
    const { chat } = newChat();
    await chat.open();
    await chat.say('parent');
    await chat.say('1');
    await chat.say('1');
    await chat.say('first steps');
    expect(chat.topics).toEqual(['first-steps-early-years']);
    await chat.say('the check at two');
    expect(chat.topics).toEqual(['progress-check-at-two']);
    await chat.say('portage');
    expect(chat.topics).toEqual(['portage-and-early-support']);
    await chat.say('1');
    expect(chat.topics).toEqual(['sen-support']);
  });

  test('school age, by free text, into the EHC request pathway', async () => {
    const chat = await parentOfSchoolChild();
    await chat.say('im worried about my son');
    await chat.say('what is sen support');
    expect(chat.topics[0]).toBe('sen-support');
    await chat.say('what to expect');
    expect(chat.topics).toEqual(['sen-support-what-to-expect']);
    await chat.say('when to ask for an EHC needs assessment');
    expect(chat.topics).toEqual(['when-to-ask-for-assessment']);
    await chat.say('yes');
    expect(chat.topics).toEqual(['ehc-plan']);
    expect(chat.choices.join(' ')).toMatch(/letter/i);
  });
});

describe('requesting an EHC needs assessment', () => {
  test('how to ask, the letter, and the dates worked out', async () => {
    const chat = await parentOfSchoolChild();
    await chat.say('2');
    expect(chat.topics).toEqual(['ehc-plan']);
    await chat.say('how to ask');
    expect(chat.topics).toEqual(['ehc-how-to-ask']);
    await chat.say('yes');
    expect(chat.topics).toEqual(['ehc-request-letter']);
    const letter = chat.replies.find((r) => r.topicId === 'ehc-request-letter');
    expect(JSON.stringify(letter)).toMatch(/\[your child's name\]/i);
    await chat.say('1');
    expect(chat.topics).toEqual(['ehc-timeline']);
    await chat.say('work out my dates');
    const text = await chat.say('3 March 2026');
    expect(text).toMatch(/Tuesday 3 March 2026/);
    expect(text).toMatch(/Tuesday 14 April 2026/);
    expect(text).toMatch(/Tuesday 23 June 2026/);
    expect(text).toMatch(/Tuesday 21 July 2026/);
  });

  test('a bad date gets a hint and the question again', async () => {
    const chat = await parentOfSchoolChild();
    await chat.say('2');
    await chat.say('3');
    await chat.say('1');
    const text = await chat.say('the day after my birthday');
    expect(text).toMatch(/could not read that as a date/i);
    const again = await chat.say('14/04/2026');
    expect(again).toMatch(/Tuesday 26 May 2026/);
  });

  test('a refusal carries the decision date into the disagreement pathway', async () => {
    const chat = await parentOfSchoolChild();
    await chat.say('2');
    await chat.say('wot happens if council say no');
    expect(chat.topics).toEqual(['ehc-refused']);
    await chat.say('work out my appeal deadline');
    await chat.say('14 April 2026');
    expect(chat.choices.join(' ')).toMatch(/certificate/i);
    const text = await chat.say('not yet');
    expect(text).toMatch(/Monday 15 June 2026/);
  });
});

describe('disagreement and appeal', () => {
  test('mediation, certificate, what can be appealed, deadline with a certificate', async () => {
    const chat = await parentOfSchoolChild();
    await chat.say('appeal');
    await chat.say('mediation');
    expect(chat.topics).toEqual(['disagreement-resolution-vs-mediation']);
    await chat.say('the mediation certificate');
    expect(chat.topics).toEqual(['mediation-certificate']);
    await chat.say('what can i appeal');
    expect(chat.topics).toEqual(['tribunal-what-can-be-appealed']);
    await chat.say('my appeal deadline');
    expect(chat.topics).toEqual(['tribunal-deadline']);
    await chat.say('1');
    await chat.say('14/4/2026');
    await chat.say('yes');
    const text = await chat.say('30 May 2026');
    expect(text).toMatch(/Tuesday 30 June 2026/);
  });

  test('complaints and discrimination', async () => {
    const chat = await parentOfSchoolChild();
    await chat.say('3');
    await chat.say('complaint');
    expect(chat.topics).toEqual(['complaints']);
    await chat.say('discrimination');
    expect(chat.topics).toEqual(['disability-discrimination']);
  });
});

describe('preparing for adulthood', () => {
  test('a young person goes straight to the menu and through the pathway', async () => {
    const { chat } = newChat();
    await chat.open();
    await chat.say('I am a young person');
    expect(chat.choices.join(' ')).toMatch(/adulthood/i);
    await chat.say('4');
    await chat.say('university');
    expect(chat.topics).toEqual(['higher-education-dsa']);
    await chat.say('when ehc plans end');
    expect(chat.topics).toEqual(['ehc-plan-to-25']);
    await chat.say('my rights');
    expect(chat.topics).toEqual(['young-person-rights']);
    await chat.say('back');
    expect(chat.choices.join(' ')).toMatch(/Year 9/i);
    await chat.say('options after 16');
    await chat.say('supported internships');
    expect(chat.topics).toEqual(['supported-internships']);
    await chat.say('access to work');
    expect(chat.topics).toEqual(['access-to-work']);
  });

  test('a letter dated 15 June 2026 gives the legal last day, Tuesday 1 September, and advice to send well before', async () => {
    const chat = await parentOfSchoolChild();
    await chat.say('2');
    await chat.say('wot happens if council say no');
    await chat.say('work out my appeal deadline');
    await chat.say('15 June 2026');
    const text = await chat.say('not yet');
    expect(text).toMatch(/last day the law allows for your appeal is Tuesday 1 September 2026/);
    expect(text).not.toMatch(/Saturday 15 August/);
    expect(text).toMatch(/well before/);
  });
});
