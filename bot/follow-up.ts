/**
 * Reads a follow-up against the topic just discussed. "How long does that take?", "and if they say
 * no?", "who do I complain to" and "do I have to pay" say little on their own: the conversation
 * supplies the rest. A message that reads as a follow-up is searched twice, as typed and with the last
 * topic's name added (the usual query rewriting of conversational search), and the reading in context
 * wins unless the message names a topic of its own ("totally different thing, does he get free
 * transport?"). Only the last topic's id is kept with the conversation, never what was typed.
 */
import type { Audience } from '../content/schema.js';
import type { ContentStore } from '../content/store.js';
import type { QaResult, TopicIndex } from './understanding/qa.js';
import { STOPWORDS, words } from './understanding/text.js';

/** Words that lean on what was just said: "and", "what if", "that", "they", "it". */
const LEANS_BACK =
  /^(and|but|so|also|then|what if|what about|how about|what else|if)\b|\b(that|it|this|they|them|those|these|one|anyway|instead|still|too|else)\b/;

/** A message too short to stand alone ("how long?", "who decides", "do I have to pay"). */
const SHORT = 3;

/** Words that move away from it: "what other options are there", "changing the subject". */
const MOVES_ON =
  /\b(other options|other things|anything else|something else|different thing|changing the subject|change of subject|another question|new question|unrelated)\b/;

export function readsAsFollowUp(text: string): boolean {
  const ws = words(text);
  if (ws.length === 0) return false;
  const said = ws.join(' ');
  if (MOVES_ON.test(said)) return false;
  return LEANS_BACK.test(said) || ws.filter((w) => !STOPWORDS.has(w)).length <= SHORT;
}

/** Words that ask for more without saying about what. */
const GENERIC = new Set(['do', 'does', 'did', 'can', 'could', 'happen', 'happens', 'now', 'next', 'then', 'else', 'get', 'go', 'help', 'options', 'anything']);

function saysNothingNew(text: string): boolean {
  return words(text).every((w) => STOPWORDS.has(w) || GENERIC.has(w));
}

export interface ContextSearch {
  audience: Audience;
  /** The topic last answered or shown. */
  topic?: string;
}

/** Every topic's score: the search scores them all anyway, and a follow-up picks among the neighbours. */
const ALL_TOPICS = 1000;

export function searchInContext(index: TopicIndex, content: ContentStore, text: string, context: ContextSearch): QaResult {
  const all = index.search(text, context, ALL_TOPICS);
  const plain = { ...all, matches: all.matches.slice(0, 5) };
  const topic = context.topic ? content.topics.get(context.topic) : undefined;
  if (!topic || !readsAsFollowUp(text)) return plain;
  // "What can I do?", "what happens now?": nothing of its own to search for, so it is about the last topic.
  if (saysNothingNew(text)) {
    const same = index.search(`${text} ${topic.title}`, context);
    if (same.confident && same.matches[0]?.topic === topic.id) return { ...same, followUp: true };
  }
  const top = plain.matches[0]?.topic;
  if (plain.confident && top) {
    // Already about the topic just discussed, or a topic it leads on to.
    if (top === topic.id || topic.related.includes(top) || content.topics.get(top)?.related.includes(topic.id)) return plain;
    // A topic named outright is a change of subject ("totally different thing, does he get free transport?").
    if ((plain.evidence?.phrase ?? 0) >= 1) return plain;
    // "What if they say no?" moves the story on: to what happens next, not back to what was said.
    if (/^(and |but |so )?(what if|if)\b/.test(words(text).join(' '))) return plain;
  }
  // The topic just discussed and its neighbours; of those, the one the question itself fits best.
  const near = new Set([topic.id, ...topic.related, ...[...content.topics.values()].filter((t) => t.related.includes(topic.id)).map((t) => t.id)]);
  const best = all.matches.find((m) => near.has(m.topic))?.topic ?? topic.id;
  const inContext = index.search(`${text} ${content.topics.get(best)?.title ?? topic.title}`, context);
  if (!inContext.confident) return plain;
  return { ...inContext, followUp: true };
}
