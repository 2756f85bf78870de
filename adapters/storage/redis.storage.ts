/**
 * The shared conversation store for more than one bot instance: Redis through ioredis.
 *
 * Each item is a hash { e: eTag, d: JSON body } under prefix + "{sha256(key)}", so raw keys never
 * show in Redis (SCAN, MONITOR, slow log) and the braces keep an item and its corrupt copy in one
 * cluster slot. The eTag check and the write happen in one Lua script, so two instances can never
 * both win. Redis expires items itself (PX on every write); there is nothing to sweep.
 */
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';

/** ioredis is loaded when a Redis store is made, so an instance on another store never pays for loading it. */
const redisClass = (): typeof Redis => (createRequire(import.meta.url)('ioredis') as typeof import('ioredis')).Redis;
import type { Storage, StoreItems } from 'botbuilder';
import {
  ETagConflictError,
  hashKey,
  isPlainObject,
  newETag,
  readByHash,
  settleInKeyOrder,
  toStoredBody,
  type OnStorageProblem,
  type SweepResult,
} from './storage-common.js';

export interface RedisStorageOptions {
  /** A client to use; it is left open on close(). Give this or url. */
  client?: Redis;
  /** redis:// or rediss:// URL; the storage makes and owns its client. */
  url?: string;
  /** Put before every key, so one Redis can hold several bots or environments. */
  keyPrefix?: string;
  ttlMs: number;
  onProblem?: OnStorageProblem;
  /** How long one command may wait for an answer before it fails (ioredis commandTimeout). */
  commandTimeoutMs?: number;
  /** How long opening a connection may take. */
  connectTimeoutMs?: number;
}

export const DEFAULT_COMMAND_TIMEOUT_MS = 1000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 2000;

/**
 * ioredis options for a store that must fail fast rather than hang: every command has a time limit,
 * including one queued while the connection is down; a command is retried at most once on a new
 * connection; a command that timed out is not sent again after a reconnect (it may have been answered
 * with an apology already); reconnecting backs off to at most 2 s between tries, for ever.
 */
export function redisClientOptions(options: Pick<RedisStorageOptions, 'commandTimeoutMs' | 'connectTimeoutMs'> = {}) {
  return {
    commandTimeout: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    connectTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 5), 2000),
  };
}

// Returns 1 written, 0 eTag conflict, -1 something unreadable is in the way (moved aside by the caller).
// The conflict rule is MemoryStorage's: an empty expected eTag (none or "*") always writes.
const WRITE_SCRIPT = `
local t = redis.call('TYPE', KEYS[1])['ok']
if t ~= 'none' then
  if t ~= 'hash' then return -1 end
  local cur = redis.call('HGET', KEYS[1], 'e')
  if not cur then return -1 end
  if ARGV[1] ~= '' and cur ~= ARGV[1] then return 0 end
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'e', ARGV[2], 'd', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;

// Renames only if the item is still the unreadable one that was seen (same type, same eTag or none),
// so a good write that landed in between is never moved aside. The copy keeps the item's remaining TTL,
// or gets a full one if it had none, so nothing personal stays longer than a conversation would.
const MOVE_ASIDE_SCRIPT = `
local t = redis.call('TYPE', KEYS[1])['ok']
if t == 'none' then return 0 end
if t == 'hash' then
  local e = redis.call('HGET', KEYS[1], 'e') or ''
  if e ~= ARGV[1] then return 0 end
