/**
 * What the person's side and the helpline's side of a handoff share: the per-conversation lock, the
 * timers of handoffs waiting in the queue (their deadlines are in storage, re-armed at start, so a
 * restart loses none), and how a handoff times out or ends.
 */
import { KeyedLock } from '../../adapters/storage/keyed-lock.js';
import type { EventLogger, Reply } from '../reply.js';
import { isFinal, sendHandoff, type HandoffEvent } from './handoff.machine.js';
import type { HandoffRelay } from './handoff-relay.js';
import type { HandoffRecord, HandoffStore } from './handoff-store.js';
import type { HandoffWording } from './handoff-wording.js';
import { KeyedTimers } from './keyed-timers.js';
import type { TranscriptStore } from './transcript.js';

export interface LifecycleDeps {
  store: HandoffStore;
  transcripts: TranscriptStore;
  relay: HandoffRelay;
  words: HandoffWording;
  logger: EventLogger;
  now: () => Date;
}

export class HandoffLifecycle {
  /** One turn at a time per conversation, whichever side it comes from. */
  readonly lock = new KeyedLock();
  private readonly timers = new KeyedTimers();

  constructor(private readonly deps: LifecycleDeps) {}

  /** Re-arms the deadline of every handoff waiting in the queue. */
  async rearm(): Promise<void> {
    for (const [key, deadline] of Object.entries(await this.deps.store.openDeadlines())) this.arm(key, deadline);
  }

  stop(): void {
    this.timers.clear();
  }

  arm(key: string, deadline: string): void {
    const delay = Math.max(0, Date.parse(deadline) - this.deps.now().getTime());
    this.timers.arm(key, delay, () => {
      void this.onTimer(key).catch((err: Error) => this.deps.logger.warn({ event: 'handoff-timeout-failed', error: err.name }));
    });
  }

  disarm(key: string): void {
    this.timers.disarm(key);
  }

  /** No one accepted in time: offer a call back. */
  async timeOut(key: string, record: HandoffRecord): Promise<Reply[]> {
    const { store } = this.deps;
    record.handoff = sendHandoff(record.handoff, { type: 'TIMEOUT' }).handoff;
    record.deadline = undefined;
    record.pending = [];
    await store.save(key, record);
    await store.setDeadline(key, undefined);
    this.disarm(key);
    this.deps.logger.info({ event: 'handoff', state: 'timeout', channel: record.channel });
    await this.deps.relay.cardSays(record, 'handoff.staff.timed-out');
    return this.deps.words.prompt(record);
  }

  /** Ends the handoff: the machine's final state, tidy storage, tell the helpline channel. */
  async finish(key: string, record: HandoffRecord, event: HandoffEvent | null, staffMessage?: string): Promise<void> {
    const { store, relay } = this.deps;
    const next = event ? sendHandoff(record.handoff, event).handoff : record.handoff;
    if (!isFinal(next.state)) this.deps.logger.warn({ event: 'handoff-unchanged', state: record.handoff.state });
    this.disarm(key);
    await store.setDeadline(key, undefined);
    await store.remove(key, record, record.staff ? relay.staffKey(record.staff) : undefined);
    await this.deps.transcripts.remove(key);
    this.deps.logger.info({ event: 'handoff', state: next.state, channel: record.channel });
    if (staffMessage) {
      if (record.staff) await relay.tellStaff(record.staff, staffMessage);
      await relay.cardSays(record, staffMessage);
    }
  }

  private async onTimer(key: string): Promise<void> {
    const { store } = this.deps;
    const result = await this.lock.run(key, async () => {
      const record = await store.load(key);
      if (!record || record.handoff.state !== 'queued') {
        await store.setDeadline(key, undefined);
        return null;
      }
      return { record, replies: await this.timeOut(key, record) };
    });
    if (result) await this.deps.relay.toPerson(result.record, key, result.replies);
  }
}
