/**
 * Talk to a person, end to end over HTTP: the assistant's /api/messages for the person and for the member
 * of staff in Teams, and a loopback connector stand-in receiving everything the assistant sends on its own
 * (the helpline card, relayed messages, the person's messages between turns).
 */
import { gsm7Length, isGsm7 } from '../../content/gsm7.js';
import { ConnectorStandIn, wordsOf } from '../helpers/connector-stand-in.js';
import { BANK_HOLIDAY, HELPLINE_CHANNEL, IN_HOURS, Person, Staff, startHandoffApp, Transcript, type TestApp } from './handoff-harness.js';

/** Each cycle makes 20 to 40 HTTP requests: room for a busy CI machine. */
const CYCLE_MS = 60_000;

let standIn: ConnectorStandIn;
const running: TestApp[] = [];

beforeAll(async () => {
  standIn = new ConnectorStandIn();
  await standIn.start();
});
afterEach(async () => {
  while (running.length) await running.pop()!.app.close();
});
afterAll(async () => {
  await standIn.stop();
});

async function start(opts: Parameters<typeof startHandoffApp>[1]): Promise<TestApp> {
  const app = await startHandoffApp(standIn, opts);
  running.push(app);
  return app;
}

/** A fresh assistant, with a person on `channel` and a member of staff in the helpline channel, sharing one transcript. */
async function cast(opts: Parameters<typeof startHandoffApp>[1], channel?: ConstructorParameters<typeof Person>[3]) {
  const t = await start(opts);
  const transcript = new Transcript();
  return { t, transcript, person: new Person(t.app, standIn, transcript, channel), staff: new Staff(t.app, standIn, transcript) };
}

/** The person asks for a person and answers whether to share; returns the card posted in the helpline channel. */
async function queueRequest(person: Person, staff: Staff, consent: string) {
  await person.say('talk to a person');
  const before = standIn.deliveries.length;
  await person.say(consent);
  return { before, card: await staff.card(before) };
}

/** Into the EHC needs assessment pathway as a parent of a school-age child; returns the step's words. */
async function intoPathway(person: Person): Promise<string> {
  await person.say('hi');
  await person.say('1');
  await person.say('2');
  return person.say('2');
}

function noPersonalDataIn(logs: string[], ...secrets: string[]): void {
  const all = logs.join('');
  for (const secret of secrets) expect(all).not.toContain(secret);
}

