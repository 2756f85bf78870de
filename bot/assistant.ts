/**
 * The assistant core: one turn for one message, the same on every channel. Order matters:
 * 1. the safeguarding check, before anything else;
 * 2. messages that cannot be read (empty, emoji only, files);
 * 3. a return after a long gap;
 * 4. commands that work everywhere (menu, back, help, talk to a person);
 * 5. the choices just offered, and dates where a step asks for one;
 * 6. a request for local services (service-finder.ts);
 * 7. glossary questions, then a switch to another pathway;
 * 8. anything else is a question for the content store.
 */
import type { Storage } from 'botbuilder';
import type { GlossaryTerm, PathwayId } from '../content/schema.js';
import type { ContentStore } from '../content/store.js';
import { FlowRestoreError, sendToFlow, startFlow, startFlowAt, viewFlow, type FlowView } from '../flows/executor.js';
import { isMachineId, type MachineId } from '../flows/registry.js';
import type { FlowEvent } from '../flows/types.js';
import { Composer } from './compose.js';
import type { EventLog } from './feedback/events.js';
import { FeedbackDesk } from './feedback/feedback.js';
import { searchInContext } from './follow-up.js';
import { ConversationStore, type ConversationRecord, type Offer } from './conversation.js';
import { OfferBook } from './offers.js';
import type { Assistant, EventLogger, Inbound, Reply } from './reply.js';
import { assessRisk, type Layers, type RiskAssessment } from './safeguarding/assess.js';
import { buildCrisisReply, possibleRiskLine } from './safeguarding/crisis-reply.js';
import { CRISIS_DEADLINE_MS, withCrisisDeadline } from './safeguarding/deadline.js';
import { ServiceFinder } from './service-finder.js';
import { detectCommand, glossaryQuestion, smallTalk, type Command } from './understanding/commands.js';
import { isExactChoice, matchChoice } from './understanding/choices.js';
import { readDate } from './understanding/dates.js';
import { stageAmong } from './understanding/age.js';
import type { QaResult, TopicIndex } from './understanding/qa.js';
import type { Passage } from './understanding/passages.js';
import { asksSomething, cleanInput, contentWordCount, hasWords } from './understanding/text.js';
import type { HandoffService } from './handoff/handoff-service.js';
import { remember, wasSeen } from './seen-activities.js';
import { retryOnConflict } from './turn-retry.js';
import { audienceOf, type Turn } from './turn.js';
import { Introductions } from './introductions.js';

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
  /** The editors' event log: counts and feedback, no message text. */
  events?: EventLog;
  lock: TurnLock;
  logger: TurnLogger;
  /** After this long away, the person is asked whether to carry on or start again. */
  resumeAfterMs: number;
  now?: () => Date;
  /** Talk to a person (handoff to the helpline team); without it, "talk to a person" gives the number. */
  handoff?: Pick<HandoffService, 'duringHandoff' | 'request' | 'noteTurn'>;
  /** The safeguarding layers to run: both unless a benchmark compares the rules alone. */
  safeguardingLayers?: Layers;
  /** A detected crisis is answered within this long whatever storage does (2 s unless set). */
  crisisDeadlineMs?: number;
  /** Runs of a turn in all when its save loses an eTag race to another instance (default 6). */
  turnAttempts?: number;
  /** Staff mode for the helpline team in Teams (bot/staff/desk.ts). */
  staff?: Assistant;
}

export class LocalOfferAssistant implements Assistant {
  private readonly compose: Composer;
  private readonly conversations: ConversationStore;
  private readonly offers: OfferBook;
  private readonly services: ServiceFinder;
  private readonly feedback: FeedbackDesk;
  private readonly introductions: Introductions;
  private readonly now: () => Date;

