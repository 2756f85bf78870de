/**
 * "Did this help?" as a person meets it: after an answer in web chat, at the end of a pathway on SMS,
 * the reasons and comment after a "No", and the events the editors' report reads.
 */
import { MemoryEventLog, type FeedbackEvent } from '../../bot/feedback/events.js';
import { FEEDBACK_MESSAGE_IDS } from '../../bot/feedback/feedback.js';
import { planSms } from '../../adapters/channels/sms.renderer.js';
import { smsWords } from '../../adapters/channels/sms.words.js';
import { renderWebChat } from '../../adapters/channels/webchat.renderer.js';
import { renderTeams } from '../../adapters/channels/teams.renderer.js';
import { Composer } from '../../bot/compose.js';
import { gsm7Parts } from '../../content/gsm7.js';
import { buildAssistant, Chat, sharedContent } from '../helpers/harness.js';

function setup(channel: 'webchat' | 'sms' | 'teams' = 'webchat') {
  const events = new MemoryEventLog();
  const built = buildAssistant({ events });
  return { events, chat: new Chat(built.assistant, undefined, channel) };
}

const feedbackEvents = (events: MemoryEventLog) => events.events.filter((e): e is FeedbackEvent => e.type === 'feedback');

test('every feedback message is in the content store', () => {
  const missing = FEEDBACK_MESSAGE_IDS.filter((id) => !sharedContent().messages.has(id));
  expect(missing).toEqual([]);
});

