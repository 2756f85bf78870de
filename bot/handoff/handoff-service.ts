/**
 * Handoff to a person from the helpline team, with the Bot Framework handoff protocol: a
 * `handoff.initiate` event (EventFactory.createHandoffInitiation) carries the flat context and, when the
 * person agrees, the transcript; `handoff.status` events (accepted, failed, completed) move it on.
 *
 * The helpline queue is a Teams channel: the request is posted there as a card with an Accept button.
 * The member of staff who accepts is relayed to the person both ways, in that card's thread, until
 * either ends it. No one accepts within the wait, the queue cannot be reached, or it is out of hours:
 * the person is offered a call back. The machine is handoff.machine.ts. This file is the person's side
 * and the service the rest of the bot sees; helpline-side.ts takes the helpline channel's activities,
 * handoff-relay.ts carries messages between the two, helpline-queue.ts posts request and call back cards,
 * handoff-lifecycle.ts times out and ends handoffs, and handoff-wording.ts holds the words. The
 * safeguarding check still runs on every message before this (see assistant.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomInt } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import type { ContentStore } from '../../content/store.js';
import type { FlowView } from '../../flows/executor.js';
import type { ActivityRenderer } from '../activity-bot.js';
import type { Composer, Vars } from '../compose.js';
import type { ConversationRecord } from '../conversation.js';
import type { Audience } from '../../content/schema.js';
import type { EventLogger, Inbound, Reply } from '../reply.js';
import { matchChoice, type ChoiceOption } from '../understanding/choices.js';
import { cleanInput, normalise } from '../understanding/text.js';
import { handoffInitiation, HandoffContextBuilder } from './handoff-context.js';
import { sendHandoff, startHandoff, type CallbackTime } from './handoff.machine.js';
import { HandoffLifecycle } from './handoff-lifecycle.js';
import { HandoffRelay } from './handoff-relay.js';
import { HandoffStore, type HandoffRecord, type PersonChannel } from './handoff-store.js';
import { CALLBACK_CHOICES, CONSENT_CHOICES, HandoffWording, TIME_CHOICES } from './handoff-wording.js';
import { HelplineQueue } from './helpline-queue.js';
import type { HelplineHours } from './hours.js';
import { HelplineSide } from './helpline-side.js';
import { ProactiveSender, type Reference } from './proactive.js';
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
const CASE_LETTERS = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

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

export class HandoffService {
  private readonly store: HandoffStore;
  private readonly transcripts: TranscriptStore;
  private readonly contexts: HandoffContextBuilder;
  private readonly words: HandoffWording;
  private readonly relay: HandoffRelay;
  private readonly queue: HelplineQueue;
  private readonly cases: HandoffLifecycle;
  private readonly helpline: HelplineSide;
  private readonly now: () => Date;
  private sweeper?: NodeJS.Timeout;
  /** The step the person is at, from the assistant, for when they come back. Set by the composition root. */
  resumeStep: (conversationKey: string) => Promise<Reply[]> = async () => [];

  constructor(private readonly deps: HandoffDeps) {
    const { sender, renderers, logger, settings } = deps;
    const { queue, keySecret, callbackRetentionDays } = settings;
    const store = (this.store = new HandoffStore(deps.storage));
    const transcripts = (this.transcripts = new TranscriptStore(deps.storage));
    const contexts = (this.contexts = new HandoffContextBuilder(deps.content, deps.compose));
    const words = (this.words = new HandoffWording(deps.compose, callbackRetentionDays));
    const now = (this.now = deps.now ?? (() => new Date()));
    const relay = (this.relay = new HandoffRelay({ sender, renderers, words, logger, keySecret }));
    this.queue = new HelplineQueue({ queue, callbackRetentionDays, sender, store, contexts, words, relay, logger });
    const cases = (this.cases = new HandoffLifecycle({ store, transcripts, relay, words, logger, now }));
    this.helpline = new HelplineSide({ queue, keySecret, store, cases, relay, words, logger, resumeStep: (key) => this.resumeStep(key) });
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
  handles(context: TurnContext): Promise<boolean> {
    return this.helpline.handles(context);
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
    return this.cases.lock.run(key, async () => {
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
    return this.cases.lock.run(key, async (): Promise<HandoffOutcome | null> => {
      const record = await this.store.load(key);
      if (!record) return null;
      const text = cleanInput(turn.raw).text;
      const neverMind = NEVER_MIND.has(normalise(text));
      const state = record.handoff.state;
      const safeguarding = turn.risk?.length ? turn.risk.join(', ') : undefined;

      if (state === 'withAgent') {
        if (neverMind) {
          await this.cases.finish(key, record, { type: 'CANCEL' }, 'handoff.staff.person-left');
          return { replies: [this.info('handoff.ended')], resume: true };
        }
        const passed = await this.relay.safely('staff-send', () => this.relay.toStaff(record, text, safeguarding));
        return { replies: passed ? [] : [this.info('handoff.callback.not-sent')], resume: false };
      }
      if (state === 'queued' || state === 'queueing') {
        if (neverMind) {
          await this.cases.finish(key, record, { type: 'CANCEL' }, 'handoff.staff.cancelled');
          return { replies: [this.info('handoff.cancelled')], resume: true };
        }
        if (record.deadline && Date.parse(record.deadline) <= turn.now.getTime()) {
          return { replies: await this.cases.timeOut(key, record), resume: false };
        }
        if (text && record.pending.length < 10) record.pending.push({ text: text.slice(0, 1000), safeguarding });
        await this.store.save(key, record);
        return { replies: safeguarding ? [] : [this.info('handoff.still-waiting')], resume: false };
      }
      // Answering a question of ours. A crisis message is not an answer: the crisis reply is enough.
      if (safeguarding) return { replies: [], resume: false };
      if (neverMind) {
        await this.cases.finish(key, record, { type: 'CANCEL' });
        return { replies: [this.info('handoff.cancelled')], resume: true };
      }
      const picked = (ids: string[]) => {
        const options: ChoiceOption[] = ids.map((id) => ({ id, label: this.words.word(id), words: [] }));
        const match = matchChoice(turn.raw, options);
        return match.kind === 'matched' ? match.id : null;
      };
      switch (state) {
        case 'requested': {
          const choice = picked(CONSENT_CHOICES);
          if (choice === 'handoff.consent.cancel') {
            await this.cases.finish(key, record, { type: 'CANCEL' });
            return { replies: [this.info('handoff.cancelled')], resume: true };
          }
          if (!choice) return { replies: this.prompt(record), resume: false };
          return { replies: await this.enqueue(key, record, choice === 'handoff.consent.share', turn.now), resume: false };
        }
        case 'callbackOffered': {
          const choice = picked(CALLBACK_CHOICES);
          if (choice === 'handoff.callback.no') {
            await this.cases.finish(key, record, { type: 'CANCEL' });
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
          const choice = picked(TIME_CHOICES);
          if (!choice) return { replies: this.prompt(record), resume: false };
          const when = choice.replace('handoff.callback.', '') as CallbackTime;
          const sent = await this.queue.postCallback(record, when, turn.now);
          await this.cases.finish(key, { ...record, handoff: sendHandoff(record.handoff, { type: 'TIME', when }).handoff }, null);
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
      record.card = await this.queue.postRequest(
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
      this.cases.arm(key, record.deadline);
      this.deps.logger.info({ event: 'handoff', state: 'queued', channel: record.channel, shared: share });
      return [this.info('handoff.queued', { caseRef })];
    } catch (err) {
      this.deps.logger.warn({ event: 'handoff-queue-failed', error: (err as Error).name });
      record.handoff = sendHandoff(record.handoff, { type: 'QUEUE_FAILED' }).handoff;
      await this.store.save(key, record);
      return this.prompt(record);
    }
  }

  // --- Start and stop ---

  /** Re-arms waiting handoffs, so a restart loses none, and sweeps call back posts every hour. */
  async start(): Promise<void> {
    await this.cases.rearm();
    await this.purgeCallbacks().catch((err: Error) => this.deps.logger.warn({ event: 'callback-purge-failed', error: err.name }));
    this.sweeper = setInterval(() => void this.purgeCallbacks().catch(() => undefined), 3_600_000);
    this.sweeper.unref();
  }

  stop(): void {
    this.cases.stop();
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /** Deletes call back posts (they hold a phone number) once their retention has passed. */
  purgeCallbacks(now = this.now()): Promise<number> {
    return this.queue.purgeCallbacks(now);
  }

  private info(id: string, vars?: Vars): Reply {
    return this.words.info(id, vars);
  }

  private prompt(record: HandoffRecord): Reply[] {
    return this.words.prompt(record);
  }
}
