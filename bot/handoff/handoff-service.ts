/**
 * Handoff to a person from the helpline team, with the Bot Framework handoff protocol: a
 * `handoff.initiate` event (EventFactory.createHandoffInitiation) carries the flat context and, when the
 * person agrees, the transcript; `handoff.status` events (accepted, failed, completed) move it on.
 *
 * The helpline queue is a Teams channel: the request is posted there as a card with an Accept button.
 * The member of staff who accepts is relayed to the person both ways, in that card's thread, until
 * either ends it. No one accepts within the wait, the queue cannot be reached, or it is out of hours:
 * the person is offered a call back. The machine is handoff.machine.ts; this file does the input and
 * output. The safeguarding check still runs on every message before this (see assistant.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomInt } from 'node:crypto';
import { ActivityTypes, HandoffEventNames, TurnContext, type Activity } from 'botbuilder';
import { KeyedLock } from '../../adapters/storage/keyed-lock.js';
import type { ContentStore } from '../../content/store.js';
import type { FlowView } from '../../flows/executor.js';
import { conversationKeyOf, type ActivityRenderer } from '../activity-bot.js';
import type { Composer, Vars } from '../compose.js';
import type { ConversationRecord } from '../conversation.js';
import type { Audience } from '../../content/schema.js';
import type { EventLogger, Inbound, Reply } from '../reply.js';
import { matchChoice, type ChoiceOption } from '../understanding/choices.js';
import { cleanInput, normalise } from '../understanding/text.js';
import { handoffInitiation, HandoffContextBuilder, type HandoffFlatContext } from './handoff-context.js';
import { isFinal, sendHandoff, startHandoff, type CallbackTime, type HandoffEvent } from './handoff.machine.js';
import { HandoffStore, type HandoffRecord, type PersonChannel } from './handoff-store.js';
import type { HelplineHours } from './hours.js';
import { ProactiveSender, type Reference } from './proactive.js';
import { handoffActionOf, requestCard, statusCard } from './queue-card.js';
import { replyText, TranscriptStore } from './transcript.js';

export interface HandoffSettings {
  /** The helpline channel in Teams, as a stored conversation reference. */
  queue: Reference;
  waitMs: number;
  callbackRetentionDays: number;
  keySecret: string;
}

export interface HandoffDeps {
  storage: ConstructorParameters<typeof HandoffStore>[0];
  content: ContentStore;
  compose: Composer;
  sender: ProactiveSender;
  renderers: Record<PersonChannel, ActivityRenderer>;
  hours: HelplineHours;
  logger: EventLogger;
  settings: HandoffSettings;
  now?: () => Date;
}

/** What the assistant core hands over for a turn while a handoff is open. */
export interface HandoffTurn {
  inbound: Inbound;
  raw: string;
  /** The safeguarding check's finding on this message, if any. */
  risk: readonly string[] | null;
  now: Date;
}

export interface HandoffOutcome {
  replies: Reply[];
  /** The handoff is over: show the step the person was at. */
  resume: boolean;
}

/** The person's conversation reference for the turn in progress, set by the bot around each turn. */
const turnReference = new AsyncLocalStorage<Reference>();

const NEVER_MIND = new Set(['never mind', 'nevermind', 'no never mind', 'cancel', 'stop waiting', 'end chat', 'end', 'quit', 'leave']);
const PERSON_CHANNELS = new Set(['webchat', 'directline', 'msteams', 'sms']);
const CASE_LETTERS = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const TIMES: CallbackTime[] = ['morning', 'afternoon', 'any'];

export function newCaseRef(): string {
  return `LO-${Array.from({ length: 6 }, () => CASE_LETTERS.charAt(randomInt(CASE_LETTERS.length))).join('')}`;
}

/** A UK phone number, spaces and brackets allowed: 0 or +44 and 10 more digits. */
export function readUkPhone(text: string): string | null {
  const digits = text.replace(/[\s().-]/g, '');
  if (/^0\d{10}$/.test(digits)) return digits;
  if (/^\+?44\d{10}$/.test(digits)) return `0${digits.replace(/^\+?44/, '')}`;
  return null;
}

