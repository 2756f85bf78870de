/**
 * Reads a follow-up against the topic just discussed. "How long does that take?", "and if they say
 * no?", "who do I complain to" and "do I have to pay" say little on their own: the conversation
 * supplies the rest. A message that reads as a follow-up is searched twice, as typed and with the last
 * topic's name added (the usual query rewriting of conversational search), and the reading in context
 * wins unless the message names a topic of its own ("totally different thing, does he get free
 * transport?"). Only the last topic's id is kept with the conversation, never what was typed.
 */
import type { Audience, Topic } from '../content/schema.js';
import type { ContentStore } from '../content/store.js';
import type { ConversationRecord } from './conversation.js';
import type { QaResult, TopicIndex } from './understanding/qa.js';
import { nounsOf, possibleNouns } from './understanding/nouns.js';
import { STOPWORDS, asksSomething, words } from './understanding/text.js';

/** Words that lean on what was just said: "and", "what if", "that", "they", "it", and "tho" after an objection ("failed my english gcse tho"). */
const LEANS_BACK =
  /^(and|but|so|also|then|what if|what about|how about|what else|if)\b|\b(that|it|this|they|them|those|these|one|anyway|instead|still|too|else|tho|though)\b/;

/** "It", "that", "and for year 6?": a message that stands for its subject or leaves it out. */
const POINTS_BACK = /\b(it|that|this|those|these|one|them)\b|^(and|but|so|also|what about|how about)\b/;

function leavesSubjectOut(text: string): boolean {
  return POINTS_BACK.test(spoken(text)) || words(text).filter((w) => !STOPWORDS.has(w)).length <= 2;
}

/** Pronouns that stand for the subject just discussed. */
const PRONOUN_BACK = /\b(it|that|this|those|these|them)\b/;

/** "What about at college?", "and for year 6 to 7?": the same question again, about something else. */
const ADDS_TO_LAST = /^(and|but|so|also|or|then)?\s*(what about|how about|and for|and at|and in|and with|and if|for|at|in)\b/;

/** A message too short to stand alone ("how long?", "who decides", "do I have to pay"). */
const SHORT = 3;

/** Words that move away from it: "what other options are there", "changing the subject". */
const MOVES_ON =
  /\b(other options|other things|anything else|something else|different thing|changing the subject|change of subject|another question|new question|unrelated)\b/;

/** Text-speak for the words that lean back: "n if they say no", "wat if", "an what about college". */
function spoken(text: string): string {
  return words(text)
    .join(' ')
    .replace(/^(n|an|nd|&)\b/, 'and')
    .replace(/\b(wat|wot|wht|whta)\b/g, 'what');
}

export function readsAsFollowUp(text: string): boolean {
  const ws = words(text);
  if (ws.length === 0) return false;
  const said = spoken(text);
  if (MOVES_ON.test(said)) return false;
  return LEANS_BACK.test(said) || ws.filter((w) => !STOPWORDS.has(w)).length <= SHORT;
}

/** Leans on what was just said in so many words ("and if that doesnt work"), whatever its length. */
export function leansBack(text: string): boolean {
  const said = spoken(text);
  return !MOVES_ON.test(said) && LEANS_BACK.test(said);
}

/** Words that ask for more without saying about what. */
const GENERIC = new Set(['do', 'does', 'did', 'can', 'could', 'happen', 'happens', 'now', 'next', 'then', 'else', 'get', 'go', 'help', 'options', 'anything']);

function saysNothingNew(text: string): boolean {
  return words(text).every((w) => STOPWORDS.has(w) || GENERIC.has(w));
}

/** A question asked inside a sentence: "school keep marking her absent, is the council meant to do something". */
const ASKS_INSIDE = / (is|are|can|could|should|do|does|did|must|will|would) (the|my|our|his|her|their|i|we|you|they|he|she|it|this|that) /;

/** Share of a message's words the content must know (as its best topic does) for it to be read in context. */
const OWN_WORDS = 0.5;

function asksInPassing(text: string): boolean {
  return asksSomething(text) || ASKS_INSIDE.test(` ${words(text).join(' ')} `);
}

export interface ContextSearch {
  audience: Audience;
  /** The topic last answered or shown. */
  topic?: string;
  /** The topics answered before it, newest first. */
  earlier?: readonly string[];
}

/**
 * A follow-up that names another topic is still read in context when a topic of the conversation scores at
 * least this share of the named topic's score on the message as typed (tuning conversations: 0.5 and 0.65
 * did best, 0.75 and 0.9 less well).
 */
const NAMED_NEAR = 0.65;

/** Every topic's score: the search scores them all anyway, and a follow-up picks among the neighbours. */
const ALL_TOPICS = 1000;

