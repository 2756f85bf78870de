/**
 * The assistant on a real redis-server, through HTTP: a frozen Redis (SIGSTOP, connections left open, as
 * in a network partition) costs each turn a prompt apology and /healthz a prompt 503, and nothing is
 * lost once it wakes; two instances on one Redis, taking messages for the same conversations at once,
 * lose no turn, apologise for none and apply no message twice.
 */
import type { App } from '../../bot/app.js';
import { conversationKeyOf } from '../../bot/activity-bot.js';
import { ConversationStore } from '../../bot/conversation.js';
import { wasSeen } from '../../bot/seen-activities.js';
import { describeNeeding } from '../helpers/external-tools.js';
import { HttpChat, startApp, type BotActivity } from '../helpers/http.js';
import { findOnPath, startRedisServer, type RunningRedis } from '../storage/redis-server.js';

const binary = findOnPath('redis-server');
const APOLOGY = /something went wrong on our side/i;
const HELP = /You can type BACK to go back a step/;

const textOf = (activities: BotActivity[]): string => activities.map((a) => a.text ?? '').join('\n');

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work;
  return { value, ms: performance.now() - started };
}

async function health(app: App): Promise<{ status: number; body: { status: string; reason?: string } }> {
  const res = await fetch(`${app.url}/healthz`);
  return { status: res.status, body: (await res.json()) as { status: string; reason?: string } };
}

describeNeeding('the assistant on a real redis-server', binary ? [] : [{ name: 'redis-server', install: 'apt-get install redis-server' }], () => {
  let redis: RunningRedis;

  beforeAll(async () => {
    redis = await startRedisServer(binary!);
  });
  afterAll(async () => {
    await redis?.stop();
  });

  describe('Redis stops answering', () => {
    let app: App;
    beforeAll(async () => {
      app = await startApp({ STORAGE: 'redis', REDIS_URL: redis.url, STORAGE_TIMEOUT_MS: '1000' });
    });
    afterAll(async () => {
      redis.resume();
      await app.close();
    });

    test('turns apologise within 3 s, /healthz says 503 with the reason, and all is well once it wakes', async () => {
      const chats = Array.from({ length: 5 }, () => new HttpChat(app));
      for (const chat of chats) expect(await chat.say('hi')).toMatch(/who is asking/i);
      expect((await health(app)).status).toBe(200);

      redis.pause();
      try {
        const turns = await Promise.all(chats.map((chat) => timed(chat.post({ type: 'message', text: 'parent' }))));
        for (const { value, ms } of turns) {
          expect(value.status).toBe(200);
          expect(textOf(value.activities)).toMatch(APOLOGY);
          expect(ms).toBeLessThan(3000);
        }
        const probe = await timed(health(app));
        expect(probe.value.status).toBe(503);
        expect(probe.value.body.reason).toMatch(/storage did not answer within 1000 ms/);
        expect(probe.ms).toBeLessThan(3000);
      } finally {
        redis.resume();
      }

      // Awake again: the place was kept (still at "who is asking"), and the same answer now moves on.
      for (const chat of chats) {
        const text = await chat.say('parent');
        expect(text).not.toMatch(APOLOGY);
        expect(text).toMatch(/how old/i);
      }
      expect((await health(app)).status).toBe(200);
    });

    test('/healthz reads and never writes', async () => {
      const before = await app.storage.read(['health/probe']);
      for (let i = 0; i < 5; i += 1) expect((await health(app)).status).toBe(200);
      expect(await app.storage.read(['health/probe'])).toEqual(before);
      expect(before).toEqual({});
    });
  });

  describe('two instances on one Redis', () => {
    let a: App;
    let b: App;
    beforeAll(async () => {
      // A generous storage limit: this is about eTag races, and a loaded test machine must not turn it into one about time.
      const env = { STORAGE: 'redis', REDIS_URL: redis.url, STORAGE_TIMEOUT_MS: '5000' };
      a = await startApp(env);
      b = await startApp(env);
    });
    afterAll(async () => {
      await a.close();
      await b.close();
    });

    const post = (app: App, conversationId: string, text: string, id: string) => new HttpChat(app, conversationId).post({ type: 'message', text, id });

    async function storedRecord(conversationId: string) {
      const key = conversationKeyOf(a.config.conversationKeySecret, 'emulator', conversationId);
      const loaded = await new ConversationStore(a.storage).load(key);
      if (loaded.status !== 'ok') throw new Error(`conversation ${conversationId} is ${loaded.status}`);
      return loaded.record;
    }

    test('the same message delivered to both at once moves the conversation once', async () => {
      const path = ['hi', '1', '2', '1', '1', '1'];
      // The same walk on one instance, one delivery each, is the reference; every step must change the state.
      const reference = 'reference-walk';
      const states: string[] = [];
      for (const [i, text] of path.entries()) {
        const { status } = await post(a, reference, text, `ref-${i}`);
        expect(status).toBe(200);
        states.push(JSON.stringify((await storedRecord(reference)).flow.snapshot));
      }
      expect(new Set(states).size).toBe(path.length);

      const conversations = Array.from({ length: 20 }, (_, i) => `twice-${i}`);
      const replies: string[] = [];
      for (const [step, text] of path.entries()) {
        const round = await Promise.all(conversations.flatMap((id) => [post(a, id, text, `${id}-${step}`), post(b, id, text, `${id}-${step}`)]));
        for (const r of round) {
          expect(r.status).toBe(200);
          replies.push(textOf(r.activities));
        }
      }
      expect(replies.filter((r) => APOLOGY.test(r))).toEqual([]);
      for (const id of conversations) expect(JSON.stringify((await storedRecord(id)).flow.snapshot)).toBe(states.at(-1));
    });

    test('different messages for one conversation in flight on both: no apology, no lost turn', async () => {
      const conversations = Array.from({ length: 25 }, (_, i) => `both-${i}`);
      await Promise.all(conversations.map((id) => post(a, id, 'hi', `${id}-start`)));
      const rounds = 8;
      const replies: string[] = [];
      const sent: Array<[string, string]> = [];
      for (let round = 0; round < rounds; round += 1) {
        const results = await Promise.all(
          conversations.flatMap((id) => {
            sent.push([id, `${id}-a${round}`], [id, `${id}-b${round}`]);
            return [post(a, id, 'help', `${id}-a${round}`), post(b, id, 'help', `${id}-b${round}`)];
          }),
        );
        for (const r of results) {
          expect(r.status).toBe(200);
          replies.push(textOf(r.activities));
        }
      }
      expect(replies).toHaveLength(conversations.length * rounds * 2);
      expect(replies.filter((r) => APOLOGY.test(r))).toEqual([]);
      expect(replies.filter((r) => !HELP.test(r))).toEqual([]);
      // Every message that was answered is recorded in the saved state: none was overwritten by the other instance.
      const now = Date.now();
      for (const [id, activityId] of sent) expect(wasSeen((await storedRecord(id)).seen, activityId, now)).toBe(true);
    });
  });
});
