/**
 * What the person is offered at the end of each turn, and how their next message is matched against it.
 * The list is stored with the conversation, so "2" always means the second thing they were shown.
 */
import type { Audience, PathwayId } from '../content/schema.js';
import type { ContentStore } from '../content/store.js';
import { sendToFlow, type FlowView, type PersistedFlow } from '../flows/executor.js';
import { PATHWAY_IDS } from '../flows/registry.js';
import type { Composer } from './compose.js';
import type { Offer } from './conversation.js';
import type { Choice, Reply } from './reply.js';
import type { ChoiceOption } from './understanding/choices.js';
import { normalise } from './understanding/text.js';

const MENU_PROMPT = 'intake.menu';
const WHO_PROMPT = 'intake.who';

const DETAIL_LABELS = { more: 'answer.more-detail', sources: 'answer.sources', next: 'answer.next-steps' } as const;
/** What people type for each kind of detail; SMS users type MORE. */
const DETAIL_WORDS: Record<keyof typeof DETAIL_LABELS, string[]> = {
  more: ['more', 'more detail', 'more details', 'tell me more', 'more info', 'more information', 'full answer', 'detail', 'details'],
  sources: ['sources', 'source', 'where is that from', 'where does it say', 'the law'],
  next: ['next steps', 'next step', 'what next', 'what now', 'next'],
};

/**
 * "What else", "more please", "tell me more": more of the last answer, without saying about what. Read on
 * the whole message, so "what else can they do about his reading" stays a question.
 */
const ASKS_FOR_MORE =
  /^(?:(?:and|so|ok|okay|right|thanks|thank you)\s+)?(?:what else|tell me more|more please|any more|anything more|go on|more)(?:\s+(?:please|about (?:it|that|this)|on (?:it|that|this)|is there|can you tell me))?$/;

export class OfferBook {
  constructor(
    private readonly content: ContentStore,
    private readonly compose: Composer,
  ) {}

  private label(offer: Offer, view: FlowView, audience: Audience): string {
    switch (offer.kind) {
      case 'step':
        return this.compose.choiceLabel(view.meta.prompt, offer.id);
      case 'menu':
        return this.compose.message('choice.menu', audience);
      case 'topic':
        return this.compose.topic(offer.id).title;
      case 'pathway':
        return this.compose.choiceLabel(MENU_PROMPT, offer.id);
      case 'resume':
        return this.compose.message(`resume.${offer.id}`, audience);
      case 'detail':
        return this.compose.message(DETAIL_LABELS[offer.id], audience);
      case 'audience':
        return this.compose.choiceLabel(WHO_PROMPT, offer.id);
    }
  }

  private words(offer: Offer, view: FlowView): string[] {
    switch (offer.kind) {
      case 'step':
        return this.content.prompts.get(view.meta.prompt)?.choices[offer.id]?.words ?? [];
      case 'menu':
        return ['menu', 'main menu'];
      case 'topic':
        return [];
      case 'pathway':
        return ['step by step', 'go through', ...(this.content.prompts.get(MENU_PROMPT)?.choices[offer.id]?.words ?? [])];
      case 'resume':
        return offer.id === 'carry-on' ? ['carry on', 'continue', 'yes', 'where i left off', 'go on'] : ['start again', 'restart', 'new', 'no'];
      case 'detail':
        return DETAIL_WORDS[offer.id];
      case 'audience':
        return this.content.prompts.get(WHO_PROMPT)?.choices[offer.id]?.words ?? [];
    }
  }

  /** The stored offers as options for the choice matcher; each option's id is its position. */
  options(offers: Offer[], view: FlowView): ChoiceOption[] {
    return offers
      .map((offer, i) => {
        try {
          return { id: String(i), label: this.label(offer, view, 'parent'), words: this.words(offer, view) };
        } catch {
          // An offer left from an older version of the content: it can no longer be picked.
          return { id: String(i), label: '', words: [] };
        }
      })
      .filter((o) => o.label);
  }

  /** The "More detail" offer just made, when the message asks for more of the last answer and says no more than that. */
  moreDetail(offers: Offer[], text: string): Offer | undefined {
    if (!ASKS_FOR_MORE.test(normalise(text))) return undefined;
    return offers.find((o) => o.kind === 'detail' && o.id === 'more');
  }

  byKey(offers: Offer[], key: string): Offer | undefined {
    return offers[Number(key)];
  }

