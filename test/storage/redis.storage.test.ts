import { Redis } from 'ioredis';
import { createStorage } from '../../adapters/storage/index.js';
import { RedisStorage } from '../../adapters/storage/redis.storage.js';
import { hashKey } from '../../adapters/storage/storage-common.js';
import { describeNeeding, missingToolDecision } from '../helpers/external-tools.js';
import { findOnPath, startRedisServer, type RunningRedis } from './redis-server.js';
import { describeStorageContract, type OpenOptions } from './storage.contract.js';

const DAY = 86_400_000;
const binary = findOnPath('redis-server');

describe('finding redis-server', () => {
  test('a missing tool is skipped loudly, or fails the run when REQUIRE_EXTERNAL_TOOLS=1', () => {
    expect(missingToolDecision('redis-server', {}).action).toBe('skip');
    expect(missingToolDecision('redis-server', {}).message).toMatch(/SKIPPING.*redis-server/);
    expect(missingToolDecision('redis-server', { REQUIRE_EXTERNAL_TOOLS: '0' }).action).toBe('skip');
    expect(missingToolDecision('redis-server', { REQUIRE_EXTERNAL_TOOLS: '1' }).action).toBe('fail');
  });

  test('findOnPath looks only in the PATH it is given', () => {
    expect(findOnPath('node', '/nowhere-at-all')).toBeUndefined();
    expect(findOnPath('node')).toBeDefined();
  });
});

describeNeeding('RedisStorage against a real redis-server', binary ? [] : [{ name: 'redis-server', install: 'apt-get install redis-server' }], () => {
  let server: RunningRedis;
  let admin: Redis;
  const opened: RedisStorage[] = [];
  let prefixes = 0;

  beforeAll(async () => {
    server = await startRedisServer(binary!);
    admin = new Redis(server.url);
  });

  afterAll(async () => {
    await Promise.all(opened.map((storage) => storage.close()));
    await admin?.quit();
    await server?.stop();
  });

  function open(options: OpenOptions & { keyPrefix?: string } = {}): { storage: RedisStorage; prefix: string; make: () => RedisStorage } {
    const prefix = options.keyPrefix ?? `test${(prefixes += 1)}:`;
    const make = (): RedisStorage => {
      const storage = new RedisStorage({ url: server.url, keyPrefix: prefix, ttlMs: options.ttlMs ?? DAY, onProblem: options.onProblem });
      opened.push(storage);
      return storage;
    };
    return { storage: make(), prefix, make };
  }

  const redisKey = (prefix: string, key: string): string => `${prefix}{${hashKey(key)}}`;

  describeStorageContract({
    name: 'RedisStorage',
    clock: 'real',
    survivesRestart: true,
    movesCorruptAside: true,
    open: async (options: OpenOptions = {}) => {
      const { storage, prefix, make } = open(options);
      return {
        storage,
        reopen: async () => make(),
        damage: async (key: string) => {
          await admin.del(redisKey(prefix, key));
          await admin.set(redisKey(prefix, key), 'not a hash');
        },
        asideCount: async (key: string) => (await admin.keys(`${redisKey(prefix, key)}:corrupt:*`)).length,
      };
    },
  });

  describe('RedisStorage in Redis', () => {
    test('items are hashes under prefix + {sha256}, with a TTL, and the raw key never shows', async () => {
      const { storage, prefix } = open({ ttlMs: 10 * DAY });
      const key = 'sms/conversations/+440000000000';
      await storage.write({ [key]: { step: 'start' } });
      const keys = await admin.keys(`${prefix}*`);
      expect(keys).toEqual([`${prefix}{${hashKey(key)}}`]);
      expect(keys.join(' ')).not.toContain('440000000000');
      const stored = await admin.hgetall(keys[0]!);
      expect(Object.keys(stored).sort()).toEqual(['d', 'e']);
      expect(JSON.parse(stored.d!)).toEqual({ step: 'start' });
      const ttl = await admin.pttl(keys[0]!);
      expect(ttl).toBeGreaterThan(10 * DAY - 60_000);
      expect(ttl).toBeLessThanOrEqual(10 * DAY);
    });

    test.each([
      ['a hash whose body is not JSON', async (k: string) => void (await admin.hset(k, 'e', 'abc', 'd', '{"trunc'))],
      ['a hash with no eTag', async (k: string) => void (await admin.hset(k, 'd', '{}'))],
      ['a list', async (k: string) => void (await admin.rpush(k, 'x'))],
    ])('%s reads as absent, is moved aside with a TTL, and is reported', async (_label, plant) => {
      const reports: string[] = [];
      const { storage, prefix } = open({ onProblem: (kind, hash) => reports.push(`${kind}:${hash}`) });
      const key = redisKey(prefix, 'k/bad');
      await plant(key);
      expect(await storage.read(['k/bad'])).toEqual({});
      const aside = await admin.keys(`${key}:corrupt:*`);
      expect(aside).toHaveLength(1);
      expect(await admin.pttl(aside[0]!)).toBeGreaterThan(0);
      expect(await admin.exists(key)).toBe(0);
      expect(reports).toEqual([`corrupt:${hashKey('k/bad')}`]);
    });

    test('two instances on separate connections racing with one eTag: exactly one wins', async () => {
      const { storage: first, make } = open();
      const second = make();
      await first.write({ 'k/race': { v: 0 } });
      const seen = (await first.read(['k/race']))['k/race'];
      const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? first : second).write({ 'k/race': { ...seen, v: i } })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });

    test('key prefixes keep stores apart', async () => {
      const a = open({ keyPrefix: 'bot-a:' }).storage;
      const b = open({ keyPrefix: 'bot-b:' }).storage;
      await a.write({ 'k/shared-name': { owner: 'a' } });
      expect(await b.read(['k/shared-name'])).toEqual({});
      await b.write({ 'k/shared-name': { owner: 'b' } });
      expect((await a.read(['k/shared-name']))['k/shared-name'].owner).toBe('a');
    });

    test('a client passed in is left open on close; one it made is closed', async () => {
      const client = new Redis(server.url);
      const borrowed = new RedisStorage({ client, ttlMs: DAY, keyPrefix: 'borrowed:' });
      await borrowed.write({ k: { v: 1 } });
      await borrowed.close();
      expect(await client.ping()).toBe('PONG');
      await client.quit();

      const owned = new RedisStorage({ url: server.url, ttlMs: DAY, keyPrefix: 'owned:' });
      await owned.write({ k: { v: 1 } });
      await owned.close();
      await expect(owned.read(['k'])).rejects.toThrow();
    });

    test('createStorage builds a working Redis store from a URL', async () => {
      const storage = createStorage({ kind: 'redis', redisUrl: server.url, ttlMs: DAY, keyPrefix: 'created:' });
      expect(storage.kind).toBe('redis');
      await storage.write({ k: { v: 1 } });
      expect((await storage.read(['k'])).k.v).toBe(1);
      expect(await storage.sweepExpired()).toEqual({ scanned: 0, removed: 0, done: true });
      await storage.close();
    });
  });
});
