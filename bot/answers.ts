/**
 * Answering typed questions from the content store: the search for a turn (read in the context of the
 * topic just discussed, follow-up.ts), a short answer led by the passage that answers it, "what is X",
 * more detail on request, and "not sure" with the closest topics when nothing fits. Ranking is
 * understanding/qa.ts's; wording is compose.ts's.
 */
import type { GlossaryTerm } from '../content/schema.js';
import type { ContentStore } from '../content/store.js';
import type { FlowView } from '../flows/executor.js';
import { LONG_ANSWER_BUDGET, type Composer } from './compose.js';
import type { Offer } from './conversation.js';
import { searchInContext } from './follow-up.js';
import type { OfferBook } from './offers.js';
import type { FlowSteps } from './steps.js';
import type { Turn } from './turn.js';
import type { Passage } from './understanding/passages.js';
import type { QaResult, TopicIndex } from './understanding/qa.js';
import type { RankedSentence } from './understanding/sentence-rank.js';
import { asksSeveral } from './understanding/question-type.js';
import { asksSomething } from './understanding/text.js';
import { sameSaying, saidKeys, wasSaid, withoutSaid } from './said-before.js';
import type { Reply } from './reply.js';
import { rememberTopic } from './follow-up.js';

/**
 * The answer's room on a channel read at a desk: Teams is where practitioners and helpline staff ask,
 * with a caller waiting or a case open, and a reply there is a card on a wide screen, not a phone's
 * chat bubble. They get the longer room for every answer, so the fact is in the first reply more
 * often. Web chat and SMS keep the short answer (undefined: compose.ts chooses).
 */
export function deskRoom(turn: Pick<Turn, 'inbound'>): number | undefined {
  return turn.inbound.channel === 'teams' ? LONG_ANSWER_BUDGET : undefined;
}

export class Answers {
  constructor(
    private readonly content: ContentStore,
    private readonly index: TopicIndex,
    private readonly compose: Composer,
    private readonly offers: OfferBook,
    private readonly steps: FlowSteps,
  ) {}

  /** The topic search for this turn's text, done at most once a turn. */
  search(turn: Turn): QaResult {
    turn.search ??= searchInContext(this.index, this.content, turn.text, {
      audience: turn.audience,
      topic: turn.record.topic,
      earlier: turn.record.earlier,
    });
    return turn.search;
  }

  question(turn: Turn, view: FlowView, ambiguousChoice: boolean): void {
    const result = this.search(turn);
    const top = result.matches[0];
    if (result.confident && top) {
      // Inside a pathway, if one of this step's own choices leads to that topic, go there: the person keeps their path.
      const next = view.machine === 'intake' ? null : this.offers.choiceLeadingTo(turn.record.flow, view, top.topic);
      if (next) return this.steps.arrive(turn, this.steps.send(turn, { type: `choose.${next}` }).view);
      return this.give(turn, view, top.topic, result.passages, this.alternatives(result), [], result.sentences, { asked: true });
    }
    // "hes 12, year 7": said about themselves, not asked. Noted, not a gap in the content.
    if (turn.introduced && !asksSomething(turn.text)) {
      turn.replies.push(this.steps.info('profile.noted', turn));
      return this.steps.showStep(turn, view, { withTopic: false });
    }
    turn.gap = { question: turn.text, closest: result.matches.slice(0, 3) };
    const close = result.matches.filter((m) => m.score > 0.3).slice(0, 3);
    if (close.length === 0 && !ambiguousChoice) {
      turn.replies.push(this.steps.info('answer.no-match', turn));
      return this.steps.showStep(turn, view, { withTopic: false });
    }
    turn.replies.push(this.steps.info(ambiguousChoice && close.length === 0 ? 'ambiguous' : 'answer.not-sure', turn));
    this.steps.showStep(turn, view, { withTopic: false, extra: close.map((m) => ({ kind: 'topic' as const, id: m.topic })) });
  }

  /**
   * The answer given beside a crisis reply: only a confident one, never a pathway step, "not sure" or the
   * closest topics, since the crisis reply already says what to do next. Returns false when there is none.
   */
  confidentAnswer(turn: Turn, view: FlowView): boolean {
    const result = this.search(turn);
    const top = result.matches[0];
    if (!result.confident || !top) return false;
    this.give(turn, view, top.topic, result.passages, this.alternatives(result), [], result.sentences);
    return true;
  }

  /** "Or did you mean": the next two topics, when they are close enough to be fair guesses. */
  private alternatives(result: QaResult): string[] {
    const top = result.matches[0];
    if (!top) return [];
    return result.matches
      .slice(1)
      .filter((m) => m.score >= top.score * 0.5)
      .slice(0, 2)
      .map((m) => m.topic);
  }

