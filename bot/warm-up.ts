/**
 * Work that start-up leaves out, done just after it, so the first people to write do not pay for it.
 *
 * - Libraries (content/gaps/redact.ts's name taggers, flows/deadlines.ts's bank holiday rules, the noun
 *   tagger in understanding/nouns.ts) take about a second to load. bot/index.ts calls warmUp() a second after the port opens, so the first turn that
 *   needs them does not wait; a turn that comes sooner loads them itself.
 * - A new process answers its first few hundred questions at about twice the CPU cost of later ones:
 *   V8 has not yet compiled the hot code, and the index's per-word and per-sentence caches are empty.
 *   practiseTurns() runs conversations made from the content's own topic names through a second assistant
 *   that shares the real one's topic index and content but keeps its conversations in memory and records
 *   nothing (no gaps, no events, no logs, no handoff). Then it looks up every word the content uses in the
 *   search indexes (TopicIndex.learnWords), so early questions find their words' scores kept. Every cache
 *   it fills holds what working it out again would give, so no reply changes; it only comes cheaper.
 */
import { MemoryStorage } from 'botbuilder';
import { warmRedaction } from '../content/gaps/redact.js';
import type { ContentStore } from '../content/store.js';
import { warmBankHolidays } from '../flows/deadlines.js';
import { LocalOfferAssistant } from './assistant.js';
import { warmNouns } from './understanding/nouns.js';
import type { TopicIndex } from './understanding/qa.js';

export function warmUp(): void {
  warmRedaction();
  warmBankHolidays();
  warmNouns();
}

/** Content words looked up between two chances for a real turn to go first: a few milliseconds' work. */
const WORDS_AT_A_TIME = 20;

const quiet = { info: () => undefined, warn: () => undefined };

/** Gives way to other work between practice turns, so a real turn never waits behind more than one. */
const giveWay = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A conversation per topic: its title asked as a question (the first message of a new conversation), then
 * its first other name, read as a follow-up. Returns the number of turns taken.
 */
export async function practiseTurns(deps: { content: ContentStore; index: TopicIndex }, options: { pause?: () => Promise<void> } = {}): Promise<number> {
  const pause = options.pause ?? giveWay;
  const practice = new LocalOfferAssistant({
    content: deps.content,
    index: deps.index,
    storage: new MemoryStorage(),
    gaps: { record: async () => undefined },
    lock: { run: (_key, fn) => fn() },
    logger: quiet,
    resumeAfterMs: 6 * 3_600_000,
  });
  let turns = 0;
  let n = 0;
  for (const topic of deps.content.topics.values()) {
    const says = [`what about ${topic.title.toLowerCase()}?`, ...topic.synonyms.slice(0, 1).map((s) => `and ${s}`)];
    for (const text of says) {
      await pause();
      await practice.turn({ conversationKey: `practice-${n}`, channel: n % 2 ? 'sms' : 'webchat', text });
      turns++;
    }
    n++;
  }
  // Then every word the content uses, looked up in the search indexes a few at a time (about half a second
  // of CPU in all), so the first questions that use them find their scores kept.
  const known = deps.index.contentWords();
  for (let i = 0; i < known.length; i += WORDS_AT_A_TIME) {
    await pause();
    deps.index.learnWords(known.slice(i, i + WORDS_AT_A_TIME));
  }
  return turns;
}
