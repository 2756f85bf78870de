/**
 * Conversations through the real restify endpoint and botbuilder's CloudAdapter, in local mode, with
 * replies returned in the HTTP response (deliveryMode "expectReplies").
 */
import type { App } from '../../bot/app.js';
import { HttpChat, startApp } from '../helpers/http.js';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app.close();
});

async function raw(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

describe('every pathway by typing, through /api/messages', () => {
  test('worried about my child: numbers, words and free text', async () => {
    const chat = new HttpChat(app);
    expect(await chat.say('hello')).toMatch(/who is asking/i);
    await chat.say('parent');
    await chat.say('under 5');
    expect(await chat.say("i'm worried about my little boy")).toMatch(/First steps/i);
    expect(await chat.say('1')).toMatch(/health visitor/i);
    expect(await chat.say('the check at two')).toMatch(/two/i);
  });

  test('requesting an EHC needs assessment, with dates worked out', async () => {
    const chat = new HttpChat(app);
    await chat.say('hi');
    await chat.say('1');
    await chat.say('2');
    await chat.say('ehcp');
    await chat.say('the steps and time limits');
    await chat.say('work out my dates');
    const text = await chat.say('3 March 2026');
    expect(text).toMatch(/14 April 2026/);
    expect(text).toMatch(/21 July 2026/);
  });

  test('disagreement and appeal, with the deadline as a date', async () => {
    const chat = new HttpChat(app);
    await chat.say('hi');
    await chat.say('parent');
    await chat.say('school age');
    await chat.say('appeal');
    await chat.say('my appeal deadline');
    await chat.say('work out my deadline');
    await chat.say('1/4/2026');
    const text = await chat.say('only about the school named');
    expect(text).toMatch(/1 June 2026/);
    expect(text).toMatch(/do not need a mediation certificate/i);
  });

  test('preparing for adulthood, as a young person', async () => {
    const chat = new HttpChat(app);
    await chat.say('hi');
    await chat.say('im a young person');
    await chat.say('preparing for adulthood');
    expect(await chat.say('uni')).toMatch(/Disabled Students/i);
    expect(await chat.say('plans up to 25')).toMatch(/25/);
  });

  test('restarting the server carries on the conversation', async () => {
    const dir = app.config.DATA_DIR;
    const first = await startApp({ DATA_DIR: dir, STORAGE: 'lowdb' });
    const chat = new HttpChat(first, 'restart-http');
    await chat.say('hi');
    await chat.say('1');
    await chat.say('2');
    await chat.say('3');
    await first.close();
    const second = await startApp({ DATA_DIR: dir, STORAGE: 'lowdb' });
    try {
      const again = new HttpChat(second, 'restart-http');
      expect(await again.say('mediation')).toMatch(/mediation/i);
      expect(again.buttons.join(' ')).toMatch(/certificate/i);
    } finally {
      await second.close();
    }
  });
});

describe('bad requests get a clear 4xx', () => {
  test('malformed JSON', async () => {
    const r = await raw('{"type": "message", ');
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/JSON/);
  });

  test('a body that is not an object', async () => {
    expect((await raw('[1,2,3]')).status).toBe(400);
    expect((await raw('"hello"')).status).toBe(400);
  });

  test('a body over the limit', async () => {
    const big = JSON.stringify({ type: 'message', text: 'x'.repeat(300_000), serviceUrl: 'http://127.0.0.1:9' });
    const r = await raw(big);
    expect(r.status).toBe(413);
  });

  test('an activity without a type', async () => {
    const r = await raw(JSON.stringify({ text: 'hi', serviceUrl: 'http://127.0.0.1:9' }));
    expect(r.status).toBe(400);
  });

  test('local mode refuses a serviceUrl that is not loopback', async () => {
    const chat = new HttpChat(app);
    for (const serviceUrl of ['https://example.org', 'http://10.0.0.5', 'http://169.254.169.254', 'file:///etc/passwd', 'http://127.0.0.1.example.org']) {
      const r = await chat.post({ type: 'message', text: 'hi', serviceUrl });
      expect(r.status).toBe(403);
    }
  });

  test('unknown activity types are ignored politely', async () => {
    const chat = new HttpChat(app);
    for (const type of ['typing', 'messageReaction', 'somethingNew']) {
      const r = await chat.post({ type });
      expect(r.status).toBe(200);
      expect(r.activities).toEqual([]);
    }
  });

  test('a message with no text and an attachment gets a helpful reply', async () => {
    const chat = new HttpChat(app);
    await chat.say('hi');
    const r = await chat.post({ type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'http://127.0.0.1:9/x.png' }] });
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.activities)).toMatch(/cannot open photos or files/i);
  });
});

describe('health', () => {
  test('200 when content is loaded and storage works', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
  });

  test('503 with a reason when storage fails', async () => {
    const { MemoryStorage } = await import('botbuilder');
    const broken = new MemoryStorage();
    // The check only reads: writing on every probe would cost a store write per load-balancer tick.
    broken.read = async () => {
      throw new Error('disk gone');
    };
    const { buildApp } = await import('../../bot/app.js');
    const sick = await buildApp({ env: { NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', STORAGE: 'memory' }, storage: broken });
    await sick.listen();
    try {
      const res = await fetch(`${sick.url}/healthz`);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { reason: string }).reason).toMatch(/storage/);
    } finally {
      await sick.close();
    }
  });
});