  /** The four pathways, as options for switching by name. */
  pathwayOptions(): ChoiceOption[] {
    const menu = this.content.prompts.get(MENU_PROMPT);
    return PATHWAY_IDS.flatMap((id) => {
      const copy = menu?.choices[id];
      return copy ? [{ id, label: copy.label, words: copy.words }] : [];
    });
  }

  promptReply(offers: Offer[], text: string, view: FlowView, audience: Audience, lead: string[] = []): Reply {
    const choices: Choice[] = offers.map((offer) => {
      const label = this.label(offer, view, audience);
      return { value: label, label };
    });
    return { kind: 'step', paragraphs: lead, prompt: text, choices };
  }

  /** What a step offers by itself: its choices, then the main menu inside a pathway. */
  defaultOffers(view: FlowView, extra: Offer[] = []): Offer[] {
    return [...extra, ...view.choices.map((id) => ({ kind: 'step' as const, id })), ...(view.machine === 'intake' ? [] : [{ kind: 'menu' as const }])];
  }

  /** A step's replies: its topic and worked-out dates if wanted, then one question with every choice. */
  step(
    view: FlowView,
    audience: Audience,
    opts: { withTopic: boolean; extra: Offer[]; promptMessage?: string; promptText?: string },
  ): { replies: Reply[]; offers: Offer[] } {
    const replies: Reply[] = [];
    if (opts.withTopic && view.meta.topic) replies.push(this.compose.topicReply(view.meta.topic, audience, 'step'));
    const deadlines = opts.withTopic ? this.compose.deadlineReply(view, audience) : null;
    if (deadlines) replies.push(deadlines);
    // An extra offer and a step choice can lead to the same place under the same name: show it once,
    // as the step's own choice, which carries the words people use for it.
    const stepLabels = new Set(view.choices.map((id) => this.compose.choiceLabel(view.meta.prompt, id).toLowerCase()));
    const offers = this.defaultOffers(
      view,
      opts.extra.filter((offer) => !stepLabels.has(this.label(offer, view, audience).toLowerCase())),
    );
    const lead = opts.promptMessage ? [this.compose.message(opts.promptMessage, audience)] : [];
    replies.push(this.promptReply(offers, opts.promptText ?? this.compose.promptText(view.meta.prompt, audience), view, audience, lead));
    return { replies, offers };
  }

  /**
   * What to offer after an answer: more on it (detail, next steps, sources), the next best topics ("or
   * did you mean"), then back to where the person was. Not the pathway's question again.
   */
  afterAnswer(
    view: FlowView,
    audience: Audience,
    opts: { topic: string; alternatives: string[]; skip?: string[]; extra?: Offer[]; askWho?: boolean },
  ): { reply: Reply; offers: Offer[] } {
    const topic = this.content.topics.get(opts.topic);
    const details: Offer[] = (['more', 'next', 'sources'] as const)
      .filter((id) => !(opts.skip ?? []).includes(id))
      .filter((id) => id !== 'next' || (topic && (topic.variants[audience]?.nextSteps ?? topic.nextSteps).length > 0))
      .map((id) => ({ kind: 'detail', id, topic: opts.topic }));
    const alternatives: Offer[] = opts.alternatives.filter((id) => id !== opts.topic && this.content.topics.has(id)).map((id) => ({ kind: 'topic', id }));
    const back: Offer[] = view.machine === 'intake' ? [{ kind: 'menu' }] : [{ kind: 'resume', id: 'carry-on' }, { kind: 'menu' }];
    // Who is asking changes the answer only where a topic has a young person's own wording.
    const who: Offer[] = opts.askWho && topic?.variants['young-person'] ? [{ kind: 'audience', id: 'young-person', topic: opts.topic }] : [];
    const offers = [...details, ...alternatives, ...who, ...(opts.extra ?? []), ...back];
    const prompt = this.compose.message(alternatives.length ? 'answer.next' : 'answer.anything-else', audience);
    return { reply: this.promptReply(offers, prompt, view, audience), offers };
  }

  /** The choice at this step that leads straight to a topic, if there is one. */
  choiceLeadingTo(flow: PersistedFlow, view: FlowView, topic: string): string | null {
    for (const id of view.choices) {
      const next = sendToFlow(flow, { type: `choose.${id}` });
      if (next.view.meta.topic === topic) return id;
    }
    return null;
  }
}

export type { PathwayId };
