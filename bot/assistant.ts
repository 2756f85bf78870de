/**
 * The assistant core: one turn for one message, the same on every channel. Order matters:
 * 1. the safeguarding check, before anything else;
 * 2. messages that cannot be read (empty, emoji only, files);
 * 3. a return after a long gap;
 * 4. commands that work everywhere (menu, back, help, talk to a person);
 * 5. the choices just offered, and dates where a step asks for one;
 * 6. glossary questions, then a switch to another pathway;
 * 7. anything else is a question for the content store.
 */
import type { Storage } from 'botbuilder';
import type { Audience, PathwayId } from '../content/schema.js';
import type { ContentStore } from '../content/store.js';
import { FlowRestoreError, sendToFlow, startFlow, startFlowAt, viewFlow, type FlowView } from '../flows/executor.js';
import { isMachineId, type MachineId } from '../flows/registry.js';
import type { FlowEvent } from '../flows/types.js';
import { Composer } from './compose.js';
import { ConversationStore, type ConversationRecord, type Offer } from './conversation.js';
import { OfferBook } from './offers.js';
import type { Assistant, EventLogger, Inbound, Reply } from './reply.js';
import { checkSafeguarding } from './safeguarding/detector.js';
import { crisisMessageIds } from './safeguarding/crisis-reply.js';
import { detectCommand, glossaryQuestion, smallTalk, type Command } from './understanding/commands.js';
import { matchChoice } from './understanding/choices.js';
import { readDate } from './understanding/dates.js';
import { stageAmong } from './understanding/age.js';
import type { QaResult, TopicIndex } from './understanding/qa.js';
import { cleanInput, hasWords, looksLikeQuestion } from './understanding/text.js';

export interface GapRecorder {
  record(entry: { at: string; channel: string; question: string; closest: { topic: string; score: number }[] }): Promise<void>;
}

export interface TurnLock {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** The core only reports events and warnings; errors are the caller's to log. */
export type TurnLogger = Pick<EventLogger, 'info' | 'warn'>;

export interface AssistantDeps {
  content: ContentStore;
  storage: Storage;
  index: TopicIndex;
  gaps: GapRecorder;
  lock: TurnLock;
  logger: TurnLogger;
  /** After this long away, the person is asked whether to carry on or start again. */
  resumeAfterMs: number;
  now?: () => Date;
  /** Staff mode for the helpline team in Teams (bot/staff/desk.ts). */
  staff?: Assistant;
}

/** Everything one turn works on, so helper methods do not pass six arguments around. */
interface Turn {
  inbound: Inbound;
  text: string;
  now: Date;
  record: ConversationRecord;
  audience: Audience;
  replies: Reply[];
  /** The topic search for this turn's text, done at most once. */
  search?: QaResult;
  /** A question we could not answer with confidence, for the editors' gap report. */
  gap?: { question: string; closest: { topic: string; score: number }[] };
}

function audienceOf(record: Pick<ConversationRecord, 'profile'>): Audience {
  return record.profile.who ?? 'parent';
}

export class LocalOfferAssistant implements Assistant {
  private readonly compose: Composer;
  private readonly conversations: ConversationStore;
  private readonly offers: OfferBook;
  private readonly now: () => Date;

  constructor(private readonly deps: AssistantDeps) {
    this.compose = new Composer(deps.content);
    this.conversations = new ConversationStore(deps.storage);
    this.offers = new OfferBook(deps.content, this.compose);
    this.now = deps.now ?? (() => new Date());
  }

  turn(inbound: Inbound): Promise<Reply[]> {
    const staff = inbound.staff ? this.deps.staff : undefined;
    if (staff) return this.deps.lock.run(inbound.conversationKey, () => staff.turn(inbound));
    return this.deps.lock.run(inbound.conversationKey, () => this.runTurn(inbound));
  }