  constructor(private readonly deps: AssistantDeps) {
    this.compose = new Composer(deps.content);
    this.conversations = new ConversationStore(deps.storage);
    this.offers = new OfferBook(deps.content, this.compose);
    this.services = new ServiceFinder(deps.content, this.compose);
    const events = deps.events ?? { record: async () => undefined, readAll: async () => [] };
    this.feedback = new FeedbackDesk({ content: deps.content, compose: this.compose, events, logger: deps.logger });
    this.now = deps.now ?? (() => new Date());
    this.introductions = new Introductions(deps.content, this.offers, {
      send: (turn, event) => this.send(turn, event),
      arrive: (turn, view) => this.arrive(turn, view),
      showStep: (turn, view, opts) => this.showStep(turn, view, opts),
      info: (id, turn) => this.info(id, turn),
      confident: (turn) => this.searchFor(turn).confident,
    });
  }

  turn(inbound: Inbound): Promise<Reply[]> {
    // A member of the helpline team in Teams: staff mode, which runs its own safeguarding check first.
    const staff = inbound.staff ? this.deps.staff : undefined;
    if (staff) return this.deps.lock.run(inbound.conversationKey, () => staff.turn(inbound));
    // Safeguarding first, on the whole message, before the lock or storage: if storage is down or
    // hangs, the person still gets the numbers, within the deadline.
    const raw = [inbound.text, inbound.value].filter((s): s is string => typeof s === 'string').join(' ');
    const risk = assessRisk(raw, this.deps.safeguardingLayers);
    const crisis = risk.level === 'crisis' ? this.crisisReply(risk) : null;
    // A save that loses an eTag race to another instance re-runs the turn from the fresh state.
    const run = this.deps.lock.run(inbound.conversationKey, () =>
      retryOnConflict(() => this.runTurn(inbound, raw, risk, crisis), {
        attempts: this.deps.turnAttempts ?? 6,
        onRetry: (attempt) => this.deps.logger.info({ event: 'turn-retry', attempt, channel: inbound.channel }),
      }),
    );
    if (!crisis) return run;
    return withCrisisDeadline(run, crisis, this.deps.crisisDeadlineMs ?? CRISIS_DEADLINE_MS, (event, error) => this.deps.logger.warn({ event, error }));
  }