async function fullCycle(channel: 'webchat' | 'sms', name: string): Promise<void> {
  const { t, transcript, person, staff } = await cast({ now: IN_HOURS }, channel);
  const step = await intoPathway(person);
  expect(step).toMatch(/What would you like to know\?[\s\S]*Who can ask for an assessment/);

  const consent = await person.say('talk to a person');
  expect(consent).toMatch(/someone from the helpline team/);
  expect(consent).toMatch(/see what we have talked about/);
  const before = standIn.deliveries.length;
  const queued = await person.say('1');
  expect(queued).toMatch(/asked the helpline team to join/);
  const caseRef = /LO-[A-Z0-9]{6}/.exec(queued)?.[0];
  expect(caseRef).toBeDefined();

  // The card in the helpline channel: the summary of the answers given, the case reference, and Accept.
  const card = await staff.card(before);
  expect(card.caseRef).toBe(caseRef);
  expect(card.words).toMatch(/Who: I am a parent or carer/);
  expect(card.words).toMatch(/Age group: School age/);
  expect(card.words).toMatch(/Pathway: Asking for an EHC needs assessment/);
  expect(card.words).toMatch(new RegExp(`Channel: ${channel}`));
  // Shared, so the transcript is on the card, behind "Show the conversation".
  expect(card.words).toMatch(/Person: talk to a person/);
  expect(card.words).toMatch(/\[Show the conversation\]/);

  const atAccept = standIn.deliveries.length;
  await staff.press('accept', card.id, card.caseRef);
  expect(await person.waitFor(/Sam from the helpline team has joined/, atAccept)).toBeTruthy();
  await staff.sees(card.id, /You are now talking with the person/);
  const updated = await standIn.waitFor((d) => d.method === 'PUT' && d.activityId === card.id);
  expect(wordsOf(updated.activity)).toMatch(/Sam accepted this chat/);
  expect(wordsOf(updated.activity)).toMatch(/\[End chat\]/);

  // Person to staff: the bot says nothing itself.
  const quiet = await person.say('My son is 9 and his school says he does not need a plan');
  expect(quiet).toBe('');
  expect(await staff.sees(card.id, /Person: My son is 9 and his school says he does not need a plan/)).toBeTruthy();

  // Staff to person.
  const atReply = standIn.deliveries.length;
  await staff.say(card.id, 'Thanks. You can ask for an assessment yourself. Shall I explain how?');
  const relayed = await person.waitFor(/You can ask for an assessment yourself/, atReply);
  expect(relayed).toMatch(/^Sam: Thanks\. You can ask for an assessment yourself/);
  if (channel === 'sms') {
    const texts = person
      .received()
      .slice(-1)
      .map((d) => (typeof d.activity.text === 'string' ? d.activity.text : ''));
    for (const text of texts) {
      expect(isGsm7(text)).toBe(true);
      expect(gsm7Length(text)).toBeLessThanOrEqual(459);
    }
  }
  expect(await person.say('yes please')).toBe('');
  await staff.sees(card.id, /Person: yes please/);

  // Staff end it: the person is back where they were, and the bot answers again.
  const atEnd = standIn.deliveries.length;
  await staff.press('end', card.id, card.caseRef);
  const back = await person.waitFor(/back with the assistant/, atEnd);
  expect(back).toMatch(/The chat with the helpline team has ended/);
  // Back at the step they were at before asking for a person.
  expect(await person.waitFor(/What would you like to know\?[\s\S]*Who can ask for an assessment/, atEnd)).toBeTruthy();
  await staff.sees(card.id, /The chat has ended/);
  const next = await person.say('what is an ehcp');
  expect(next).toMatch(/Education, Health and Care plan/i);

  noPersonalDataIn(t.logs, 'My son is 9', 'You can ask for an assessment yourself', person.conversationId);
  transcript.write(name);
}

test(
  'web chat: a full handoff to a member of staff in Teams, relayed both ways, and back to the pathway',
  async () => {
    await fullCycle('webchat', 'web-chat-cycle');
  },
  CYCLE_MS,
);

test(
  'SMS: the same cycle, with the helpline replies sent as plain texts',
  async () => {
    await fullCycle('sms', 'sms-cycle');
  },
  CYCLE_MS,
);

test(
  'no one accepts: after the wait the person is offered a call back, and the number is never logged',
  async () => {
    const { t, transcript, person, staff } = await cast({ now: IN_HOURS, waitSeconds: 0.5 });
    await intoPathway(person);
    const { before, card } = await queueRequest(person, staff, 'Yes, but do not show it');
    expect(card.words).toMatch(/chose not to share/);
    expect(card.words).not.toMatch(/Person: talk to a person/);

    const offer = await person.waitFor(/No one from the helpline team is free right now/, before);
    expect(offer).toMatch(/call you back/);
    expect(offer).toMatch(/0306 999 0100/);
    expect(offer).toMatch(/Monday to Friday, 9am to 5pm/);
    const timedOut = await standIn.waitFor((d) => d.method === 'PUT' && d.activityId === card.id);
    expect(wordsOf(timedOut.activity)).toMatch(/No one accepted in time/);

    const ask = await person.say('1');
    expect(ask).toMatch(/What phone number should they call/);
    expect(ask).toMatch(/delete it after 14 days/);
    expect(await person.say('my number is secret')).toMatch(/does not look like a UK phone number/);
    expect(await person.say('07700 900 123')).toMatch(/When is a good time to call/);
    const atDone = standIn.deliveries.length;
    const done = await person.say('Afternoon');
    expect(done).toMatch(/will call you back on a working day/);
    expect(done).toContain(card.caseRef);
    expect(done).toMatch(/What would you like to know\?[\s\S]*Who can ask for an assessment/);

    const callback = await standIn.waitFor(
      (d) => standIn.deliveries.indexOf(d) >= atDone && d.conversationId === HELPLINE_CHANNEL && /Call back request/.test(wordsOf(d.activity)),
    );
    const words = wordsOf(callback.activity);
    expect(words).toMatch(/Phone: 07700900123/);
    expect(words).toMatch(/Best time: Afternoon/);
    expect(words).toMatch(/deleted automatically after 14 days/);

    // Accepting too late is refused politely.
    await staff.press('accept', card.id, card.caseRef);
    await staff.sees(card.id, /already accepted this chat, or it has ended/);

    noPersonalDataIn(t.logs, '07700', '900 123', '900123');
    transcript.write('timeout-callback');
  },
  CYCLE_MS,
);

