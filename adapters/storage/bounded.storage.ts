/**
 * Puts a time limit on every call to a store, so a store that stops answering (Redis frozen or cut
 * off by the network, a hung disk) costs a turn a bounded wait and an apology rather than a stall.
 * The call itself is not cancelled: a write that was already sent may still land, which is safe
 * because every conversation write is checked by eTag.
 */
import type { Storage, StoreItems } from 'botbuilder';
import { StorageTimeoutError } from './storage-common.js';

function within<T>(operation: StorageTimeoutError['operation'], ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_resolve, reject) => {
    // Timers run before I/O callbacks: after the event loop has been busy, an answer already waiting
    // in the socket would lose to the timer. setImmediate lets waiting I/O be read first.
    timer = setTimeout(() => setImmediate(() => reject(new StorageTimeoutError(operation, ms))), ms);
  });
  // A late rejection from the store after the limit has fired must not become an unhandled rejection.
  work.catch(() => undefined);
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

export class BoundedStorage implements Storage {
  constructor(
    readonly inner: Storage,
    readonly timeoutMs: number,
  ) {
    if (!(timeoutMs > 0)) throw new Error('BoundedStorage: timeoutMs must be positive');
  }

  read(keys: string[]): Promise<StoreItems> {
    return within(
      'read',
      this.timeoutMs,
      Promise.resolve().then(() => this.inner.read(keys)),
    );
  }

  write(changes: StoreItems): Promise<void> {
    return within(
      'write',
      this.timeoutMs,
      Promise.resolve().then(() => this.inner.write(changes)),
    );
  }

  delete(keys: string[]): Promise<void> {
    return within(
      'delete',
      this.timeoutMs,
      Promise.resolve().then(() => this.inner.delete(keys)),
    );
  }
}