function firstName(name: string | undefined): string {
  const first = name?.trim().split(/\s+/)[0];
  return first && first.length <= 40 ? first : 'Someone';
}

export class HandoffService {
  private readonly store: HandoffStore;
  private readonly transcripts: TranscriptStore;
  private readonly contexts: HandoffContextBuilder;
  private readonly lock = new KeyedLock();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly now: () => Date;
  private sweeper?: NodeJS.Timeout;
  /** The step the person is at, from the assistant, for when they come back. Set by the composition root. */
  resumeStep: (conversationKey: string) => Promise<Reply[]> = async () => [];

  constructor(private readonly deps: HandoffDeps) {
    this.store = new HandoffStore(deps.storage);
    this.transcripts = new TranscriptStore(deps.storage);
    this.contexts = new HandoffContextBuilder(deps.content, deps.compose);
    this.now = deps.now ?? (() => new Date());
  }

  // --- Around each turn (activity-bot.ts) ---

  /** Runs a person's turn with their conversation reference at hand, so a handoff can reach them later. */
  within<T>(context: TurnContext, fn: () => Promise<T>): Promise<T> {
    return turnReference.run(TurnContext.getConversationReference(context.activity), fn);
  }

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
    const queueId = this.deps.settings.queue.conversation?.id;
    if (a.channelId !== 'msteams' || !queueId || a.conversation?.id?.split(';')[0] !== queueId.split(';')[0]) return false;
    if (type !== 'message') return true;
    const action = handoffActionOf(a.value);
    if (action?.action === 'accept') await this.accept(context, action.caseRef);
    else await this.fromStaff(context, action?.action === 'end');
    return true;
  }

  // --- The assistant core (assistant.ts) ---

  /** Notes a bot turn for the transcript a person may later choose to share. */
  async noteTurn(conversationKey: string, at: Date, said: string, replies: Reply[]): Promise<void> {
    const lines = [
      ...(said ? [{ at: at.toISOString(), from: 'person' as const, text: said }] : []),
      ...replies.map((r) => ({ at: at.toISOString(), from: 'bot' as const, text: replyText(r), topic: r.topicId })),
    ];
    await this.transcripts.append(conversationKey, lines);
  }

  /** "Talk to a person": ask to share and queue, or offer a call back when the helpline is closed. */
  async request(args: { inbound: Inbound; record: ConversationRecord; view: FlowView; audience: Audience; now: Date }): Promise<Reply[]> {
    const { inbound, view } = args;
    const key = inbound.conversationKey;
    return this.lock.run(key, async () => {
      const person = turnReference.getStore();
      const open = this.deps.hours.isOpen(args.now);
      let handoff = startHandoff(newCaseRef(), !open);
      if (open && !person) {
        // Our own SMS web hook cannot be reached between turns: a call back instead.
        handoff = sendHandoff(sendHandoff(handoff, { type: 'AGREE', share: false }).handoff, { type: 'QUEUE_FAILED' }).handoff;
      }
      const record: HandoffRecord = {
        handoff,
        channel: inbound.channel === 'test' ? 'webchat' : inbound.channel,
        person,
        where: { machine: view.machine, state: view.state, prompt: view.meta.prompt, profile: args.record.profile, dates: args.record.dates },
        requestedAt: args.now.toISOString(),
        pending: [],
      };
      await this.store.save(key, record);
      this.deps.logger.info({ event: 'handoff', state: handoff.state, channel: record.channel, open });
      return this.prompt(record);
    });
  }

  /** A message from the person while a handoff is open; null when there is none. */
  async duringHandoff(turn: HandoffTurn): Promise<HandoffOutcome | null> {
    const key = turn.inbound.conversationKey;
    return this.lock.run(key, async (): Promise<HandoffOutcome | null> => {
      const record = await this.store.load(key);
      if (!record) return null;
      const text = cleanInput(turn.raw).text;
      const neverMind = NEVER_MIND.has(normalise(text));
      const state = record.handoff.state;
      const safeguarding = turn.risk?.length ? turn.risk.join(', ') : undefined;

      if (state === 'withAgent') {
        if (neverMind) {
          await this.finish(key, record, { type: 'CANCEL' }, 'handoff.staff.person-left');
          return { replies: [this.info('handoff.ended')], resume: true };
        }
        const passed = await this.safely('staff-send', () => this.toStaff(record, text, safeguarding));
        return { replies: passed ? [] : [this.info('handoff.callback.not-sent')], resume: false };
      }
      if (state === 'queued' || state === 'queueing') {
        if (neverMind) {
          await this.finish(key, record, { type: 'CANCEL' }, 'handoff.staff.cancelled');
          return { replies: [this.info('handoff.cancelled')], resume: true };
        }
        if (record.deadline && Date.parse(record.deadline) <= turn.now.getTime()) {
          return { replies: await this.timeOut(key, record), resume: false };
        }
        if (text && record.pending.length < 10) record.pending.push({ text: text.slice(0, 1000), safeguarding });
        await this.store.save(key, record);
        return { replies: safeguarding ? [] : [this.info('handoff.still-waiting')], resume: false };
      }
      // Answering a question of ours. A crisis message is not an answer: the crisis reply is enough.
      if (safeguarding) return { replies: [], resume: false };
      if (neverMind) {
        await this.finish(key, record, { type: 'CANCEL' });
        return { replies: [this.info('handoff.cancelled')], resume: true };
      }
      const picked = (ids: string[]) => {
        const options: ChoiceOption[] = ids.map((id) => ({ id, label: this.word(id), words: [] }));
        const match = matchChoice(turn.raw, options);
        return match.kind === 'matched' ? match.id : null;
      };
      switch (state) {
        case 'requested': {
          const choice = picked(['handoff.consent.share', 'handoff.consent.no-share', 'handoff.consent.cancel']);
          if (choice === 'handoff.consent.cancel') {
            await this.finish(key, record, { type: 'CANCEL' });
            return { replies: [this.info('handoff.cancelled')], resume: true };
          }
          if (!choice) return { replies: this.prompt(record), resume: false };
          return { replies: await this.enqueue(key, record, choice === 'handoff.consent.share', turn.now), resume: false };
        }
        case 'callbackOffered': {
          const choice = picked(['handoff.callback.yes', 'handoff.callback.no']);
          if (choice === 'handoff.callback.no') {
            await this.finish(key, record, { type: 'CANCEL' });
            return { replies: [this.info('handoff.cancelled')], resume: true };
          }
          if (!choice) return { replies: this.prompt(record), resume: false };
          record.handoff = sendHandoff(record.handoff, { type: 'CALLBACK_YES' }).handoff;
          await this.store.save(key, record);
          return { replies: this.prompt(record), resume: false };
        }
        case 'callbackNumber': {
          const phone = readUkPhone(text);
          if (!phone) return { replies: [this.info('handoff.callback.bad-number'), ...this.prompt(record)], resume: false };
          record.handoff = sendHandoff(record.handoff, { type: 'NUMBER', phone }).handoff;
          await this.store.save(key, record);
          return { replies: this.prompt(record), resume: false };
        }
        case 'callbackTime': {
          const choice = picked(TIMES.map((t) => `handoff.callback.${t}`));
          if (!choice) return { replies: this.prompt(record), resume: false };
          const when = choice.replace('handoff.callback.', '') as CallbackTime;
          const sent = await this.postCallback(record, when, turn.now);
          await this.finish(key, { ...record, handoff: sendHandoff(record.handoff, { type: 'TIME', when }).handoff }, null);
          return {
            replies: [this.info(sent ? 'handoff.callback.done' : 'handoff.callback.not-sent', { caseRef: record.handoff.context.caseRef })],
            resume: true,
          };
        }
        default:
          // A final state left behind by a crash: tidy it away and carry on with the bot.
          await this.store.remove(key, record);
          return null;
      }
    });
  }

  // --- Helpline queue (Teams) ---

  private async enqueue(key: string, record: HandoffRecord, share: boolean, now: Date): Promise<Reply[]> {
    record.handoff = sendHandoff(record.handoff, { type: 'AGREE', share }).handoff;
    const caseRef = record.handoff.context.caseRef;
    const lines = share ? await this.transcripts.read(key) : [];
    const input = {
      caseRef,
      channel: record.channel,
      record: { profile: record.where.profile, dates: record.where.dates },
      view: { machine: record.where.machine as FlowView['machine'], state: record.where.state, meta: { prompt: record.where.prompt } },
      share,
      lines,
    };
    const context = this.contexts.flat(input);
    const initiate = handoffInitiation(this.deps.sender.contextFor(record.person ?? {}), context, share ? this.contexts.transcript(lines) : undefined);
    try {
      record.card = await this.postRequest(
        initiate,
        input.view,
        context,
        lines.map((l) => `${l.from === 'person' ? 'Person' : 'Assistant'}: ${l.text}`),
      );
      await this.store.linkCase(caseRef, key);
      record.handoff = sendHandoff(record.handoff, { type: 'QUEUED' }).handoff;
      record.deadline = new Date(now.getTime() + this.deps.settings.waitMs).toISOString();
      await this.store.save(key, record);
      await this.store.setDeadline(key, record.deadline);
      this.arm(key, record.deadline);
      this.deps.logger.info({ event: 'handoff', state: 'queued', channel: record.channel, shared: share });
      return [this.info('handoff.queued', { caseRef })];
    } catch (err) {
      this.deps.logger.warn({ event: 'handoff-queue-failed', error: (err as Error).name });
      record.handoff = sendHandoff(record.handoff, { type: 'QUEUE_FAILED' }).handoff;
      await this.store.save(key, record);
      return this.prompt(record);
    }
  }

  /**
   * The helpline channel is this product's contact centre: it reads the handoff.initiate event as any
   * connector would (the flat context in `value`, the transcript as an attachment) and posts the card.
   */
  private async postRequest(initiate: Partial<Activity>, view: { machine: string }, context: HandoffFlatContext, transcript: string[]) {
    const queue = this.deps.settings.queue;
    const shared = (initiate.attachments ?? []).some((a) => a.name === 'Transcript');
    const card = requestCard({
      title: this.word('handoff.staff.card-title'),
      caseRef: context.caseReference,
      facts: [
        { title: 'Case reference', value: context.caseReference },
        { title: 'Channel', value: context.channel },
        { title: 'Pathway', value: this.contexts.pathwayTitle(view.machine) },
        { title: 'Last topic', value: context.va_LastTopic },
      ],
      summary: context.va_AgentMessage,
      transcript: shared ? transcript : [],
      acceptLabel: this.word('handoff.staff.accept'),
    });
    const [activityId] = await this.deps.sender.send(queue, [card]);
    if (!activityId) throw new Error('The helpline channel gave the card no id');
    const thread: Reference = { ...queue, conversation: { ...queue.conversation!, id: `${queue.conversation!.id.split(';')[0]};messageid=${activityId}` } };
    return { activityId, thread };
  }

  private async accept(context: TurnContext, caseRef: string): Promise<void> {
    const key = await this.store.byCase(caseRef);
    const thread = TurnContext.getConversationReference(context.activity);
    const agent = firstName(context.activity.from?.name);
    const accepted = key
      ? await this.lock.run(key, async () => {
          const record = await this.store.load(key);
          if (!record || record.handoff.state !== 'queued') return null;
          record.handoff = sendHandoff(record.handoff, { type: 'ACCEPT', agentName: agent }).handoff;
          record.staff = thread;
          const pending = record.pending;
          record.pending = [];
          record.deadline = undefined;
          await this.store.save(key, record);
          await this.store.linkStaff(this.staffKey(thread), key);
          await this.store.setDeadline(key, undefined);
          this.disarm(key);
          return { record, pending };
        })
      : null;
    if (!accepted || !key) {
      await context.sendActivity({ type: ActivityTypes.Message, text: this.word('handoff.staff.taken') });
      return;
    }
    const { record, pending } = accepted;
    this.deps.logger.info({ event: 'handoff', state: 'withAgent', channel: record.channel });
    await this.safely('card-update', () =>
      record.card
        ? this.deps.sender.update(
            record.card.thread,
            record.card.activityId,
            statusCard(this.word('handoff.staff.accepted', { agent }), caseRef, [], this.word('handoff.staff.end')),
          )
        : Promise.resolve(),
    );
    const waiting = pending.length
      ? [
          this.word('handoff.staff.waiting-messages'),
          ...pending.flatMap((p) => [
            this.word('handoff.staff.from-person', { text: p.text }),
            ...(p.safeguarding ? [this.word('handoff.staff.safeguarding', { kinds: p.safeguarding })] : []),
          ]),
        ]
      : [];
    await context.sendActivities([this.word('handoff.staff.joined'), ...waiting].map((text) => ({ type: ActivityTypes.Message, text })));
    await this.toPerson(record, key, [this.info('handoff.joined', { agent })]);
  }

  private async fromStaff(context: TurnContext, endPressed: boolean): Promise<void> {
    const a = context.activity;
    const key = await this.store.byStaff(this.staffKey(TurnContext.getConversationReference(a)));
    if (!key) return; // Chatter in the helpline channel that is not a relayed chat: the assistant stays out of it.
    const text = (a.recipient?.id && typeof a.text === 'string' ? TurnContext.removeMentionText(a, a.recipient.id) : (a.text ?? '')).trim();
    if (!text && !endPressed) return;
    if (endPressed || /^end( the)? chat$/i.test(text)) {
      const ended = await this.lock.run(key, async () => {
        const record = await this.store.load(key);
        if (!record || record.handoff.state !== 'withAgent') return null;
        await this.finish(key, record, { type: 'END' }, 'handoff.staff.ended');
        return record;
      });
      if (ended) await this.toPerson(ended, key, [this.info('handoff.ended'), ...(await this.resumeStep(key))]);
      return;
    }
    const record = await this.store.load(key);
    if (!record || record.handoff.state !== 'withAgent') return;
    await this.toPerson(record, key, [this.info('handoff.from-agent', { agent: record.handoff.context.agentName ?? 'Helpline', text })]);
  }

  /** `handoff.status` from a contact-centre connector: accepted, failed or completed. */
  private async statusEvent(a: Activity): Promise<void> {
    const key = conversationKeyOf(this.deps.settings.keySecret, a.channelId ?? 'unknown', a.conversation?.id ?? 'unknown');
    const state = (a.value as { state?: unknown } | undefined)?.state;
    const result = await this.lock.run(key, async () => {
      const record = await this.store.load(key);
      if (!record) return null;
      if (state === 'accepted' && record.handoff.state === 'queued') {
        record.handoff = sendHandoff(record.handoff, { type: 'ACCEPT', agentName: 'Someone' }).handoff;
        record.deadline = undefined;
        await this.store.save(key, record);
        await this.store.setDeadline(key, undefined);
        this.disarm(key);
        return { record, replies: [this.info('handoff.joined', { agent: 'Someone' })] };
      }
      if (state === 'failed' && (record.handoff.state === 'queued' || record.handoff.state === 'queueing')) {
        record.handoff = sendHandoff(record.handoff, { type: 'QUEUE_FAILED' }).handoff;
        await this.store.save(key, record);
        await this.store.setDeadline(key, undefined);
        this.disarm(key);
        return { record, replies: this.prompt(record) };
      }
      if (state === 'completed' && record.handoff.state === 'withAgent') {
        await this.finish(key, record, { type: 'END' }, 'handoff.staff.ended');
        return { record, replies: [this.info('handoff.ended')], resume: true };
      }
      return null;
    });
    this.deps.logger.info({ event: 'handoff-status', state: typeof state === 'string' ? state.slice(0, 20) : 'none', known: Boolean(result) });
    if (result) await this.toPerson(result.record, key, [...result.replies, ...('resume' in result ? await this.resumeStep(key) : [])]);
  }

  // --- No one came ---

  private async timeOut(key: string, record: HandoffRecord): Promise<Reply[]> {
    record.handoff = sendHandoff(record.handoff, { type: 'TIMEOUT' }).handoff;
    record.deadline = undefined;
    record.pending = [];
    await this.store.save(key, record);
    await this.store.setDeadline(key, undefined);
    this.disarm(key);
    this.deps.logger.info({ event: 'handoff', state: 'timeout', channel: record.channel });
    await this.updateCard(record, 'handoff.staff.timed-out');
    return this.prompt(record);
  }

  private async onTimer(key: string): Promise<void> {
    this.timers.delete(key);
    const result = await this.lock.run(key, async () => {
      const record = await this.store.load(key);
      if (!record || record.handoff.state !== 'queued') {
        await this.store.setDeadline(key, undefined);
        return null;
      }
      return { record, replies: await this.timeOut(key, record) };
    });
    if (result) await this.toPerson(result.record, key, result.replies);
  }

  private async postCallback(record: HandoffRecord, when: CallbackTime, now: Date): Promise<boolean> {
    const days = this.deps.settings.callbackRetentionDays;
    const { caseRef, phone } = record.handoff.context;
    const card = statusCard(this.word('handoff.staff.callback-title'), caseRef, [
      `Phone: ${phone ?? ''}`,
      `Best time: ${this.word(`handoff.callback.${when}`)}`,
      `Channel: ${record.channel}. Pathway: ${this.contexts.pathwayTitle(record.where.machine)}.`,
      this.word('handoff.staff.callback-note', { days: String(days) }),
    ]);
    try {
      const [activityId] = await this.deps.sender.send(this.deps.settings.queue, [card]);
      if (!activityId) throw new Error('The helpline channel gave the post no id');
      const posts = await this.store.callbackPosts();
      posts.push({ caseRef, activityId, deleteAfter: new Date(now.getTime() + days * 86_400_000).toISOString() });
      await this.store.setCallbackPosts(posts);
      this.deps.logger.info({ event: 'handoff', state: 'callbackRequested', channel: record.channel });
      return true;
    } catch (err) {
      this.deps.logger.warn({ event: 'handoff-callback-failed', error: (err as Error).name });
      return false;
    }
  }

  /** Deletes call back posts (they hold a phone number) once their retention has passed. */
  async purgeCallbacks(now = this.now()): Promise<number> {
    const posts = await this.store.callbackPosts();
    const due = posts.filter((p) => Date.parse(p.deleteAfter) <= now.getTime());
    const kept = posts.filter((p) => !due.includes(p));
    for (const post of due) {
      const ok = await this.safely('callback-delete', () => this.deps.sender.remove(this.deps.settings.queue, post.activityId));
      if (!ok) kept.push(post);
    }
    if (due.length) await this.store.setCallbackPosts(kept);
    return posts.length - kept.length;
  }

  // --- Timers: waiting handoffs are re-armed at start, so a restart loses none ---

  async start(): Promise<void> {
    for (const [key, deadline] of Object.entries(await this.store.openDeadlines())) this.arm(key, deadline);
    await this.purgeCallbacks().catch((err: Error) => this.deps.logger.warn({ event: 'callback-purge-failed', error: err.name }));
    this.sweeper = setInterval(() => void this.purgeCallbacks().catch(() => undefined), 3_600_000);
    this.sweeper.unref();
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    if (this.sweeper) clearInterval(this.sweeper);
  }

  private arm(key: string, deadline: string): void {
    this.disarm(key);
    const delay = Math.max(0, Date.parse(deadline) - this.now().getTime());
    const timer = setTimeout(
      () => {
        void this.onTimer(key).catch((err: Error) => this.deps.logger.warn({ event: 'handoff-timeout-failed', error: err.name }));
      },
      Math.min(delay, 2 ** 31 - 1),
    );
    timer.unref();
    this.timers.set(key, timer);
  }

  private disarm(key: string): void {
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }

  // --- Helpers ---

  /** Ends the handoff: the machine's final state, tidy storage, tell the helpline channel. */
  private async finish(key: string, record: HandoffRecord, event: HandoffEvent | null, staffMessage?: string): Promise<void> {
    const next = event ? sendHandoff(record.handoff, event).handoff : record.handoff;
    if (!isFinal(next.state)) this.deps.logger.warn({ event: 'handoff-unchanged', state: record.handoff.state });
    this.disarm(key);
    await this.store.setDeadline(key, undefined);
    await this.store.remove(key, record, record.staff ? this.staffKey(record.staff) : undefined);
    await this.transcripts.remove(key);
    this.deps.logger.info({ event: 'handoff', state: next.state, channel: record.channel });
    if (staffMessage) {
      if (record.staff)
        await this.safely('staff-send', () => this.deps.sender.send(record.staff!, [{ type: ActivityTypes.Message, text: this.word(staffMessage) }]));
      await this.updateCard(record, staffMessage);
    }
  }

  private async updateCard(record: HandoffRecord, messageId: string): Promise<void> {
    const card = record.card;
    if (!card) return;
    await this.safely('card-update', () =>
      this.deps.sender.update(card.thread, card.activityId, statusCard(this.word(messageId), record.handoff.context.caseRef, [])),
    );
  }

  private async toStaff(record: HandoffRecord, text: string, safeguarding?: string): Promise<void> {
    const lines = [
      ...(text ? [this.word('handoff.staff.from-person', { text })] : []),
      ...(safeguarding ? [this.word('handoff.staff.safeguarding', { kinds: safeguarding })] : []),
    ];
    if (!record.staff || lines.length === 0) return;
    await this.deps.sender.send(
      record.staff,
      lines.map((l) => ({ type: ActivityTypes.Message, text: l })),
    );
  }

  private async toPerson(record: HandoffRecord, key: string, replies: Reply[]): Promise<void> {
    if (!record.person || replies.length === 0) return;
    const activities = await this.deps.renderers[record.channel](replies, key);
    await this.safely('person-send', () => this.deps.sender.send(record.person!, activities));
  }

  private async safely(what: string, fn: () => Promise<unknown>): Promise<boolean> {
    try {
      await fn();
      return true;
    } catch (err) {
      this.deps.logger.warn({ event: 'handoff-send-failed', what, error: (err as Error).name });
      return false;
    }
  }

  private staffKey(thread: Reference): string {
    return conversationKeyOf(this.deps.settings.keySecret, thread.channelId ?? 'msteams', thread.conversation?.id ?? 'unknown');
  }

  private word(id: string, vars?: Vars): string {
    return this.deps.compose.message(id, 'parent', vars);
  }

  private info(id: string, vars?: Vars): Reply {
    return { kind: 'info', paragraphs: [this.word(id, { days: String(this.deps.settings.callbackRetentionDays), ...vars })] };
  }

  /** The question the handoff is waiting on, with its choices. */
  private prompt(record: HandoffRecord): Reply[] {
    const choices = (ids: string[]) => ids.map((id) => ({ value: this.word(id), label: this.word(id) }));
    const vars = { caseRef: record.handoff.context.caseRef, days: String(this.deps.settings.callbackRetentionDays) };
    switch (record.handoff.state) {
      case 'requested':
        return [
          {
            kind: 'step',
            paragraphs: [],
            prompt: this.word('handoff.consent'),
            choices: choices(['handoff.consent.share', 'handoff.consent.no-share', 'handoff.consent.cancel']),
          },
        ];
      case 'callbackOffered': {
        const id = record.handoff.context.reason === 'out-of-hours' ? 'handoff.callback.closed' : 'handoff.callback.offer';
        return [{ kind: 'step', paragraphs: [], prompt: this.word(id), choices: choices(['handoff.callback.yes', 'handoff.callback.no']) }];
      }
      case 'callbackNumber':
        return [this.info('handoff.callback.number', vars)];
      case 'callbackTime':
        return [{ kind: 'step', paragraphs: [], prompt: this.word('handoff.callback.time'), choices: choices(TIMES.map((t) => `handoff.callback.${t}`)) }];
      case 'queued':
        return [this.info('handoff.queued', vars)];
      default:
        return [];
    }
  }
}
