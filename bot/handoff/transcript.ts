/**
 * The bot's own record of a conversation, kept so that a person who asks for the helpline can choose to
 * share it. Bounded (the last 40 lines, each cut to 1,000 characters), stored with the conversation and
 * deleted when a handoff ends. Only kept while handoff is switched on. Never logged.
 */
import type { Storage, StoreItem } from 'botbuilder';
import type { Reply } from '../reply.js';

export interface TranscriptLine {
  at: string;
  from: 'person' | 'bot';
  text: string;
  /** The content topic a bot line showed. */
  topic?: string;
}

const MAX_LINES = 40;
const MAX_CHARS = 1000;

/** A reply as the plain text a person would read: title, paragraphs, facts, the question and its choices. */
export function replyText(reply: Reply): string {
  return [
    reply.title,
    ...reply.paragraphs,
    ...(reply.facts ?? []).map((f) => `${f.label}: ${f.value}`),
    reply.prompt,
    ...(reply.choices ?? []).map((c, i) => `${i + 1}. ${c.label}`),
  ]
    .filter(Boolean)
    .join('\n');
}

export class TranscriptStore {
  constructor(private readonly storage: Storage) {}

  private key(conversationKey: string): string {
    return `handoff-transcript/${conversationKey}`;
  }

  async read(conversationKey: string): Promise<TranscriptLine[]> {
    const key = this.key(conversationKey);
    const item = (await this.storage.read([key]))[key] as (StoreItem & { lines?: TranscriptLine[] }) | undefined;
    return Array.isArray(item?.lines) ? item.lines : [];
  }

  async append(conversationKey: string, lines: TranscriptLine[]): Promise<void> {
    if (lines.length === 0) return;
    const kept = [...(await this.read(conversationKey)), ...lines.map((l) => ({ ...l, text: l.text.slice(0, MAX_CHARS) }))].slice(-MAX_LINES);
    await this.storage.write({ [this.key(conversationKey)]: { lines: kept, eTag: '*' } });
  }

  async remove(conversationKey: string): Promise<void> {
    await this.storage.delete([this.key(conversationKey)]);
  }
}