  private async runTurn(inbound: Inbound): Promise<Reply[]> {
    const now = inbound.receivedAt ?? this.now();
    const raw = [inbound.text, inbound.value].filter((s): s is string => typeof s === 'string').join(' ');

    // Safeguarding first, on the whole message, before storage is even read: if storage is down, the
    // person still gets the numbers.
    const risk = raw ? checkSafeguarding(raw) : null;
    const crisis: Reply | null = risk ? this.crisisReply(risk.kinds) : null;

    let loaded: Awaited<ReturnType<ConversationStore['load']>>;
    try {
      loaded = await this.conversations.load(inbound.conversationKey);
    } catch (err) {
      if (!crisis) throw err;
      this.deps.logger.warn({ event: 'storage-failed-during-crisis', error: (err as Error).name });
      return [crisis];
    }
    const isNew = loaded.status !== 'ok';
    const record = loaded.status === 'ok' ? loaded.record : this.freshRecord(now);
    const turn: Turn = { inbound, text: '', now, record, audience: audienceOf(record), replies: [] };
    if (loaded.status === 'unreadable') turn.replies.push(this.info('restart.updated', turn));

    const flow = this.restore(turn);
    if (crisis) {
      turn.replies.push(crisis);
      this.showStep(turn, flow, { withTopic: false });
    } else {
      this.understand(turn, flow, isNew, raw);
      await this.recordGapIfAny(turn);
    }

    turn.record.lastActive = now.toISOString();
    try {
      await this.conversations.save(inbound.conversationKey, turn.record, loaded.status === 'new' ? undefined : loaded.eTag);
    } catch (err) {
      // The crisis numbers matter more than saving the place in the conversation.
      if (!crisis) throw err;
      this.deps.logger.warn({ event: 'storage-failed-during-crisis', error: (err as Error).name });
    }
    this.deps.logger.info({
      event: 'turn',
      channel: inbound.channel,
      machine: turn.record.flow.machine,
      crisis: Boolean(crisis),
      replies: turn.replies.length,
    });
    return turn.replies;
  }

  private freshRecord(now: Date): ConversationRecord {
    const { flow } = startFlow('intake', { profile: {} });
    return { schema: 1, profile: {}, dates: {}, flow, offers: [], lastActive: now.toISOString(), awaitingResume: false };
  }

  /** The current step, restarting the pathway politely if its stored snapshot is from an older version. */
  private restore(turn: Turn): FlowView {
    try {
      return viewFlow(turn.record.flow);
    } catch (err) {
      if (!(err instanceof FlowRestoreError)) throw err;
      this.deps.logger.warn({ event: 'flow-restart', machine: err.machine, reason: err.reason });
      const machine: MachineId = isMachineId(err.machine) ? err.machine : 'intake';
      const started = startFlow(machine, { profile: turn.record.profile, dates: turn.record.dates });
      turn.record.flow = started.flow;
      turn.record.offers = [];
      turn.replies.push(this.info('restart.updated', turn));
      return started.view;
    }
  }

  private info(messageId: string, turn: Turn): Reply {
    return { kind: 'info', paragraphs: [this.compose.message(messageId, turn.audience)] };
  }

  private crisisReply(kinds: Parameters<typeof crisisMessageIds>[0]): Reply {
    // Crisis wording is the same for everyone: the numbers matter more than the voice.
    return { kind: 'crisis', paragraphs: crisisMessageIds(kinds).map((id) => this.compose.message(id, 'parent')) };
  }

