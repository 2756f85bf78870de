/**
 * Staff mode through the real HTTP endpoint with Teams-shaped activities: a member of the helpline team
 * (recognised by Entra ID object id) walks a caller through a pathway, changes an earlier answer, keeps
 * notes, sees the call record and sends a summary through GOV.UK Notify to a local stand-in. Anyone else
 * in Teams gets the family-facing assistant.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { buildApp, type App } from '../../bot/app.js';
import { gsm7Parts, isGsm7 } from '../../content/gsm7.js';
import { HttpChat, type BotActivity } from '../helpers/http.js';
import { NotifyStandIn } from '../helpers/notify-standin.js';

const TENANT = '72f988bf-0000-4000-8000-000000000001';
const STAFF_ID = '6b1d2c3e-4f50-4a61-8b72-93a4b5c6d7e8';
const FAMILY_ID = '0f0e0d0c-0b0a-4909-8807-060504030201';
const SMS_TEMPLATE = '2d4f3a1b-1111-4222-8333-944455566677';
const EMAIL_TEMPLATE = '3e5a4b2c-2222-4333-8444-a55566677788';

interface CardAction {
  title: string;
  data: { value: string; msteams: { text: string } };
}
type Card = { body: Array<Record<string, unknown>> };

const cards = (activities: BotActivity[]): Card[] =>
  activities
    .flatMap((a) => a.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content as Card);

const buttons = (activities: BotActivity[]): CardAction[] =>
  cards(activities).flatMap((c) => c.body.filter((e) => e.type === 'ActionSet').flatMap((e) => e.actions as CardAction[]));

const textOf = (activities: BotActivity[]): string =>
  [
    ...activities.map((a) => a.text ?? ''),
    ...cards(activities).flatMap((c) =>
      c.body.map((e) =>
        e.type === 'TextBlock'
          ? String(e.text)
          : e.type === 'FactSet'
            ? (e.facts as { title: string; value: string }[]).map((f) => `${f.title}: ${f.value}`).join('\n')
            : '',
      ),
    ),
  ].join('\n');

class TeamsUser {
  private readonly chat: HttpChat;
  last: BotActivity[] = [];
  constructor(
    app: App,
    private readonly aadObjectId: string,
  ) {
    this.chat = new HttpChat(app, `a:staff-${Math.random().toString(36).slice(2)}`, 'msteams');
  }
  async post(activity: Record<string, unknown>): Promise<string> {
    const res = await this.chat.post({
      conversation: { id: this.chat.conversationId, tenantId: TENANT, conversationType: 'personal' },
      channelData: { tenant: { id: TENANT } },
      from: { id: '29:user', aadObjectId: this.aadObjectId },
      recipient: { id: '28:bot', name: 'Local Offer assistant' },
      ...activity,
    });
    expect(res.status).toBe(200);
    this.last = res.activities;
    return textOf(res.activities);
  }
  say(text: string) {
    return this.post({ type: 'message', text });
  }
  get labels(): string[] {
    return buttons(this.last).map((b) => b.title);
  }
  press(label: string | RegExp) {
    const action = buttons(this.last).find((b) => (typeof label === 'string' ? b.title === label : label.test(b.title)));
    if (!action) throw new Error(`No button ${String(label)} in: ${this.labels.join(' | ')}`);
    return this.post({ type: 'message', text: action.data.msteams.text, value: { value: action.data.value } });
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('staff mode in Teams', () => {
  let app: App;
  let dataDir: string;
  const logLines: string[] = [];
  const notify = new NotifyStandIn();

  beforeAll(async () => {
    await notify.start();
    dataDir = mkdtempSync(join(tmpdir(), 'loa-staff-'));
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    app = await buildApp({
      env: {
        NODE_ENV: 'test',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        TEAMS_ALLOWED_TENANTS: TENANT,
        STAFF_AAD_OBJECT_IDS: `${STAFF_ID}, 11111111-2222-4333-8444-555555555555`,
        NOTIFY_API_KEY: notify.apiKey,
        NOTIFY_BASE_URL: notify.url,
        NOTIFY_SMS_TEMPLATE_ID: SMS_TEMPLATE,
        NOTIFY_EMAIL_TEMPLATE_ID: EMAIL_TEMPLATE,
      },
      logger: pino({ level: 'debug' }, sink),
    });
    await app.listen();
  });
  afterAll(async () => {
    await app.close();
    await notify.stop();
  });

  it('gives someone not on the staff list the family-facing assistant', async () => {
    const family = new TeamsUser(app, FAMILY_ID);
    const said = await family.say('hello');
    expect(said).toContain('Please do not type names, addresses or other personal details here');
    expect(said).not.toContain('Read aloud:');
    expect(said).not.toMatch(/LO-[A-Z0-9]{3}-[A-Z0-9]{3}/);
    expect(family.labels).toContain('I am a parent or carer');
  });

  it('walks staff through a pathway with a script, why we ask, not sure, and a changed earlier answer', async () => {
    const staff = new TeamsUser(app, STAFF_ID);
    let said = await staff.say('hi');
    expect(said).toMatch(/The case reference is LO-[A-Z0-9]{3}-[A-Z0-9]{3}/);
    expect(said).toContain('Read aloud: Can I ask who I am speaking to?');
    expect(said).toContain('Why we ask: The rights and the wording differ.');
    expect(staff.labels).toEqual(expect.arrayContaining(['I am a parent or carer', 'Not sure', 'Show the call record']));

    said = await staff.press('I am a parent or carer');
    expect(said).toContain('Read aloud: How old is the child or young person, roughly?');
    expect(said).toContain('Safeguarding: If the child is not in any school or nursery, ask why.');
    expect(said).toContain('1. First, who is asking?: I am a parent or carer');

    said = await staff.press('Not sure');
    expect(said).toContain('Noted as not sure');
    expect(said).toMatch(/2\. .*: Not sure/);

    await staff.press('School age (5 to 16)');
    said = await staff.press('Asking for an EHC needs assessment');
    expect(said).toContain('Read aloud: Let us look at EHC needs assessments and plans.');
    said = await staff.press('The steps and time limits');
    expect(said).toContain('The council must decide whether to assess within 6 weeks');
    said = await staff.press('Work out my dates');
    expect(said).toContain('What date did the council get the request?');
    said = await staff.say('2 March 2026');
    // 6 weeks from Monday 2 March 2026 is Monday 13 April 2026; 20 weeks is Monday 20 July 2026.
    expect(said).toContain('Decision on whether to assess (6 weeks): Monday 13 April 2026');
    expect(said).toContain('20 July 2026');
    expect(said).toMatch(/3\. How old is the child or young person\?: School age \(5 to 16\)/);
    expect(said).toMatch(/7\. What date did the council get your request\?: 2 March 2026/);

    // The caller meant her younger child: change the age group, without starting again.
    said = await staff.press('Change step 3: School age (5 to 16)');
    expect(said).toContain('Going back to step 3');
    expect(said).toContain('Read aloud: How old is the child or young person, roughly?');
    expect(said).toMatch(/1\. .*: I am a parent or carer/);
    expect(said).toMatch(/2\. .*: Not sure/);
    expect(said).not.toContain('School age (5 to 16)\n');
    expect(said).not.toMatch(/- 3\. /);
    expect(said).toContain(' · Opening questions');
    said = await staff.press('Under 5 (early years)');
    expect(said).toMatch(/3\. .*: Under 5 \(early years\)/);
    expect(staff.labels).toContain('Asking for an EHC needs assessment');
  });

  it('keeps a call record with deadlines, next steps, services and notes, and sends a summary through Notify', async () => {
    const staff = new TeamsUser(app, STAFF_ID);
    await staff.say('hello');
    await staff.press('I am a parent or carer');
    await staff.press('School age (5 to 16)');
    await staff.press('Asking for an EHC needs assessment');
    await staff.press('The steps and time limits');
    await staff.press('Work out my dates');
    await staff.say('2 March 2026');

    const note = 'Caller Priya will chase the school on Friday';
    expect(await staff.say(`NOTE ${note}`)).toContain('Note added to the call record');

    let said = await staff.say('RECORD');
    const caseRef = /Case reference: (LO-[A-Z0-9]{3}-[A-Z0-9]{3})/.exec(said)?.[1];
    expect(caseRef).toBeDefined();
    expect(said).toContain('Pathway: Asking for an EHC needs assessment');
    expect(said).toContain('Decision on whether to assess (6 weeks): Monday 13 April 2026');
    expect(said).toContain('Services that may help:');
    expect(said).toContain('Sample Borough SENDIASS');
    expect(said).toContain(note);
    expect(said).toContain('Consent to a summary: Not yet');

    expect(await staff.say('SEND 07700 900123')).toContain('Ask the caller first');
    expect(notify.requests).toHaveLength(0);

    said = await staff.press('Caller agrees to a text');
    expect(said).toContain('Consent recorded');
    said = await staff.say('SEND 07700 900123');
    expect(said).toContain('Summary sent by text to mobile ending 123');

    expect(notify.refused).toEqual([]);
    expect(notify.requests).toHaveLength(1);
    const sent = notify.requests[0]!;
    expect(sent.path).toBe('/v2/notifications/sms');
    expect(sent.jwt.claims.iss).toBe(notify.serviceId);
    expect(sent.body).toMatchObject({ template_id: SMS_TEMPLATE, phone_number: '07700900123', reference: caseRef });
    const summary = (sent.body.personalisation as { summary: string }).summary;
    expect(summary).toContain(`Case ${caseRef}`);
    expect(summary).toContain('13 April 2026');
    expect(summary).toContain('0306 999 0100');
    expect(summary).toMatch(/Next step: \S/);
    expect(isGsm7(summary)).toBe(true);
    expect(gsm7Parts(summary)).toBeLessThanOrEqual(3);

    said = await staff.say('RECORD');
    expect(said).toContain('Consent to a summary: text');
    expect(said).toContain('Summary sent: text, mobile ending 123');

    // The number is used to send and not kept; notes never reach the logs.
    const stored = filesUnder(dataDir)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    expect(stored).toContain(note);
    expect(stored).not.toContain('900123');
    const logs = logLines.join('');
    expect(logs).toContain('staff-summary-sent');
    expect(logs).not.toContain('Priya');
    expect(logs).not.toContain('900123');
  });

  it('starts a new call with a new case reference, and the old notes go with the old record', async () => {
    const staff = new TeamsUser(app, STAFF_ID);
    const first = /LO-[A-Z0-9]{3}-[A-Z0-9]{3}/.exec(await staff.say('hello'))?.[0];
    await staff.say('NOTE wants a call back');
    await staff.say('record');
    const said = await staff.press('Start a new call');
    const second = /The case reference is (LO-[A-Z0-9]{3}-[A-Z0-9]{3})/.exec(said)?.[1];
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(await staff.say('RECORD')).toContain('No notes yet.');
  });

  it('puts the crisis numbers first when staff type what a caller at risk says', async () => {
    const staff = new TeamsUser(app, STAFF_ID);
    await staff.say('hello');
    const said = await staff.say('NOTE caller says she wants to kill herself tonight');
    expect(staff.last[0]?.text ?? '').toMatch(/999|116 123|Samaritans/);
    expect(said).toContain('Note added to the call record');
  });
});