/** The topic just discussed, the topics it leads on to or comes from, and the ones discussed before it. */
function neighbours(content: ContentStore, topicId: string, earlier: readonly string[]): Set<string> {
  const topic = content.topics.get(topicId);
  const near = new Set([topicId, ...earlier.filter((t) => content.topics.has(t))]);
  if (!topic) return near;
  for (const t of topic.related) near.add(t);
  for (const t of content.topics.values()) if (t.related.includes(topicId)) near.add(t.id);
  return near;
}

/** "What should I do first?", "so what can she do next", "what are our options": the answer is what to do. */
const ASKS_WHAT_TO_DO =
  /\bwhat (should|can|could|do|must|shall) (i|we|he|she|they|you|the family|the parents?) do\b|\bwhat (are )?(my|our|his|her|their|the) options\b|\bwhat (now|next)\b|\bnext steps?\b|\bwhere do (i|we) (start|go from here)\b/;

/** The topic's next steps lead the answer when the message asks what to do. */
function stepsFirst(result: QaResult, text: string): QaResult {
  if (!ASKS_WHAT_TO_DO.test(spoken(text))) return result;
  const steps = result.passages.filter((p) => p.kind === 'steps');
  if (steps.length === 0) return result;
  // The sentences picked for the short answer lead with the steps' too, best first, before the rest.
  const top = Math.max(0, ...(result.sentences ?? []).map((s) => s.score));
  const isStep = (s: { passage: { kind: string } }) => s.passage.kind === 'steps';
  const sentences = result.sentences && [
    ...result.sentences.filter(isStep).map((s) => ({ ...s, score: s.score + top })),
    ...result.sentences.filter((s) => !isStep(s)),
  ];
  return {
    ...result,
    passages: [...steps, ...result.passages.filter((p) => p.kind !== 'steps' && !steps.some((s) => p.id.startsWith(`${s.id}#`)))],
    ...(sentences ? { sentences } : {}),
  };
}

export function searchInContext(index: TopicIndex, content: ContentStore, text: string, context: ContextSearch): QaResult {
  return stepsFirst(readInContext(index, content, text, context), text);
}

function readInContext(index: TopicIndex, content: ContentStore, text: string, context: ContextSearch): QaResult {
  const all = index.search(text, context, ALL_TOPICS);
  const plain = { ...all, matches: all.matches.slice(0, 5) };
  const topic = context.topic ? content.topics.get(context.topic) : undefined;
  if (!topic) return plain;
  // A message the store cannot place on its own ("school just keep marking her absent, is the council
  // meant to do something") is read against what was just discussed, even when it does not lean back.
  if (!readsAsFollowUp(text)) {
    if (plain.confident) return leaning(index, content, text, context, topic, all, plain);
    // Only when the content knows most of its words: "how do I get a blue badge for the car" is not about it.
    return asksInPassing(text) && (plain.evidence?.coverage ?? 0) >= OWN_WORDS ? inTopic(index, content, text, context, topic, all, plain) : plain;
  }
  // "What can I do?", "what happens now?": nothing of its own to search for, so it is about the last topic.
  if (saysNothingNew(text)) {
    const same = index.search(`${text} ${topic.title}`, context);
    if (same.confident && same.matches[0]?.topic === topic.id) return { ...same, followUp: true };
  }
  const top = plain.matches[0]?.topic;
  if (plain.confident && top) {
    // A topic named outright is a change of subject ("do we get free transport", "so what about a personal
    // budget?"). One word of a name in a message that adds to the last one, or points back to it, is not:
    // "what about at college" after school transport is about transport to college; "is there a deadline
    // for them to sort it" after options at 16 is about the plan, not the appeal deadline.
    const named = plain.evidence?.phrase ?? 0;
    // Unless a topic of the conversation fits the message as typed nearly as well: then the name is used about
    // what is being discussed. "Can i change the school they put" after the EHC time limits names a school
    // place, but asks about the school named in the plan.
    const near = neighbours(content, topic.id, context.earlier ?? []);
    const nearest = Math.max(0, ...all.matches.filter((m) => near.has(m.topic)).map((m) => m.score));
    const stillNear = !near.has(top) && nearest >= NAMED_NEAR * plain.matches[0]!.score;
    if (!stillNear && (named >= 2 || (named >= 1 && !ADDS_TO_LAST.test(spoken(text)) && !PRONOUN_BACK.test(spoken(text))))) return plain;
    // "What if they say no?" moves the story on: to what happens next, not back to what was said.
    if (/^(and |but |so )?(what if|if)\b/.test(spoken(text))) return plain;
    // "How does it fit with his PEP" after reviews from Year 9 names a thing the last topic never speaks
    // of, and the topic found on its own does: a new question, not one about the last topic.
    if (top !== topic.id && namesAnotherThing(index, text, topic.id, top)) return plain;
  }
  return inTopic(index, content, text, context, topic, all, plain);
}

