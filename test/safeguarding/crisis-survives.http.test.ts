/**
 * The crisis reply goes out whatever fails after the check found a risk, on every channel, through HTTP:
 * a store that throws, a store that hangs (a partition leaves the connection open and silent), the SMS
 * renderer's own store writes, and the Twilio web hook's ledger. Each reply must carry 999 and the
 * crisis lines. A crisis inside a question gets the crisis reply first and the answer after it, and
 * still the crisis reply, with no apology, when answering fails.
 */
import { request } from 'node:http';
import { jest } from '@jest/globals';
import { MemoryStorage, type Storage } from 'botbuilder';
import twilio from 'twilio';
import { buildApp, type App } from '../../bot/app.js';
import { Composer } from '../../bot/compose.js';
import { HttpChat } from '../helpers/http.js';
import { seenAll } from '../bench/understanding-seen.js';

const TOKEN = 'test-twilio-token';
const PUBLIC_URL = 'https://assistant.example.org/';
const CRISIS = 'cant do this anymore, i have the pills lined up and i am going to take them all tonight';
const GROOMING = 'a man from a game keeps telling my 12 year old to meet him tonight and not to tell me';

type Failure = 'read-throws' | 'write-throws' | 'hangs';
/** A crisis told inside a practical question, which the content answers. */
const BURIED = 'he keeps saying he wants to hang himself. can he get free school transport?';
const ALSO_ASKED = /You also asked a question/;
const APOLOGY = /Sorry, something went wrong/;

function failingStorage(failure: Failure | 'none'): Storage {
  const store = new MemoryStorage();
  const never = () => new Promise<never>(() => undefined);
  if (failure === 'read-throws') store.read = async () => Promise.reject(new Error('store down'));
  if (failure === 'write-throws') store.write = async () => Promise.reject(new Error('store down'));
  if (failure === 'hangs') {
    store.read = never;
    store.write = never;
  }
  return store;
}

async function appWith(failure: Failure | 'none'): Promise<App> {
  const app = await buildApp({
    env: { NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', STORAGE: 'memory', TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_URL },
    storage: failingStorage(failure),
  });
  await app.listen();
  return app;
}

/** Posts a signed text to the Twilio web hook and returns the texts it answers with. */
async function textTwilio(app: App, text: string, from = '+447700900123'): Promise<string[]> {
  const sid = `SM${String(Math.floor(Math.random() * 1e9)).padStart(32, '0')}`;
  const form = { To: '+447700900999', From: from, Body: text, MessageSid: sid, SmsSid: sid, NumMedia: '0' };
  const signature = twilio.getExpectedTwilioSignature(TOKEN, `${PUBLIC_URL}api/sms`, form);
  const body = new URLSearchParams(form).toString();
  const url = new URL(`${app.url}/api/sms`);
  const xml = await new Promise<string>((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'x-twilio-signature': signature },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve(text));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  return [...xml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((m) => m[1] ?? '');
}

function expectCrisisLines(text: string): void {
  expect(text).toMatch(/call 999/i);
  expect(text).toMatch(/Samaritans/);
  expect(text).toMatch(/116 123/);
  expect(text.indexOf('999')).toBeLessThan(text.indexOf('116 123'));
}

/**
 * The crisis reply in the first messages, whole (on SMS it can take more than one text), and the answer
 * only in a later message, after its introduction.
 */
function expectCrisisFirst(messages: string[]): void {
  const at = messages.findIndex((m) => ALSO_ASKED.test(m));
  expect(at).toBeGreaterThan(0);
  expect(messages[0]).toMatch(/^If anyone is in danger now, call 999/);
  expectCrisisLines(messages.slice(0, at).join('\n'));
  expect(messages.slice(0, at).join('\n')).not.toMatch(/free school transport|Distance does not matter/i);
}

const FAILURES: Failure[] = ['read-throws', 'write-throws', 'hangs'];
const CHANNELS = [
  ['web chat', 'webchat'],
  ['Teams', 'msteams'],
  ['SMS through /api/messages', 'sms'],
] as const;

describe.each(FAILURES)('when the store %s', (failure) => {
  let app: App;
  beforeAll(async () => {
    app = await appWith(failure);
  });
  afterAll(async () => {
    await app.close();
  });

  test.each(CHANNELS)('%s still gets the crisis reply', async (_name, channelId) => {
    const chat = new HttpChat(app, `crisis-${failure}-${channelId}`, channelId);
    const said = await chat.say(CRISIS);
    expectCrisisLines(said);
    expect(said).not.toMatch(/Sorry, something went wrong/);
  });

  test('a crisis the rules do not know gets the reply for its category, with the services it needs', async () => {
    const said = await new HttpChat(app, `grooming-${failure}`, 'webchat').say(GROOMING);
    expect(said).toMatch(/999/);
    expect(said).toMatch(/police/i);
    expect(said).toMatch(/Childline/);
    expect(said).toMatch(/Report Remove/);
  });

  test('the Twilio web hook still texts the crisis lines', async () => {
    const texts = await textTwilio(app, CRISIS);
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(459);
    expectCrisisLines(texts.join('\n'));
  });
});

describe('a crisis inside a question', () => {
  let app: App;
  beforeAll(async () => {
    app = await appWith('none');
  });
  afterAll(async () => {
    await app.close();
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  const failAnswers = () =>
    jest.spyOn(Composer.prototype, 'answerReply').mockImplementation(() => {
      throw new Error('answer failed');
    });

  test.each(CHANNELS)('%s: the crisis reply first, then the answer', async (_name, channelId) => {
    const chat = new HttpChat(app, `buried-${channelId}`, channelId);
    const { status, activities } = await chat.post({ type: 'message', text: BURIED });
    expect(status).toBe(200);
    expectCrisisFirst(activities.map((a) => seenAll([a])));
    if (channelId !== 'sms') expect(seenAll(activities)).toMatch(/Distance does not matter/);
  });

  test.each(CHANNELS)('%s: when answering fails, the crisis reply still goes out, with no apology', async (_name, channelId) => {
    failAnswers();
    const said = await new HttpChat(app, `buried-fails-${channelId}`, channelId).say(BURIED);
    expectCrisisLines(said);
    expect(said).not.toMatch(ALSO_ASKED);
    expect(said).not.toMatch(APOLOGY);
  });

  test('the Twilio web hook: the crisis text first and alone, the answer in a later text', async () => {
    const texts = await textTwilio(app, BURIED, '+447700900124');
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(459);
    expectCrisisFirst(texts);
  });

  test('the Twilio web hook: when answering fails, the crisis lines still go out, with no apology', async () => {
    failAnswers();
    const texts = await textTwilio(app, BURIED, '+447700900125');
    expectCrisisLines(texts.join('\n'));
    expect(texts.join('\n')).not.toMatch(ALSO_ASKED);
    expect(texts.join('\n')).not.toMatch(APOLOGY);
  });
});
