/**
 * The health check behind GET /healthz: read-only and bounded. It reads one key (writing on every
 * probe would cost a store write per load-balancer tick and wear a disk), and gives up after the
 * storage time limit, so a frozen store turns into a quick 503 with a reason rather than a hung probe.
 */
import type { Storage } from 'botbuilder';

export type Health = { ok: true } | { ok: false; reason: string };

export const HEALTH_PROBE_KEY = 'health/probe';

export function healthCheck(deps: { storage: Storage; topics: () => number; timeoutMs: number }): () => Promise<Health> {
  return async () => {
    if (deps.topics() === 0) return { ok: false, reason: 'no content loaded' };
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<Health>((resolve) => {
      // setImmediate: an answer already waiting in the socket is read before the timer wins (see bounded.storage.ts).
      timer = setTimeout(() => setImmediate(() => resolve({ ok: false, reason: `storage did not answer within ${deps.timeoutMs} ms` })), deps.timeoutMs);
    });
    const probe = deps.storage.read([HEALTH_PROBE_KEY]).then(
      (): Health => ({ ok: true }),
      (err: Error): Health =>
        err?.name === 'StorageTimeoutError'
          ? { ok: false, reason: `storage did not answer within ${deps.timeoutMs} ms` }
          : { ok: false, reason: `storage is not working: ${err?.name ?? 'Error'}` },
    );
    try {
      return await Promise.race([probe, limit]);
    } finally {
      clearTimeout(timer);
    }
  };
}