  /** A short answer from a topic, then what to do next. */
  give(
    turn: Turn,
    view: FlowView,
    topicId: string,
    passages: Passage[],
    alternatives: string[],
    lead: string[] = [],
    sentences?: RankedSentence[],
    opts: { asked?: boolean } = {},
  ): void {
    // Only sentences of the topic being answered: a reading in context may have chosen another topic.
    sentences = sentences?.filter((s) => s.passage.topic === topicId);
    const leadShown = lead.map((l) => this.compose.fill(l));
    const keys = (r: Reply) => saidKeys(r.paragraphs.filter((p) => !leadShown.includes(p)));
    const said = turn.record.said;
    const fill = (t: string) => this.compose.fill(t);
    // On Teams, where practitioners and helpline staff read at a desk, the answer always gets the longer room.
    const room = deskRoom(turn);
    let reply = this.compose.answerReply(topicId, passages, turn.audience, { lead, sentences, several: asksSeveral(turn.text), budget: room });
    if (opts.asked && turn.record.topic === topicId && said?.length) {
      // A question on the topic just answered ("can they do that?", "how long does it take"): the person has
      // read the last answer, so this one gets the longer room, and the room beyond the short answer goes to
      // sentences the last answer did not say. One it said stays only where the short answer has it anyway.
      const inShort = saidKeys(reply.paragraphs);
      const fresh = sentences?.filter((s) => !wasSaid(fill(s.text), said) || wasSaid(fill(s.text), inShort));
      reply = this.compose.answerReply(topicId, passages, turn.audience, { lead, sentences: fresh, budget: LONG_ANSWER_BUDGET });
    }
    // The very same reply as last time: go on from what it led with instead of sending it twice.
    if (turn.record.topic === topicId && said && sameSaying(keys(reply), said))
      reply = this.compose.answerReply(topicId, withoutSaid(passages, said, fill), turn.audience, {
        lead,
        sentences: sentences?.filter((s) => saidKeys([fill(s.text)])[0] !== said[0]),
        several: asksSeveral(turn.text),
        budget: room,
      });
    turn.replies.push(reply);
    rememberTopic(turn.record, topicId);
    turn.record.said = keys(reply);
    // Asked once at most, and only of someone who has not said who they are.
    const askWho = !turn.record.profile.who && !turn.record.askedWho;
    const after = this.offers.afterAnswer(view, turn.audience, { topic: topicId, alternatives, extra: this.pathwayOffer(topicId, view), askWho });
    if (after.offers.some((o) => o.kind === 'audience')) turn.record.askedWho = true;
    turn.replies.push(after.reply);
    turn.record.offers = after.offers;
  }

  /** An offered topic, picked by number or name. */
  topic(turn: Turn, view: FlowView, topicId: string): void {
    const search = this.search(turn);
    const own = search.matches[0]?.topic === topicId;
    this.give(turn, view, topicId, own ? search.passages : this.index.topicPassages(topicId, turn.audience), [], [], own ? search.sentences : undefined);
  }

  /** The same answer again in another audience's wording ("I am a young person"). */
  forAudience(turn: Turn, view: FlowView, topicId: string): void {
    this.give(turn, view, topicId, this.index.topicPassages(topicId, turn.audience), []);
  }

  /** "What is X": the glossary line, then the key passage of X's topic when it has one. */
  term(turn: Turn, view: FlowView, term: GlossaryTerm): void {
    const topic = term.topic && this.content.topics.has(term.topic) ? term.topic : undefined;
    if (!topic) {
      turn.replies.push({ kind: 'answer', title: term.term, paragraphs: [this.compose.fill(term.meaning)] });
      return this.steps.showStep(turn, view, { withTopic: false, promptId: 'glossary.more' });
    }
    const search = this.search(turn);
    const own = search.matches[0]?.topic === topic;
    const passages = (own ? search.passages : this.index.topicPassages(topic, turn.audience)).filter((p) => p.kind !== 'glossary');
    const sentences = own ? search.sentences?.filter((s) => s.passage.kind !== 'glossary') : undefined;
    this.give(turn, view, topic, passages, [], [term.meaning], sentences);
  }

  /** More on the last answer: the rest of its topic, its sources, or next steps. */
  detail(turn: Turn, view: FlowView, kind: 'more' | 'sources' | 'next', topicId: string): void {
    if (!this.content.topics.has(topicId)) return this.steps.showStep(turn, view, { withTopic: false });
    if (kind === 'more') turn.replies.push(this.compose.topicReply(topicId, turn.audience));
    else if (kind === 'sources') turn.replies.push(this.compose.sourcesReply(topicId, turn.audience));
    else turn.replies.push(this.compose.nextStepsReply(topicId, turn.audience));
    rememberTopic(turn.record, topicId);
    turn.record.said = undefined;
    const after = this.offers.afterAnswer(view, turn.audience, { topic: topicId, alternatives: [], skip: [kind], extra: this.pathwayOffer(topicId, view) });
    turn.replies.push(after.reply);
    turn.record.offers = after.offers;
  }

  /** Offer to go through a topic's pathway step by step, when it is not the one the person is in. */
  private pathwayOffer(topicId: string, view: FlowView): Offer[] {
    const pathway = this.content.topics.get(topicId)?.pathway;
    return pathway && pathway !== view.machine ? [{ kind: 'pathway', id: pathway, topic: topicId }] : [];
  }
}
