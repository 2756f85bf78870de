import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorage, LowdbStorage } from '../../adapters/storage/index.js';

describe('createStorage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loa-create-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('lowdb keeps files in the given dir', async () => {
    const storage = createStorage({ kind: 'lowdb', dir: join(dir, 'conversations'), ttlMs: 1000 });
    expect(storage).toBeInstanceOf(LowdbStorage);
    expect(storage.kind).toBe('lowdb');
    await storage.write({ 'k/1': { v: 1 } });
    expect(readdirSync(join(dir, 'conversations'))).toHaveLength(1);
    expect((await storage.sweepExpired()).done).toBe(true);
    await storage.close();
  });

  test('memory works and sweeps nothing', async () => {
    const storage = createStorage({ kind: 'memory', ttlMs: 1000 });
    expect(storage.kind).toBe('memory');
    await storage.write({ 'k/1': { v: 1 } });
    expect((await storage.read(['k/1']))['k/1'].v).toBe(1);
    expect(await storage.sweepExpired()).toEqual({ scanned: 0, removed: 0, done: true });
    await storage.close();
  });

  test('a missing dir or URL is a clear error', () => {
    expect(() => createStorage({ kind: 'lowdb', ttlMs: 1000 })).toThrow(/lowdb storage needs a dir/);
    expect(() => createStorage({ kind: 'redis', ttlMs: 1000 })).toThrow(/REDIS_URL/);
    expect(() => createStorage({ kind: 'sqlite' as never, ttlMs: 1000 })).toThrow(/unknown storage kind/);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});
