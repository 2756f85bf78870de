/**
 * Turns content records into neutral replies: picks the wording for the audience, fills in council and
 * conversation placeholders, and attaches sources. The only place that reads words out of the store.
 */
import type { Audience, Topic } from '../content/schema.js';
import type { ContentStore } from '../content/store.js';
import { deadlinesFor } from '../flows/deadlines.js';
import type { FlowView } from '../flows/executor.js';
import type { Fact, Reply, SourceNote } from './reply.js';
import { answerUnits, joinUnits, pickSentences } from './understanding/answer-sentences.js';
import type { Passage } from './understanding/passages.js';
import { clearlyAnswered, pickRanked, type RankedSentence } from './understanding/sentence-rank.js';
import { LEARNT_BUDGETS } from './understanding/sentence-weights.js';

/** The answer itself: with its title, the privacy line and the choices, a web chat reply stays under about 600 characters, and on SMS it fits one text. */
export const ANSWER_BUDGET = LEARNT_BUDGETS.short;

/**
 * The answer when no one sentence clearly answers the question (sentence-rank.ts): more of the topic, so
 * the fact is more likely there. Few questions get it, so the median reply stays short; on SMS the first
 * text still carries the best sentences, and the rest follows.
 */
export const LONG_ANSWER_BUDGET = LEARNT_BUDGETS.long;

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-04-14" -> "Tuesday 14 April 2026". */
export function formatDate(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "2026-11-22" -> "22 November 2026". */
export function formatShortDate(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

export class MissingContentError extends Error {
  constructor(kind: string, id: string) {
    super(`Missing ${kind} "${id}" in the content store`);
  }
}

export type Vars = Record<string, string>;

export class Composer {
  constructor(readonly content: ContentStore) {}

  /** Fills {council.x.y} from the council profile and {name} from vars. Unknown placeholders stay visible. */
  fill(template: string, vars: Vars = {}): string {
    return template.replace(/\{([a-zA-Z0-9_.-]+)\}/g, (whole, path: string) => {
      if (path.startsWith('council.')) {
        const value = path
          .slice('council.'.length)
          .split('.')
          .reduce<unknown>((obj, key) => (obj && typeof obj === 'object' ? (obj as Record<string, unknown>)[key] : undefined), this.content.council);
        return typeof value === 'string' || typeof value === 'number' ? String(value) : whole;
      }
      return vars[path] ?? whole;
    });
  }

  message(id: string, audience: Audience, vars?: Vars): string {
    const record = this.content.messages.get(id);
    if (!record) throw new MissingContentError('message', id);
    return this.fill(record.variants[audience]?.text ?? record.text, vars);
  }

  hasMessage(id: string): boolean {
    return this.content.messages.has(id);
  }

  topic(id: string): Topic {
    const topic = this.content.topics.get(id);
    if (!topic) throw new MissingContentError('topic', id);
    return topic;
  }

  source(topic: Topic): SourceNote {
    return { citation: topic.sources.map((s) => s.ref).join('; '), lastChecked: formatShortDate(topic.lastChecked) };
  }

  /** A topic as a reply: the short answer first, the rest where the channel has room. */
  topicReply(id: string, audience: Audience, kind: Reply['kind'] = 'answer'): Reply {
    const topic = this.topic(id);
    const wording = topic.variants[audience] ?? {};
    const body = wording.body ?? topic.body;
    const steps = wording.nextSteps ?? topic.nextSteps;
    const more = [
      ...body
        .split(/\n\s*\n/)
        .map((p) => this.fill(p.trim()))
        .filter(Boolean),
      ...(steps.length ? ['What you can do next:', ...steps.map((s) => `- ${this.fill(s)}`)] : []),
    ];
    return {
      kind,
      title: topic.title,
      topicId: topic.id,
      paragraphs: [this.fill(wording.summary ?? topic.summary)],
      more,
      source: this.source(topic),
    };
  }

  /**
   * A short answer: the passage that answers the question first, then the next best passages of the same
   * topic while they fit in `budget` characters. The rest of the topic is kept as detail, for "More
   * detail" (or MORE on SMS). `lead` goes first, e.g. a glossary line for "what is X". `several`: the
   * question asks several things (asksSeveral in question-type.ts), so the answer gets the longer room.
   */
  answerReply(
    topicId: string,
    ranked: Passage[],
    audience: Audience,
    opts: { lead?: string[]; budget?: number; sentences?: RankedSentence[]; several?: boolean } = {},
  ): Reply {
    const topic = this.topic(topicId);
    const budget = opts.budget ?? (opts.sentences?.length && (opts.several || !clearlyAnswered(opts.sentences)) ? LONG_ANSWER_BUDGET : ANSWER_BUDGET);
    const lead = (opts.lead ?? []).map((p) => this.fill(p));
    const texts = ranked.map((p) => this.fill(p.text)).filter((t) => !lead.includes(t));
    const leadFromNext = Boolean(ranked[0] && ranked[1] && ranked[0].id.startsWith(`${ranked[1].id}#`));
    // Sentence by sentence when the search scored them (sentence-rank.ts), else passage by passage.
    const sentences = (opts.sentences ?? []).map((s) => ({ ...s, text: this.fill(s.text) })).filter((s) => !lead.includes(s.text));
    const paragraphs = [...lead, ...(sentences.length ? pickRanked(sentences, budget, lead) : pickSentences(texts, budget, lead, { leadFromNext }).paragraphs)];
    if (paragraphs.length === 0) paragraphs.push(this.fill((topic.variants[audience] ?? {}).summary ?? topic.summary));
    const full = this.topicReply(topicId, audience);
    // The rest of the topic, less the sentences the answer already gave: MORE goes on rather than repeats.
    const said = new Set(paragraphs.flatMap(answerUnits));
    const detail = [...full.paragraphs, ...(full.more ?? [])]
      .map((p) => (said.has(p) ? '' : answerUnits(p).some((u) => said.has(u)) ? joinUnits(answerUnits(p).filter((u) => !said.has(u))) : p))
      .filter((p) => p && !paragraphs.includes(p));
    return { kind: 'answer', title: topic.title, topicId, paragraphs, detail };
  }

  /** Where an answer comes from: each source, with its link where it has one, and when it was checked. */
  sourcesReply(topicId: string, audience: Audience): Reply {
    const topic = this.topic(topicId);
    return {
      kind: 'answer',
      title: topic.title,
      topicId,
      paragraphs: [this.message('answer.sources-intro', audience), ...topic.sources.map((s) => `- ${s.ref}`)],
      links: topic.sources.filter((s) => s.url).map((s) => ({ title: s.ref, url: s.url! })),
      source: this.source(topic),
    };
  }

  /** What to do next after an answer, in the asker's wording. */
  nextStepsReply(topicId: string, audience: Audience): Reply {
    const topic = this.topic(topicId);
    const steps = topic.variants[audience]?.nextSteps ?? topic.nextSteps;
    return {
      kind: 'answer',
      title: topic.title,
      topicId,
      paragraphs: [this.message('answer.next-steps-intro', audience), ...steps.map((s) => `- ${this.fill(s)}`)],
    };
  }

  choiceLabel(promptId: string, choiceId: string): string {
    const label = this.content.prompts.get(promptId)?.choices[choiceId]?.label;
    if (!label) throw new MissingContentError('choice', `${promptId}/${choiceId}`);
    return this.fill(label);
  }

  promptText(promptId: string, audience: Audience): string {
    const prompt = this.content.prompts.get(promptId);
    if (!prompt) throw new MissingContentError('prompt', promptId);
    return this.fill(prompt.variants[audience]?.text ?? prompt.text);
  }

  /** Deadlines worked out for this step, as facts and a one-line summary. */
  deadlineReply(view: FlowView, audience: Audience): Reply | null {
    if (!view.meta.facts) return null;
    const deadlines = deadlinesFor(view.meta.facts, view.context);
    if (deadlines.length === 0) return null;
    const facts: Fact[] = deadlines.map((d) => ({ label: this.message(`facts.${d.key}`, audience), value: formatDate(d.date) }));
    const byKey = Object.fromEntries(deadlines.map((d) => [d.key, formatDate(d.date)]));
    const dates = view.context.dates;
    const paragraphs: string[] = [];
    if (view.meta.facts === 'ehc-deadlines' && dates.requestDate) {
      paragraphs.push(
        this.message('deadlines.ehc-summary', audience, { requestDate: formatDate(dates.requestDate), decideToAssess: byKey['ehc.decide-to-assess'] ?? '' }),
      );
      paragraphs.push(this.message('deadlines.ehc-note', audience));
    }
    if (view.meta.facts === 'appeal-deadline' && dates.decisionDate) {
      const deadline = byKey['appeal.deadline'] ?? byKey['appeal.from-decision'] ?? '';
      paragraphs.push(this.message('deadlines.appeal-summary', audience, { decisionDate: formatDate(dates.decisionDate), deadline }));
      const note =
        view.context.certificate === 'not-needed'
          ? 'deadlines.appeal-school-only'
          : dates.certificateDate
            ? 'deadlines.appeal-with-certificate'
            : 'deadlines.appeal-no-certificate';
      paragraphs.push(this.message(note, audience));
    }
    const sourceTopic = view.meta.facts === 'ehc-deadlines' ? 'ehc-timeline' : 'tribunal-deadline';
    const topic = this.content.topics.get(sourceTopic);
    return { kind: 'step', paragraphs, facts, ...(topic ? { source: this.source(topic) } : {}) };
  }
}
