/**
 * Builds the conversation store the configuration asks for. Every kind is a botbuilder Storage with
 * the same eTag rules, plus sweepExpired (call it on an unref'd timer) and close (call it on shutdown).
 */
import { MemoryStorage, type Storage } from 'botbuilder';
import { LowdbStorage } from './lowdb.storage.js';
import { RedisStorage } from './redis.storage.js';
import type { OnStorageProblem, SweepResult } from './storage-common.js';

export { LowdbStorage, DEFAULT_TTL_MS } from './lowdb.storage.js';
export { RedisStorage } from './redis.storage.js';
export { KeyedLock } from './keyed-lock.js';
export { BoundedStorage } from './bounded.storage.js';
export {
  CREATE_ONLY_ETAG,
  ETagConflictError,
  StorageTimeoutError,
  hashKey,
  type OnStorageProblem,
  type StorageProblemKind,
  type SweepResult,
} from './storage-common.js';

export type StorageKind = 'lowdb' | 'memory' | 'redis';

export interface StorageConfig {
  kind: StorageKind;
  /** Folder for lowdb's files; required for lowdb. */
  dir?: string;
  /** Required for redis. */
  redisUrl?: string;
  ttlMs: number;
  /** Redis key prefix; defaults to "loa:state:". */
  keyPrefix?: string;
  /** Told about corrupt items moved aside, by key hash only. */
  onProblem?: OnStorageProblem;
  /** Redis only: time limits for one command and for connecting. */
  redisCommandTimeoutMs?: number;
  redisConnectTimeoutMs?: number;
}

export interface ConversationStorage extends Storage {
  readonly kind: StorageKind;
  sweepExpired(options?: { maxFiles?: number }): Promise<SweepResult>;
  close(): Promise<void>;
}

/** For tests and local trials only: nothing expires and everything is lost on restart. */
class InMemoryStorage extends MemoryStorage {
  readonly kind = 'memory' as const;

  async sweepExpired(_options: { maxFiles?: number } = {}): Promise<SweepResult> {
    return { scanned: 0, removed: 0, done: true };
  }

  async close(): Promise<void> {}
}

export function createStorage(config: StorageConfig): ConversationStorage {
  switch (config.kind) {
    case 'memory':
      return new InMemoryStorage();
    case 'lowdb':
      if (!config.dir) throw new Error('createStorage: lowdb storage needs a dir');
      return new LowdbStorage({ dir: config.dir, ttlMs: config.ttlMs, onProblem: config.onProblem });
    case 'redis':
      if (!config.redisUrl) throw new Error('createStorage: redis storage needs a redisUrl (set REDIS_URL)');
      return new RedisStorage({
        url: config.redisUrl,
        ttlMs: config.ttlMs,
        keyPrefix: config.keyPrefix,
        onProblem: config.onProblem,
        commandTimeoutMs: config.redisCommandTimeoutMs,
        connectTimeoutMs: config.redisConnectTimeoutMs,
      });
    default: {
      const unknownKind: never = config.kind;
      throw new Error(`createStorage: unknown storage kind ${String(unknownKind)}`);
    }
  }
}
