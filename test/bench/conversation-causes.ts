/**
 * Why a conversation turn missed its facts, read from what the person saw (the benchmark talks to the
 * app over HTTP, so it sees replies, not the assistant's workings). Each missed turn gets one cause:
 *
 * - crisis: the safeguarding reply went out instead of an answer;
 * - step: no topic was answered (an intake or pathway question, "thank you", a menu), whether or not
 *   the content holds the facts;
 * - not sure: "I am not sure" or "I do not have an answer";
 * - services: the services directory instead of an answer;
 * - wrong topic: a topic was answered that does not hold the facts, while another topic does;
 * - follow-up, wrong topic: the same, for a message that leans on the last turn ("how long does that take");
 * - fact cut: the topic answered holds the facts, but the reply did not say them;
 * - not in one record: no single topic or glossary line holds every fact.
 */
import { Composer } from '../../bot/compose.js';
import { readsAsFollowUp } from '../../bot/follow-up.js';
import type { ContentStore } from '../../content/store.js';
import { judgeStemmed, type Fact } from './judge.js';
import { topicRecordStems } from './records.js';

export const CAUSES = ['crisis', 'step', 'not sure', 'services', 'wrong topic', 'follow-up, wrong topic', 'fact cut', 'not in one record'] as const;
export type Cause = (typeof CAUSES)[number];

export class CauseReader {
  private readonly composer: Composer;
  private readonly topics: { id: string; title: string; stems: string[] }[];
  private readonly marks: { crisis: string; notSure: string[]; services: string };

  constructor(content: ContentStore) {
    this.composer = new Composer(content);
    this.topics = [...content.topics.values()].map((t) => ({ id: t.id, title: t.title, stems: topicRecordStems(this.composer, t) }));
    // Longer titles first, so "Free transport to school" is not read as a shorter title inside it.
    this.topics.sort((a, b) => b.title.length - a.title.length);
    const start = (id: string) => this.composer.message(id, 'parent').split('.')[0]!;
    this.marks = { crisis: start('crisis.intro'), notSure: [start('answer.not-sure'), start('answer.no-match')], services: start('services.found') };
  }

  /** The topic a reply answered: the first topic title it shows. */
  topicShown(seen: string): string | undefined {
    let best: { id: string; at: number } | undefined;
    for (const t of this.topics) {
      const at = seen.indexOf(t.title);
      if (at >= 0 && (!best || at < best.at)) best = { id: t.id, at };
    }
    return best?.id;
  }

  cause(said: string, seen: string, facts: Fact[], lastTopic: string | undefined): { cause: Cause; topic?: string; holders: string[] } {
    const read = this.read(said, seen, facts, lastTopic);
    return { ...read, holders: this.topics.filter((t) => judgeStemmed(t.stems, facts).pass).map((t) => t.id) };
  }

  private read(said: string, seen: string, facts: Fact[], lastTopic: string | undefined): { cause: Cause; topic?: string } {
    if (seen.includes(this.marks.crisis)) return { cause: 'crisis' };
    if (this.marks.notSure.some((m) => seen.includes(m))) return { cause: 'not sure' };
    if (seen.includes(this.marks.services)) return { cause: 'services' };
    const holders = this.topics.filter((t) => judgeStemmed(t.stems, facts).pass).map((t) => t.id);
    const topic = this.topicShown(seen);
    if (!topic) return { cause: 'step' };
    if (holders.length === 0) return { cause: 'not in one record', topic };
    if (holders.includes(topic)) return { cause: 'fact cut', topic };
    return { cause: lastTopic && readsAsFollowUp(said) ? 'follow-up, wrong topic' : 'wrong topic', topic };
  }
}