test(
  'out of hours (a bank holiday): a call back is offered at once and nothing is queued',
  async () => {
    const t = await start({ now: BANK_HOLIDAY });
    const transcript = new Transcript();
    const person = new Person(t.app, standIn, transcript);
    await intoPathway(person);
    const before = standIn.deliveries.length;
    const closed = await person.say('can I speak to someone');
    expect(closed).toMatch(/The helpline is closed right now/);
    expect(closed).toMatch(/Monday to Friday, 9am to 5pm/);
    expect(closed).toMatch(/0306 999 0100/);
    expect(closed).toMatch(/Ask for a call back/);
    expect(standIn.deliveries.slice(before).filter((d) => d.conversationId === HELPLINE_CHANNEL)).toEqual([]);

    // "Never mind" at any point: back where they were.
    const back = await person.say('never mind');
    expect(back).toMatch(/back with the assistant, where you left off/);
    expect(back).toMatch(/What would you like to know\?[\s\S]*Who can ask for an assessment/);
    transcript.write('out-of-hours');
  },
  CYCLE_MS,
);

test(
  'a crisis typed during a handoff gets the crisis reply at once, and the member of staff is told',
  async () => {
    const { t, transcript, person, staff } = await cast({ now: IN_HOURS });
    await intoPathway(person);
    const { card } = await queueRequest(person, staff, '1');

    // While waiting: the crisis reply, and the message is passed on when someone accepts.
    const waiting = await person.say('I want to kill myself');
    expect(waiting).toMatch(/999/);
    await staff.press('accept', card.id, card.caseRef);
    await staff.sees(card.id, /Person: I want to kill myself/);
    await staff.sees(card.id, /Safeguarding: the last message matched the safety check/);

    // With the member of staff: the crisis reply still goes out, and they see the alert.
    const withAgent = await person.say('he has taken too many pills and will not wake up');
    expect(withAgent).toMatch(/999/);
    await staff.sees(card.id, /Person: he has taken too many pills/);
    await staff.sees(card.id, /Safeguarding: .*medical/);
    noPersonalDataIn(t.logs, 'kill myself', 'too many pills');
    transcript.write('crisis-during-handoff');
  },
  CYCLE_MS,
);

test(
  'a restart during a handoff: the chat carries on, both ways, and ends back in the pathway',
  async () => {
    const first = await cast({ now: IN_HOURS });
    const { transcript } = first;
    let { person, staff } = first;
    const step = await intoPathway(person);
    const { card } = await queueRequest(person, staff, '1');
    await staff.press('accept', card.id, card.caseRef);
    await staff.sees(card.id, /You are now talking with the person/);

    // Restart on the same data directory.
    await running.pop()!.app.close();
    transcript.add('(the assistant restarts)', '');
    const second = await start({ now: IN_HOURS, dir: first.t.dir });
    person = new Person(second.app, standIn, transcript, 'webchat', person.conversationId);
    staff = new Staff(second.app, standIn, transcript);

    const atReply = standIn.deliveries.length;
    await staff.say(card.id, 'Sorry, we were cut off. Are you still there?');
    await person.waitFor(/Are you still there/, atReply);
    expect(await person.say('yes I am here')).toBe('');
    await staff.sees(card.id, /Person: yes I am here/);
    const atEnd = standIn.deliveries.length;
    await staff.say(card.id, 'end chat');
    await person.waitFor(/back with the assistant/, atEnd);
    await person.waitFor(/Who can ask for an assessment/, atEnd);
    const stepAgain = await person.say('menu');
    expect(stepAgain).toMatch(/What would you like help with/);
    expect(step).toMatch(/assessment/i);
    transcript.write('restart-during-handoff');
  },
  CYCLE_MS,
);

