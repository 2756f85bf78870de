/**
 * What the SMS web hook remembers about each phone number, under its keyed hash: whether the person has
 * opted out, and the texts sent for their last few messages, by Twilio MessageSid.
 *
 * Twilio can deliver the same message twice (a retry after a timeout, or two deliveries at once). The
 * first delivery claims the MessageSid with a conditional write; every later one replays the stored
 * texts, so the conversation moves on once. Only the last `keep` messages are remembered per number,
 * and the whole record expires with the conversation store's TTL.
 */
import { randomUUID } from 'node:crypto';
import type { Storage } from 'botbuilder';

interface Delivery {
  sid: string;
  /** When it was claimed, in ms since the epoch. */
  at: number;
  /** The texts sent in reply; null while the first delivery is still working on it. */
  texts: string[] | null;
}

interface LedgerRecord {
  optedOut: boolean;
  recent: Delivery[];
}

export type Claim =
  /** This delivery is the first: answer it, then call complete(). */
  | { kind: 'claimed'; optedOut: boolean }
  /** Seen before and answered: send these texts again. */
  | { kind: 'replay'; texts: string[] }
  /** Another delivery of the same message is being answered right now: it will carry the reply. */
  | { kind: 'busy' };

export interface SmsLedgerOptions {
  /** How many recent messages to remember per number. */
  keep?: number;
  /** A claim older than this is taken to have died with its process, and is taken over. */
  staleMs?: number;
  now?: () => number;
}

const ATTEMPTS = 5;

export class SmsLedger {
  private readonly keep: number;
  private readonly staleMs: number;
  private readonly now: () => number;

  constructor(
    private readonly storage: Storage,
    options: SmsLedgerOptions = {},
  ) {
    this.keep = options.keep ?? 20;
    this.staleMs = options.staleMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  private key(numberKey: string): string {
    return `sms/inbox/${numberKey}`;
  }

  private async load(numberKey: string): Promise<{ record: LedgerRecord; eTag?: string }> {
    const key = this.key(numberKey);
    const stored = (await this.storage.read([key]))[key] as (Partial<LedgerRecord> & { eTag?: string }) | undefined;
    if (!stored) return { record: { optedOut: false, recent: [] } };
    const recent = Array.isArray(stored.recent) ? stored.recent.filter((d): d is Delivery => typeof d?.sid === 'string') : [];
    return { record: { optedOut: stored.optedOut === true, recent }, eTag: stored.eTag };
  }

  /**
   * Writes only if nothing changed since load(). With no stored item, a fresh random eTag makes the write
   * a create: it succeeds when the key is still absent and conflicts when another delivery got there first
   * (the eTag rule every store here shares with botbuilder's MemoryStorage).
   */
  private async save(numberKey: string, record: LedgerRecord, eTag: string | undefined): Promise<boolean> {
    const trimmed = { ...record, recent: record.recent.slice(-this.keep), eTag: eTag ?? `create-${randomUUID()}` };
    try {
      await this.storage.write({ [this.key(numberKey)]: trimmed });
      return true;
    } catch {
      return false;
    }
  }

  async claim(numberKey: string, sid: string): Promise<Claim> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const { record, eTag } = await this.load(numberKey);
      const seen = record.recent.find((d) => d.sid === sid);
      if (seen?.texts) return { kind: 'replay', texts: seen.texts };
      if (seen && this.now() - seen.at < this.staleMs) return { kind: 'busy' };
      const recent = [...record.recent.filter((d) => d.sid !== sid), { sid, at: this.now(), texts: null }];
      if (await this.save(numberKey, { ...record, recent }, eTag)) return { kind: 'claimed', optedOut: record.optedOut };
    }
    throw new Error('SmsLedger: could not claim the message after repeated write conflicts');
  }

  /** Records the texts sent for a claimed message, and a change of opt-out if there was one. */
  async complete(numberKey: string, sid: string, texts: string[], optedOut?: boolean): Promise<void> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const { record, eTag } = await this.load(numberKey);
      const recent = [...record.recent.filter((d) => d.sid !== sid), { sid, at: this.now(), texts }];
      if (await this.save(numberKey, { optedOut: optedOut ?? record.optedOut, recent }, eTag)) return;
    }
    throw new Error('SmsLedger: could not record the reply after repeated write conflicts');
  }

  async isOptedOut(numberKey: string): Promise<boolean> {
    return (await this.load(numberKey)).record.optedOut;
  }
}
