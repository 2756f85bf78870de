/**
 * The behaviour every conversation store must share, taken from botbuilder's MemoryStorage: run by
 * memory.storage.test.ts, lowdb.storage.test.ts and redis.storage.test.ts. Optional sections (expiry,
 * restart, corrupt items) run only for stores that claim them.
 */
import type { Storage, StoreItems } from 'botbuilder';
import type { OnStorageProblem } from '../../adapters/storage/storage-common.js';
import { CREATE_ONLY_ETAG, hashKey } from '../../adapters/storage/storage-common.js';

/**
 * A store that cannot do something (a memory store does not survive a restart) has no test for it,
 * rather than a skipped one: a skip in the CI output should always mean something is missing.
 */
const onlyIf = (supported: boolean): typeof test => (supported ? test : ((() => undefined) as unknown as typeof test));

export interface OpenOptions {
  now?: () => number;
  ttlMs?: number;
  onProblem?: OnStorageProblem;
}

export interface OpenedStore {
  storage: Storage;
  /** A new instance over the same data, as after a process restart. */
  reopen?: () => Promise<Storage>;
  /** Overwrites what is stored for key with something unreadable. */
  damage?: (key: string) => Promise<void>;
  /** How many moved-aside copies exist for key. */
  asideCount?: (key: string) => Promise<number>;
}

