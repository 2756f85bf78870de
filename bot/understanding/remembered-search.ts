/**
 * The topic index, with its searches remembered (bot/remembered-results.ts). Ranking a question is the
 * costliest step of a turn, and the same question in the same context ranks the same way: "what is an
 * ehcp" asked by many people, or read again by a follow-up in the same turn. The ranking itself is
 * qa.ts's, untouched; this only keeps what it returned, found by a digest of the question, the limit and
 * the whole search context.
 */
import { TopicIndex, type QaResult, type SearchContext } from './qa.js';
import { RememberedResults } from '../remembered-results.js';

/** A few hundred distinct questions in their contexts: a few megabytes at most. */
const MAX_REMEMBERED = 500;

/**
 * Freezes what a search made for this call (the result, its lists, matches and sentences), so no turn
 * can change what another is given; the passages themselves belong to the index and are left as they are.
 */
function seal(result: QaResult): QaResult {
  for (const m of result.matches) Object.freeze(m);
  Object.freeze(result.matches);
  Object.freeze(result.passages);
  if (result.sentences) {
    for (const s of result.sentences) Object.freeze(s);
    Object.freeze(result.sentences);
  }
  if (result.evidence) Object.freeze(result.evidence);
  return Object.freeze(result);
}

export class RememberingTopicIndex extends TopicIndex {
  readonly remembered = new RememberedResults<QaResult>(MAX_REMEMBERED, seal);

  override search(question: string, context: SearchContext = {}, limit = 5): QaResult {
    return this.remembered.get(['search', question, context, limit], () => super.search(question, context, limit));
  }
}
