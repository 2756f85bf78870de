/**
 * The built-in Direct Line keeps transcripts in memory, so it caps bytes as well as counts: 800 posts of
 * 240 KB (192 MB in all) through the real app leave at most the per-conversation and global budgets
 * stored, and every conversation still polls, its newest activities intact.
 */
import type { App } from '../../bot/app.js';
import { startApp } from '../helpers/http.js';

const PER_CONVERSATION = 1_048_576;
const TOTAL = 33_554_432;
const PAD = 'x'.repeat(240 * 1024);

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app.close();
});

async function call(method: string, path: string, token: string, body?: string) {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

test('800 posts of 240 KB stay within the byte budgets, and every conversation keeps polling', async () => {
  const directLine = app.directLine!;
  expect(directLine).toBeDefined();
  const conversations = 40;
  const postsEach = 20;
  let posted = 0;
  const sessions: Array<{ id: string; token: string; lastId?: string }> = [];

  for (let c = 0; c < conversations; c += 1) {
    const { token, conversationId } = (await (await fetch(`${app.url}/api/directline/token`, { method: 'POST' })).json()) as {
      token: string;
      conversationId: string;
    };
    expect((await call('POST', '/v3/directline/conversations', token)).status).toBe(201);
    sessions.push({ id: conversationId, token });
  }
  // Four conversations at a time, each posting in order.
  for (let start = 0; start < conversations; start += 4) {
    await Promise.all(
      sessions.slice(start, start + 4).map(async (s) => {
        for (let i = 0; i < postsEach; i += 1) {
          const body = JSON.stringify({ type: 'message', text: 'hi', channelData: { pad: PAD } });
          posted += Buffer.byteLength(body);
          const res = await call('POST', `/v3/directline/conversations/${s.id}/activities`, s.token, body);
          expect(res.status).toBe(200);
          s.lastId = res.body.id as string;
          expect(directLine.conversationBytes(s.id)).toBeLessThanOrEqual(PER_CONVERSATION);
        }
      }),
    );
    expect(directLine.storedBytes).toBeLessThanOrEqual(TOTAL);
  }

  expect(posted).toBeGreaterThan(190_000_000);
  expect(directLine.storedBytes).toBeLessThanOrEqual(TOTAL);
  expect(directLine.storedBytes).toBeGreaterThan(TOTAL / 2);

  for (const s of sessions) {
    const poll = await call('GET', `/v3/directline/conversations/${s.id}/activities?watermark=0`, s.token);
    expect(poll.status).toBe(200);
    expect(Number(poll.body.watermark)).toBeGreaterThan(postsEach);
  }
  // The most recent conversation still has its newest message and the assistant's answer to it.
  const last = sessions.at(-1)!;
  const activities = (await call('GET', `/v3/directline/conversations/${last.id}/activities?watermark=0`, last.token)).body.activities as Array<{
    id: string;
    replyToId?: string;
    from: { role: string };
  }>;
  expect(activities.some((a) => a.id === last.lastId)).toBe(true);
  expect(activities.some((a) => a.replyToId === last.lastId && a.from.role === 'bot')).toBe(true);
}, 180_000);
