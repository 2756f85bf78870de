/**
 * Handoff state in conversation storage, beside the conversation record, so it survives a restart and is
 * shared between instances:
 * - handoff/<conversation key>: the machine, the references needed to reach both sides, the summary;
 * - handoff-case/<case reference> and handoff-staff/<thread key>: how a click or a reply in the helpline
 *   channel finds the conversation;
 * - handoff-open: the deadlines of handoffs waiting in the queue, re-armed at start;
 * - handoff-callbacks: call back posts in the helpline channel and when they are deleted (no numbers).
 */
import type { Storage, StoreItem } from 'botbuilder';
import type { KnownDates, Profile } from '../../flows/types.js';
import { HANDOFF_MACHINE_VERSION, HANDOFF_STATES, type PersistedHandoff } from './handoff.machine.js';
import type { Reference } from './proactive.js';

export type PersonChannel = 'webchat' | 'teams' | 'sms';

export interface HandoffRecord {
  handoff: PersistedHandoff;
  channel: PersonChannel;
  /** The person's conversation, to reach them while handed off. Absent on our own Twilio web hook. */
  person?: Reference;
  /** Where the person was, for the summary. */
  where: { machine: string; state: string; prompt: string; profile: Profile; dates: KnownDates };
  requestedAt: string;
  deadline?: string;
  /** The request card in the helpline channel, and its thread. */
  card?: { activityId: string; thread: Reference };
  /** The thread the member of staff accepted in. */
  staff?: Reference;
  /** Messages typed while waiting, passed on when someone accepts (at most 10), then dropped. */
  pending: Array<{ text: string; safeguarding?: string }>;
}

export interface CallbackPost {
  caseRef: string;
  activityId: string;
  deleteAfter: string;
}

type Item<T> = StoreItem & T;

export class HandoffStore {
  constructor(private readonly storage: Storage) {}

  private async get<T>(key: string): Promise<T | undefined> {
    return (await this.storage.read([key]))[key] as T | undefined;
  }

  private async put(key: string, value: object): Promise<void> {
    await this.storage.write({ [key]: { ...value, eTag: '*' } });
  }

  async load(conversationKey: string): Promise<HandoffRecord | undefined> {
    const item = await this.get<Item<{ record?: HandoffRecord }>>(`handoff/${conversationKey}`);
    const handoff = item?.record?.handoff;
    // A handoff from another version of the machine, or one that cannot be read, is left behind: the person
    // is back with the bot and can ask again, rather than stuck in a state this version does not know.
    if (handoff?.machine !== 'handoff' || handoff.version !== HANDOFF_MACHINE_VERSION || !HANDOFF_STATES.includes(handoff.state)) return undefined;
    return item!.record;
  }

  save(conversationKey: string, record: HandoffRecord): Promise<void> {
    return this.put(`handoff/${conversationKey}`, { record });
  }

  async remove(conversationKey: string, record: HandoffRecord, staffKey?: string): Promise<void> {
    const keys = [`handoff/${conversationKey}`, `handoff-case/${record.handoff.context.caseRef}`];
    if (staffKey) keys.push(`handoff-staff/${staffKey}`);
    await this.storage.delete(keys);
  }

  linkCase(caseRef: string, conversationKey: string): Promise<void> {
    return this.put(`handoff-case/${caseRef}`, { conversationKey });
  }

  async byCase(caseRef: string): Promise<string | undefined> {
    return (await this.get<Item<{ conversationKey?: string }>>(`handoff-case/${caseRef}`))?.conversationKey;
  }

  linkStaff(staffKey: string, conversationKey: string): Promise<void> {
    return this.put(`handoff-staff/${staffKey}`, { conversationKey });
  }

  async byStaff(staffKey: string): Promise<string | undefined> {
    return (await this.get<Item<{ conversationKey?: string }>>(`handoff-staff/${staffKey}`))?.conversationKey;
  }

  async openDeadlines(): Promise<Record<string, string>> {
    return (await this.get<Item<{ items?: Record<string, string> }>>('handoff-open'))?.items ?? {};
  }

  async setDeadline(conversationKey: string, deadline: string | undefined): Promise<void> {
    const items = await this.openDeadlines();
    if (deadline) items[conversationKey] = deadline;
    else delete items[conversationKey];
    await this.put('handoff-open', { items });
  }

  async callbackPosts(): Promise<CallbackPost[]> {
    return (await this.get<Item<{ items?: CallbackPost[] }>>('handoff-callbacks'))?.items ?? [];
  }

  async setCallbackPosts(items: CallbackPost[]): Promise<void> {
    await this.put('handoff-callbacks', { items });
  }
}