/** Nouns that name no thing of their own in a follow-up: "what happens next", "any help", "at this point". */
const VAGUE_NOUNS = new Set([
  'thing',
  'things',
  'stuff',
  'way',
  'point',
  'time',
  'help',
  'lot',
  'bit',
  'kind',
  'sort',
  'case',
  'one',
  'anything',
  'something',
  'everything',
]);

/**
 * The message names things by nouns, none of which the last topic ever uses, and the topic it finds on its
 * own uses them: "how does it fit with his PEP" after planning for adult life from Year 9 is about the
 * personal education plan. Not when it only adds to the last question ("what about at college"): that noun
 * is where the same question goes next. One noun the last topic uses keeps it in context: "is that a legal
 * duty on the school" after medical conditions at school.
 */
/** A noun used by at most this many topics names a thing of its own. */
const FEW_TOPICS = 4;

function namesAnotherThing(index: TopicIndex, text: string, last: string, found: string): boolean {
  if (ADDS_TO_LAST.test(spoken(text))) return false;
  const named = (noun: string) => !VAGUE_NOUNS.has(noun) && !STOPWORDS.has(noun);
  // A word many topics use ("deadline", "plan") names no one thing; a rare one ("PEP") does.
  const namesFound = (noun: string) => index.topicUses(found, noun) && index.topicsUsing(noun) <= FEW_TOPICS;
  // Unless some word of the message could be such a noun, the answer is no without tagging it (most
  // follow-ups): the tagger is the costliest part of reading one.
  if (![...possibleNouns(text)].some((w) => named(w) && namesFound(w))) return false;
  const nouns = nounsOf(text).filter(named);
  return nouns.length > 0 && nouns.every((noun) => !index.topicUses(last, noun)) && nouns.some(namesFound);
}

/**
 * Weights of what the conversation says, for a message that stands on its own: the topic just discussed,
 * and its neighbours, count a little more, so that of two close readings the one that carries on wins.
 */
const PRIOR = { last: 0.4, near: 0.2 };

function leaning(index: TopicIndex, content: ContentStore, text: string, context: ContextSearch, topic: Topic, all: QaResult, plain: QaResult): QaResult {
  // A topic named outright is what the message is about.
  if ((plain.evidence?.phrase ?? 0) >= 2) return plain;
  const near = neighbours(content, topic.id, context.earlier ?? []);
  const leant = all.matches
    .map((m) => ({ topic: m.topic, score: m.score + (m.topic === topic.id ? PRIOR.last : near.has(m.topic) ? PRIOR.near : 0) }))
    .sort((a, b) => b.score - a.score);
  const chosen = leant[0]?.topic;
  if (!chosen || chosen === plain.matches[0]?.topic) return plain;
  const own = index.search(text, { ...context, within: new Set([chosen]) });
  return own.passages.length ? { ...plain, matches: leant.slice(0, 5), passages: own.passages, sentences: own.sentences ?? [], followUp: true } : plain;
}

/** The message read against the topic just discussed and its neighbours; the plain reading when that finds nothing. */
function inTopic(index: TopicIndex, content: ContentStore, text: string, context: ContextSearch, topic: Topic, all: QaResult, plain: QaResult): QaResult {
  const near = neighbours(content, topic.id, context.earlier ?? []);
  // Of the topic just discussed and its neighbours, the one the question fits best, both as typed and
  // read with the subject added: "can we challenge it" after an exclusion is about challenging the
  // exclusion; "do I have to pay" after the appeal deadline is about how appeals work (they are free).
  const inContext = index.search(`${text} ${topic.title}`, { ...context, within: near }, ALL_TOPICS);
  if (!inContext.confident) return plain;
  const typed = new Map(all.matches.filter((m) => near.has(m.topic)).map((m) => [m.topic, m.score]));
  const both = inContext.matches.map((m) => ({ topic: m.topic, score: m.score + (typed.get(m.topic) ?? 0) })).sort((a, b) => b.score - a.score);
  const chosen = both[0]!.topic;
  // Within that topic, passages are ranked on the question as typed ("how far ahead do I get the reports"),
  // or, when it names its subject only as "it" or "that", with the subject put back: "how long can they
  // do it" after a part-time timetable asks how long a part-time timetable may last.
  const asked = leavesSubjectOut(text) ? `${text} ${topic.title}` : text;
  const own = index.search(asked, { ...context, within: new Set([chosen]) });
  return { ...inContext, matches: both.slice(0, 5), passages: own.passages, sentences: own.sentences ?? [], followUp: true };
}

/** The topic just answered or shown becomes the one follow-ups lean on; the one before it is kept too. */
export function rememberTopic(record: Pick<ConversationRecord, 'topic' | 'earlier'>, topicId: string): void {
  if (record.topic && record.topic !== topicId) record.earlier = [record.topic, ...(record.earlier ?? []).filter((t) => t !== topicId)].slice(0, 3);
  record.topic = topicId;
}
