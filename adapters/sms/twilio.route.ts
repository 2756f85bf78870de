/**
 * POST /api/sms: Twilio's incoming-message web hook, answered with TwiML (one <Message> per text).
 *
 * - The X-Twilio-Signature is checked against PUBLIC_URL + "/api/sms", never the Host header, so it
 *   works behind a proxy or load balancer. Anything unsigned or badly signed gets 403.
 * - The same MessageSid is answered once: retries replay the stored texts (see sms-ledger.ts).
 * - STOP and its synonyms opt out (empty reply: Twilio sends its own confirmation), START and UNSTOP opt
 *   back in, HELP and INFO send the helpline and crisis numbers. MORE sends the next page of a long reply.
 * - Phone numbers become a keyed hash at once. Neither numbers nor message text are logged or stored.
 */
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Request, Response, Server } from 'restify';
import type { Storage } from 'botbuilder';
import type { Assistant, EventLogger } from '../../bot/reply.js';
import { KeyedLock } from '../storage/keyed-lock.js';
import { smsKeyword } from './keywords.js';
import { SmsLedger } from './sms-ledger.js';
import { isMoreRequest, type SmsPager } from './sms-pager.js';
import { toGsm7 } from '../../content/gsm7.js';
import { beforeDeadline, CRISIS_DEADLINE_MS, MISSED } from '../../bot/safeguarding/deadline.js';

export const SMS_PATH = '/api/sms';

/** Twilio's form posts are a few kilobytes; anything much bigger is not from Twilio. */
const MAX_FORM_BYTES = 64 * 1024;

export interface TwilioSmsDeps {
  assistant: Assistant;
  /** The crisis reply's paragraphs for a message, or null: sent even when storage or the turn fails. */
  crisisTexts?: (text: string) => string[] | null;
  storage: Storage;
  pager: SmsPager;
  words: { help(): string; optedIn(): string; apology(): string };
  authToken: string;
  /** The public base URL Twilio calls, e.g. https://assistant.example.org (PUBLIC_URL). */
  publicUrl: string;
  /** Secret for the keyed hash of phone numbers. */
  hashKey: string;
  logger: EventLogger;
  now?: () => Date;
}

/** The storage key for a phone number's conversation: a keyed hash, so the number itself is never stored. */
export function smsConversationKey(hashKey: string, phoneNumber: string): string {
  return createHmac('sha256', hashKey).update(`twilio-sms\u0000${phoneNumber.trim()}`).digest('hex');
}