test(
  "local mode: the web chat page's own Direct Line gets the helpline's replies between turns",
  async () => {
    const t = await start({ now: IN_HOURS });
    const transcript = new Transcript();
    const staff = new Staff(t.app, standIn, transcript);
    const session = (await (await fetch(`${t.app.url}/api/directline/token`, { method: 'POST' })).json()) as {
      token: string;
      conversationId: string;
      domain: string;
    };
    const auth = { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' };
    await fetch(`${session.domain}/conversations`, { method: 'POST', headers: auth });
    let watermark = '0';
    const read = async (): Promise<string> => {
      const res = (await (
        await fetch(`${session.domain}/conversations/${session.conversationId}/activities?watermark=${watermark}`, { headers: auth })
      ).json()) as {
        activities: Array<Record<string, unknown>>;
        watermark: string;
      };
      watermark = res.watermark;
      const said = res.activities
        .filter((a) => (a.from as { role?: string } | undefined)?.role === 'bot')
        .map((a) => wordsOf(a))
        .join('\n');
      transcript.add('Assistant', said);
      return said;
    };
    const say = async (text: string): Promise<string> => {
      transcript.add('Person', text);
      await fetch(`${session.domain}/conversations/${session.conversationId}/activities`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ type: 'message', text }),
      });
      return read();
    };

    expect(await say('talk to a person')).toMatch(/someone from the helpline team/);
    const before = standIn.deliveries.length;
    expect(await say('1')).toMatch(/asked the helpline team to join/);
    const card = await staff.card(before);
    expect(card.words).toMatch(/Channel: webchat/);
    await staff.press('accept', card.id, card.caseRef);
    expect(await read()).toMatch(/Sam from the helpline team has joined/);
    await staff.say(card.id, 'Hello, how can I help?');
    expect(await read()).toMatch(/Sam: Hello, how can I help\?/);
    expect(await say('never mind')).toMatch(/The chat with the helpline team has ended/);
    await staff.sees(card.id, /The person has left the chat/);
    transcript.write('local-web-chat-page');
  },
  CYCLE_MS,
);

test(
  'Teams: a family member in a personal chat is handed off and back the same way',
  async () => {
    const { transcript, person, staff } = await cast({ now: IN_HOURS }, 'msteams');
    await intoPathway(person);
    expect(await person.say('talk to a person')).toMatch(/someone from the helpline team/);
    const before = standIn.deliveries.length;
    await person.say('2');
    const card = await staff.card(before);
    expect(card.words).toMatch(/Channel: teams/);
    expect(card.words).toMatch(/chose not to share/);
    const atAccept = standIn.deliveries.length;
    await staff.press('accept', card.id, card.caseRef);
    await person.waitFor(/Sam from the helpline team has joined/, atAccept);
    expect(await person.say('Is there a form for this?')).toBe('');
    await staff.sees(card.id, /Person: Is there a form for this\?/);
    await staff.say(card.id, 'No form is needed: a letter or email is enough.');
    await person.waitFor(/Sam: No form is needed/, atAccept);
    const atEnd = standIn.deliveries.length;
    await staff.press('end', card.id, card.caseRef);
    await person.waitFor(/Who can ask for an assessment/, atEnd);
    transcript.write('teams-personal-cycle');
  },
  CYCLE_MS,
);
