/**
 * A conversation's stored state, read and written through the Bot Framework Storage interface so the
 * store can be lowdb on one machine or Redis behind several. The record is validated on read: anything
 * unreadable is kept aside, never silently deleted, and the person starts again politely.
 */
import type { Storage, StoreItem } from 'botbuilder';
import { z } from 'zod';
import { CREATE_ONLY_ETAG } from '../adapters/storage/storage-common.js';
import { PATHWAYS, STAGES } from '../content/schema.js';
import type { PersistedFlow } from '../flows/executor.js';
import type { KnownDates, Profile } from '../flows/types.js';
import { FEEDBACK_REASONS } from './feedback/events.js';

/** What the person was last offered, in the order shown, so "2" means what they saw as 2. */
export const Offer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('step'), id: z.string() }),
  z.object({ kind: z.literal('menu') }),
  z.object({ kind: z.literal('topic'), id: z.string() }),
  z.object({ kind: z.literal('pathway'), id: z.enum(PATHWAYS), topic: z.string().optional() }),
  z.object({ kind: z.literal('resume'), id: z.enum(['carry-on', 'start-again']) }),
  /** "I am a young person": the same answer again in that audience's own wording. */
  z.object({ kind: z.literal('audience'), id: z.enum(['young-person']), topic: z.string() }),
  /** More on an answer: the rest of its topic, its sources, or what to do next. */
  z.object({ kind: z.literal('detail'), id: z.enum(['more', 'sources', 'next']), topic: z.string() }),
]);
export type Offer = z.infer<typeof Offer>;

export const RECORD_SCHEMA = 1;

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ConversationRecord = z.object({
  schema: z.literal(RECORD_SCHEMA),
  profile: z.object({
    who: z.enum(['parent', 'young-person', 'practitioner']).optional(),
    stage: z.enum(STAGES).optional(),
  }),
  dates: z.object({ requestDate: IsoDay.optional(), decisionDate: IsoDay.optional(), certificateDate: IsoDay.optional() }),
  flow: z.object({ machine: z.string(), version: z.number().int(), snapshot: z.unknown() }),
  offers: z.array(Offer).default([]),
  lastActive: z.string(),
  awaitingResume: z.boolean().default(false),
  /** The topic last answered or shown, so a follow-up ("how long does that take?") is read against it. */
  topic: z.string().optional(),
  /** Short hashes of the content sentences the last answer gave, its leading one first (said-before.ts). */
  said: z.array(z.string()).max(24).optional(),
  /** The topics answered before the last one, newest first, for follow-ups that reach further back. */
  earlier: z.array(z.string()).max(3).optional(),
  /** Whether an answer has already offered to change who is asking: that is asked once, at most. */
  askedWho: z.boolean().optional(),
  /** Activity ids already taken, so a message delivered twice moves the conversation once. */
  seen: z
    .array(z.object({ id: z.string(), at: z.number() }))
    .max(64)
    .optional(),
  /** "Did this help?" waiting for an answer or a follow-up (bot/feedback). Topic and step ids only. */
  feedback: z
    .object({
      stage: z.enum(['asked', 'reason', 'comment']),
      topicId: z.string(),
      contentVersion: z.string(),
      pathway: z.string(),
      step: z.string(),
      reason: z.enum(FEEDBACK_REASONS).optional(),
    })
    .optional(),
  /** The pathway steps seen, for the editors' funnel. */
  journey: z.object({ pathway: z.string(), steps: z.array(z.string()), resolved: z.boolean() }).optional(),
});
export type ConversationRecord = Omit<z.infer<typeof ConversationRecord>, 'flow' | 'profile' | 'dates'> & {
  flow: PersistedFlow;
  profile: Profile;
  dates: KnownDates;
};

export type LoadResult =
  | { status: 'new' }
  | { status: 'ok'; record: ConversationRecord; eTag?: string }
  /** Something was stored but cannot be read as a record: it has been copied aside. */
  | { status: 'unreadable'; eTag?: string };

export class ConversationStore {
  constructor(
    private readonly storage: Storage,
    private readonly prefix = 'conversation/',
  ) {}

  private key(conversationKey: string): string {
    return `${this.prefix}${conversationKey}`;
  }

  async load(conversationKey: string): Promise<LoadResult> {
    const key = this.key(conversationKey);
    const items = await this.storage.read([key]);
    const item = items[key] as (StoreItem & { record?: unknown }) | undefined;
    if (!item) return { status: 'new' };
    const parsed = ConversationRecord.safeParse(item.record);
    if (parsed.success) return { status: 'ok', record: parsed.data as ConversationRecord, eTag: item.eTag };
    await this.storage.write({ [`${this.prefix}unreadable/${conversationKey}`]: { record: item.record, keptAt: new Date().toISOString() } });
    return { status: 'unreadable', eTag: item.eTag };
  }

  /** Saves a new conversation only if no other instance has just started the same one. */
  async create(conversationKey: string, record: ConversationRecord): Promise<void> {
    await this.storage.write({ [this.key(conversationKey)]: { record, eTag: CREATE_ONLY_ETAG } });
  }

  /** Saves with the eTag read at the start of the turn, so two instances never overwrite each other's turn. */
  async save(conversationKey: string, record: ConversationRecord, eTag?: string): Promise<void> {
    await this.storage.write({ [this.key(conversationKey)]: { record, eTag: eTag ?? '*' } });
  }
}
