/** One turn's working state, shared by the assistant core and the parts it hands work to. */
import type { Audience } from '../content/schema.js';
import type { ConversationRecord } from './conversation.js';
import type { Inbound, Reply } from './reply.js';
import type { QaResult } from './understanding/qa.js';

/** Everything one turn works on, so helper methods do not pass six arguments around. */
export interface Turn {
  inbound: Inbound;
  text: string;
  now: Date;
  record: ConversationRecord;
  audience: Audience;
  replies: Reply[];
  /** The topic search for this turn's text, done at most once. */
  search?: QaResult;
  /** A question we could not answer with confidence, for the editors' gap report. */
  gap?: { question: string; closest: { topic: string; score: number }[] };
  /** "Talk to a person" was asked for: the handoff starts once the turn has been understood. */
  handoffRequested?: boolean;
  /** The message said who is asking or the age group. */
  introduced?: boolean;
  /** The introduction also asked something, or said something with a clear answer ("my son was excluded today"). */
  introducedAsking?: boolean;
  /** The first turn of a conversation: the only one that greets. */
  isNew?: boolean;
}

export function audienceOf(record: Pick<ConversationRecord, 'profile'>): Audience {
  return record.profile.who ?? 'parent';
}
