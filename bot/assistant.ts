/**
 * The assistant core: one turn for one message, the same on every channel. Order matters:
 * 1. the safeguarding check, before anything else;
 * 2. messages that cannot be read (empty, emoji only, files);
 * 3. a return after a long gap;
 * 4. commands that work everywhere (menu, back, help, talk to a person);
 * 5. who is asking and the age, wherever said (introductions.ts);
 * 6. the choices just offered, and dates where a step asks for one (steps.ts);
 * 7. a request for local services (service-requests.ts);
 * 8. glossary questions, then a switch to another pathway;
 * 9. anything else is a question for the content store, read against the topic just discussed (answers.ts).
 */
import type { Storage } from 'botbuilder';
import type { PathwayId } from '../content/schema.js';
import type { ContentStore } from '../content/store.js';
import { startFlow, type FlowView } from '../flows/executor.js';
import { Composer } from './compose.js';
import type { EventLog } from './feedback/events.js';
import { FeedbackDesk } from './feedback/feedback.js';
import { ConversationStore, type ConversationRecord, type Offer } from './conversation.js';
import { OfferBook } from './offers.js';
import type { Assistant, EventLogger, Inbound, Reply } from './reply.js';
import { saysDangerNow, type Layers, type RiskAssessment } from './safeguarding/assess.js';
import { assessRiskRemembered } from './remembered-risk.js';
import { buildCrisisReply, possibleRiskLine } from './safeguarding/crisis-reply.js';
import { CRISIS_DEADLINE_MS, withCrisisDeadline } from './safeguarding/deadline.js';
import { ServiceFinder } from './service-finder.js';
import { ServiceRequests } from './service-requests.js';
import { detectCommand, glossaryQuestion, smallTalk, type Command } from './understanding/commands.js';
import { isExactChoice, matchChoice } from './understanding/choices.js';
import { stageAmong } from './understanding/age.js';
import type { TopicIndex } from './understanding/qa.js';
import { asksSomething, cleanInput, contentWordCount, hasWords, looksLikeQuestion } from './understanding/text.js';
import { questionBesideCrisis } from './understanding/beside-crisis.js';
import type { HandoffService } from './handoff/handoff-service.js';
import { remember, wasSeen } from './seen-activities.js';
import { retryOnConflict } from './turn-retry.js';
import { audienceOf, type Turn } from './turn.js';
import { Introductions } from './introductions.js';
import { FlowSteps } from './steps.js';
import { Answers } from './answers.js';
import { leansBack } from './follow-up.js';

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
  private readonly services: ServiceRequests;
  private readonly feedback: FeedbackDesk;
  private readonly introductions: Introductions;
  private readonly steps: FlowSteps;
  private readonly answers: Answers;
  private readonly now: () => Date;

  constructor(private readonly deps: AssistantDeps) {
    this.compose = new Composer(deps.content);
    this.conversations = new ConversationStore(deps.storage);
    this.offers = new OfferBook(deps.content, this.compose);
    const events = deps.events ?? { record: async () => undefined, readAll: async () => [] };
    this.feedback = new FeedbackDesk({ content: deps.content, compose: this.compose, events, logger: deps.logger });
    this.now = deps.now ?? (() => new Date());
    this.steps = new FlowSteps(deps.content, this.compose, this.offers, deps.logger);
    this.services = new ServiceRequests(new ServiceFinder(deps.content, this.compose), this.compose, this.steps, deps.logger);
    this.answers = new Answers(deps.content, deps.index, this.compose, this.offers, this.steps);
    this.introductions = new Introductions(deps.content, this.offers, this.steps, (turn) => this.answers.search(turn).confident);
  }

  turn(inbound: Inbound): Promise<Reply[]> {
    // A member of the helpline team in Teams: staff mode, which runs its own safeguarding check first.
    const staff = inbound.staff ? this.deps.staff : undefined;
    if (staff) return this.deps.lock.run(inbound.conversationKey, () => staff.turn(inbound));
    // Safeguarding first, on the whole message, before the lock or storage: if storage is down or
    // hangs, the person still gets the numbers, within the deadline.
    const raw = [inbound.text, inbound.value].filter((s): s is string => typeof s === 'string').join(' ');
    const risk = assessRiskRemembered(raw, this.deps.safeguardingLayers);
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
    // Someone joining a conversation already under way (a member added to a Teams chat, a web chat page
    // reopened) sent no message: there is nothing to answer, and the place is kept as it is.
    if (inbound.joined && !isNew) return [];
    const record = loaded.status === 'ok' ? loaded.record : this.freshRecord(now);
    const turn: Turn = { inbound, text: '', now, record, audience: audienceOf(record), replies: [], isNew: loaded.status !== 'ok' };
    if (loaded.status === 'unreadable') turn.replies.push(this.steps.info('restart.updated', turn));

    const flow = this.steps.restore(turn);
    if (loaded.status === 'ok' && wasSeen(record.seen, inbound.activityId, now.getTime())) {
      // Delivered twice: already taken. Show where the person is, and change nothing.
      if (crisis) turn.replies.push(crisis);
      this.steps.showStep(turn, flow, { withTopic: true });
      this.deps.logger.info({ event: 'duplicate-activity', channel: inbound.channel });
      return turn.replies;
    }
    // While handed off to a person the bot is silent: only the safeguarding reply above still goes out.
    const handedOff = await this.duringHandoff(inbound, raw, crisis ? [...new Set<string>([...risk.kinds, ...risk.categories])] : null, now, crisis);
    if (handedOff) {
      if (crisis) turn.replies.push(crisis);
      turn.replies.push(...handedOff.replies);
      if (handedOff.resume) this.steps.showStep(turn, flow, { withTopic: false });
    } else if (crisis) {
      turn.replies.push(crisis);
      // A worry told inside a practical question: the crisis reply first, whole, then the question's answer.
      if (!this.answerBesideCrisis(turn, flow, raw, risk)) this.steps.showStep(turn, flow, { withTopic: false });
    } else {
      const feedback = await this.feedback.handle({ ...turn, text: cleanInput(raw).text });
      if (feedback) {
        turn.replies.push(...feedback.replies);
        if (feedback.showStep) this.steps.showStep(turn, flow, { withTopic: false });
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
      this.steps.showStep(turn, this.steps.restore(turn), { withTopic: false });
      await this.conversations.save(conversationKey, turn.record, loaded.eTag);
      return turn.replies;
    });
  }

  private freshRecord(now: Date): ConversationRecord {
    const { flow } = startFlow('intake', { profile: {} });
    return { schema: 1, profile: {}, dates: {}, flow, offers: [], lastActive: now.toISOString(), awaitingResume: false };
  }

  /** The privacy note for a new conversation: first, unless the first message was a question, whose answer comes first. */
  private welcome(turn: Turn): void {
    const at = turn.replies[0]?.kind === 'answer' ? 1 : 0;
    turn.replies.splice(at, 0, this.steps.info('welcome.privacy', turn));
  }

  /**
   * After the crisis reply, the answer to a question asked in the same message, when the content answers
   * it with confidence. Not for a message that is only the crisis (too short to ask anything else), nor
   * for commands, button presses, a choice or an introduction alone. Worked on a copy of the turn, so a failure
   * here leaves the crisis reply and the step as they would have been, with no apology after them.
   */
  private answerBesideCrisis(turn: Turn, view: FlowView, raw: string, risk: RiskAssessment): boolean {
    try {
      const { text } = cleanInput(raw);
      if (!text || !hasWords(text) || turn.inbound.value !== undefined || detectCommand(text) || smallTalk(text)) return false;
      // Never beside a crisis only the statistical layer saw (goodbyes and notes are often told that way), or
      // danger said outright or urgently: a practical answer there reads as going along with it.
      if (risk.kinds.length === 0 || saysDangerNow(text, risk.kinds)) return false;
      // "Who do I call?" or "is it ok to wait?" asks about the crisis itself, which the crisis reply answers;
      // nor after a question about life after the writer is gone (beside-crisis.ts).
      const asked = questionBesideCrisis(text);
      if (!asked) return false;
      const offers = turn.record.offers.length ? turn.record.offers : this.offers.defaultOffers(view);
      const options = this.offers.options(offers, view);
      if (isExactChoice(text, options) || stageAmong(view.choices, text, options.length + 1)) return false;
      const copy: Turn = { ...turn, text, record: structuredClone(turn.record), replies: [] };
      // "I'm his mum" alone answers the intake step, which waits; "I'm his mum, can he get..." asks too.
      const introduced = this.introductions.read(copy, view);
      if (introduced === 'answered') return false;
      // The question is read on its own: the rest of the message is the worry the crisis reply has met.
      copy.text = asked;
      copy.search = undefined;
      if (!this.answers.confidentAnswer(copy, introduced ?? view)) return false;
      turn.replies.push(this.steps.info('answer.also-asked', copy), ...copy.replies);
      turn.record = copy.record;
      turn.audience = copy.audience;
      // turn.text stays the whole message: the helpline transcript and the feedback record need the disclosure, not the question alone.
      return true;
    } catch (err) {
      this.deps.logger.warn({ event: 'answer-failed-during-crisis', error: (err as Error).name });
      return false;
    }
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
      if (!isNew) turn.replies.push(this.steps.info(turn.inbound.hasAttachments ? 'input.attachment' : 'input.empty', turn));
      return this.steps.showStep(turn, view, { withTopic: isNew });
    }
    if (turn.inbound.hasAttachments) turn.replies.push(this.steps.info('input.attachment', turn));
    if (!hasWords(text)) {
      turn.replies.push(this.steps.info('input.no-words', turn));
      return this.steps.showStep(turn, view, { withTopic: false });
    }
    if (truncated) turn.replies.push(this.steps.info('input.too-long', turn));

    // A new or restarted conversation has been offered nothing yet: the step's own choices apply.
    if (turn.record.offers.length === 0) turn.record.offers = this.offers.defaultOffers(view);

    const command = detectCommand(text);
    if (this.handleResume(turn, view, command)) return;
    if (command) return this.runCommand(turn, view, command);

    // "Hi, I'm a SENCO", "my son is 7, can he get...": who is asking and the age, wherever they are said.
    const introduced = this.introductions.read(turn, view);
    if (introduced === 'answered') return;
    if (introduced) view = introduced;

    if (view.meta.input && this.steps.takeDate(turn, view)) return;

    // "What else", "tell me more" after an answer: the More detail just offered.
    const more = this.offers.moreDetail(turn.record.offers, text);
    if (more) return this.takeOffer(turn, view, more, text);

    const options = this.offers.options(turn.record.offers, view);
    // "hes 7" or "year 9" when asked for the age group. A bare number is a choice while it is on the list.
    const stage = stageAmong(view.choices, text, options.length + 1);
    if (stage) return this.steps.arrive(turn, this.steps.send(turn, { type: `choose.${stage}` }).view);

    const choice = matchChoice(text, options);
    // "Holiday clubs for autistic children": the directory, unless the words picked a choice outright.
    if (!(choice.kind === 'matched' && !choice.weak) && this.services.handle(turn, view)) return;
    // A question that shares one word with a choice ("can I still get help at college?") is a question.
    // At the first question ("who is asking?") a question in a sentence gets its answer straight away, even
    // when it names a choice in passing ("my daughter has been excluded, what can I do?").
    const atIntake = view.machine === 'intake';
    const asking = asksSomething(text) || (atIntake && contentWordCount(text) >= 4) || Boolean(turn.introducedAsking);
    // "Can I appeal?", "how does the assessment work?": plainly a question, even when it shares a word with a pathway.
    const plainlyAsks = looksLikeQuestion(text) && contentWordCount(text) >= 2;
    const opensPathway = choice.kind === 'matched' && this.offers.byKey(turn.record.offers, choice.id)?.kind === 'pathway';
    const asked =
      choice.kind === 'matched' &&
      (choice.weak || ((atIntake || (opensPathway && plainlyAsks)) && !isExactChoice(text, options))) &&
      asking &&
      (this.answers.search(turn).confident || glossaryQuestion(text, this.deps.content.glossary.values()) !== null);
    if (choice.kind === 'matched' && !asked) return this.takeOffer(turn, view, this.offers.byKey(turn.record.offers, choice.id), text);
    // After an answer the step's own choices are not on the list, but naming one still takes it: the place is kept.
    const stepOffers = this.offers.defaultOffers(view);
    const stepChoice = choice.kind === 'none' ? matchChoice(text, this.offers.options(stepOffers, view)) : choice;
    const byName = !/\d/.test(text) && isExactChoice(text, this.offers.options(stepOffers, view));
    if (stepChoice !== choice && stepChoice.kind === 'matched' && byName) return this.takeOffer(turn, view, this.offers.byKey(stepOffers, stepChoice.id), text);

    if (this.steps.dateForNextStep(turn, view) || this.steps.dateForTopic(turn, view)) return;

    const term = glossaryQuestion(text, this.deps.content.glossary.values());
    if (term) return this.answers.term(turn, view, term);

    // "and if that doesnt work" after an answer leans on it: "work" there is not the adulthood pathway.
    const carriesOn = Boolean(turn.record.topic) && leansBack(text);
    const pathway =
      carriesOn || plainlyAsks || ((asksSomething(text) || contentWordCount(text) >= 4) && this.answers.search(turn).confident)
        ? null
        : this.pathwaySwitch(text, view);
    if (pathway) return this.steps.enterPathway(turn, pathway);

    const talk = smallTalk(text);
    if (talk) {
      // "hi", "thanks", "ok": answer in kind and ask the step's question again. Not a question for editors.
      const atWelcome = view.machine === 'intake' && view.state === 'who';
      if (talk === 'thanks' || (talk === 'greeting' && !atWelcome)) turn.replies.push(this.steps.info(`smalltalk.${talk}`, turn));
      return this.steps.showStep(turn, view, { withTopic: false });
    }
    this.answers.question(turn, view, choice.kind === 'ambiguous');
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
        return this.steps.goToMenu(turn);
      case 'back':
        return this.steps.goBack(turn, view);
      case 'help':
        turn.replies.push(this.steps.info('help', turn));
        return this.steps.showStep(turn, view, { withTopic: false });
      case 'person':
        if (this.deps.handoff) {
          turn.handoffRequested = true;
          return;
        }
        turn.replies.push(this.steps.info('person', turn));
        return this.steps.showStep(turn, view, { withTopic: false });
    }
  }

  private takeOffer(turn: Turn, view: FlowView, offer: Offer | undefined, text = ''): void {
    if (!offer) return this.steps.showStep(turn, view, { withTopic: false });
    switch (offer.kind) {
      case 'step': {
        const result = this.steps.send(turn, { type: `choose.${offer.id}` });
        // "I'm his mum, he's 7" answers the next question too.
        const stage = result.view.done ? null : stageAmong(result.view.choices, text);
        if (stage) return this.steps.arrive(turn, this.steps.send(turn, { type: `choose.${stage}` }).view);
        return this.steps.arrive(turn, result.view);
      }
      case 'menu':
        return this.steps.goToMenu(turn);
      case 'topic':
        return this.answers.topic(turn, view, offer.id);
      case 'detail':
        return this.answers.detail(turn, view, offer.id, offer.topic);
      case 'audience':
        turn.record.profile = { ...turn.record.profile, who: offer.id };
        turn.audience = offer.id;
        return this.answers.forAudience(turn, view, offer.topic);
      case 'pathway':
        return this.steps.enterPathway(turn, offer.id, offer.topic);
      case 'resume':
        return offer.id === 'carry-on' ? this.steps.showStep(turn, view, { withTopic: true }) : this.steps.goToMenu(turn);
    }
  }

  /** A menu pathway named plainly in a short message ("appeal", "preparing for adulthood"). */
  private pathwaySwitch(text: string, view: FlowView): PathwayId | null {
    if (text.split(/\s+/).length > 6) return null;
    const options = this.offers.pathwayOptions().filter((o) => o.id !== view.machine);
    const match = matchChoice(text, options);
    return match.kind === 'matched' ? (match.id as PathwayId) : null;
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
