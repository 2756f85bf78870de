/**
 * The embedded conversation store: one small JSON file per key on local disk, through lowdb.
 *
 * One file per key keeps a turn's cost flat however many conversations are stored (a single lowdb
 * file would be parsed and rewritten whole on every turn). Files are named by the key's sha256 and
 * sharded by its first two hex characters, so no folder grows huge and no raw key reaches the disk.
 *
 * Writes go through lowdb's DataFile, which hands them to steno: steno writes a temporary file beside
 * the target (".<name>.tmp") and renames it over the target, so a reader sees the old file or the new
 * one, never half of one. steno does not fsync; a file torn by power loss reads as corrupt and is moved
 * aside. One process owns a directory: locks are in-process.
 */
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { DataFile } from 'lowdb/node';
import { KeyedLock } from './keyed-lock.js';
import {
  ETagConflictError,
  hashKey,
  isConflict,
  isPlainObject,
  newETag,
  readByHash,
  settleInKeyOrder,
  toStoredBody,
  type OnStorageProblem,
  type SweepResult,
} from './storage-common.js';

export interface LowdbStorageOptions {
  dir: string;
  /** How long an item lives after its last write. */
  ttlMs?: number;
  /** The clock, in epoch milliseconds; tests move it forward to expire items. */
  now?: () => number;
  onProblem?: OnStorageProblem;
}

export const DEFAULT_TTL_MS = 30 * 86_400_000;
/** A crash between steno's write and rename leaves a temp file; older than this, nothing is writing it. */
const STALE_TEMP_MS = 60 * 60_000;
const SHARDS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const ITEM_FILE = /^([0-9a-f]{64})\.json$/;
const CORRUPT_FILE = /^([0-9a-f]{64})\.json\.(\d+)\.corrupt$/;
const TEMP_FILE = /^\.([0-9a-f]{64})\.json\.tmp$/;

interface StoredRecord {
  v: 1;
  eTag: string;
  expiresAt: number;
  item: Record<string, unknown>;
}

const UNPARSABLE = Symbol('unparsable');

/** Compact JSON: lowdb's JSONFile pretty-prints, which costs bytes and time on every turn. */
const recordFormat = {
  parse: (text: string): unknown => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return UNPARSABLE;
    }
  },
  stringify: (data: unknown): string => JSON.stringify(data),
};

function isStoredRecord(value: unknown): value is StoredRecord {
  return (
    isPlainObject(value) &&
    value.v === 1 &&
    typeof value.eTag === 'string' &&
    value.eTag.length > 0 &&
    typeof value.expiresAt === 'number' &&
    Number.isFinite(value.expiresAt) &&
    isPlainObject(value.item)
  );
}

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

type Loaded = { state: 'absent' } | { state: 'corrupt' } | { state: 'expired' | 'live'; record: StoredRecord };

export class LowdbStorage implements Storage {
  readonly kind = 'lowdb' as const;
  readonly #dir: string;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #onProblem: OnStorageProblem | undefined;
  readonly #lock = new KeyedLock();
  /** Where the next sweep batch resumes: a shard and the last file name done in it. */
  #sweepShard = 0;
  #sweepAfter = '';

  constructor(options: LowdbStorageOptions) {
    if (!options.dir) throw new Error('LowdbStorage: dir is required');
    const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    if (!(ttlMs > 0)) throw new Error('LowdbStorage: ttlMs must be a positive number of milliseconds');
    this.#dir = options.dir;
    this.#ttlMs = ttlMs;
    this.#now = options.now ?? Date.now;
    this.#onProblem = options.onProblem;
  }

