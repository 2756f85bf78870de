import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbStorage } from '../../adapters/storage/lowdb.storage.js';
import { hashKey } from '../../adapters/storage/storage-common.js';
import { describeStorageContract, type OpenOptions } from './storage.contract.js';

const DAY = 86_400_000;
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'loa-lowdb-'));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function itemPath(dir: string, key: string): string {
  const hash = hashKey(key);
  return join(dir, hash.slice(0, 2), `${hash}.json`);
}

function asideFiles(dir: string, key: string): string[] {
  const hash = hashKey(key);
  const shard = join(dir, hash.slice(0, 2));
  return existsSync(shard) ? readdirSync(shard).filter((name) => name.startsWith(hash) && name.endsWith('.corrupt')) : [];
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describeStorageContract({
  name: 'LowdbStorage',
  clock: 'injected',
  survivesRestart: true,
  movesCorruptAside: true,
  open: async (options: OpenOptions = {}) => {
    const dir = tempDir();
    return {
      storage: new LowdbStorage({ dir, ...options }),
      reopen: async () => new LowdbStorage({ dir, ...options }),
      damage: async (key: string) => writeFileSync(itemPath(dir, key), '{"v":1,"eTag":"x","expiresAt":'),
      asideCount: async (key: string) => asideFiles(dir, key).length,
    };
  },
});

describe('LowdbStorage on disk', () => {
  test('one small file per key, named by the sha256 of the key, in a folder named by its first two hex characters', async () => {
    const dir = tempDir();
    const storage = new LowdbStorage({ dir, now: () => 1_000, ttlMs: DAY });
    const key = 'sms/conversations/+440000000000';
    await storage.write({ [key]: { record: { step: 'start' } } });
    const hash = createHash('sha256').update(key).digest('hex');
    const files = allFiles(dir);
    expect(files).toEqual([join(dir, hash.slice(0, 2), `${hash}.json`)]);
    const stored = JSON.parse(readFileSync(files[0]!, 'utf8')) as Record<string, unknown>;
    expect(stored).toEqual({ v: 1, eTag: expect.any(String), expiresAt: 1_000 + DAY, item: { record: { step: 'start' } } });
    // Neither the path nor the content gives the raw key away.
    expect(files[0]).not.toContain('440000000000');
    expect(readFileSync(files[0]!, 'utf8')).not.toContain('440000000000');
  });

  test('writes leave no temporary files behind, even when many land on one key at once', async () => {
    const dir = tempDir();
    const storage = new LowdbStorage({ dir });
    await Promise.all(Array.from({ length: 30 }, (_, i) => storage.write({ 'k/burst': { i, eTag: '*' } })));
    expect(allFiles(dir)).toEqual([itemPath(dir, 'k/burst')]);
  });

  test('readers never see a half-written file (steno writes a temp file and renames it)', async () => {
    const dir = tempDir();
    const problems: string[] = [];
    const storage = new LowdbStorage({ dir, onProblem: (kind) => problems.push(kind) });
    const big = (n: number) => ({ n, pad: String(n % 10).repeat(300_000) });
    await storage.write({ 'k/big': big(0) });
    const writes = Array.from({ length: 20 }, (_, i) => storage.write({ 'k/big': { ...big(i + 1), eTag: '*' } }));
    const reads = Array.from({ length: 60 }, () => storage.read(['k/big']));
    await Promise.all(writes);
    for (const items of await Promise.all(reads)) {
      const item = items['k/big'] as { n: number; pad: string };
      expect(item.pad).toBe(String(item.n % 10).repeat(300_000));
    }
    expect(problems).toEqual([]);
  });

  test.each([
    ['an empty file', ''],
    ['a truncated file', '{"v":1,"eTag":"abc","expires'],
    ['JSON of the wrong shape', '{"v":1,"eTag":"abc","expiresAt":"soon","item":{}}'],
    ['an unknown format version', '{"v":2,"eTag":"abc","expiresAt":99999999999999,"item":{}}'],
    ['a JSON array', '[1,2,3]'],
  ])('%s reads as absent and is renamed *.corrupt, not deleted', async (_label, content) => {
    const dir = tempDir();
    const reports: Array<[string, string]> = [];
    const storage = new LowdbStorage({ dir, onProblem: (kind, keyHash) => reports.push([kind, keyHash]) });
    await storage.write({ 'k/bad': { v: 1 } });
    writeFileSync(itemPath(dir, 'k/bad'), content);
    expect(await storage.read(['k/bad'])).toEqual({});
    const aside = asideFiles(dir, 'k/bad');
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatch(/^[0-9a-f]{64}\.json\.\d+\.corrupt$/);
    expect(readFileSync(join(dir, hashKey('k/bad').slice(0, 2), aside[0]!), 'utf8')).toBe(content);
    expect(existsSync(itemPath(dir, 'k/bad'))).toBe(false);
    expect(reports).toEqual([['corrupt', hashKey('k/bad')]]);
  });

  test('a file that cannot be read at all is an error, not a silent fresh start', async () => {
    const dir = tempDir();
    const storage = new LowdbStorage({ dir });
    // A folder where the item file should be: reading it fails with EISDIR.
    mkdirSync(itemPath(dir, 'k/odd'), { recursive: true });
    await expect(storage.read(['k/odd'])).rejects.toThrow(/EISDIR/);
  });

  test('reading an expired item removes its file', async () => {
    const dir = tempDir();
    let clock = 0;
    const storage = new LowdbStorage({ dir, now: () => clock, ttlMs: DAY });
    await storage.write({ 'k/old': { v: 1 } });
    clock = DAY;
    expect(await storage.read(['k/old'])).toEqual({});
    expect(existsSync(itemPath(dir, 'k/old'))).toBe(false);
  });

  test('close waits for writes in flight', async () => {
    const dir = tempDir();
    const storage = new LowdbStorage({ dir });
    const writing = storage.write({ 'k/closing': { v: 1 } });
    await storage.close();
    expect(existsSync(itemPath(dir, 'k/closing'))).toBe(true);
    await writing;
  });

  test('rejects a missing dir or a TTL that is not positive', () => {
    expect(() => new LowdbStorage({ dir: '' })).toThrow(/dir/);
    expect(() => new LowdbStorage({ dir: tempDir(), ttlMs: 0 })).toThrow(/ttlMs/);
  });
});

describe('LowdbStorage.sweepExpired', () => {
  test('removes expired items in bounded batches, resuming where it stopped, and keeps live ones', async () => {
    const dir = tempDir();
    let clock = 0;
    const storage = new LowdbStorage({ dir, now: () => clock, ttlMs: 10 * DAY });
    for (let i = 0; i < 40; i += 1) {
      clock = i % 2 === 0 ? 0 : 5 * DAY;
      await storage.write({ [`k/${i}`]: { i } });
    }
    clock = 12 * DAY; // items written at day 0 have expired; those written at day 5 have not
    const batches = [];
    for (;;) {
      const batch = await storage.sweepExpired({ maxFiles: 7 });
      expect(batch.scanned).toBeLessThanOrEqual(7);
      batches.push(batch);
      if (batch.done) break;
      expect(batches.length).toBeLessThan(20);
    }
    expect(batches.reduce((sum, b) => sum + b.scanned, 0)).toBe(40);
    expect(batches.reduce((sum, b) => sum + b.removed, 0)).toBe(20);
    expect(allFiles(dir)).toHaveLength(20);
    const items = await storage.read(Array.from({ length: 40 }, (_, i) => `k/${i}`));
    expect(
      Object.keys(items)
        .map((key) => Number(key.slice(2)))
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 20 }, (_, i) => i * 2 + 1));
  });

  test('a new pass starts after a finished one', async () => {
    const dir = tempDir();
    let clock = 0;
    const storage = new LowdbStorage({ dir, now: () => clock, ttlMs: DAY });
    await storage.write({ 'k/a': { v: 1 } });
    expect(await storage.sweepExpired()).toEqual({ scanned: 1, removed: 0, done: true });
    clock = 2 * DAY;
    expect(await storage.sweepExpired()).toEqual({ scanned: 1, removed: 1, done: true });
    expect(allFiles(dir)).toEqual([]);
  });

  test('removes corrupt copies once they are older than the TTL, and stale temp files', async () => {
    const dir = tempDir();
    let clock = 1_000;
    const storage = new LowdbStorage({ dir, now: () => clock, ttlMs: DAY });
    await storage.write({ 'k/bad': { v: 1 }, 'k/temp': { v: 1 } });
    writeFileSync(itemPath(dir, 'k/bad'), 'not json');
    await storage.read(['k/bad']);
    expect(asideFiles(dir, 'k/bad')).toHaveLength(1);

    const tempHash = hashKey('k/temp');
    const staleTemp = join(dir, tempHash.slice(0, 2), `.${tempHash}.json.tmp`);
    writeFileSync(staleTemp, '{"half');
    const twoHoursAgo = (Date.now() - 2 * 3_600_000) / 1000;
    utimesSync(staleTemp, twoHoursAgo, twoHoursAgo);
    const freshTempHash = hashKey('k/fresh-temp');
    mkdirSync(join(dir, freshTempHash.slice(0, 2)), { recursive: true });
    const freshTemp = join(dir, freshTempHash.slice(0, 2), `.${freshTempHash}.json.tmp`);
    writeFileSync(freshTemp, '{"half');

    clock += DAY / 2;
    await storage.sweepExpired();
    expect(asideFiles(dir, 'k/bad')).toHaveLength(1);
    expect(existsSync(staleTemp)).toBe(false);
    expect(existsSync(freshTemp)).toBe(true);

    clock += DAY;
    const result = await storage.sweepExpired();
    expect(asideFiles(dir, 'k/bad')).toHaveLength(0);
    expect(result.removed).toBe(2); // the corrupt copy and the now-expired k/temp
    expect(existsSync(freshTemp)).toBe(true);
  });

  test('a file it cannot handle is reported by hash and the sweep carries on', async () => {
    const dir = tempDir();
    let clock = 0;
    const reports: Array<[string, string]> = [];
    const storage = new LowdbStorage({ dir, now: () => clock, ttlMs: DAY, onProblem: (kind, hash) => reports.push([kind, hash]) });
    await storage.write({ 'k/a': { v: 1 }, 'k/b': { v: 1 } });
    rmSync(itemPath(dir, 'k/a'));
    mkdirSync(itemPath(dir, 'k/a'));
    clock = 2 * DAY;
    const result = await storage.sweepExpired();
    expect(result).toEqual({ scanned: 2, removed: 1, done: true });
    expect(reports).toEqual([['sweep-error', hashKey('k/a')]]);
  });

  test('an empty or missing directory sweeps cleanly', async () => {
    const storage = new LowdbStorage({ dir: join(tempDir(), 'not-made-yet') });
    expect(await storage.sweepExpired({ maxFiles: 5 })).toEqual({ scanned: 0, removed: 0, done: true });
  });
});
