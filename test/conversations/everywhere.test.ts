/**
 * What works in every state: commands, glossary questions, typed questions, returning after a gap,
 * surviving old snapshots, bad input, and the safeguarding check before everything.
 */
import { MemoryStorage } from 'botbuilder';
import { Chat, buildAssistant } from '../helpers/harness.js';

async function inEhcTimeline() {
  const built = buildAssistant();
  const chat = new Chat(built.assistant);
  await chat.open();
  await chat.say('1');
  await chat.say('2');
  await chat.say('2');
  await chat.say('3');
  expect(chat.topics).toEqual(['ehc-timeline']);
  return { chat, ...built };
}

describe('commands', () => {
  test('back goes to the previous step, and from a pathway start to the menu', async () => {
    const { chat } = await inEhcTimeline();
    await chat.say('back');
    expect(chat.topics).toEqual(['ehc-plan']);
    await chat.say('back');
    expect(chat.choices.join(' ')).toMatch(/worried/i);
  });

  test('help explains how to answer and keeps the place', async () => {
    const { chat } = await inEhcTimeline();
    const text = await chat.say('help');
    expect(text).toMatch(/BACK/);
    expect(text).toMatch(/MENU/);
    expect(chat.choices.join(' ')).toMatch(/Work out my dates/);
  });

  test('talk to a person gives the helpline number and hours from the council profile', async () => {
    const { chat } = await inEhcTimeline();
    const text = await chat.say('can I talk to a real person');
    const council = (await import('../helpers/harness.js')).sharedContent().council;
    expect(text).toContain(council.helpline.phone);
    expect(text).toContain(council.helpline.hours);
    expect(chat.choices.join(' ')).toMatch(/Work out my dates/);
  });

  test('start again goes to the menu and keeps who is asking', async () => {
    const { chat } = await inEhcTimeline();
    await chat.say('start again');
    expect(chat.choices.join(' ')).toMatch(/Change who I am/);
  });

  test('a pathway can be switched to by name', async () => {
    const { chat } = await inEhcTimeline();
    await chat.say('preparing for adulthood');
    // Named alone, it is explained and the pathway is offered; taking it goes through it step by step.
    await chat.pick(/Preparing for adulthood/);
    expect(chat.choices.join(' ')).toMatch(/Options after 16/);
  });
});

describe('glossary and typed questions', () => {
  test('a glossary question is answered without losing the place', async () => {
    const { chat } = await inEhcTimeline();
    const text = await chat.say('what does SENCO mean?');
    expect(text).toMatch(/special educational needs/i);
    expect(chat.choices.join(' ')).toMatch(/Carry on where I left off/);
    // The step's own choice still works by name, though it is not on the list after an answer.
    await chat.say('work out my dates');
    expect(await chat.say('3/3/2026')).toMatch(/14 April 2026/);
  });

  test.each([['what is an ehcp'], ['wot is a statement'], ['what does lgsco stand for']])('"%s" is a glossary answer', async (q) => {
    const { chat } = await inEhcTimeline();
    await chat.say(q);
    expect(chat.kinds[0]).toBe('answer');
  });

  test('a question is answered, and its sources and last-checked date come on request', async () => {
    const { chat } = await inEhcTimeline();
    const text = await chat.say('how do i get free transport to school for my disabled son');
    expect(text).toMatch(/free transport/i);
    await chat.say('sources');
    const sources = chat.replies.find((r) => r.kind === 'answer');
    expect(sources?.source?.citation).toMatch(/Education Act|Code/);
    expect(sources?.source?.lastChecked).toMatch(/20\d\d/);
  });

  test('a question about another pathway offers to go through it step by step', async () => {
    const { chat } = await inEhcTimeline();
    await chat.say('how long have i got to appeal to the tribunal');
    expect(chat.topics[0]).toBe('tribunal-deadline');
    const i = chat.choices.findIndex((c) => /^Disagree/i.test(c));
    expect(i).toBeGreaterThanOrEqual(0);
    await chat.say(String(i + 1));
    expect(chat.topics).toEqual(['tribunal-deadline']);
    expect(chat.choices.join(' ')).toMatch(/Work out my deadline/);
  });

  test('when not confident it says so, offers close topics and the helpline, and notes the question without personal data', async () => {
    const { chat, gaps } = await inEhcTimeline();
    const text = await chat.say('my name is Sarah Jones, call me on 07700 900123 about the thing with the forms for grandad');
    expect(text).toMatch(/not sure|do not have an answer/i);
    expect(text).toContain('helpline');
    expect(gaps).toHaveLength(1);
  });
});