  async read(keys: string[]): Promise<StoreItems> {
    return readByHash(keys, (hash) => this.#readOne(hash));
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    // Copied now, before any await, so the caller changing its object afterwards cannot alter what is saved.
    const prepared = Object.entries(changes).map(([key, item]) => ({
      hash: hashKey(key),
      incomingETag: (item as { eTag?: unknown } | null)?.eTag,
      body: toStoredBody(item),
    }));
    await settleInKeyOrder(prepared.map((change) => this.#lock.run(change.hash, () => this.#writeOne(change.hash, change.incomingETag, change.body))));
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    await Promise.all(
      keys.map((key) => {
        const hash = hashKey(key);
        return this.#lock.run(hash, () => rm(this.#itemPath(hash), { force: true }));
      }),
    );
  }

  /**
   * Removes expired items, corrupt copies older than the TTL and stale temp files, looking at no more
   * than maxFiles files, and remembers where it stopped so the next call carries on from there.
   */
  async sweepExpired(options: { maxFiles?: number } = {}): Promise<SweepResult> {
    const maxFiles = Math.max(1, Math.floor(options.maxFiles ?? 1000));
    let scanned = 0;
    let removed = 0;
    while (this.#sweepShard < SHARDS.length) {
      const shard = SHARDS[this.#sweepShard]!;
      const names = (await this.#listShard(shard)).filter((name) => name > this.#sweepAfter);
      for (const name of names) {
        if (scanned >= maxFiles) return { scanned, removed, done: false };
        scanned += 1;
        this.#sweepAfter = name;
        if (await this.#sweepFile(shard, name)) removed += 1;
      }
      this.#sweepShard += 1;
      this.#sweepAfter = '';
    }
    this.#sweepShard = 0;
    return { scanned, removed, done: true };
  }

  /** Waits for writes in flight; there is nothing to disconnect. */
  async close(): Promise<void> {
    await this.#lock.whenIdle();
  }

  #shardDir(hash: string): string {
    return join(this.#dir, hash.slice(0, 2));
  }

  #itemPath(hash: string): string {
    return join(this.#shardDir(hash), `${hash}.json`);
  }

  async #load(hash: string): Promise<Loaded> {
    const raw = await new DataFile<unknown>(this.#itemPath(hash), recordFormat).read();
    if (raw === null) return { state: 'absent' };
    if (!isStoredRecord(raw)) return { state: 'corrupt' };
    return { state: raw.expiresAt <= this.#now() ? 'expired' : 'live', record: raw };
  }

  /** Reads without the lock: steno's rename means a file is always whole. Only clean-up takes the lock. */
  async #readOne(hash: string): Promise<Record<string, unknown> | undefined> {
    const first = await this.#load(hash);
    if (first.state === 'absent') return undefined;
    const record = first.state === 'live' ? first.record : await this.#lock.run(hash, () => this.#loadAndTidy(hash));
    return record ? { ...record.item, eTag: record.eTag } : undefined;
  }

  /**
   * Loads under the key's lock and clears away what should not be read: an expired file is removed, a
   * corrupt one is moved aside. Checking again under the lock stops a fresh write being removed.
   */
  async #loadAndTidy(hash: string): Promise<StoredRecord | undefined> {
    const loaded = await this.#load(hash);
    if (loaded.state === 'live') return loaded.record;
    if (loaded.state === 'expired') await rm(this.#itemPath(hash), { force: true });
    if (loaded.state === 'corrupt') await this.#moveAside(hash);
    return undefined;
  }

  async #moveAside(hash: string): Promise<void> {
    const path = this.#itemPath(hash);
    try {
      await rename(path, `${path}.${this.#now()}.corrupt`);
    } catch (err) {
      if (!isMissing(err)) throw err;
      return;
    }
    this.#onProblem?.('corrupt', hash);
  }

  async #writeOne(hash: string, incomingETag: unknown, body: Record<string, unknown>): Promise<void> {
    const current = await this.#loadAndTidy(hash);
    if (isConflict(incomingETag, current?.eTag)) throw new ETagConflictError(hash);
    const record: StoredRecord = { v: 1, eTag: newETag(), expiresAt: this.#now() + this.#ttlMs, item: body };
    const file = new DataFile<unknown>(this.#itemPath(hash), recordFormat);
    try {
      await file.write(record);
    } catch (err) {
      // The shard folder is made on first use rather than checked on every write.
      if (!isMissing(err)) throw err;
      await mkdir(this.#shardDir(hash), { recursive: true });
      await new DataFile<unknown>(this.#itemPath(hash), recordFormat).write(record);
    }
  }

  async #listShard(shard: string): Promise<string[]> {
    try {
      return (await readdir(join(this.#dir, shard))).sort();
    } catch (err) {
      if (isMissing(err)) return [];
      throw err;
    }
  }

  /** True when the file was removed. Problems with one file are reported and do not stop the sweep. */
  async #sweepFile(shard: string, name: string): Promise<boolean> {
    const item = ITEM_FILE.exec(name);
    const corrupt = CORRUPT_FILE.exec(name);
    const temp = TEMP_FILE.exec(name);
    const hash = item?.[1] ?? corrupt?.[1] ?? temp?.[1];
    if (!hash) return false;
    const path = join(this.#dir, shard, name);
    try {
      return await this.#lock.run(hash, async () => {
        if (item) {
          const loaded = await this.#load(hash);
          if (loaded.state === 'live' || loaded.state === 'absent') return false;
          await this.#loadAndTidy(hash);
          return loaded.state === 'expired';
        }
        if (corrupt) {
          // Kept for inspection no longer than the conversation itself would have been kept.
          if (Number(corrupt[2]) + this.#ttlMs > this.#now()) return false;
          await rm(path, { force: true });
          return true;
        }
        const info = await stat(path);
        if (Date.now() - info.mtimeMs < STALE_TEMP_MS) return false;
        await rm(path, { force: true });
        return true;
      });
    } catch (err) {
      if (isMissing(err)) return false;
      this.#onProblem?.('sweep-error', hash);
      return false;
    }
  }
}