/** The URL Twilio signs: PUBLIC_URL without a trailing slash, then the route's path. */
export function smsWebhookUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${SMS_PATH}`;
}

type Twilio = typeof import('twilio');
let twilioModule: Twilio | undefined;
/** twilio is slow to load and only SMS needs it, so it is loaded on first use rather than at every start. */
const twilio = (): Twilio => (twilioModule ??= createRequire(import.meta.url)('twilio') as Twilio);

export function twiml(texts: string[]): string {
  const response = new (twilio().twiml.MessagingResponse)();
  for (const text of texts) response.message(text);
  return response.toString();
}

/** The raw form body: restify's body parser keeps it as rawBody; without that parser, read it here. */
async function rawForm(req: Request): Promise<string | null> {
  const kept: unknown = req.rawBody;
  if (typeof kept === 'string') return kept.length <= MAX_FORM_BYTES ? kept : null;
  if (Buffer.isBuffer(kept)) return kept.length <= MAX_FORM_BYTES ? kept.toString('utf8') : null;
  // Already read by a parser that kept nothing: an empty form, which then fails the signature check.
  if (req.readableEnded) return '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Form fields as Twilio signs them: one value per name (Twilio never repeats a field in SMS hooks). */
function formParams(raw: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(raw)) params[name] = value;
  return params;
}

/** Crisis paragraphs as texts of at most two segments each, cut between sentences, for the paths outside a turn. */
function crisisTexts(paragraphs: string[]): string[] {
  const texts: string[] = [];
  for (const sentence of paragraphs.flatMap((p) => toGsm7(p).split(/(?<=\.)\s+/))) {
    const last = texts[texts.length - 1];
    if (last !== undefined && last.length + sentence.length + 1 <= 300) texts[texts.length - 1] = `${last} ${sentence}`;
    else texts.push(sentence.slice(0, 300));
  }
  return texts;
}

function sendTwiml(res: Response, texts: string[]): void {
  res.header('Content-Type', 'text/xml; charset=utf-8');
  res.sendRaw(200, twiml(texts));
}

function refuse(res: Response, status: number, message: string): void {
  res.header('Content-Type', 'text/plain; charset=utf-8');
  res.sendRaw(status, message);
}

type Outcome = 'replay' | 'busy' | 'stop' | 'start' | 'help' | 'opted-out' | 'more' | 'turn';

export function registerTwilioSms(server: Server, deps: TwilioSmsDeps): void {
  const url = smsWebhookUrl(deps.publicUrl);
  const ledger = new SmsLedger(deps.storage);
  // One message per number at a time in this process; the ledger's conditional writes cover the rest.
  const lock = new KeyedLock();
  const now = deps.now ?? (() => new Date());

  async function answer(params: Record<string, string>, key: string, sid: string): Promise<{ texts: string[]; outcome: Outcome }> {
    const claim = await ledger.claim(key, sid);
    if (claim.kind === 'replay') return { texts: claim.texts, outcome: 'replay' };
    if (claim.kind === 'busy') return { texts: [], outcome: 'busy' };
    try {
      const body = params.Body ?? '';
      const keyword = smsKeyword(body, params.OptOutType);
      let texts: string[];
      let outcome: Outcome;
      let optedOut: boolean | undefined;
      if (keyword === 'stop') [texts, outcome, optedOut] = [[], 'stop', true];
      else if (keyword === 'start') [texts, outcome, optedOut] = [[deps.words.optedIn()], 'start', false];
      else if (claim.optedOut) [texts, outcome] = [[], 'opted-out'];
      else if (keyword === 'help') [texts, outcome] = [[deps.words.help()], 'help'];
      else if (isMoreRequest(body)) [texts, outcome] = [await deps.pager.more(key), 'more'];
      else {
        const replies = await deps.assistant.turn({
          conversationKey: key,
          channel: 'sms',
          text: body,
          hasAttachments: Number(params.NumMedia ?? 0) > 0,
          receivedAt: now(),
        });
        [texts, outcome] = [await deps.pager.page(key, replies), 'turn'];
      }
      await ledger.complete(key, sid, texts, optedOut);
      return { texts, outcome };
    } catch (err) {
      // The turn may have moved the conversation on before failing: a retry gets the apology, not a second turn.
      const apology = [deps.words.apology()];
      await ledger.complete(key, sid, apology).catch(() => undefined);
      throw err;
    }
  }

  server.post(SMS_PATH, async (req: Request, res: Response) => {
    let body = '';
    try {
      if (!/^application\/x-www-form-urlencoded\b/i.test(req.header('content-type') ?? '')) return refuse(res, 415, 'Expected a form post from Twilio.');
      const raw = await rawForm(req);
      if (raw === null) return refuse(res, 413, 'The form is too large.');
      const params = formParams(raw);
      const signature = req.header('x-twilio-signature');
      if (!signature || !twilio().validateRequest(deps.authToken, signature, url, params)) {
        deps.logger.warn({ event: 'sms-bad-signature' });
        return refuse(res, 403, 'The request signature is not valid.');
      }
      const from = params.From;
      const sid = params.MessageSid ?? params.SmsSid;
      if (!from || !sid) return refuse(res, 400, 'From and MessageSid are required.');
      body = params.Body ?? '';
      const key = smsConversationKey(deps.hashKey, from);
      // A crisis is answered within the deadline even if the ledger's store hangs.
      const crisis = deps.crisisTexts?.(body) ?? null;
      const work = lock.run(key, () => answer(params, key, sid));
      const done = crisis ? await beforeDeadline(work, CRISIS_DEADLINE_MS) : await work;
      if (done === MISSED) {
        deps.logger.warn({ event: 'sms-crisis-deadline' });
        return sendTwiml(res, crisisTexts(crisis ?? []));
      }
      const { texts, outcome } = done;
      deps.logger.info({ event: 'sms', outcome, texts: texts.length });
      sendTwiml(res, texts);
    } catch (err) {
      deps.logger.error({ event: 'sms-failed', error: (err as Error).name });
      // A failure after a crisis was seen (storage for the ledger or the pager) still sends the numbers.
      const crisis = body ? (deps.crisisTexts?.(body) ?? null) : null;
      if (!res.headersSent) sendTwiml(res, [...crisisTexts(crisis ?? []), deps.words.apology()]);
    }
  });
}