end
redis.call('RENAME', KEYS[1], KEYS[2])
if redis.call('PTTL', KEYS[2]) < 0 then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
return 1
`;

interface ScriptedRedis extends Redis {
  localOfferStorageWrite(key: string, expectedETag: string, newETag: string, body: string, ttlMs: number): Promise<number>;
  localOfferStorageMoveAside(key: string, asideKey: string, seenETag: string, ttlMs: number): Promise<number>;
}

type Loaded = { state: 'absent' } | { state: 'live'; eTag: string; body: Record<string, unknown> } | { state: 'corrupt'; seenETag: string };

export class RedisStorage implements Storage {
  readonly kind = 'redis' as const;
  readonly #client: ScriptedRedis;
  readonly #ownsClient: boolean;
  readonly #prefix: string;
  readonly #ttlMs: number;
  readonly #onProblem: OnStorageProblem | undefined;

  constructor(options: RedisStorageOptions) {
    if (!(options.ttlMs > 0)) throw new Error('RedisStorage: ttlMs must be a positive number of milliseconds');
    if (!options.client && !options.url) throw new Error('RedisStorage: give a client or a url');
    // While Redis is down or frozen a turn should fail fast (and apologise), not hang.
    const client = options.client ?? new (redisClass())(options.url!, redisClientOptions(options));
    // ioredis reconnects by itself and each command fails on its own; without a listener a lost connection
    // would print a stack trace on the console. /healthz reports the outage.
    if (!options.client) client.on('error', () => undefined);
    client.defineCommand('localOfferStorageWrite', { numberOfKeys: 1, lua: WRITE_SCRIPT });
    client.defineCommand('localOfferStorageMoveAside', { numberOfKeys: 2, lua: MOVE_ASIDE_SCRIPT });
    this.#client = client as ScriptedRedis;
    this.#ownsClient = !options.client;
    this.#prefix = options.keyPrefix ?? 'loa:state:';
    this.#ttlMs = Math.round(options.ttlMs);
    this.#onProblem = options.onProblem;
  }

  async read(keys: string[]): Promise<StoreItems> {
    return readByHash(keys, (hash) => this.#readOne(hash));
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const prepared = Object.entries(changes).map(([key, item]) => {
      const incoming = (item as { eTag?: unknown } | null)?.eTag;
      return {
        hash: hashKey(key),
        expected: typeof incoming === 'string' && incoming !== '*' ? incoming : '',
        body: JSON.stringify(toStoredBody(item)),
      };
    });
    await settleInKeyOrder(prepared.map((change) => this.#writeOne(change.hash, change.expected, change.body)));
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    // One DEL per key: a multi-key DEL would fail across cluster slots.
    await Promise.all(keys.map((key) => this.#client.del(this.#redisKey(hashKey(key)))));
  }

  /** Redis expires items itself; this is here so every store can be swept the same way. */
  async sweepExpired(_options: { maxFiles?: number } = {}): Promise<SweepResult> {
    return { scanned: 0, removed: 0, done: true };
  }

  async close(): Promise<void> {
    if (this.#ownsClient && this.#client.status !== 'end') await this.#client.quit();
  }

  #redisKey(hash: string): string {
    return `${this.#prefix}{${hash}}`;
  }

  async #load(hash: string): Promise<Loaded> {
    let fields: Array<string | null>;
    try {
      fields = await this.#client.hmget(this.#redisKey(hash), 'e', 'd');
    } catch (err) {
      if (/WRONGTYPE/.test((err as Error).message)) return { state: 'corrupt', seenETag: '' };
      throw err;
    }
    const [eTag, data] = fields;
    if (eTag === null && data === null) return { state: 'absent' };
    let body: unknown;
    try {
      body = data === null || data === undefined ? undefined : JSON.parse(data);
    } catch {
      body = undefined;
    }
    if (!eTag || !isPlainObject(body)) return { state: 'corrupt', seenETag: eTag ?? '' };
    return { state: 'live', eTag, body };
  }

  async #readOne(hash: string): Promise<Record<string, unknown> | undefined> {
    const loaded = await this.#load(hash);
    if (loaded.state === 'live') return { ...loaded.body, eTag: loaded.eTag };
    if (loaded.state === 'corrupt') await this.#moveAside(hash, loaded.seenETag);
    return undefined;
  }

  async #moveAside(hash: string, seenETag: string): Promise<void> {
    const key = this.#redisKey(hash);
    const moved = await this.#client.localOfferStorageMoveAside(key, `${key}:corrupt:${Date.now()}`, seenETag, this.#ttlMs);
    if (moved === 1) this.#onProblem?.('corrupt', hash);
  }

  async #writeOne(hash: string, expected: string, body: string): Promise<void> {
    const key = this.#redisKey(hash);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const result = await this.#client.localOfferStorageWrite(key, expected, newETag(), body, this.#ttlMs);
      if (result === 1) return;
      if (result === 0) throw new ETagConflictError(hash);
      await this.#moveAside(hash, await this.#seenETag(key));
    }
    throw new Error(`RedisStorage: could not clear an unreadable item ${hash.slice(0, 12)}`);
  }

  /** The eTag field of whatever is stored, '' when there is none or the key is not a hash. */
  async #seenETag(key: string): Promise<string> {
    try {
      return (await this.#client.hget(key, 'e')) ?? '';
    } catch {
      return '';
    }
  }
}
