/**
 * Moving through the pathways on what people type: sending events to the flow, arriving at a step and
 * showing it, handovers between pathways, back and menu, dates typed where a step asks for one, and a
 * polite restart when a stored snapshot is from an older version. Machines are run only through the
 * flow executor; this is the one place the assistant sends them events.
 */
import type { PathwayId } from '../content/schema.js';
import type { ContentStore } from '../content/store.js';
import { FlowRestoreError, mayAskInputNext, mayAskInputNextAt, sendToFlow, startFlow, startFlowAt, viewFlow, type FlowView } from '../flows/executor.js';
import { isMachineId, type MachineId } from '../flows/registry.js';
import type { FlowEvent } from '../flows/types.js';
import type { Composer } from './compose.js';
import type { Offer } from './conversation.js';
import type { OfferBook } from './offers.js';
import type { EventLogger, Reply } from './reply.js';
import { audienceOf, type Turn } from './turn.js';
import { matchChoice } from './understanding/choices.js';
import { glossaryQuestion } from './understanding/commands.js';
import { readDate, type DateReading } from './understanding/dates.js';
import { rememberTopic } from './follow-up.js';

/** A turn's text read as a date, once a turn: up to three steps ask, and chrono-node's parse is the slow part. */
const dateReadings = new WeakMap<Turn, { text: string; reading: DateReading }>();
function dateIn(turn: Turn): DateReading {
  const kept = dateReadings.get(turn);
  if (kept?.text === turn.text) return kept.reading;
  const reading = readDate(turn.text, turn.now);
  dateReadings.set(turn, { text: turn.text, reading });
  return reading;
}

export interface ShowOptions {
  withTopic: boolean;
  extra?: Offer[];
  promptId?: string;
}

export class FlowSteps {
  constructor(
    private readonly content: ContentStore,
    private readonly compose: Composer,
    private readonly offers: OfferBook,
    private readonly logger: Pick<EventLogger, 'info' | 'warn'>,
  ) {}

  info(messageId: string, turn: Turn): Reply {
    return { kind: 'info', paragraphs: [this.compose.message(messageId, turn.audience)] };
  }

  /** The current step, restarting the pathway politely if its stored snapshot is from an older version. */
  restore(turn: Turn): FlowView {
    try {
      return viewFlow(turn.record.flow);
    } catch (err) {
      if (!(err instanceof FlowRestoreError)) throw err;
      this.logger.warn({ event: 'flow-restart', machine: err.machine, reason: err.reason });
      const machine: MachineId = isMachineId(err.machine) ? err.machine : 'intake';
      const started = startFlow(machine, { profile: turn.record.profile, dates: turn.record.dates });
      turn.record.flow = started.flow;
      turn.record.offers = [];
      turn.replies.push(this.info('restart.updated', turn));
      return started.view;
    }
  }

  send(turn: Turn, event: FlowEvent): { view: FlowView; changed: boolean } {
    const result = sendToFlow(turn.record.flow, event);
    turn.record.flow = result.flow;
    const to = result.view;
    if (!result.changed) this.logger.warn({ event: 'unchanged', machine: to.machine, state: to.state, type: event.type });
    else this.logger.info({ event: 'transition', machine: to.machine, to: to.state, type: event.type });
    return result;
  }

  /** Arriving at a state: keep profile and dates in step, follow a handover, then show the step. */
  arrive(turn: Turn, view: FlowView): void {
    turn.record.profile = { ...turn.record.profile, ...view.context.profile };
    turn.record.dates = { ...turn.record.dates, ...view.context.dates };
    turn.audience = audienceOf(turn.record);
    const handover = view.done ? view.meta.handover : undefined;
    if (handover && handover !== 'menu') return this.enterPathway(turn, handover, undefined, view.machine !== 'intake');
    if (handover === 'menu') return this.goToMenu(turn);
    this.showStep(turn, view, { withTopic: true });
  }

