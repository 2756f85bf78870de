/**
 * A flood of nonsense words through /api/messages: each gets a clear reply, and a crisis message and
 * /healthz sent while the floods are in flight are still answered promptly. Spelling correction once
 * compared every unknown word with the whole vocabulary, and 20 KB of nonsense held the event loop for
 * 23 s; the bound below is a stall guard many times what a turn costs, not a performance figure (those
 * are in `npm run bench`).
 */
import type { App } from '../../bot/app.js';
import { HttpChat, startApp, type BotActivity } from '../helpers/http.js';
import { nonsense } from '../helpers/nonsense.js';

const STALL_MS = 5000;
const textOf = (activities: BotActivity[]): string => activities.map((a) => a.text ?? '').join('\n');

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work;
  return { value, ms: performance.now() - start };
}

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app.close();
});

test('five 20 KB floods at once: each gets a clear reply, and a crisis message and /healthz sent meanwhile are answered', async () => {
  const floods = Array.from({ length: 5 }, (_, i) => new HttpChat(app).post({ type: 'message', text: nonsense(20_000, 11 + i) }));
  const crisis = timed(new HttpChat(app).post({ type: 'message', text: 'i have taken all of my tablets and i want to die' }));
  const health = timed(fetch(`${app.url}/healthz`).then((r) => r.status));

  const [crisisTurn, healthProbe, ...flooded] = await Promise.all([crisis, health, ...floods]);

  expect(crisisTurn.value.status).toBe(200);
  expect(textOf(crisisTurn.value.activities)).toMatch(/999/);
  expect(crisisTurn.ms).toBeLessThan(STALL_MS);
  expect(healthProbe.value).toBe(200);
  expect(healthProbe.ms).toBeLessThan(STALL_MS);
  for (const turn of flooded) {
    expect(turn.status).toBe(200);
    // Not a crash and not silence: the not-sure reply or the first intake question.
    expect(textOf(turn.activities)).toMatch(/do not have an answer|who is asking|what would you like/i);
  }
});

test('a goodbye buried in a 20 KB flood gets the crisis reply, and the flood alone does not', async () => {
  const goodbye = 'I have written a letter for my mum and my brother. you will not hear from me after tonight';
  const buried = await new HttpChat(app).post({ type: 'message', text: `${nonsense(10_000, 31)} ${goodbye} ${nonsense(10_000, 32)}` });
  expect(textOf(buried.activities)).toMatch(/call 999/);
  expect(textOf(buried.activities)).toMatch(/Samaritans/);
  const flood = await new HttpChat(app).post({ type: 'message', text: `${nonsense(10_000, 31)} ${nonsense(10_000, 32)}` });
  expect(textOf(flood.activities)).not.toMatch(/call 999|Samaritans/);
});

test('after a flood the same conversation carries on normally', async () => {
  const chat = new HttpChat(app);
  await chat.post({ type: 'message', text: nonsense(20_000, 3) });
  expect(await chat.say('how long do i have to appeal')).toMatch(/2 months/);
});
