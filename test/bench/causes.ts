/**
 * Why a question was missed, for `npm run bench:understanding -- --causes`: the search is run again in this
 * process with the asker's audience and each miss is put down to one cause, so the biggest can be worked on.
 *
 * - not sure: the search found no topic it was confident of;
 * - safety reply instead: the safeguarding reply came and the answer did not;
 * - other reply: a topic was found but the reply was something else (intake, services, glossary);
 * - wrong topic: the top topic's record does not hold the facts (and whether one of the top 3 does);
 * - not in wording: the top topic holds them, but only in its names or another audience's wording;
 * - cut: the facts are in the wording the asker sees, but the short answer left them out (and whether
 *   twice the room would have carried them, or the sentences were never picked).
 */
import { Composer } from '../../bot/compose.js';
import type { QaResult, TopicIndex } from '../../bot/understanding/qa.js';
import type { Audience } from '../../content/schema.js';
import type { ContentStore } from '../../content/store.js';
import { judge, judgeStemmed, type Fact } from './judge.js';
import { topicRecordStems } from './records.js';

export const CAUSES = [
  'not sure',
  'safety reply instead',
  'other reply',
  'wrong topic, right one in top 3',
  'wrong topic, not in top 3',
  'not in the wording shown',
  'cut, twice the room would carry it',
  'cut, sentences not picked',
] as const;
export type Cause = (typeof CAUSES)[number];

export function audienceOf(a: string): Audience {
  if (a === 'helpline-staff') return 'helpline';
  return (['parent', 'young-person', 'practitioner', 'helpline'] as string[]).includes(a) ? (a as Audience) : 'parent';
}

export class CauseFinder {
  private readonly composer: Composer;
  private readonly records = new Map<string, string[]>();

  constructor(
    content: ContentStore,
    private readonly index: TopicIndex,
  ) {
    this.composer = new Composer(content);
    for (const t of content.topics.values()) this.records.set(t.id, topicRecordStems(this.composer, t));
  }

  /** Whether the top topic of the search with the asker's audience holds every fact, in any of its wordings. */
  topHolds(text: string, audience: string, facts: Fact[]): boolean {
    const top = this.index.search(text, { audience: audienceOf(audience) }, 1).matches[0]?.topic;
    return top !== undefined && judgeStemmed(this.records.get(top) ?? [], facts).pass;
  }

  /** The cause of one miss, from the question, its audience and what the person saw. */
  cause(text: string, audience: string, facts: Fact[], seen: string): Cause {
    const who = audienceOf(audience);
    const r: QaResult = this.index.search(text, { audience: who }, 5);
    const top = r.matches[0]?.topic;
    if (!r.confident || !top) return 'not sure';
    const title = this.composer.topic(top).title;
    if (!seen.includes(title)) return /\bcall 999\b/.test(seen) ? 'safety reply instead' : 'other reply';
    const holds = (id: string) => judgeStemmed(this.records.get(id) ?? [], facts).pass;
    if (!holds(top)) return r.matches.slice(0, 3).some((m) => holds(m.topic)) ? 'wrong topic, right one in top 3' : 'wrong topic, not in top 3';
    const whole = this.composer.topicReply(top, who);
    if (!judge([...whole.paragraphs, ...(whole.more ?? [])].join('\n'), facts).pass) return 'not in the wording shown';
    const wider = this.composer.answerReply(top, r.passages, who, { budget: 840, sentences: r.sentences });
    return judge(wider.paragraphs.join('\n'), facts).pass ? 'cut, twice the room would carry it' : 'cut, sentences not picked';
  }
}
