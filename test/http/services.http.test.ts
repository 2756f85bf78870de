/**
 * Finding a service by asking, through /api/messages on web chat, Teams and SMS: the reply names the
 * matching services with what they offer, cost and contact, and never pads with ones that do not fit.
 */
import type { App } from '../../bot/app.js';
import { gsm7Length, isGsm7 } from '../../content/gsm7.js';
import { HttpChat, startApp, type BotActivity } from '../helpers/http.js';

const TENANT = '72f988bf-0000-4000-8000-000000000001';
let app: App;
beforeAll(async () => {
  app = await startApp({ TEAMS_ALLOWED_TENANTS: TENANT });
});
afterAll(async () => {
  await app.close();
});

/** Everything an activity shows: its text and, for Teams, the card's text blocks and fact sets. */
function shown(activities: BotActivity[]): string {
  const walk = (el: unknown): string[] => {
    if (!el || typeof el !== 'object') return [];
    const e = el as Record<string, unknown>;
    const own =
      e.type === 'TextBlock'
        ? [String(e.text)]
        : e.type === 'FactSet'
          ? (e.facts as Array<{ title: string; value: string }>).map((f) => `${f.title}: ${f.value}`)
          : [];
    return [...own, ...((e.items ?? e.body ?? []) as unknown[]).flatMap(walk)];
  };
  return activities.map((a) => [a.text ?? '', ...(a.attachments ?? []).flatMap((x) => walk(x.content))].join('\n')).join('\n');
}

async function webchat(...texts: string[]): Promise<string> {
  const chat = new HttpChat(app, `wc-${Math.random().toString(36).slice(2)}`, 'webchat');
  let last = '';
  for (const t of texts) last = await chat.say(t);
  return last;
}

async function teams(...texts: string[]): Promise<{ text: string; activities: BotActivity[] }> {
  const chat = new HttpChat(app, `a:teams-${Math.random().toString(36).slice(2)}`, 'msteams');
  let activities: BotActivity[] = [];
  for (const text of texts) {
    const res = await chat.post({
      type: 'message',
      text,
      conversation: { id: chat.conversationId, tenantId: TENANT, conversationType: 'personal' },
      channelData: { tenant: { id: TENANT } },
      from: { id: '29:user', aadObjectId: '00000000-0000-4000-8000-00000000000a' },
      recipient: { id: '28:bot', name: 'Local Offer assistant' },
    });
    expect(res.status).toBe(200);
    activities = res.activities;
  }
  return { text: shown(activities), activities };
}

async function sms(...texts: string[]): Promise<string[]> {
  const chat = new HttpChat(app, `+4477009${Math.floor(10000 + Math.random() * 89999)}`, 'sms');
  let out: string[] = [];
  for (const t of texts) {
    const { status, activities } = await chat.post({ type: 'message', text: t });
    expect(status).toBe(200);
    out = activities.map((a) => a.text ?? '');
  }
  return out;
}

describe('web chat', () => {
  test('holiday clubs for autistic children: the holiday scheme with what it offers, cost and contact', async () => {
    const text = await webchat('hi', 'parent', 'school age', 'are there any holiday clubs for autistic children');
    expect(text).toMatch(/Holiday Play Scheme/);
    expect(text).toMatch(/£15 per day/);
    expect(text).toMatch(/Contact: 01632 \d{6}/);
    expect(text).toMatch(/For: Ages 5 to 17/);
    // A Saturday club is not a holiday club.
    expect(text).not.toMatch(/Saturday Fun Club/);
  });

  test('speech therapy near a place the directory does not list: the borough-wide therapy service', async () => {
    const text = await webchat('speech therapy near Fernvale');
    expect(text).toMatch(/Children's Speech and Language Therapy/);
    expect(text).toMatch(/whole area/);
    expect(text).toMatch(/01632 960201/);
  });

  test('dyslexia support for a 14 year old: learning services for that age only', async () => {
    const text = await webchat('dyslexia support for a 14 year old');
    expect(text).toMatch(/Specialist Teaching Service \(learning\)/);
    // The paired reading scheme is for ages 6 to 12.
    expect(text).not.toMatch(/Read Together/);
  });

  test('no match: says so and gives the Local Offer site and the helpline, with no services listed', async () => {
    const text = await webchat('hi', 'parent', 'under 5', 'internships for autistic children');
    expect(text).toMatch(/could not find a service/);
    expect(text).toMatch(/localoffer\.example\.org/);
    expect(text).toMatch(/helpline/i);
    expect(text).not.toMatch(/Supported Internships/);
  });

  test('"find a service" on the menu asks what kind, then finds it', async () => {
    const chat = new HttpChat(app, `wc-${Math.random().toString(36).slice(2)}`, 'webchat');
    await chat.say('hi');
    await chat.say('parent');
    const menu = await chat.say('school age');
    expect(menu).toMatch(/\[Find a local service\]/);
    expect(await chat.say('find a service')).toMatch(/What kind of service are you looking for/);
    const text = await chat.say('swimming');
    expect(text).toMatch(/Inclusive Swimming Sessions/);
    expect(text).toMatch(/£2\.50 per swim/);
  });
});

describe('Teams', () => {
  test('a card with each service: name, what it offers, who it is for, cost and contact', async () => {
    const { text, activities } = await teams('hi', 'parent', 'school age', 'holiday clubs for autistic children');
    expect(activities.some((a) => (a.attachments ?? []).some((x) => x.contentType === 'application/vnd.microsoft.card.adaptive'))).toBe(true);
    expect(text).toMatch(/Holiday Play Scheme/);
    expect(text).toMatch(/Cost: £15 per day/);
    expect(text).toMatch(/For: Ages 5 to 17/);
    expect(text).toMatch(/Contact: 01632/);
  });
});

describe('SMS', () => {
  test('short numbered entries in plain GSM-7 within 3 texts', async () => {
    const texts = await sms('hi', '1', '2', 'speech therapy near Fernvale');
    // The services come in the first text, before the step's choices.
    expect(texts[0]).toMatch(/1\) Children's Speech and Language Therapy\. Free\. 01632 960201\./);
    for (const t of texts) {
      expect(isGsm7(t)).toBe(true);
      expect(gsm7Length(t)).toBeLessThanOrEqual(459);
    }
  });

  test('youth club for a deaf teenager', async () => {
    const all = (await sms('hi', '1', '2', 'is there a youth club for deaf teenagers')).join('\n');
    expect(all).toMatch(/1\) Teen Zone Inclusive Youth Club\. £2 per session\./);
  });
});
