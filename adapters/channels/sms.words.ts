/**
 * The few words the SMS channel says itself. Each is read from content/data/messages when an editor has
 * added a message with that id, so wording stays in content; until then the default below is used.
 */
import type { Composer } from '../../bot/compose.js';
import { replyWithNumbers, type SmsWords } from './sms.renderer.js';

export const SMS_MESSAGE_DEFAULTS = {
  /** Last line of a text that has more after it. */
  'sms.more': 'Reply MORE for the rest',
  /** Reply to MORE when nothing is left. */
  'sms.no-more': 'That is everything for now. Reply with a number from the list, or type a question.',
  /** Reply to START or UNSTOP. */
  'sms.opted-in': 'You will get replies from the {council.name} Local Offer assistant again. Text HELP for help or STOP to stop.',
  /** Reply to HELP or INFO, with the helpline and crisis numbers. */
  'sms.help':
    '{council.name} Local Offer assistant. Helpline {council.helpline.phone}, {council.helpline.hours}. In an emergency call 999. ' +
    'To talk now, call Samaritans free on 116 123 or text SHOUT to 85258. Text MENU to start again, STOP to stop texts.',
} as const;

export type SmsMessageId = keyof typeof SMS_MESSAGE_DEFAULTS;

/** The wording for one SMS message: the content store's when it has one, else the default. */
export function smsMessage(composer: Composer | undefined, id: SmsMessageId): string {
  if (composer?.hasMessage(id)) return composer.message(id, 'parent');
  return composer ? composer.fill(SMS_MESSAGE_DEFAULTS[id]) : SMS_MESSAGE_DEFAULTS[id];
}

export function smsWords(composer?: Composer): SmsWords {
  return { more: smsMessage(composer, 'sms.more'), replyWith: replyWithNumbers };
}
