/**
 * The relay between the person and the member of staff: what the person types goes to the request card's
 * thread in the helpline channel, what staff type there goes to the person in their own channel, and the
 * card says how the handoff stands. Every send is proactive; a failed one is logged by name, never its text.
 */
import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
import { conversationKeyOf, type ActivityRenderer } from '../activity-bot.js';
import type { EventLogger, Reply } from '../reply.js';
import type { HandoffRecord, PersonChannel } from './handoff-store.js';
import type { HandoffWording } from './handoff-wording.js';
import type { ProactiveSender, Reference } from './proactive.js';
import { statusCard } from './queue-card.js';

export interface RelayDeps {
  sender: ProactiveSender;
  renderers: Record<PersonChannel, ActivityRenderer>;
  words: HandoffWording;
  logger: EventLogger;
  keySecret: string;
}

export class HandoffRelay {
  constructor(private readonly deps: RelayDeps) {}

  /** What the person typed, and what the safeguarding check found in it, to the staff thread. */
  async toStaff(record: HandoffRecord, text: string, safeguarding?: string): Promise<void> {
    const lines = [
      ...(text ? [this.deps.words.word('handoff.staff.from-person', { text })] : []),
      ...(safeguarding ? [this.deps.words.word('handoff.staff.safeguarding', { kinds: safeguarding })] : []),
    ];
    if (!record.staff || lines.length === 0) return;
    await this.deps.sender.send(
      record.staff,
      lines.map((l) => ({ type: ActivityTypes.Message, text: l })),
    );
  }

  /** Replies to the person, rendered for their own channel. */
  async toPerson(record: HandoffRecord, key: string, replies: Reply[]): Promise<void> {
    if (!record.person || replies.length === 0) return;
    const activities = await this.deps.renderers[record.channel](replies, key);
    await this.safely('person-send', () => this.deps.sender.send(record.person!, activities));
  }

  /** One of our messages to the staff thread, such as that the chat has ended. */
  async tellStaff(staff: Reference, messageId: string): Promise<void> {
    await this.safely('staff-send', () => this.deps.sender.send(staff, [{ type: ActivityTypes.Message, text: this.deps.words.word(messageId) }]));
  }

  /** What the member of staff who accepted sees: that they joined, then anything the person wrote while waiting. */
  joined(pending: HandoffRecord['pending']): Partial<Activity>[] {
    const word = this.deps.words.word.bind(this.deps.words);
    const waiting = pending.length
      ? [
          word('handoff.staff.waiting-messages'),
          ...pending.flatMap((p) => [
            word('handoff.staff.from-person', { text: p.text }),
            ...(p.safeguarding ? [word('handoff.staff.safeguarding', { kinds: p.safeguarding })] : []),
          ]),
        ]
      : [];
    return [word('handoff.staff.joined'), ...waiting].map((text) => ({ type: ActivityTypes.Message, text }));
  }

  /** What staff typed in the thread, without the mention of the assistant that Teams requires in a channel. */
  staffText(a: Activity): string {
    return (a.recipient?.id && typeof a.text === 'string' ? TurnContext.removeMentionText(a, a.recipient.id) : (a.text ?? '')).trim();
  }

  /** The request card now names who accepted and offers End chat. */
  async cardAccepted(record: HandoffRecord, caseRef: string, agent: string): Promise<void> {
    const words = this.deps.words;
    await this.safely('card-update', () =>
      record.card
        ? this.deps.sender.update(
            record.card.thread,
            record.card.activityId,
            statusCard(words.word('handoff.staff.accepted', { agent }), caseRef, [], words.word('handoff.staff.end')),
          )
        : Promise.resolve(),
    );
  }

  /** The request card now says how the handoff ended. */
  async cardSays(record: HandoffRecord, messageId: string): Promise<void> {
    const card = record.card;
    if (!card) return;
    await this.safely('card-update', () =>
      this.deps.sender.update(card.thread, card.activityId, statusCard(this.deps.words.word(messageId), record.handoff.context.caseRef, [])),
    );
  }

  /** Runs a send; a failure is logged by its name alone and reported as false. */
  async safely(what: string, fn: () => Promise<unknown>): Promise<boolean> {
    try {
      await fn();
      return true;
    } catch (err) {
      this.deps.logger.warn({ event: 'handoff-send-failed', what, error: (err as Error).name });
      return false;
    }
  }

  /** The storage key of a staff thread, keyed like a conversation so it can find the person's. */
  staffKey(thread: Reference): string {
    return conversationKeyOf(this.deps.keySecret, thread.channelId ?? 'msteams', thread.conversation?.id ?? 'unknown');
  }
}
