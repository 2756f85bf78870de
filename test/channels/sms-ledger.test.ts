/**
 * The SMS ledger on its own: what two servers sharing one store see when Twilio delivers the same
 * message to both. No lock is shared here, only the store, as between two processes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage, type Storage } from 'botbuilder';
import { createStorage } from '../../adapters/storage/index.js';
import { SmsLedger } from '../../adapters/sms/sms-ledger.js';

const stores: Array<[string, () => Storage]> = [
  ['memory', () => new MemoryStorage()],
  ['lowdb', () => createStorage({ kind: 'lowdb', dir: mkdtempSync(join(tmpdir(), 'sms-ledger-')), ttlMs: 86_400_000 })],
];

describe.each(stores)('SmsLedger on %s storage', (_name, makeStorage) => {
  test('the first delivery claims; a second server is told it is busy, then replays the reply', async () => {
    const storage = makeStorage();
    const a = new SmsLedger(storage);
    const b = new SmsLedger(storage);
    expect(await a.claim('n1', 'SM1')).toEqual({ kind: 'claimed', optedOut: false });
    expect(await b.claim('n1', 'SM1')).toEqual({ kind: 'busy' });
    await a.complete('n1', 'SM1', ['Hello']);
    expect(await b.claim('n1', 'SM1')).toEqual({ kind: 'replay', texts: ['Hello'] });
    expect(await b.claim('n1', 'SM2')).toEqual({ kind: 'claimed', optedOut: false });
  });

  test('two claims at once: exactly one wins', async () => {
    const storage = makeStorage();
    const claims = await Promise.all([new SmsLedger(storage).claim('n2', 'SM9'), new SmsLedger(storage).claim('n2', 'SM9')]);
    expect(claims.filter((c) => c.kind === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.kind === 'busy')).toHaveLength(1);
  });

  test('a claim left by a server that died is taken over after staleMs', async () => {
    const storage = makeStorage();
    let now = 1_000_000;
    const ledger = new SmsLedger(storage, { staleMs: 60_000, now: () => now });
    await ledger.claim('n3', 'SM1');
    now += 59_000;
    expect(await ledger.claim('n3', 'SM1')).toEqual({ kind: 'busy' });
    now += 2_000;
    expect(await ledger.claim('n3', 'SM1')).toEqual({ kind: 'claimed', optedOut: false });
  });

  test('opting out is remembered, and only the last `keep` messages are', async () => {
    const storage = makeStorage();
    const ledger = new SmsLedger(storage, { keep: 3 });
    for (const sid of ['SM1', 'SM2', 'SM3', 'SM4']) {
      await ledger.claim('n4', sid);
      await ledger.complete('n4', sid, [sid], sid === 'SM4' ? true : undefined);
    }
    expect(await ledger.isOptedOut('n4')).toBe(true);
    expect(await ledger.claim('n4', 'SM4')).toEqual({ kind: 'replay', texts: ['SM4'] });
    // SM1 has been forgotten: a very late retry of it is answered as new.
    expect(await ledger.claim('n4', 'SM1')).toEqual({ kind: 'claimed', optedOut: true });
  });
});
