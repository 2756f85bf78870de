/**
 * The call record staff build while a caller is on the phone. It holds the steps taken (so an earlier
 * answer can be changed by replaying the rest), notes typed by staff, and the caller's consent to a
 * summary. Notes are personal data: they live only in this record, which expires with the conversation
 * store's time to live or is replaced when staff start a new call, and are never logged.
 */
import { randomInt } from 'node:crypto';
import type { Storage, StoreItem } from 'botbuilder';
import { z } from 'zod';
import type { PersistedFlow } from '../../flows/executor.js';

const StepTaken = z.object({
  machine: z.string(),
  state: z.string(),
  choice: z.string().optional(),
  date: z.object({ field: z.enum(['requestDate', 'decisionDate', 'certificateDate']), iso: z.string() }).optional(),
  notSure: z.boolean().optional(),
});
export type StepTaken = z.infer<typeof StepTaken>;

export const SummaryChannel = z.enum(['sms', 'email']);
export type SummaryChannel = z.infer<typeof SummaryChannel>;

export const StaffCall = z.object({
  schema: z.literal(1),
  caseRef: z.string(),
  openedAt: z.string(),
  flow: z.object({ machine: z.string(), version: z.number().int(), snapshot: z.unknown() }),
  taken: z.array(StepTaken).default([]),
  notes: z.array(z.object({ at: z.string(), text: z.string() })).default([]),
  consent: z.object({ channel: SummaryChannel, at: z.string() }).optional(),
  /** Where the summary went, masked: the number or address itself is never stored. */
  sent: z.object({ channel: SummaryChannel, to: z.string(), at: z.string(), notifyId: z.string().optional() }).optional(),
});
export type StaffCall = Omit<z.infer<typeof StaffCall>, 'flow'> & { flow: PersistedFlow };

/** Letters and digits that cannot be misheard or misread on the phone (no 0/O, 1/I/L, 5/S, 8/B). */
const REF_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY234679';

/** e.g. "LO-7KQ-4MX": short enough to read out, with about 30 bits of randomness. */
export function newCaseReference(): string {
  const pick = () => REF_ALPHABET[randomInt(REF_ALPHABET.length)];
  return `LO-${pick()}${pick()}${pick()}-${pick()}${pick()}${pick()}`;
}

export const MAX_NOTE_CHARS = 500;
export const MAX_NOTES = 30;

export class StaffCallStore {
  constructor(
    private readonly storage: Storage,
    private readonly prefix = 'staff-call/',
  ) {}

  async load(conversationKey: string): Promise<StaffCall | null> {
    const key = `${this.prefix}${conversationKey}`;
    const item = (await this.storage.read([key]))[key] as (StoreItem & { call?: unknown }) | undefined;
    if (!item) return null;
    const parsed = StaffCall.safeParse(item.call);
    // An unreadable record starts a new call rather than failing every turn.
    return parsed.success ? (parsed.data as StaffCall) : null;
  }

  async save(conversationKey: string, call: StaffCall): Promise<void> {
    // Turns for one conversation are already serialised by the assistant's lock.
    await this.storage.write({ [`${this.prefix}${conversationKey}`]: { call, eTag: '*' } });
  }
}
