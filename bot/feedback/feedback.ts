/**
 * "Did this help?": the question after an answer, the reasons and comment that follow a "No", and the
 * events the editors' report counts. The assistant calls two methods: handle() before it reads a
 * message (a feedback answer is taken here and goes no further) and afterTurn() once the replies are
 * ready (events are recorded and the question is attached to the answer).
 *
 * Nothing here may cost the person their answer: a failure to record is logged and passed over.
 */
import { createHash } from 'node:crypto';
import type { Audience, Topic } from '../../content/schema.js';
import type { ContentStore } from '../../content/store.js';
import { sendToFlow, viewFlow, type FlowView } from '../../flows/executor.js';
import type { Composer } from '../compose.js';
import type { ConversationRecord } from '../conversation.js';
import type { EventLogger, Inbound, Reply } from '../reply.js';
import { matchChoice, type ChoiceOption } from '../understanding/choices.js';
import { detectCommand } from '../understanding/commands.js';
import { FEEDBACK_REASONS, type EventLog, type FeedbackReason, type TrackedEvent } from './events.js';

export const FEEDBACK_MESSAGE_IDS = [
  'feedback.ask',
  'feedback.yes',
  'feedback.no',
  'feedback.sms-ask',
  'feedback.glad',
  'feedback.reasons',
  'feedback.skip',
  'feedback.comment',
  'feedback.thanks',
  ...FEEDBACK_REASONS.map((r) => `feedback.reason.${r}`),
];

/** What a feedback button sends: "feedback:yes:<topic id>". Typed text never looks like this. */
const BUTTON = /^feedback:(yes|no):([a-z0-9.-]+)$/;

/** Saved with the conversation while a "No" is followed up, or while an SMS question waits for YES or NO. */
export interface FeedbackState {
  stage: 'asked' | 'reason' | 'comment';
  topicId: string;
  contentVersion: string;
  pathway: string;
  step: string;
  reason?: FeedbackReason;
}

/** The pathway steps seen so far, for the funnel and for knowing when a pathway has ended. */
export interface Journey {
  pathway: string;
  steps: string[];
  resolved: boolean;
}

export interface FeedbackRecord {
  feedback?: FeedbackState;
  journey?: Journey;
}

/** Ties feedback to the wording it was about: the topic's check date and a hash of the record. */
/** Topics are loaded once and never changed, so each one's version is worked out once, not on every answer. */
const VERSIONS = new WeakMap<Topic, string>();

export function contentVersion(topic: Topic): string {
  let version = VERSIONS.get(topic);
  if (version === undefined) {
    version = `${topic.lastChecked}#${createHash('sha256').update(JSON.stringify(topic)).digest('hex').slice(0, 8)}`;
    VERSIONS.set(topic, version);
  }
  return version;
}

export interface TurnFacts {
  record: ConversationRecord & FeedbackRecord;
  inbound: Inbound;
  /** The cleaned text of the message. */
  text: string;
  audience: Audience;
  now: Date;
}

export interface Handled {
  replies: Reply[];
  /** Show the current step again after these replies (false while reasons or a comment are asked for). */
  showStep: boolean;
}

const MAX_JOURNEY = 30;

export class FeedbackDesk {
  constructor(private readonly deps: { content: ContentStore; compose: Composer; events: EventLog; logger: Pick<EventLogger, 'warn'> }) {}

  private say(id: string, audience: Audience): string {
    return this.deps.compose.message(id, audience);
  }

  private reasonOptions(audience: Audience): ChoiceOption[] {
    return [
      ...FEEDBACK_REASONS.map((id) => ({ id, label: this.say(`feedback.reason.${id}`, audience), words: [] as string[] })),
      { id: 'skip', label: this.say('feedback.skip', audience), words: ['skip', 'no thanks', 'none'] },
    ];
  }

  private async emit(event: TrackedEvent): Promise<void> {
    try {
      await this.deps.events.record(event);
    } catch (err) {
      this.deps.logger.warn({ event: 'event-record-failed', error: (err as Error).name });
    }
  }

  private place(record: ConversationRecord): { pathway: string; step: string } {
    try {
      const view = viewFlow(record.flow);
      return { pathway: view.machine, step: view.state };
    } catch {
      return { pathway: record.flow.machine, step: 'unknown' };
    }
  }

  private async recordFeedback(t: TurnFacts, state: FeedbackState, helpful: boolean, extra: { reason?: FeedbackReason; comment?: string } = {}) {
    await this.emit({
      type: 'feedback',
      at: t.now.toISOString(),
      channel: t.inbound.channel,
      audience: t.audience,
      pathway: state.pathway,
      step: state.step,
      topicId: state.topicId,
      contentVersion: state.contentVersion,
      helpful,
      ...extra,
    });
  }