describe('returning after a gap', () => {
  test('offers to carry on or start again', async () => {
    const built = await inEhcTimeline();
    built.advance(8 * 3_600_000);
    const text = await built.chat.say('hello again');
    expect(text).toMatch(/Welcome back/);
    await built.chat.say('carry on');
    expect(built.chat.topics).toEqual(['ehc-timeline']);
  });

  test('start again after a gap goes to the menu', async () => {
    const built = await inEhcTimeline();
    built.advance(3 * 86_400_000);
    await built.chat.say('hi');
    await built.chat.say('2');
    expect(built.chat.choices.join(' ')).toMatch(/worried/i);
  });
});

describe('stored state', () => {
  test('a new assistant on the same storage carries on where the conversation was', async () => {
    const storage = new MemoryStorage();
    const first = buildAssistant({ storage });
    const chat = new Chat(first.assistant, 'restart-1');
    await chat.open();
    await chat.say('1');
    await chat.say('2');
    await chat.say('3');
    const second = buildAssistant({ storage });
    const again = new Chat(second.assistant, 'restart-1');
    await again.say('mediation');
    expect(again.topics).toEqual(['disagreement-resolution-vs-mediation']);
  });

  test('a snapshot from an older flow version restarts that pathway with an apology, keeping the answers', async () => {
    const storage = new MemoryStorage();
    const { assistant } = buildAssistant({ storage });
    const chat = new Chat(assistant, 'old-1');
    await chat.open();
    await chat.say('1');
    await chat.say('2');
    await chat.say('3');
    const key = 'conversation/old-1';
    const stored = (await storage.read([key]))[key];
    stored.record.flow.version = 0;
    stored.record.flow.snapshot.value = 'aStateThatNoLongerExists';
    await storage.write({ [key]: { ...stored, eTag: '*' } });
    const text = await chat.say('hello');
    expect(text).toMatch(/changed since you last used it/i);
    expect(chat.choices.join(' ')).toMatch(/mediation/i);
  });

  test('an unreadable record is kept aside and the person starts again politely', async () => {
    const storage = new MemoryStorage();
    await storage.write({ 'conversation/bad-1': { record: { nonsense: true } } });
    const { assistant } = buildAssistant({ storage });
    const chat = new Chat(assistant, 'bad-1');
    const text = await chat.say('hi');
    expect(text).toMatch(/changed since you last used it/i);
    const kept = await storage.read(['conversation/unreadable/bad-1']);
    expect(kept['conversation/unreadable/bad-1']).toBeDefined();
  });
});

describe('bad input gets a helpful reply and loses nothing', () => {
  test.each([
    ['', /empty/i],
    ['   ', /empty/i],
    ['\u{1F622}\u{1F622}\u{1F622}', /only read words/i],
    ['\u0000\u0007\u001b', /empty/i],
  ])('%j', async (text, expected) => {
    const { chat } = await inEhcTimeline();
    expect(await chat.say(text)).toMatch(expected);
    expect(chat.choices.join(' ')).toMatch(/Work out my dates/);
  });

  test('a 20,000-character message is read in part and the place is kept', async () => {
    const { chat } = await inEhcTimeline();
    const text = await chat.say('mediation '.repeat(2000));
    expect(text).toMatch(/long message/i);
  });

  test('HTML is treated as text', async () => {
    const { chat } = await inEhcTimeline();
    await chat.say('<script>alert("x")</script><b>back</b>');
    expect(chat.topics).toEqual(['ehc-plan']);
  });

  test('an attachment gets a warning about personal documents', async () => {
    const { chat } = await inEhcTimeline();
    expect(await chat.say('', { hasAttachments: true })).toMatch(/cannot open photos or files/i);
  });
});