  enterPathway(turn: Turn, pathway: PathwayId, topic?: string, announce = true): void {
    const input = { profile: turn.record.profile, dates: turn.record.dates };
    const started = (topic && startFlowAt(pathway, topic, input)) || startFlow(pathway, input);
    turn.record.flow = started.flow;
    if (announce && !topic) turn.replies.push(this.info(`handover.${pathway}`, turn));
    this.showStep(turn, started.view, { withTopic: true });
  }

  goToMenu(turn: Turn): void {
    const started = startFlow('intake', { profile: turn.record.profile, dates: turn.record.dates });
    turn.record.flow = started.flow;
    this.showStep(turn, started.view, { withTopic: false });
  }

  goBack(turn: Turn, view: FlowView): void {
    const result = this.send(turn, { type: 'BACK' });
    if (result.changed) return this.showStep(turn, result.view, { withTopic: true });
    // At the start of a pathway, back means the menu.
    if (view.machine !== 'intake') return this.goToMenu(turn);
    this.showStep(turn, view, { withTopic: false });
  }

  showStep(turn: Turn, view: FlowView, opts: ShowOptions): void {
    // The greeting is said once: later, the first question is asked without it.
    const again = !turn.isNew && view.machine === 'intake' && view.state === 'who' ? this.compose.message('intake.ask-again', turn.audience) : undefined;
    const { replies, offers } = this.offers.step(view, turn.audience, {
      withTopic: opts.withTopic,
      extra: opts.extra ?? [],
      promptMessage: opts.promptId,
      promptText: again,
    });
    turn.replies.push(...replies);
    turn.record.offers = offers;
    if (opts.withTopic && view.meta.topic) {
      rememberTopic(turn.record, view.meta.topic);
      turn.record.said = undefined;
    }
  }

  /** A date where the step asks for one. Returns true when this turn has been answered. */
  takeDate(turn: Turn, view: FlowView): boolean {
    const field = view.meta.input!.field;
    const reading = dateIn(turn);
    if (reading.ok) {
      const result = this.send(turn, { type: 'DATE', field, date: reading.iso });
      turn.record.dates = { ...turn.record.dates, [field]: reading.iso };
      this.arrive(turn, result.view);
      return true;
    }
    // Not a date: a choice or a question still works here; only plain failures get the date hint.
    if (matchChoice(turn.text, this.offers.options(turn.record.offers, view)).kind === 'matched') return false;
    if (glossaryQuestion(turn.text, this.content.glossary.values())) return false;
    turn.replies.push(this.info(reading.reason === 'too-far' ? 'date.too-far' : 'date.not-understood', turn));
    this.showStep(turn, view, { withTopic: false });
    return true;
  }

  /**
   * A date typed where the next step would ask for one ("12 October", with "Work out my deadline" on
   * offer): take that step and use the date, rather than make the person pick the choice first.
   */
  dateForNextStep(turn: Turn, view: FlowView): boolean {
    // The message is read as a date only where a choice here can lead to a step that asks for one.
    if (view.done || !mayAskInputNext(view) || !dateIn(turn).ok) return false;
    for (const id of view.choices) {
      const peek = sendToFlow(turn.record.flow, { type: `choose.${id}` });
      if (peek.changed && peek.view.meta.input) {
        const moved = this.send(turn, { type: `choose.${id}` });
        return this.takeDate(turn, moved.view);
      }
    }
    return false;
  }

  /**
   * A date typed after an answer that offers to work dates out ("Tell me the letter date and I can work
   * out your deadline"): go to that topic's step in its pathway and take the date there.
   */
  dateForTopic(turn: Turn, view: FlowView): boolean {
    const topicId = turn.record.topic;
    if (!topicId || view.meta.topic === topicId) return false;
    const pathway = this.content.topics.get(topicId)?.pathway;
    if (!pathway || !mayAskInputNextAt(pathway, topicId) || !dateIn(turn).ok) return false;
    const started = pathway ? startFlowAt(pathway, topicId, { profile: turn.record.profile, dates: turn.record.dates }) : null;
    if (!started) return false;
    const before = turn.record.flow;
    turn.record.flow = started.flow;
    if (this.dateForNextStep(turn, started.view)) return true;
    turn.record.flow = before;
    return false;
  }
}
