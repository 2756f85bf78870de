/**
 * What every conversation store shares: how keys are hashed, how eTags are made, the conflict error and
 * the problem report. Raw keys can carry channel ids or phone numbers, so they never leave this layer:
 * errors and reports name the key's hash instead.
 */
import { createHash, randomUUID } from 'node:crypto';

export type StorageProblemKind =
  /** A stored item could not be parsed or had the wrong shape: it was moved aside and read as absent. */
  | 'corrupt'
  /** The sweep could not read or remove one file; the sweep carried on with the rest. */
  | 'sweep-error';

export type OnStorageProblem = (kind: StorageProblemKind, keyHash: string) => void;

export interface SweepResult {
  /** Files (or keys) looked at in this batch. */
  scanned: number;
  /** Expired items, expired corrupt copies and stale temporary files removed. */
  removed: number;
  /** True when this batch reached the end of a full pass; the next call starts a new one. */
  done: boolean;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Random rather than a counter: a counter restarts with the process and could repeat a stored eTag. */
export function newETag(): string {
  return randomUUID();
}

/**
 * The eTag to write with when an item must not exist yet (a new conversation): no store ever issues it,
 * so under the contract's rule it creates an absent item and conflicts with any stored one. Two
 * instances starting the same conversation at once then cannot both win.
 */
export const CREATE_ONLY_ETAG = 'create-only';

/** A storage call that did not answer in time. Nothing is deleted; the write may or may not have landed. */
export class StorageTimeoutError extends Error {
  override readonly name = 'StorageTimeoutError';
  constructor(
    readonly operation: 'read' | 'write' | 'delete',
    readonly ms: number,
  ) {
    super(`Storage: ${operation} did not answer within ${ms} ms`);
  }
}

export class ETagConflictError extends Error {
  override readonly name = 'ETagConflictError';
  constructor(readonly keyHash: string) {
    super(`Storage: eTag conflict writing item ${keyHash.slice(0, 12)}`);
  }
}

/**
 * MemoryStorage's rule: an item is written when nothing is stored, when its eTag is missing or "*",
 * or when its eTag matches the stored one. Anything else is a conflict.
 */
export function isConflict(incomingETag: unknown, storedETag: string | undefined): boolean {
  if (storedETag === undefined) return false;
  if (!incomingETag || incomingETag === '*') return false;
  return incomingETag !== storedETag;
}

/** Copies the item the way MemoryStorage does (spread, then JSON), without the eTag it arrived with. */
export function toStoredBody(item: unknown): Record<string, unknown> {
  if (item === null || typeof item !== 'object') throw new TypeError('Storage: each change must be an object.');
  const { eTag: _incoming, ...rest } = item as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Writes every change, then throws the first failure in key order. MemoryStorage also writes the
 * other keys when one conflicts, so callers see the same partial outcome from every store.
 */
export async function settleInKeyOrder(tasks: Array<Promise<void>>): Promise<void> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * Storage.read for a store that reads one item by its key's hash: absent and unreadable items are left
 * out, as MemoryStorage leaves out keys it does not have.
 */
export async function readByHash<T>(keys: string[], readOne: (hash: string) => Promise<T | undefined>): Promise<Record<string, T>> {
  if (!keys) throw new ReferenceError('Keys are required when reading.');
  const found = await Promise.all(keys.map((key) => readOne(hashKey(key))));
  const items: Record<string, T> = {};
  keys.forEach((key, i) => {
    const item = found[i];
    if (item) items[key] = item;
  });
  return items;
}