  private async runTurn(inbound: Inbound, raw: string, risk: RiskAssessment, crisis: Reply | null): Promise<Reply[]> {
    const now = inbound.receivedAt ?? this.now();

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
    const turn: Turn = { inbound, text: '', now, record, audience: audienceOf(record), replies: [], isNew: loaded.status !== 'ok' };
    if (loaded.status === 'unreadable') turn.replies.push(this.info('restart.updated', turn));

    const flow = this.restore(turn);
    if (loaded.status === 'ok' && wasSeen(record.seen, inbound.activityId, now.getTime())) {
      // Delivered twice: already taken. Show where the person is, and change nothing.
      if (crisis) turn.replies.push(crisis);
      this.showStep(turn, flow, { withTopic: true });
      this.deps.logger.info({ event: 'duplicate-activity', channel: inbound.channel });
      return turn.replies;
    }
    // While handed off to a person the bot is silent: only the safeguarding reply above still goes out.
    const handedOff = await this.duringHandoff(inbound, raw, crisis ? [...new Set<string>([...risk.kinds, ...risk.categories])] : null, now, crisis);
    if (handedOff) {
      if (crisis) turn.replies.push(crisis);
      turn.replies.push(...handedOff.replies);
      if (handedOff.resume) this.showStep(turn, flow, { withTopic: false });
    } else if (crisis) {
      turn.replies.push(crisis);
      this.showStep(turn, flow, { withTopic: false });
    } else {
      const feedback = await this.feedback.handle({ ...turn, text: cleanInput(raw).text });
      if (feedback) {
        turn.replies.push(...feedback.replies);
        if (feedback.showStep) this.showStep(turn, flow, { withTopic: false });
      } else this.understand(turn, flow, isNew, raw);
      if (isNew) this.welcome(turn);
      // A real but uncertain signal: one line about 999 before everything else, then the answer, on the same pathway.
      if (risk.level === 'possible') turn.replies.unshift({ kind: 'info', paragraphs: [possibleRiskLine((id) => this.compose.message(id, 'parent'))] });
      if (turn.handoffRequested && this.deps.handoff) turn.replies.push(...(await this.deps.handoff.request({ ...turn, view: flow })));
      await this.recordGapIfAny(turn);
    }
    if (!handedOff) {
      await this.deps.handoff?.noteTurn(inbound.conversationKey, now, turn.text || raw, turn.replies).catch(() => undefined);
      await this.feedback.afterTurn({ ...turn, text: turn.text || cleanInput(raw).text, isNew, crisis: Boolean(crisis), replies: turn.replies });
    }

    turn.record.lastActive = now.toISOString();
    turn.record.seen = remember(turn.record.seen, inbound.activityId, now.getTime());
    try {
      if (loaded.status === 'new') await this.conversations.create(inbound.conversationKey, turn.record);
      else await this.conversations.save(inbound.conversationKey, turn.record, loaded.eTag);
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
      risk: risk.level,
      replies: turn.replies.length,
    });
    return turn.replies;
  }

  /** A handoff in progress answers the turn; a failure there must not cost a crisis reply. */
  private async duringHandoff(inbound: Inbound, raw: string, risk: readonly string[] | null, now: Date, crisis: Reply | null) {
    if (!this.deps.handoff) return null;
    try {
      return await this.deps.handoff.duringHandoff({ inbound, raw, risk, now });
    } catch (err) {
      if (!crisis) throw err;
      this.deps.logger.warn({ event: 'handoff-failed-during-crisis', error: (err as Error).name });
      return null;
    }
  }

  /** The step the person is at, shown again when they come back from the helpline team. */
  currentStep(conversationKey: string): Promise<Reply[]> {
    return this.deps.lock.run(conversationKey, async () => {
      const loaded = await this.conversations.load(conversationKey);
      if (loaded.status !== 'ok') return [];
      const turn: Turn = {
        inbound: { conversationKey, channel: 'test' },
        text: '',
        now: this.now(),
        record: loaded.record,
        audience: audienceOf(loaded.record),
        replies: [],
      };
      this.showStep(turn, this.restore(turn), { withTopic: false });
      await this.conversations.save(conversationKey, turn.record, loaded.eTag);
      return turn.replies;
    });
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

  /** The privacy note for a new conversation: first, unless the first message was a question, whose answer comes first. */
  private welcome(turn: Turn): void {
    const at = turn.replies[0]?.kind === 'answer' ? 1 : 0;
    turn.replies.splice(at, 0, this.info('welcome.privacy', turn));
  }

  private info(messageId: string, turn: Turn): Reply {
    return { kind: 'info', paragraphs: [this.compose.message(messageId, turn.audience)] };
  }

  private crisisReply(risk: RiskAssessment): Reply {
    // Crisis wording is the same for everyone: the numbers matter more than the voice. Never throws.
    return buildCrisisReply((id) => this.compose.message(id, 'parent'), risk.kinds, risk.categories);
  }

  private understand(turn: Turn, start: FlowView, isNew: boolean, raw: string): void {
    let view = start;
    const { text, truncated } = cleanInput(raw);
    turn.text = text;

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

    // "Hi, I'm a SENCO", "my son is 7, can he get...": who is asking and the age, wherever they are said.
    const introduced = this.introductions.read(turn, view);
    if (introduced === 'answered') return;
    if (introduced) view = introduced;

    if (view.meta.input && this.handleDate(turn, view)) return;

    const options = this.offers.options(turn.record.offers, view);
    // "hes 7" or "year 9" when asked for the age group. A bare number is a choice while it is on the list.
    const stage = stageAmong(view.choices, text, options.length + 1);
    if (stage) return this.arrive(turn, this.send(turn, { type: `choose.${stage}` }).view);

    const choice = matchChoice(text, options);
    // "Holiday clubs for autistic children": the directory, unless the words picked a choice outright.
    if (!(choice.kind === 'matched' && !choice.weak) && this.findServices(turn, view)) return;
    // A question that shares one word with a choice ("can I still get help at college?") is a question.
    // At the first question ("who is asking?") a question in a sentence gets its answer straight away, even
    // when it names a choice in passing ("my daughter has been excluded, what can I do?").
    const atIntake = view.machine === 'intake';
    const asking = asksSomething(text) || (atIntake && contentWordCount(text) >= 4);
    const asked =
      choice.kind === 'matched' &&
      (choice.weak || (atIntake && !isExactChoice(text, options))) &&
      asking &&
      (this.searchFor(turn).confident || glossaryQuestion(text, this.deps.content.glossary.values()) !== null);
    if (choice.kind === 'matched' && !asked) return this.takeOffer(turn, view, this.offers.byKey(turn.record.offers, choice.id), text);
    // After an answer the step's own choices are not on the list, but naming one still takes it: the place is kept.
    const stepOffers = this.offers.defaultOffers(view);
    const stepChoice = choice.kind === 'none' ? matchChoice(text, this.offers.options(stepOffers, view)) : choice;
    const byName = !/\d/.test(text) && isExactChoice(text, this.offers.options(stepOffers, view));
    if (stepChoice !== choice && stepChoice.kind === 'matched' && byName) return this.takeOffer(turn, view, this.offers.byKey(stepOffers, stepChoice.id), text);

    if (this.dateForNextStep(turn, view)) return;

    const term = glossaryQuestion(text, this.deps.content.glossary.values());
    if (term) return this.answerTerm(turn, view, term);

    const pathway = (asksSomething(text) || contentWordCount(text) >= 4) && this.searchFor(turn).confident ? null : this.pathwaySwitch(text, view);
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

  /** Answers a request for local services. Returns true when this turn has been answered. */
  private findServices(turn: Turn, view: FlowView): boolean {
    const expecting = view.meta.serviceSearch === true;
    const request = this.services.read(turn.text, expecting);
    if (!request && !expecting) return false;
    if (request?.general) {
      const profile = turn.record.profile;
      if (profile.who && profile.stage) {
        const menu = startFlow('intake', { profile, dates: turn.record.dates });
        turn.record.flow = menu.flow;
        this.arrive(turn, this.send(turn, { type: 'choose.find-service' }).view);
        return true;
      }
      turn.replies.push({ kind: 'info', paragraphs: [this.compose.promptText('intake.find-service', turn.audience)] });
      this.showStep(turn, view, { withTopic: false });
      return true;
    }
    turn.replies.push(request ? this.services.reply(request, turn.record.profile, turn.audience) : this.info('services.none', turn));
    this.deps.logger.info({ event: 'service-search', found: turn.replies[turn.replies.length - 1]?.services?.entries.length ?? 0 });
    this.showStep(turn, view, { withTopic: false, ...(expecting ? {} : { promptId: 'answer.carry-on' }) });
    return true;
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
        if (this.deps.handoff) {
          turn.handoffRequested = true;
          return;
        }
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
      case 'topic': {
        const search = this.searchFor(turn);
        const passages = search.matches[0]?.topic === offer.id ? search.passages : this.deps.index.topicPassages(offer.id, turn.audience);
        return this.giveAnswer(turn, view, offer.id, passages, []);
      }
      case 'detail':
        return this.giveDetail(turn, view, offer.id, offer.topic);
      case 'audience':
        turn.record.profile = { ...turn.record.profile, who: offer.id };
        turn.audience = offer.id;
        return this.giveAnswer(turn, view, offer.topic, this.deps.index.topicPassages(offer.topic, offer.id), []);
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
    if (opts.withTopic && view.meta.topic) turn.record.topic = view.meta.topic;
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
    turn.search ??= searchInContext(this.deps.index, this.deps.content, turn.text, { audience: turn.audience, topic: turn.record.topic });
    return turn.search;
  }

  private answerQuestion(turn: Turn, view: FlowView, ambiguousChoice: boolean): void {
    const result = this.searchFor(turn);
    const top = result.matches[0];
    if (result.confident && top) {
      // Inside a pathway, if one of this step's own choices leads to that topic, go there: the person keeps their path.
      const next = view.machine === 'intake' ? null : this.offers.choiceLeadingTo(turn.record.flow, view, top.topic);
      if (next) {
        const moved = this.send(turn, { type: `choose.${next}` });
        return this.arrive(turn, moved.view);
      }
      // "Or did you mean": the next two topics, when they are close enough to be fair guesses.
      const alternatives = result.matches
        .slice(1)
        .filter((m) => m.score >= top.score * 0.5)
        .slice(0, 2)
        .map((m) => m.topic);
      return this.giveAnswer(turn, view, top.topic, result.passages, alternatives);
    }
    // "hes 12, year 7": said about themselves, not asked. Noted, not a gap in the content.
    if (turn.introduced && !asksSomething(turn.text)) return this.introductions.noted(turn, view);
    turn.gap = { question: turn.text, closest: result.matches.slice(0, 3) };
    const close = result.matches.filter((m) => m.score > 0.3).slice(0, 3);
    if (close.length === 0 && !ambiguousChoice) {
      turn.replies.push(this.info('answer.no-match', turn));
      return this.showStep(turn, view, { withTopic: false });
    }
    turn.replies.push(this.info(ambiguousChoice && close.length === 0 ? 'ambiguous' : 'answer.not-sure', turn));
    this.showStep(turn, view, { withTopic: false, extra: close.map((m) => ({ kind: 'topic' as const, id: m.topic })) });
  }

  /** A short answer from a topic, then what to do next. */
  private giveAnswer(turn: Turn, view: FlowView, topicId: string, passages: Passage[], alternatives: string[], lead: string[] = []): void {
    turn.replies.push(this.compose.answerReply(topicId, passages, turn.audience, { lead }));
    turn.record.topic = topicId;
    // Asked once at most, and only of someone who has not said who they are.
    const askWho = !turn.record.profile.who && !turn.record.askedWho;
    const after = this.offers.afterAnswer(view, turn.audience, { topic: topicId, alternatives, extra: this.pathwayOffer(topicId, view), askWho });
    if (after.offers.some((o) => o.kind === 'audience')) turn.record.askedWho = true;
    turn.replies.push(after.reply);
    turn.record.offers = after.offers;
  }

  /** "What is X": the glossary line, then the key passage of X's topic when it has one. */
  private answerTerm(turn: Turn, view: FlowView, term: GlossaryTerm): void {
    const topic = term.topic && this.deps.content.topics.has(term.topic) ? term.topic : undefined;
    if (!topic) {
      turn.replies.push({ kind: 'answer', title: term.term, paragraphs: [this.compose.fill(term.meaning)] });
      return this.showStep(turn, view, { withTopic: false, promptId: 'glossary.more' });
    }
    const search = this.searchFor(turn);
    const passages = (search.matches[0]?.topic === topic ? search.passages : this.deps.index.topicPassages(topic, turn.audience)).filter(
      (p) => p.kind !== 'glossary',
    );
    this.giveAnswer(turn, view, topic, passages, [], [term.meaning]);
  }

  /** More on the last answer: the rest of its topic, its sources, or next steps. */
  private giveDetail(turn: Turn, view: FlowView, kind: 'more' | 'sources' | 'next', topicId: string): void {
    if (!this.deps.content.topics.has(topicId)) return this.showStep(turn, view, { withTopic: false });
    if (kind === 'more') turn.replies.push(this.compose.topicReply(topicId, turn.audience));
    else if (kind === 'sources') turn.replies.push(this.compose.sourcesReply(topicId, turn.audience));
    else turn.replies.push(this.compose.nextStepsReply(topicId, turn.audience));
    turn.record.topic = topicId;
    const after = this.offers.afterAnswer(view, turn.audience, { topic: topicId, alternatives: [], skip: [kind], extra: this.pathwayOffer(topicId, view) });
    turn.replies.push(after.reply);
    turn.record.offers = after.offers;
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