describe('safeguarding before everything', () => {
  test('a disclosure mid-pathway gets 999 first, then the services, and the place is kept', async () => {
    const { chat } = await inEhcTimeline();
    const text = await chat.say('i cant cope anymore i want to kill myself');
    expect(chat.kinds[0]).toBe('crisis');
    expect(text.indexOf('999')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('999')).toBeLessThan(text.indexOf('116 123'));
    expect(text).toMatch(/85258/);
    expect(text).not.toMatch(/confidential/i);
    expect(chat.choices.join(' ')).toMatch(/Work out my dates/);
    await chat.say('work out my dates');
    expect(await chat.say('3/3/2026')).toMatch(/14 April 2026/);
  });

  test("a child at risk gets the council children's services numbers", async () => {
    const { chat } = await inEhcTimeline();
    const council = (await import('../helpers/harness.js')).sharedContent().council;
    const text = await chat.say('my partner hits my son and i am scared');
    expect(chat.kinds[0]).toBe('crisis');
    expect(text).toContain(council.childrensSocialCare.phone);
    expect(text).toContain(council.childrensSocialCare.outOfHoursPhone);
    expect(text).toMatch(/0808 800 5000/);
  });

  test('near-misses do not trigger it', async () => {
    const { chat } = await inEhcTimeline();
    await chat.say('this paperwork is killing me lol');
    expect(chat.kinds).not.toContain('crisis');
    await chat.say('I could murder the SEN team');
    expect(chat.kinds).not.toContain('crisis');
  });

  test('the crisis reply still comes when storage fails', async () => {
    const failing = new MemoryStorage();
    failing.read = async () => {
      throw new Error('storage down');
    };
    const { assistant } = buildAssistant({ storage: failing });
    const replies = await assistant.turn({ conversationKey: 'x', channel: 'test', text: 'he has stopped breathing' });
    expect(replies[0]?.kind).toBe('crisis');
  });
});

describe('privacy', () => {
  test('logs never contain what people typed', async () => {
    const { chat, logs } = await inEhcTimeline();
    await chat.say('my daughter Amelia Blossom-Smith needs help');
    expect(JSON.stringify(logs)).not.toMatch(/Amelia|Blossom/);
  });
});

describe('talking the way people talk', () => {
  async function opened() {
    const built = buildAssistant();
    const chat = new Chat(built.assistant);
    await chat.open();
    return { chat, ...built };
  }

  test('a greeting after the welcome asks the first question again, and is not noted as a gap', async () => {
    const { chat, gaps } = await opened();
    const text = await chat.say('hiya');
    expect(text).not.toMatch(/not sure|do not have an answer/i);
    expect(chat.choices.join(' ')).toMatch(/parent or carer/);
    expect(gaps).toHaveLength(0);
  });

  test('thanks and ok keep the place without an apology', async () => {
    const { chat, gaps } = await opened();
    await chat.say('parent');
    await chat.say('school age');
    expect(await chat.say('thanks')).toMatch(/welcome/i);
    expect(await chat.say('ok')).not.toMatch(/sorry/i);
    expect(chat.choices.join(' ')).toMatch(/worried/i);
    expect(gaps).toHaveLength(0);
  });

  test.each([
    ['hes 7', 'first-steps-school'],
    ['she is 3', 'first-steps-early-years'],
    ['18 months', 'first-steps-early-years'],
    ['year 9', 'first-steps-school'],
    ['he just turned 17', 'first-steps-post-16'],
    ['7', 'first-steps-school'],
  ])('"%s" answers the age question (first steps: %s)', async (typed, topic) => {
    const { chat } = await opened();
    await chat.say('parent');
    await chat.say(typed);
    expect(chat.choices.join(' ')).toMatch(/worried about a child/i);
    await chat.pick(/worried about a child/i);
    await chat.pick(/First steps/i);
    expect(chat.topics).toContain(topic);
  });

  test('"im his mum, hes 7" answers both intake questions at once', async () => {
    const { chat } = await opened();
    await chat.say("I'm his mum, he's 7");
    expect(chat.choices.join(' ')).toMatch(/worried about a child/i);
  });

  test('someone who works at a nursery is a practitioner, asked which age group', async () => {
    const { chat } = await opened();
    const text = await chat.say('i work at a nursery');
    expect(text).toMatch(/Which age group/);
  });

  test('a date typed where the next step would ask for it is used straight away', async () => {
    const { chat } = await opened();
    await chat.say('parent');
    await chat.say('school age');
    await chat.pick(/Disagreeing/);
    await chat.pick(/deadline/i);
    expect(chat.choices.join(' ')).toMatch(/Work out my deadline/);
    const text = await chat.say('12th october 2026');
    expect(text).toMatch(/Do you have a mediation certificate/i);
    expect(await chat.say('not yet')).toMatch(/Monday 14 December 2026/);
  });

  test('"I have not got a certificate" is "not yet", not "yes"', async () => {
    const { chat } = await opened();
    await chat.say('parent');
    await chat.say('school age');
    await chat.pick(/Disagreeing/);
    await chat.pick(/deadline/i);
    await chat.say('12/10/2026');
    const text = await chat.say("i haven't got a certificate");
    expect(text).toMatch(/Monday 14 December 2026/);
  });
});