describe('web chat', () => {
  test('an answer asks "Did this help?" with Yes and No buttons that name the topic', async () => {
    const { chat } = setup();
    await chat.open();
    await chat.say('can i get help with school transport');
    const answer = chat.replies.find((r) => r.feedback);
    expect(answer?.kind).toBe('answer');
    const [activity] = renderWebChat([answer!]);
    const card = activity!.attachments![0]!.content as { text: string; buttons: { title: string; value: { value: string } }[] };
    expect(card.text).toBe('Did this help?');
    expect(card.buttons.map((b) => b.title)).toEqual(['Yes', 'No']);
    expect(card.buttons[1]!.value.value).toBe(`feedback:no:${answer!.topicId}`);
  });

  test('No, a reason and a comment: redacted, with topic, version, pathway, step, channel and audience, and no user id', async () => {
    const { chat, events } = setup();
    await chat.open();
    await chat.say('can i get help with school transport');
    const topicId = chat.replies.find((r) => r.feedback)!.topicId!;
    const reasons = await chat.say('No', { value: `feedback:no:${topicId}` });
    expect(reasons).toContain('What was wrong with it?');
    expect(chat.choices).toEqual(['It did not answer my question', 'It is out of date', 'It is hard to understand', 'It is not right for my area', 'Skip']);
    const ask = await chat.say('2');
    expect(ask).toContain('Please do not type names, addresses or other personal details');
    const thanks = await chat.say('the phone number was wrong, my son Oliver Brown, call 07700 900123');
    expect(thanks).toContain('We read what people tell us');
    // The person has their place back: the step's choices are offered again.
    expect(chat.choices.length).toBeGreaterThan(1);

    const [event] = feedbackEvents(events);
    expect(event).toMatchObject({
      type: 'feedback',
      helpful: false,
      reason: 'out-of-date',
      topicId,
      channel: 'webchat',
      audience: 'parent',
      pathway: 'intake',
    });
    expect(event!.contentVersion).toMatch(/^\d{4}-\d{2}-\d{2}#[0-9a-f]{8}$/);
    expect(event!.step).toBeTruthy();
    expect(event!.comment).toBe('the phone number was wrong, my son [name], call [phone]');
    const stored = JSON.stringify(events.events);
    expect(stored).not.toMatch(/Oliver|07700|test-/);
    expect(Object.keys(event!)).not.toEqual(expect.arrayContaining(['user', 'userId', 'conversation', 'conversationKey']));
  });

  test('Yes is thanked and counted as helpful', async () => {
    const { chat, events } = setup();
    await chat.open();
    await chat.say('can i get help with school transport');
    const topicId = chat.replies.find((r) => r.feedback)!.topicId!;
    expect(await chat.say('Yes', { value: `feedback:yes:${topicId}` })).toContain('glad it helped');
    expect(feedbackEvents(events)).toEqual([expect.objectContaining({ helpful: true, topicId })]);
  });

  test('a command while reasons are offered is obeyed and records no reason', async () => {
    const { chat, events } = setup();
    await chat.open();
    await chat.say('can i get help with school transport');
    const topicId = chat.replies.find((r) => r.feedback)!.topicId!;
    await chat.say('No', { value: `feedback:no:${topicId}` });
    const menu = await chat.say('menu');
    expect(menu).toMatch(/who is asking/);
    expect(menu).not.toContain('What was wrong');
    expect(feedbackEvents(events)).toEqual([]);
  });

  test('a crisis typed as a comment gets the crisis reply, is not recorded, and ends the follow-up', async () => {
    const { chat, events } = setup();
    await chat.open();
    await chat.say('can i get help with school transport');
    const topicId = chat.replies.find((r) => r.feedback)!.topicId!;
    await chat.say('No', { value: `feedback:no:${topicId}` });
    await chat.say('1');
    const crisis = await chat.say('i want to kill myself');
    expect(chat.kinds[0]).toBe('crisis');
    expect(crisis).toContain('999');
    expect(feedbackEvents(events)).toEqual([]);
    await chat.say('what is portage');
    expect(feedbackEvents(events)).toEqual([]);
  });

  test('a question typed instead of a reason is answered as a question', async () => {
    const { chat } = setup();
    await chat.open();
    await chat.say('can i get help with school transport');
    const topicId = chat.replies.find((r) => r.feedback)!.topicId!;
    await chat.say('No', { value: `feedback:no:${topicId}` });
    const answer = await chat.say('how do i appeal to the tribunal');
    expect(answer).toMatch(/appeal/i);
    expect(chat.replies.some((r) => r.kind === 'answer')).toBe(true);
  });
});

test('Teams shows the question and two buttons on the answer card', async () => {
  const { chat } = setup('teams');
  await chat.open();
  await chat.say('can i get help with school transport');
  const answer = chat.replies.find((r) => r.feedback)!;
  const [activity] = renderTeams([answer]);
  const card = JSON.stringify(activity!.attachments![0]!.content);
  expect(card).toContain('Did this help?');
  expect(card).toContain(`"value":"feedback:yes:${answer.topicId}"`);
  expect(card).toContain('"displayText":"No"');
});

describe('SMS', () => {
  const words = smsWords(new Composer(sharedContent()));

  test('an answer to a question is not followed by the question', async () => {
    const { chat } = setup('sms');
    await chat.open();
    await chat.say('can i get help with school transport');
    expect(chat.replies.some((r) => r.feedback)).toBe(false);
    expect(planSms(chat.replies, words).now.join('\n')).not.toContain('Did this help');
  });

  test('at the end of a pathway it asks "Reply YES or NO" without an extra text, and YES is counted', async () => {
    const { chat, events } = setup('sms');
    await chat.open();
    await chat.say('1'); // parent
    await chat.say('2'); // school age
    await chat.say('1'); // worried about my child
    await chat.pick(/^What SEN support is/);
    await chat.pick(/^What to expect/);
    await chat.pick(/^When to ask/);
    expect(chat.replies.some((r) => r.feedback)).toBe(false);
    await chat.pick(/free advice/i);
    // Every way on from here has been seen: the pathway has ended.
    expect(events.events.filter((e) => e.type === 'resolved')).toHaveLength(1);
    const asked = planSms(chat.replies, words);
    const without = planSms(
      chat.replies.map(({ feedback: _f, ...r }) => r),
      words,
    );
    expect(asked.now.length).toBe(without.now.length);
    const last = asked.now[asked.now.length - 1]!;
    if (last.endsWith('Did this help? Reply YES or NO')) {
      expect(gsm7Parts(last)).toBe(gsm7Parts(without.now[without.now.length - 1]!));
    }
    await chat.say('YES');
    expect(feedbackEvents(events)).toEqual([expect.objectContaining({ helpful: true, channel: 'sms', pathway: 'worried', step: 'advice' })]);
  });

  test('the question is left off when it would need another text segment', () => {
    const long = 'x'.repeat(150);
    const reply = {
      kind: 'step' as const,
      paragraphs: [long],
      feedback: { topicId: 't', question: 'Did this help?', yes: 'Yes', no: 'No', sms: 'Did this help? Reply YES or NO' },
    };
    expect(planSms([reply], words).now).toEqual([long]);
    const short = { ...reply, paragraphs: ['Short answer.'] };
    expect(planSms([short], words).now).toEqual(['Short answer.\nDid this help? Reply YES or NO']);
  });
});

test('the funnel: each step arrival names the step before it', async () => {
  const { chat, events } = setup();
  await chat.open();
  await chat.say('1');
  await chat.say('2');
  await chat.say('1');
  await chat.pick(/^What SEN support is/);
  const steps = events.events.filter((e) => e.type === 'step');
  expect(steps.map((e) => [e.step, 'from' in e ? e.from : undefined])).toEqual([
    ['start', undefined],
    ['senSupport', 'start'],
  ]);
  expect(events.events[0]).toMatchObject({ type: 'engaged', channel: 'webchat' });
});

test('talk to a person is counted as a handoff request', async () => {
  const { chat, events } = setup();
  await chat.open();
  await chat.say('talk to a person');
  expect(events.events.filter((e) => e.type === 'handoff')).toHaveLength(1);
});