export interface ContractHarness {
  name: string;
  /** Each call gives an isolated, empty store. */
  open(options?: OpenOptions): Promise<OpenedStore>;
  /** 'injected': expiry follows options.now; 'real': only real time expires items; 'none': nothing expires. */
  clock: 'injected' | 'real' | 'none';
  /** Data outlives the instance (open() must then give reopen). */
  survivesRestart: boolean;
  /** Unreadable items can be planted and are moved aside (open() must then give damage and asideCount). */
  movesCorruptAside: boolean;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the harness claims a feature but open() gave no ${what}`);
  return value;
}

const DAY = 86_400_000;

async function readOne(storage: Storage, key: string): Promise<Record<string, unknown> | undefined> {
  const items: StoreItems = await storage.read([key]);
  return items[key] as Record<string, unknown> | undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function describeStorageContract(harness: ContractHarness): void {
  describe(`${harness.name}: Storage contract`, () => {
    let storage: Storage;
    let opened: OpenedStore;

    beforeEach(async () => {
      opened = await harness.open();
      storage = opened.storage;
    });

    describe('read, write and delete', () => {
      test('reading keys that were never written gives no entries', async () => {
        const items = await storage.read(['conversation/none', 'conversation/other']);
        expect(Object.keys(items)).toEqual([]);
      });

      test('a written item reads back with a string eTag, and the caller object is left alone', async () => {
        const item = { record: { step: 'ask-age', answers: [1, 2] } };
        await storage.write({ 'conversation/a': item });
        expect(item).toEqual({ record: { step: 'ask-age', answers: [1, 2] } });
        const read = await readOne(storage, 'conversation/a');
        expect(read).toEqual({ record: { step: 'ask-age', answers: [1, 2] }, eTag: expect.any(String) });
        expect((read!.eTag as string).length).toBeGreaterThan(0);
      });

      test('reads and writes several keys at once', async () => {
        await storage.write({ 'k/1': { n: 1 }, 'k/2': { n: 2 }, 'k/3': { n: 3 } });
        const items = await storage.read(['k/1', 'k/3', 'k/missing']);
        expect(Object.keys(items).sort()).toEqual(['k/1', 'k/3']);
        expect(items['k/1'].n).toBe(1);
        expect(items['k/3'].n).toBe(3);
      });

      test('what is read is a copy: changing it does not change the store', async () => {
        await storage.write({ 'k/copy': { list: ['a'] } });
        const first = await readOne(storage, 'k/copy');
        (first!.list as string[]).push('b');
        expect((await readOne(storage, 'k/copy'))!.list).toEqual(['a']);
      });

      test('items go through JSON, as they would over a network', async () => {
        await storage.write({ 'k/json': { at: new Date('2026-11-22T10:00:00.000Z'), gone: undefined, nested: { deep: [null, true, 1.5, 'x'] } } });
        const read = await readOne(storage, 'k/json');
        expect(read!.at).toBe('2026-11-22T10:00:00.000Z');
        expect('gone' in read!).toBe(false);
        expect(read!.nested).toEqual({ deep: [null, true, 1.5, 'x'] });
      });

      test('keys with slashes, spaces, non-Latin text and great length stay distinct', async () => {
        const keys = ['msteams/conversations/a:b|c', 'sms/conversations/+440000000000', 'webchat/ünïcødé ✓', 'x'.repeat(2000), 'X'.repeat(2000)];
        await storage.write(Object.fromEntries(keys.map((key, i) => [key, { i }])));
        const items = await storage.read(keys);
        keys.forEach((key, i) => expect(items[key].i).toBe(i));
      });

      test('delete removes items, ignores missing keys, and leaves others', async () => {
        await storage.write({ 'k/del': { v: 1 }, 'k/keep': { v: 2 } });
        await storage.delete(['k/del', 'k/never-written']);
        const items = await storage.read(['k/del', 'k/keep']);
        expect(Object.keys(items)).toEqual(['k/keep']);
      });

      test('reading without keys or writing without changes is refused', async () => {
        await expect(storage.read(undefined as unknown as string[])).rejects.toThrow(ReferenceError);
        await expect(storage.write(undefined as unknown as StoreItems)).rejects.toThrow(ReferenceError);
      });

      test('an empty read or write does nothing', async () => {
        await storage.write({});
        expect(await storage.read([])).toEqual({});
      });
    });

    describe('eTags', () => {
      test('every write gives the item a fresh eTag', async () => {
        await storage.write({ 'k/e': { v: 1 } });
        const first = (await readOne(storage, 'k/e'))!.eTag;
        await storage.write({ 'k/e': { v: 2, eTag: first } });
        const second = (await readOne(storage, 'k/e'))!.eTag;
        await storage.write({ 'k/e': { v: 3, eTag: '*' } });
        const third = (await readOne(storage, 'k/e'))!.eTag;
        expect(new Set([first, second, third]).size).toBe(3);
      });

      test('writing with the current eTag succeeds', async () => {
        await storage.write({ 'k/e': { v: 1 } });
        const current = (await readOne(storage, 'k/e'))!;
        await storage.write({ 'k/e': { ...current, v: 2 } });
        expect((await readOne(storage, 'k/e'))!.v).toBe(2);
      });

      test('writing with an old eTag throws and keeps the stored item', async () => {
        await storage.write({ 'k/e': { v: 1 } });
        const stale = (await readOne(storage, 'k/e'))!;
        await storage.write({ 'k/e': { ...stale, v: 2 } });
        await expect(storage.write({ 'k/e': { ...stale, v: 3 } })).rejects.toThrow(/eTag conflict/);
        expect((await readOne(storage, 'k/e'))!.v).toBe(2);
      });

      test('a made-up eTag conflicts with a stored item', async () => {
        await storage.write({ 'k/e': { v: 1 } });
        await expect(storage.write({ 'k/e': { v: 2, eTag: 'not-the-stored-one' } })).rejects.toThrow(/eTag conflict/);
      });

      test('"*", an empty eTag or no eTag overwrite whatever is stored', async () => {
        await storage.write({ 'k/e': { v: 1 } });
        await storage.write({ 'k/e': { v: 2, eTag: '*' } });
        expect((await readOne(storage, 'k/e'))!.v).toBe(2);
        await storage.write({ 'k/e': { v: 3, eTag: '' } });
        expect((await readOne(storage, 'k/e'))!.v).toBe(3);
        await storage.write({ 'k/e': { v: 4 } });
        expect((await readOne(storage, 'k/e'))!.v).toBe(4);
      });

      test('any eTag may create an item that does not exist yet', async () => {
        await storage.write({ 'k/new': { v: 1, eTag: 'from-somewhere-else' } });
        expect((await readOne(storage, 'k/new'))!.v).toBe(1);
      });

      test('after a delete, the old eTag writes a new item', async () => {
        await storage.write({ 'k/e': { v: 1 } });
        const old = (await readOne(storage, 'k/e'))!;
        await storage.delete(['k/e']);
        await storage.write({ 'k/e': { ...old, v: 2 } });
        expect((await readOne(storage, 'k/e'))!.v).toBe(2);
      });

      test('one conflict in a batch rejects the batch but the other keys are written', async () => {
        await storage.write({ 'k/a': { v: 1 }, 'k/b': { v: 1 } });
        await expect(storage.write({ 'k/a': { v: 2, eTag: 'stale' }, 'k/b': { v: 2, eTag: '*' } })).rejects.toThrow(/eTag conflict/);
        const items = await storage.read(['k/a', 'k/b']);
        expect(items['k/a'].v).toBe(1);
        expect(items['k/b'].v).toBe(2);
      });
    });

    describe('create-only writes (a new conversation)', () => {
      test('the create-only eTag creates an absent item, then conflicts and keeps what is stored', async () => {
        await storage.write({ 'k/new': { v: 1, eTag: CREATE_ONLY_ETAG } });
        expect((await readOne(storage, 'k/new'))!.v).toBe(1);
        await expect(storage.write({ 'k/new': { v: 2, eTag: CREATE_ONLY_ETAG } })).rejects.toThrow(/eTag conflict/);
        expect((await readOne(storage, 'k/new'))!.v).toBe(1);
      });

      test('of many writers creating one item at once, exactly one wins', async () => {
        const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => storage.write({ 'k/born': { v: i, eTag: CREATE_ONLY_ETAG } })));
        const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
        expect(winners).toHaveLength(1);
        results.filter((r) => r.status === 'rejected').forEach((r) => expect(String(r.reason)).toMatch(/eTag conflict/));
        expect((await readOne(storage, 'k/born'))!.v).toBe(winners[0]);
      });
    });

    describe('concurrent writes to one key', () => {
      test('of many writers holding the same eTag, exactly one wins', async () => {
        await storage.write({ 'k/race': { v: 0 } });
        const seen = (await readOne(storage, 'k/race'))!;
        const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => storage.write({ 'k/race': { ...seen, v: i + 1 } })));
        const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i + 1] : []));
        expect(winners).toHaveLength(1);
        results.filter((r) => r.status === 'rejected').forEach((r) => expect(String(r.reason)).toMatch(/eTag conflict/));
        expect((await readOne(storage, 'k/race'))!.v).toBe(winners[0]);
      });

      test('many "*" writes at once all succeed and leave one whole item', async () => {
        const results = await Promise.allSettled(Array.from({ length: 25 }, (_, i) => storage.write({ 'k/star': { v: i, pad: 'x'.repeat(5000), eTag: '*' } })));
        expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
        const read = (await readOne(storage, 'k/star'))!;
        expect(read.v).toEqual(expect.any(Number));
        expect(read.pad).toHaveLength(5000);
      });

      test('read-modify-write with retry on conflict loses no update', async () => {
        await storage.write({ 'k/count': { n: 0 } });
        const increment = async (): Promise<void> => {
          for (;;) {
            const current = (await readOne(storage, 'k/count'))!;
            try {
              await storage.write({ 'k/count': { ...current, n: (current.n as number) + 1 } });
              return;
            } catch (err) {
              if (!/eTag conflict/.test(String(err))) throw err;
            }
          }
        };
        await Promise.all(Array.from({ length: 15 }, increment));
        expect((await readOne(storage, 'k/count'))!.n).toBe(15);
      });
    });

    if (harness.clock === 'injected') {
      describe('expiry', () => {
        let clock: number;
        let expiring: Storage;
        beforeEach(async () => {
          clock = Date.UTC(2026, 10, 22);
          expiring = (await harness.open({ now: () => clock, ttlMs: 30 * DAY })).storage;
        });

        test('an item lives for the TTL after its last write, then reads as absent', async () => {
          await expiring.write({ 'k/ttl': { v: 1 } });
          clock += 30 * DAY - 1;
          expect(await readOne(expiring, 'k/ttl')).toBeDefined();
          clock += 1;
          expect(await readOne(expiring, 'k/ttl')).toBeUndefined();
        });

        test('each write starts the TTL again', async () => {
          await expiring.write({ 'k/ttl': { v: 1 } });
          clock += 20 * DAY;
          await expiring.write({ 'k/ttl': { v: 2, eTag: '*' } });
          clock += 20 * DAY;
          expect((await readOne(expiring, 'k/ttl'))!.v).toBe(2);
        });

        test('an expired item is gone for writes too: its old eTag does not conflict', async () => {
          await expiring.write({ 'k/ttl': { v: 1 } });
          clock += 31 * DAY;
          await expiring.write({ 'k/ttl': { v: 2, eTag: 'stale' } });
          expect((await readOne(expiring, 'k/ttl'))!.v).toBe(2);
        });
      });
    }

    if (harness.clock === 'real') {
      test('expiry: an item reads as absent once its TTL has passed', async () => {
        const short = (await harness.open({ ttlMs: 150 })).storage;
        await short.write({ 'k/ttl': { v: 1 } });
        expect(await readOne(short, 'k/ttl')).toBeDefined();
        await sleep(400);
        expect(await readOne(short, 'k/ttl')).toBeUndefined();
      });
    }

    onlyIf(harness.survivesRestart)('restart: a new instance over the same data sees what was written, eTags included', async () => {
      await storage.write({ 'k/persist': { v: 1 } });
      const before = (await readOne(storage, 'k/persist'))!;
      const after = await required(opened.reopen, 'reopen')();
      expect(await readOne(after, 'k/persist')).toEqual(before);
      await after.write({ 'k/persist': { ...before, v: 2 } });
      await expect(after.write({ 'k/persist': { ...before, v: 3 } })).rejects.toThrow(/eTag conflict/);
    });

    onlyIf(harness.movesCorruptAside)('corrupt item: reads as absent, is moved aside rather than deleted, and is reported by hash only', async () => {
      const problems: Array<[string, string]> = [];
      const withReports = await harness.open({ onProblem: (kind, keyHash) => problems.push([kind, keyHash]) });
      const damage = required(withReports.damage, 'damage');
      const asideCount = required(withReports.asideCount, 'asideCount');
      const key = 'sms/conversations/+440000000000';
      await withReports.storage.write({ [key]: { v: 1 } });
      await damage(key);
      expect(await readOne(withReports.storage, key)).toBeUndefined();
      expect(problems).toEqual([['corrupt', hashKey(key)]]);
      expect(problems.flat().join(' ')).not.toContain('+440000000000');
      expect(await asideCount(key)).toBe(1);
      // The conversation can carry on: a fresh write works and the copy stays put.
      await withReports.storage.write({ [key]: { v: 2, eTag: 'stale-from-the-bad-item' } });
      expect((await readOne(withReports.storage, key))!.v).toBe(2);
      expect(await asideCount(key)).toBe(1);
    });

    onlyIf(harness.movesCorruptAside)('a corrupt item found by a write is moved aside and the write goes ahead', async () => {
      const problems: string[] = [];
      const withReports = await harness.open({ onProblem: (kind) => problems.push(kind) });
      await withReports.storage.write({ 'k/bad': { v: 1 } });
      await required(withReports.damage, 'damage')('k/bad');
      await withReports.storage.write({ 'k/bad': { v: 2, eTag: 'anything' } });
      expect((await readOne(withReports.storage, 'k/bad'))!.v).toBe(2);
      expect(problems).toEqual(['corrupt']);
      expect(await required(withReports.asideCount, 'asideCount')('k/bad')).toBe(1);
    });
  });
}