  private understand(turn: Turn, view: FlowView, isNew: boolean, raw: string): void {
    const { text, truncated } = cleanInput(raw);
    turn.text = text;

    if (isNew) turn.replies.push(this.info('welcome.privacy', turn));
    if (!text) {
      if (!isNew) turn.replies.push(this.info(turn.inbound.hasAttachments ? 'input.attachment' : 'input.empty', turn));
      return this.showStep(turn, view, { withTopic: isNew });
    }
    if (turn.inbound.hasAttachments) turn.replies.push(this.info('input.attachment', turn));
    if (!hasWords(text)) {
      turn.replies.push(this.info('input.no-words', turn));
      return this.showStep(turn, view, { withTopic: false });
    }
    if (truncated) turn.replies.push(this.info('input.too-long', turn));

    // A new or restarted conversation has been offered nothing yet: the step's own choices apply.
    if (turn.record.offers.length === 0) turn.record.offers = this.offers.defaultOffers(view);

    const command = detectCommand(text);
    if (this.handleResume(turn, view, command)) return;
    if (command) return this.runCommand(turn, view, command);

    if (view.meta.input && this.handleDate(turn, view)) return;

    const options = this.offers.options(turn.record.offers, view);
    // "hes 7" or "year 9" when asked for the age group. A bare number is a choice while it is on the list.
    const stage = stageAmong(view.choices, text, options.length + 1);
    if (stage) return this.arrive(turn, this.send(turn, { type: `choose.${stage}` }).view);

    const choice = matchChoice(text, options);
    // A question that shares one word with a choice ("can I still get help at college?") is a question.
    const asked = choice.kind === 'matched' && choice.weak && looksLikeQuestion(text) && this.searchFor(turn).confident;
    if (choice.kind === 'matched' && !asked) return this.takeOffer(turn, view, this.offers.byKey(turn.record.offers, choice.id), text);

    if (this.dateForNextStep(turn, view)) return;

    const term = glossaryQuestion(text, this.deps.content.glossary.values());
    if (term) {
      turn.replies.push({ kind: 'answer', title: term.term, paragraphs: [this.compose.fill(term.meaning)] });
      const extra: Offer[] = term.topic && this.deps.content.topics.has(term.topic) ? [{ kind: 'topic', id: term.topic }] : [];
      return this.showStep(turn, view, { withTopic: false, extra, promptId: 'glossary.more' });
    }

    const pathway = this.pathwaySwitch(text, view);
    if (pathway) return this.enterPathway(turn, pathway);

    const talk = smallTalk(text);
    if (talk) {
      // "hi", "thanks", "ok": answer in kind and ask the step's question again. Not a question for editors.
      const atWelcome = view.machine === 'intake' && view.state === 'who';
      if (talk === 'thanks' || (talk === 'greeting' && !atWelcome)) turn.replies.push(this.info(`smalltalk.${talk}`, turn));
      return this.showStep(turn, view, { withTopic: false });
    }
    this.answerQuestion(turn, view, choice.kind === 'ambiguous');
  }

  /** After a long gap, ask whether to carry on. Returns true when this turn has been answered. */
  private handleResume(turn: Turn, view: FlowView, command: Command | null): boolean {
    const gap = turn.now.getTime() - Date.parse(turn.record.lastActive);
    const midway = !(view.machine === 'intake' && view.state === 'who');
    if (!turn.record.awaitingResume && gap > this.deps.resumeAfterMs && midway && command === null) {
      turn.record.awaitingResume = true;
      turn.record.offers = [
        { kind: 'resume', id: 'carry-on' },
        { kind: 'resume', id: 'start-again' },
      ];
      turn.replies.push(this.offers.promptReply(turn.record.offers, this.compose.message('resume.prompt', turn.audience), view, turn.audience));
      return true;
    }
    turn.record.awaitingResume = false;
    return false;
  }

  private runCommand(turn: Turn, view: FlowView, command: Command): void {
    switch (command) {
      case 'menu':
        return this.goToMenu(turn);
      case 'back':
        return this.goBack(turn, view);
      case 'help':
        turn.replies.push(this.info('help', turn));
        return this.showStep(turn, view, { withTopic: false });
      case 'person':
        turn.replies.push(this.info('person', turn));
        return this.showStep(turn, view, { withTopic: false });
    }
  }

