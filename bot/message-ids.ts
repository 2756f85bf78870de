/**
 * Every interface message id the code sends, so the start-up check can refuse to start when one is
 * missing rather than fail in the middle of a turn, or worse, when sending crisis numbers or the
 * turn-error apology. A test finds every message id written in the code and checks it is listed here.
 */
import { PATHWAYS } from '../content/schema.js';
import { CRISIS_CARRY_ON, CRISIS_INTRO, CRISIS_MESSAGE_FOR } from './safeguarding/crisis-reply.js';

const CORE = [
  'turn-error',
  'welcome.privacy',
  'help',
  'person',
  'ambiguous',
  'answer.not-sure',
  'answer.no-match',
  'answer.carry-on',
  'glossary.more',
  'input.empty',
  'input.no-words',
  'input.attachment',
  'input.too-long',
  'resume.prompt',
  'resume.carry-on',
  'resume.start-again',
  'restart.updated',
  'date.not-understood',
  'date.too-far',
  'choice.menu',
  'smalltalk.greeting',
  'smalltalk.thanks',
  'deadlines.ehc-summary',
  'deadlines.ehc-note',
  'deadlines.appeal-summary',
  'deadlines.appeal-no-certificate',
  'deadlines.appeal-school-only',
  'deadlines.appeal-with-certificate',
  'sms.more',
  'sms.no-more',
  'sms.opted-in',
  'sms.help',
];

export function requiredMessageIds(): string[] {
  return [CRISIS_INTRO, ...Object.values(CRISIS_MESSAGE_FOR), CRISIS_CARRY_ON, ...CORE, ...PATHWAYS.map((p) => `handover.${p}`)];
}