  /** A feedback answer, or the next part of one. Returns null when the message is not feedback. */
  async handle(t: TurnFacts): Promise<Handled | null> {
    const state = t.record.feedback;
    const button = BUTTON.exec(t.inbound.value ?? '') ?? BUTTON.exec(t.text);
    if (button) {
      const topic = this.deps.content.topics.get(button[2]!);
      if (!topic) return null;
      const fresh: FeedbackState = {
        stage: 'asked',
        topicId: topic.id,
        contentVersion: state?.topicId === topic.id ? state.contentVersion : contentVersion(topic),
        ...(state?.topicId === topic.id ? { pathway: state.pathway, step: state.step } : this.place(t.record)),
      };
      return this.answered(t, fresh, button[1] === 'yes');
    }
    if (!state) return null;
    // A command always works: the follow-up is dropped, never a trap.
    if (detectCommand(t.text)) {
      t.record.feedback = undefined;
      return null;
    }
    const word = t.text
      .trim()
      .toLowerCase()
      .replace(/[.!]+$/, '');
    if (state.stage === 'asked') {
      // Only SMS asks in words; a YES or NO there answers it. Anything else carries on as normal.
      if (t.inbound.channel === 'sms' && (word === 'yes' || word === 'no')) return this.answered(t, state, word === 'yes');
      t.record.feedback = undefined;
      return null;
    }
    if (state.stage === 'reason') {
      const match = matchChoice(t.text, this.reasonOptions(t.audience));
      if (match.kind !== 'matched') {
        t.record.feedback = undefined;
        return null;
      }
      if (match.id === 'skip') {
        await this.recordFeedback(t, state, false);
        t.record.feedback = undefined;
        return { replies: [this.info('feedback.thanks', t.audience)], showStep: true };
      }
      t.record.feedback = { ...state, stage: 'comment', reason: match.id as FeedbackReason };
      return { replies: [this.info('feedback.comment', t.audience)], showStep: false };
    }
    // stage === 'comment'
    const skipped = ['skip', 'no', 'no thanks', 'nothing', 'none', 'n/a'].includes(word);
    await this.recordFeedback(t, state, false, { reason: state.reason, ...(skipped || !t.text ? {} : { comment: t.text }) });
    t.record.feedback = undefined;
    return { replies: [this.info('feedback.thanks', t.audience)], showStep: true };
  }

  private info(id: string, audience: Audience): Reply {
    return { kind: 'info', paragraphs: [this.say(id, audience)] };
  }

  private async answered(t: TurnFacts, state: FeedbackState, helpful: boolean): Promise<Handled> {
    if (helpful) {
      await this.recordFeedback(t, state, true);
      t.record.feedback = undefined;
      return { replies: [this.info('feedback.glad', t.audience)], showStep: true };
    }
    t.record.feedback = { ...state, stage: 'reason' };
    const choices = this.reasonOptions(t.audience).map((o) => ({ value: o.label, label: o.label }));
    return { replies: [{ kind: 'step', paragraphs: [], prompt: this.say('feedback.reasons', t.audience), choices }], showStep: false };
  }

  /**
   * After the turn: the events for the report, and "Did this help?" on the answer. Web chat and Teams
   * ask after every answer to a question and at the end of a pathway; SMS only at the end of a pathway,
   * and only when it fits in the last text (the renderer checks).
   */
  async afterTurn(t: TurnFacts & { isNew: boolean; crisis: boolean; replies: Reply[] }): Promise<void> {
    const at = t.now.toISOString();
    const base = { at, channel: t.inbound.channel, audience: t.audience };
    if (t.isNew) await this.emit({ type: 'engaged', ...base });
    let view: FlowView;
    try {
      view = viewFlow(t.record.flow);
    } catch {
      return;
    }
    const here = { pathway: view.machine, step: view.state };
    if (!t.crisis && detectCommand(t.text) === 'person') await this.emit({ type: 'handoff', ...base, ...here });

    const ended = await this.trackJourney(t, view, base);
    // After a crisis reply, nothing typed next is taken as a feedback comment.
    if (t.crisis) t.record.feedback = undefined;
    if (t.crisis || t.record.feedback?.stage === 'reason' || t.record.feedback?.stage === 'comment') return;

    const sms = t.inbound.channel === 'sms';
    const target = sms
      ? ended
        ? t.replies.find((r) => r.topicId && r.kind === 'step')
        : undefined
      : (t.replies.find((r) => r.topicId && r.kind === 'answer') ?? (ended ? t.replies.find((r) => r.topicId) : undefined));
    const topic = target?.topicId ? this.deps.content.topics.get(target.topicId) : undefined;
    if (!target || !topic) return;
    target.feedback = {
      topicId: topic.id,
      question: this.say('feedback.ask', t.audience),
      yes: this.say('feedback.yes', t.audience),
      no: this.say('feedback.no', t.audience),
      sms: this.say('feedback.sms-ask', t.audience),
    };
    t.record.feedback = { stage: 'asked', topicId: topic.id, contentVersion: contentVersion(topic), ...here };
  }

  /** Records arrival at a new pathway step; returns true when this step ends the pathway. */
  private async trackJourney(t: TurnFacts, view: FlowView, base: { at: string; channel: string; audience: string }): Promise<boolean> {
    if (view.machine === 'intake' || view.done) {
      t.record.journey = undefined;
      return false;
    }
    const journey = t.record.journey?.pathway === view.machine ? t.record.journey : { pathway: view.machine, steps: [], resolved: false };
    const last = journey.steps[journey.steps.length - 1];
    if (last === view.state) return false;
    await this.emit({ type: 'step', ...base, pathway: view.machine, step: view.state, ...(last ? { from: last } : {}) });
    journey.steps = [...journey.steps, view.state].slice(-MAX_JOURNEY);
    const ended = !journey.resolved && isEndOfPathway(t.record, view, journey.steps);
    if (ended) {
      journey.resolved = true;
      await this.emit({ type: 'resolved', ...base, pathway: view.machine, step: view.state });
    }
    t.record.journey = journey;
    return ended;
  }
}

/** A step ends the pathway when every way on from it leads back to a step already seen or out of the pathway. */
export function isEndOfPathway(record: ConversationRecord, view: FlowView, seen: string[]): boolean {
  if (!view.meta.topic || view.choices.length === 0) return false;
  return view.choices.every((id) => {
    const next = sendToFlow(record.flow, { type: `choose.${id}` });
    return !next.changed || next.view.done || seen.includes(next.view.state);
  });
}