  private goToMenu(turn: Turn): void {
    const started = startFlow('intake', { profile: turn.record.profile, dates: turn.record.dates });
    turn.record.flow = started.flow;
    this.showStep(turn, started.view, { withTopic: false });
  }

  private goBack(turn: Turn, view: FlowView): void {
    const result = this.send(turn, { type: 'BACK' });
    if (result.changed) return this.showStep(turn, result.view, { withTopic: true });
    // At the start of a pathway, back means the menu.
    if (view.machine !== 'intake') return this.goToMenu(turn);
    this.showStep(turn, view, { withTopic: false });
  }

  private send(turn: Turn, event: FlowEvent): { view: FlowView; changed: boolean } {
    const from = turn.record.flow;
    const result = sendToFlow(from, event);
    turn.record.flow = result.flow;
    const to = result.view;
    if (!result.changed) this.deps.logger.warn({ event: 'unchanged', machine: to.machine, state: to.state, type: event.type });
    else this.deps.logger.info({ event: 'transition', machine: to.machine, to: to.state, type: event.type });
    return result;
  }

  private handleDate(turn: Turn, view: FlowView): boolean {
    const field = view.meta.input!.field;
    const reading = readDate(turn.text, turn.now);
    if (reading.ok) {
      const result = this.send(turn, { type: 'DATE', field, date: reading.iso });
      turn.record.dates = { ...turn.record.dates, [field]: reading.iso };
      this.arrive(turn, result.view);
      return true;
    }
    // Not a date: a choice or a question still works here; only plain failures get the date hint.
    if (matchChoice(turn.text, this.offers.options(turn.record.offers, view)).kind === 'matched') return false;
    if (glossaryQuestion(turn.text, this.deps.content.glossary.values())) return false;
    turn.replies.push(this.info(reading.reason === 'too-far' ? 'date.too-far' : 'date.not-understood', turn));
    this.showStep(turn, view, { withTopic: false });
    return true;
  }

  /**
   * A date typed where the next step would ask for one ("12 October", with "Work out my deadline" on
   * offer): take that step and use the date, rather than make the person pick the choice first.
   */
  private dateForNextStep(turn: Turn, view: FlowView): boolean {
    if (view.done || !readDate(turn.text, turn.now).ok) return false;
    for (const id of view.choices) {
      const peek = sendToFlow(turn.record.flow, { type: `choose.${id}` });
      if (peek.changed && peek.view.meta.input) {
        const moved = this.send(turn, { type: `choose.${id}` });
        return this.handleDate(turn, moved.view);
      }
    }
    return false;
  }

  private takeOffer(turn: Turn, view: FlowView, offer: Offer | undefined, text = ''): void {
    if (!offer) return this.showStep(turn, view, { withTopic: false });
    switch (offer.kind) {
      case 'step': {
        const result = this.send(turn, { type: `choose.${offer.id}` });
        // "I'm his mum, he's 7" answers the next question too.
        const stage = result.view.done ? null : stageAmong(result.view.choices, text);
        if (stage) return this.arrive(turn, this.send(turn, { type: `choose.${stage}` }).view);
        return this.arrive(turn, result.view);
      }
      case 'menu':
        return this.goToMenu(turn);
      case 'topic':
        turn.replies.push(this.compose.topicReply(offer.id, turn.audience));
        return this.showStep(turn, view, { withTopic: false, extra: this.pathwayOffer(offer.id, view) });
      case 'pathway':
        return this.enterPathway(turn, offer.id, offer.topic);
      case 'resume':
        return offer.id === 'carry-on' ? this.showStep(turn, view, { withTopic: true }) : this.goToMenu(turn);
    }
  }

