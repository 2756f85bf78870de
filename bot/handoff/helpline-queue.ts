/**
 * Posts to the helpline channel in Teams: the request card a member of staff accepts, and call back
 * requests. A call back post holds a phone number, so it is deleted once its retention has passed.
 */
import type { Activity } from 'botbuilder';
import type { EventLogger } from '../reply.js';
import type { HandoffContextBuilder, HandoffFlatContext } from './handoff-context.js';
import type { CallbackTime } from './handoff.machine.js';
import type { HandoffRelay } from './handoff-relay.js';
import type { HandoffRecord, HandoffStore } from './handoff-store.js';
import type { HandoffWording } from './handoff-wording.js';
import type { ProactiveSender, Reference } from './proactive.js';
import { requestCard, statusCard } from './queue-card.js';

export interface QueueDeps {
  /** The helpline channel, as a stored conversation reference. */
  queue: Reference;
  callbackRetentionDays: number;
  sender: ProactiveSender;
  store: HandoffStore;
  contexts: HandoffContextBuilder;
  words: HandoffWording;
  relay: HandoffRelay;
  logger: EventLogger;
}

export class HelplineQueue {
  constructor(private readonly deps: QueueDeps) {}

  /**
   * The helpline channel is this product's contact centre: it reads the handoff.initiate event as any
   * connector would (the flat context in `value`, the transcript as an attachment) and posts the card.
   */
  async postRequest(initiate: Partial<Activity>, view: { machine: string }, context: HandoffFlatContext, transcript: string[]) {
    const { queue, words } = this.deps;
    const shared = (initiate.attachments ?? []).some((a) => a.name === 'Transcript');
    const card = requestCard({
      title: words.word('handoff.staff.card-title'),
      caseRef: context.caseReference,
      facts: [
        { title: 'Case reference', value: context.caseReference },
        { title: 'Channel', value: context.channel },
        { title: 'Pathway', value: this.deps.contexts.pathwayTitle(view.machine) },
        { title: 'Last topic', value: context.va_LastTopic },
      ],
      summary: context.va_AgentMessage,
      transcript: shared ? transcript : [],
      acceptLabel: words.word('handoff.staff.accept'),
    });
    const [activityId] = await this.deps.sender.send(queue, [card]);
    if (!activityId) throw new Error('The helpline channel gave the card no id');
    const thread: Reference = { ...queue, conversation: { ...queue.conversation!, id: `${queue.conversation!.id.split(';')[0]};messageid=${activityId}` } };
    return { activityId, thread };
  }

  /** Posts a call back request; false when it could not be posted. */
  async postCallback(record: HandoffRecord, when: CallbackTime, now: Date): Promise<boolean> {
    const { words, store } = this.deps;
    const days = this.deps.callbackRetentionDays;
    const { caseRef, phone } = record.handoff.context;
    const card = statusCard(words.word('handoff.staff.callback-title'), caseRef, [
      `Phone: ${phone ?? ''}`,
      `Best time: ${words.word(`handoff.callback.${when}`)}`,
      `Channel: ${record.channel}. Pathway: ${this.deps.contexts.pathwayTitle(record.where.machine)}.`,
      words.word('handoff.staff.callback-note', { days: String(days) }),
    ]);
    try {
      const [activityId] = await this.deps.sender.send(this.deps.queue, [card]);
      if (!activityId) throw new Error('The helpline channel gave the post no id');
      const posts = await store.callbackPosts();
      posts.push({ caseRef, activityId, deleteAfter: new Date(now.getTime() + days * 86_400_000).toISOString() });
      await store.setCallbackPosts(posts);
      this.deps.logger.info({ event: 'handoff', state: 'callbackRequested', channel: record.channel });
      return true;
    } catch (err) {
      this.deps.logger.warn({ event: 'handoff-callback-failed', error: (err as Error).name });
      return false;
    }
  }

  /** Deletes call back posts whose retention has passed; returns how many went. */
  async purgeCallbacks(now: Date): Promise<number> {
    const { store } = this.deps;
    const posts = await store.callbackPosts();
    const due = posts.filter((p) => Date.parse(p.deleteAfter) <= now.getTime());
    const kept = posts.filter((p) => !due.includes(p));
    for (const post of due) {
      const ok = await this.deps.relay.safely('callback-delete', () => this.deps.sender.remove(this.deps.queue, post.activityId));
      if (!ok) kept.push(post);
    }
    if (due.length) await store.setCallbackPosts(kept);
    return posts.length - kept.length;
  }
}
