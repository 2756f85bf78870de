/**
 * Pages long SMS replies: the first text goes now, the rest waits in conversation storage until the
 * person replies MORE. Shared by our Twilio webhook and Azure Bot Service's SMS channel, so both read the
 * same way. A new message replaces whatever was waiting: it belongs to an answer they have moved on from.
 */
import type { Storage } from 'botbuilder';
import { toGsm7 } from '../../content/gsm7.js';
import type { Reply } from '../../bot/reply.js';
import { planSms, SMS_MAX_CHARS, type SmsWords } from '../channels/sms.renderer.js';

interface StoredPages {
  pages: string[];
}

/** "MORE", "more", " More. " */
export function isMoreRequest(text: string | undefined): boolean {
  return typeof text === 'string' && /^more[.!]?$/i.test(text.trim());
}

export interface SmsPagerDeps {
  storage: Storage;
  words: SmsWords;
  /** Said when MORE comes and nothing is waiting. */
  nothingMore: () => string;
}

export class SmsPager {
  constructor(private readonly deps: SmsPagerDeps) {}

  private key(conversationKey: string): string {
    return `sms/pages/${conversationKey}`;
  }

  /** The texts to send now for these replies; anything left over is kept for MORE. */
  async page(conversationKey: string, replies: Reply[]): Promise<string[]> {
    const plan = planSms(replies, this.deps.words, SMS_MAX_CHARS);
    await this.keep(conversationKey, plan.later);
    return plan.now;
  }

  /** The next page after a MORE, or a short note when nothing is waiting. */
  async more(conversationKey: string): Promise<string[]> {
    const key = this.key(conversationKey);
    const stored = (await this.deps.storage.read([key]))[key] as Partial<StoredPages> | undefined;
    const pages = Array.isArray(stored?.pages) ? stored.pages.filter((p): p is string => typeof p === 'string') : [];
    const [next, ...rest] = pages;
    if (next === undefined) return [toGsm7(this.deps.nothingMore())];
    await this.keep(conversationKey, rest);
    return [next];
  }

  private async keep(conversationKey: string, pages: string[]): Promise<void> {
    const key = this.key(conversationKey);
    // eTag "*": the last reply sent is the one MORE continues, whatever was stored before.
    if (pages.length) await this.deps.storage.write({ [key]: { pages, eTag: '*' } satisfies StoredPages & { eTag: string } });
    else await this.deps.storage.delete([key]);
  }
}