  /** Arriving at a state: keep profile and dates in step, follow a handover, then show the step. */
  private arrive(turn: Turn, view: FlowView): void {
    turn.record.profile = { ...turn.record.profile, ...view.context.profile };
    turn.record.dates = { ...turn.record.dates, ...view.context.dates };
    turn.audience = audienceOf(turn.record);
    const handover = view.done ? view.meta.handover : undefined;
    if (handover && handover !== 'menu') return this.enterPathway(turn, handover, undefined, view.machine !== 'intake');
    if (handover === 'menu') return this.goToMenu(turn);
    this.showStep(turn, view, { withTopic: true });
  }

  private enterPathway(turn: Turn, pathway: PathwayId, topic?: string, announce = true): void {
    const input = { profile: turn.record.profile, dates: turn.record.dates };
    const started = (topic && startFlowAt(pathway, topic, input)) || startFlow(pathway, input);
    turn.record.flow = started.flow;
    if (announce && !topic) turn.replies.push(this.info(`handover.${pathway}`, turn));
    this.showStep(turn, started.view, { withTopic: true });
  }

  private showStep(turn: Turn, view: FlowView, opts: { withTopic: boolean; extra?: Offer[]; promptId?: string }): void {
    const { replies, offers } = this.offers.step(view, turn.audience, { withTopic: opts.withTopic, extra: opts.extra ?? [], promptMessage: opts.promptId });
    turn.replies.push(...replies);
    turn.record.offers = offers;
  }

  /** A menu pathway named plainly in a short message ("appeal", "preparing for adulthood"). */
  private pathwaySwitch(text: string, view: FlowView): PathwayId | null {
    if (text.split(/\s+/).length > 6) return null;
    const options = this.offers.pathwayOptions().filter((o) => o.id !== view.machine);
    const match = matchChoice(text, options);
    return match.kind === 'matched' ? (match.id as PathwayId) : null;
  }

  /** Offer to go through a topic's pathway step by step, when it is not the one the person is in. */
  private pathwayOffer(topicId: string, view: FlowView): Offer[] {
    const pathway = this.deps.content.topics.get(topicId)?.pathway;
    return pathway && pathway !== view.machine ? [{ kind: 'pathway', id: pathway, topic: topicId }] : [];
  }

  private searchFor(turn: Turn): QaResult {
    turn.search ??= this.deps.index.search(turn.text);
    return turn.search;
  }

  private answerQuestion(turn: Turn, view: FlowView, ambiguousChoice: boolean): void {
    const result = this.searchFor(turn);
    const top = result.matches[0];
    if (result.confident && top) {
      // If one of this step's own choices leads to that topic, just go there: the person keeps their path.
      const next = this.offers.choiceLeadingTo(turn.record.flow, view, top.topic);
      if (next) {
        const moved = this.send(turn, { type: `choose.${next}` });
        return this.arrive(turn, moved.view);
      }
      turn.replies.push(this.compose.topicReply(top.topic, turn.audience));
      return this.showStep(turn, view, { withTopic: false, extra: this.pathwayOffer(top.topic, view), promptId: 'answer.carry-on' });
    }
    turn.gap = { question: turn.text, closest: result.matches.slice(0, 3) };
    const close = result.matches.filter((m) => m.score > 0.3).slice(0, 3);
    if (close.length === 0 && !ambiguousChoice) {
      turn.replies.push(this.info('answer.no-match', turn));
      return this.showStep(turn, view, { withTopic: false });
    }
    turn.replies.push(this.info(ambiguousChoice && close.length === 0 ? 'ambiguous' : 'answer.not-sure', turn));
    this.showStep(turn, view, { withTopic: false, extra: close.map((m) => ({ kind: 'topic' as const, id: m.topic })) });
  }

  private async recordGapIfAny(turn: Turn): Promise<void> {
    const gap = turn.gap;
    if (!gap) return;
    try {
      await this.deps.gaps.record({ at: turn.now.toISOString(), channel: turn.inbound.channel, question: gap.question, closest: gap.closest });
    } catch (err) {
      // Losing a note for editors must never cost the person their answer.
      this.deps.logger.warn({ event: 'gap-record-failed', error: (err as Error).name });
    }
  }
}
