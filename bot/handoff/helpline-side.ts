/**
 * The helpline's side of a handoff: Accept pressed on a request card, what staff type in its thread
 * (relayed to the person) or End chat, and `handoff.status` events from a contact-centre connector.
 */
import { ActivityTypes, HandoffEventNames, TurnContext, type Activity } from 'botbuilder';
import { conversationKeyOf } from '../activity-bot.js';
import type { EventLogger, Reply } from '../reply.js';
import { sendHandoff } from './handoff.machine.js';
import type { HandoffLifecycle } from './handoff-lifecycle.js';
import type { HandoffRelay } from './handoff-relay.js';
import type { HandoffStore } from './handoff-store.js';
import type { HandoffWording } from './handoff-wording.js';
import type { Reference } from './proactive.js';
import { handoffActionOf } from './queue-card.js';

export interface HelplineSideDeps {
  /** The helpline channel in Teams. */
  queue: Reference;
  keySecret: string;
  store: HandoffStore;
  cases: HandoffLifecycle;
  relay: HandoffRelay;
  words: HandoffWording;
  logger: EventLogger;
  /** The step the person is at, for when they come back. */
  resumeStep: (conversationKey: string) => Promise<Reply[]>;
}

const PERSON_CHANNELS = new Set(['webchat', 'directline', 'msteams', 'sms']);

function firstName(name: string | undefined): string {
  const first = name?.trim().split(/\s+/)[0];
  return first && first.length <= 40 ? first : 'Someone';
}

export class HelplineSide {
  constructor(private readonly deps: HelplineSideDeps) {}

  /**
   * Activities that belong to handoff, not to the assistant: `handoff.status` events from a contact-centre
   * connector, and anything in the helpline channel. Returns true when it has dealt with the activity.
   */
  async handles(context: TurnContext): Promise<boolean> {
    const a = context.activity;
    const type: string = a.type;
    // From a contact-centre connector; never from the people's own channels, where anyone could send one.
    if (type === 'event' && a.name === HandoffEventNames.HandoffStatus && !PERSON_CHANNELS.has(a.channelId ?? '')) {
      await this.statusEvent(a);
      return true;
    }
    const queueId = this.deps.queue.conversation?.id;
    if (a.channelId !== 'msteams' || !queueId || a.conversation?.id?.split(';')[0] !== queueId.split(';')[0]) return false;
    if (type !== 'message') return true;
    const action = handoffActionOf(a.value);
    if (action?.action === 'accept') await this.accept(context, action.caseRef);
    else await this.fromStaff(context, action?.action === 'end');
    return true;
  }

  private async accept(context: TurnContext, caseRef: string): Promise<void> {
    const { store, cases, relay, words } = this.deps;
    const key = await store.byCase(caseRef);
    const thread = TurnContext.getConversationReference(context.activity);
    const agent = firstName(context.activity.from?.name);
    const accepted = key
      ? await cases.lock.run(key, async () => {
          const record = await store.load(key);
          if (!record || record.handoff.state !== 'queued') return null;
          record.handoff = sendHandoff(record.handoff, { type: 'ACCEPT', agentName: agent }).handoff;
          record.staff = thread;
          const pending = record.pending;
          record.pending = [];
          record.deadline = undefined;
          await store.save(key, record);
          await store.linkStaff(relay.staffKey(thread), key);
          await store.setDeadline(key, undefined);
          cases.disarm(key);
          return { record, pending };
        })
      : null;
    if (!accepted || !key) {
      await context.sendActivity({ type: ActivityTypes.Message, text: words.word('handoff.staff.taken') });
      return;
    }
    const { record, pending } = accepted;
    this.deps.logger.info({ event: 'handoff', state: 'withAgent', channel: record.channel });
    await relay.cardAccepted(record, caseRef, agent);
    await context.sendActivities(relay.joined(pending));
    await relay.toPerson(record, key, [words.info('handoff.joined', { agent })]);
  }

  private async fromStaff(context: TurnContext, endPressed: boolean): Promise<void> {
    const { store, cases, relay, words } = this.deps;
    const a = context.activity;
    const key = await store.byStaff(relay.staffKey(TurnContext.getConversationReference(a)));
    if (!key) return; // Chatter in the helpline channel that is not a relayed chat: the assistant stays out of it.
    const text = relay.staffText(a);
    if (!text && !endPressed) return;
    if (endPressed || /^end( the)? chat$/i.test(text)) {
      const ended = await cases.lock.run(key, async () => {
        const record = await store.load(key);
        if (!record || record.handoff.state !== 'withAgent') return null;
        await cases.finish(key, record, { type: 'END' }, 'handoff.staff.ended');
        return record;
      });
      if (ended) await relay.toPerson(ended, key, [words.info('handoff.ended'), ...(await this.deps.resumeStep(key))]);
      return;
    }
    const record = await store.load(key);
    if (!record || record.handoff.state !== 'withAgent') return;
    await relay.toPerson(record, key, [words.info('handoff.from-agent', { agent: record.handoff.context.agentName ?? 'Helpline', text })]);
  }

  /** `handoff.status` from a contact-centre connector: accepted, failed or completed. */
  private async statusEvent(a: Activity): Promise<void> {
    const { store, cases, words } = this.deps;
    const key = conversationKeyOf(this.deps.keySecret, a.channelId ?? 'unknown', a.conversation?.id ?? 'unknown');
    const state = (a.value as { state?: unknown } | undefined)?.state;
    const result = await cases.lock.run(key, async () => {
      const record = await store.load(key);
      if (!record) return null;
      if (state === 'accepted' && record.handoff.state === 'queued') {
        record.handoff = sendHandoff(record.handoff, { type: 'ACCEPT', agentName: 'Someone' }).handoff;
        record.deadline = undefined;
        await store.save(key, record);
        await store.setDeadline(key, undefined);
        cases.disarm(key);
        return { record, replies: [words.info('handoff.joined', { agent: 'Someone' })] };
      }
      if (state === 'failed' && (record.handoff.state === 'queued' || record.handoff.state === 'queueing')) {
        record.handoff = sendHandoff(record.handoff, { type: 'QUEUE_FAILED' }).handoff;
        await store.save(key, record);
        await store.setDeadline(key, undefined);
        cases.disarm(key);
        return { record, replies: words.prompt(record) };
      }
      if (state === 'completed' && record.handoff.state === 'withAgent') {
        await cases.finish(key, record, { type: 'END' }, 'handoff.staff.ended');
        return { record, replies: [words.info('handoff.ended')], resume: true };
      }
      return null;
    });
    this.deps.logger.info({ event: 'handoff-status', state: typeof state === 'string' ? state.slice(0, 20) : 'none', known: Boolean(result) });
    if (result) await this.deps.relay.toPerson(result.record, key, [...result.replies, ...('resume' in result ? await this.deps.resumeStep(key) : [])]);
  }
}
