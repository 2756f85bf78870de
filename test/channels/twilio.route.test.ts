/**
 * The Twilio web hook through the whole app: signed form posts in, TwiML out. Requests are signed with
 * the twilio package's own helper, as Twilio signs them, against PUBLIC_URL + /api/sms.
 */
import { request } from 'node:http';
import { MemoryStorage } from 'botbuilder';
import twilio from 'twilio';
import type { App } from '../../bot/app.js';
import { buildApp } from '../../bot/app.js';
import { gsm7Length, gsm7Parts, isGsm7 } from '../../content/gsm7.js';
import { startApp } from '../helpers/http.js';

const TOKEN = 'test-auth-token-0123456789abcdef';
const PUBLIC_URL = 'https://assistant.example.org/';
const SIGNED_URL = 'https://assistant.example.org/api/sms';

let app: App;
beforeAll(async () => {
  app = await startApp({ TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_URL });
});
afterAll(async () => {
  await app.close();
});

let sidCounter = 0;
const newSid = () => `SM${String(++sidCounter).padStart(32, '0')}`;

interface Posted {
  status: number;
  body: string;
  texts: string[];
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Posts a form with node:http, so the Host header can be set as a proxy would pass it. */
function post(target: App, form: Record<string, string>, headers: Record<string, string>): Promise<Posted> {
  const body = new URLSearchParams(form).toString();
  const url = new URL(`${target.url}/api/sms`);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          const texts = [...text.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((m) => unescapeXml(m[1]!));
          resolve({ status: res.statusCode ?? 0, body: text, texts });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Every text we send must be GSM-7 and at most three segments. */
function checkTexts(texts: string[]): void {
  for (const t of texts) {
    expect(isGsm7(t)).toBe(true);
    expect(gsm7Length(t)).toBeLessThanOrEqual(459);
    expect(gsm7Parts(t)).toBeLessThanOrEqual(3);
  }
}

class Phone {
  constructor(
    readonly number = `+4477009${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`,
    private readonly target: () => App = () => app,
  ) {}

  async send(text: string, extra: Record<string, string> = {}, sid = newSid()): Promise<Posted> {
    const form = {
      ToCountry: 'GB',
      To: '+447700900999',
      From: this.number,
      Body: text,
      MessageSid: sid,
      SmsSid: sid,
      AccountSid: 'AC00000000000000000000000000000000',
      NumMedia: '0',
      ...extra,
    };
    const signature = twilio.getExpectedTwilioSignature(TOKEN, SIGNED_URL, form);
    const posted = await post(this.target(), form, { 'x-twilio-signature': signature });
    expect(posted.status).toBe(200);
    expect(posted.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response/);
    checkTexts(posted.texts);
    return posted;
  }

  /** Everything the assistant sent back, as one string. */
  async say(text: string): Promise<string> {
    return (await this.send(text)).texts.join('\n');
  }
}

describe('signatures', () => {
  const form = { From: '+447700900001', Body: 'hi', MessageSid: 'SM-signature-test', NumMedia: '0' };

  test('a missing or wrong signature gets 403, and nothing is answered', async () => {
    expect((await post(app, form, {})).status).toBe(403);
    expect((await post(app, form, { 'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJl' })).status).toBe(403);
    const otherToken = twilio.getExpectedTwilioSignature('another-token', SIGNED_URL, form);
    const refused = await post(app, form, { 'x-twilio-signature': otherToken });
    expect(refused.status).toBe(403);
    expect(refused.body).not.toMatch(/<Message>/);
  });

  test('a signature for changed parameters gets 403', async () => {
    const signature = twilio.getExpectedTwilioSignature(TOKEN, SIGNED_URL, form);
    expect((await post(app, { ...form, Body: 'something else' }, { 'x-twilio-signature': signature })).status).toBe(403);
  });

  test('behind a proxy: checked against PUBLIC_URL, whatever the Host header says', async () => {
    const signature = twilio.getExpectedTwilioSignature(TOKEN, SIGNED_URL, form);
    const proxied = await post(app, form, { 'x-twilio-signature': signature, host: 'internal-lb.local:8080', 'x-forwarded-host': 'evil.example' });
    expect(proxied.status).toBe(200);
    // Signed for the address the request really reached: not what Twilio would sign, so refused.
    const local = new URL(`${app.url}/api/sms`).href;
    const hostSigned = twilio.getExpectedTwilioSignature(TOKEN, local, form);
    expect((await post(app, { ...form, MessageSid: 'SM-host-signed' }, { 'x-twilio-signature': hostSigned })).status).toBe(403);
  });

  test('anything but a form post is refused', async () => {
    const res = await fetch(`${app.url}/api/sms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(form) });
    expect(res.status).toBe(415);
  });
});

describe('a whole pathway by text', () => {
  test('disagreement, replying with numbers: the appeal deadline worked out as a date', async () => {
    const phone = new Phone();
    expect(await phone.say('hi')).toMatch(/who is asking\?\n1 I am a parent or carer\n2 .*\n3 .*\nReply 1, 2 or 3/);
    expect(await phone.say('1')).toMatch(/How old/);
    expect(await phone.say('2')).toMatch(/What would you like help with/);
    expect(await phone.say('3')).toMatch(/5 My appeal deadline/);
    expect(await phone.say('5')).toMatch(/1 Work out my deadline/);
    expect(await phone.say('1')).toMatch(/What date is on the council's decision letter/);
    expect(await phone.say('1/4/2026')).toMatch(/3 My appeal is only about the school named/);
    const deadline = await phone.say('3');
    expect(deadline).toMatch(/1 June 2026/);
  });

  test('preparing for adulthood as a young person, replying with words', async () => {
    const phone = new Phone();
    await phone.say('hello');
    expect(await phone.say('young person')).toMatch(/Reply/);
    await phone.say('preparing for adulthood');
    expect(await phone.say('uni')).toMatch(/Disabled Students/);
    expect(await phone.say('plans up to 25')).toMatch(/up to 25/);
  });

  test('asking for an EHC needs assessment, dates worked out', async () => {
    const phone = new Phone();
    await phone.say('hi');
    await phone.say('parent');
    await phone.say('school age');
    await phone.say('ehcp');
    await phone.say('the steps and time limits');
    await phone.say('work out my dates');
    const dates = await phone.say('3 March 2026');
    expect(dates).toMatch(/14 April 2026/);
  });

  test('worried about a young child, numbers then words', async () => {
    const phone = new Phone();
    await phone.say('hi');
    await phone.say('1');
    await phone.say('under 5');
    expect(await phone.say("i'm worried about my little boy")).toMatch(/First steps/i);
    expect(await phone.say('1')).toMatch(/health visitor/i);
  });

  test('a long answer pages with MORE, and the choices are on the first text', async () => {
    const phone = new Phone();
    for (const t of ['hi', '1', '2', '3']) await phone.say(t);
    const first = await phone.send('4');
    expect(first.texts).toHaveLength(1);
    expect(first.texts[0]).toMatch(/\n1 My appeal deadline\n[\s\S]*Reply 1, 2, 3 or 4\nReply MORE for the rest$/);
    const pages: string[] = [];
    for (let i = 0; i < 10; i++) {
      const page = await phone.say(i % 2 ? 'more' : ' MORE ');
      pages.push(page);
      if (!page.endsWith('Reply MORE for the rest')) break;
    }
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.join('\n')).toMatch(/complaint/);
    expect(await phone.say('MORE')).toMatch(/That is everything/);
    // MORE did not reach the pathway: the numbers still mean the choices shown with the answer.
    expect(await phone.say('1')).toMatch(/deadline/i);
  });

  test('a photo with no words gets a helpful reply', async () => {
    const phone = new Phone();
    await phone.say('hi');
    const reply = await phone.send('', { NumMedia: '1', MediaContentType0: 'image/jpeg', MediaUrl0: 'https://api.twilio.com/x.jpg' });
    expect(reply.texts.join('\n')).toMatch(/cannot open photos or files/i);
  });

  test('crisis words get the crisis numbers first and in full', async () => {
    const phone = new Phone();
    await phone.say('hi');
    const reply = await phone.send('i want to kill myself');
    expect(reply.texts[0]).toMatch(/^If anyone is in danger now, call 999/);
    const all = reply.texts.join('\n');
    expect(all).toMatch(/116 123/);
    expect(all).toMatch(/85258/);
    expect(all).not.toMatch(/Reply MORE/);
  });
});

describe('idempotency: one MessageSid is one message', () => {
  test('a retry gets the identical reply, and the conversation moves on once', async () => {
    const phone = new Phone();
    const control = new Phone();
    for (const p of [phone, control]) {
      await p.say('hi');
      await p.say('1');
    }
    const sid = newSid();
    const first = await phone.send('2', {}, sid);
    const retry = await phone.send('2', {}, sid);
    expect(retry.body).toBe(first.body);
    expect(first.texts.join('\n')).toMatch(/What would you like help with/);
    await control.say('2');
    // Had the retry been a second "2", this would be the disagreement step's second choice, not the menu's.
    expect(await phone.say('2')).toBe(await control.say('2'));
  });

  test('two identical deliveries at once are answered once', async () => {
    const phone = new Phone();
    const control = new Phone();
    for (const p of [phone, control]) await p.say('hi');
    const sid = newSid();
    const [a, b] = await Promise.all([phone.send('1', {}, sid), phone.send('1', {}, sid)]);
    expect(a.body).toBe(b.body);
    expect(a.texts.join('\n')).toMatch(/How old/);
    await control.say('1');
    expect(await phone.say('2')).toBe(await control.say('2'));
  });
});

describe('keywords', () => {
  test('STOP opts out with an empty reply, START opts back in', async () => {
    const phone = new Phone();
    await phone.say('hi');
    for (const stop of ['STOP', 'stop', 'Unsubscribe', 'cancel', 'END', 'quit', 'stopall']) {
      const r = await phone.send(stop);
      expect(r.texts).toEqual([]);
      expect(r.body).toMatch(/<Response\/>$/);
    }
    expect((await phone.send('hello again')).texts).toEqual([]);
    expect((await phone.send('HELP')).texts).toEqual([]);
    const back = await phone.say('START');
    expect(back).toMatch(/again/);
    expect(await phone.say('1')).toMatch(/How old/);
  });

  test('UNSTOP also opts back in', async () => {
    const phone = new Phone();
    await phone.send('STOP');
    expect(await phone.say('unstop')).toMatch(/again/);
  });

  test('HELP and INFO give the helpline and crisis numbers', async () => {
    const phone = new Phone();
    for (const word of ['HELP', 'info']) {
      const help = await phone.say(word);
      expect(help).toMatch(/0306 999 0100/);
      expect(help).toMatch(/999/);
      expect(help).toMatch(/116 123/);
      expect(help).toMatch(/85258/);
    }
  });

  test("Twilio's own OptOutType is honoured", async () => {
    const phone = new Phone();
    expect((await phone.send('arret', { OptOutType: 'STOP' })).texts).toEqual([]);
    expect((await phone.send('hi')).texts).toEqual([]);
  });

  test('stop inside a sentence is not a keyword', async () => {
    const phone = new Phone();
    await phone.say('hi');
    expect(await phone.say('how do i stop the school excluding him')).toMatch(/[a-z]{3}/i);
  });
});

describe('failures', () => {
  test('a broken store gets a short apology in TwiML, not a crash', async () => {
    const broken = new MemoryStorage();
    broken.read = async () => {
      throw new Error('store down');
    };
    const sick = await buildApp({
      env: { NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', STORAGE: 'memory', TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_URL },
      storage: broken,
    });
    await sick.listen();
    try {
      const phone = new Phone(undefined, () => sick);
      const reply = await phone.send('hi');
      expect(reply.texts).toHaveLength(1);
      expect(reply.texts[0]).toMatch(/^Sorry, something went wrong/);
    } finally {
      await sick.close();
    }
  });

  test('a failing turn keeps the stored conversation', async () => {
    const storage = new MemoryStorage();
    const flaky = await buildApp({
      env: { NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', STORAGE: 'memory', TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_URL },
      storage,
    });
    await flaky.listen();
    try {
      const phone = new Phone(undefined, () => flaky);
      await phone.say('hi');
      const turn = flaky.assistant.turn.bind(flaky.assistant);
      flaky.assistant.turn = async () => {
        throw new Error('boom');
      };
      expect(await phone.say('1')).toMatch(/^Sorry, something went wrong/);
      flaky.assistant.turn = turn;
      expect(await phone.say('1')).toMatch(/How old/);
    } finally {
      await flaky.close();
    }
  });
});
