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
  'intake.ask-again',
  'profile.noted',
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

/** Short answers and what they offer next (bot/assistant.ts, bot/compose.ts). */
const ANSWERS = [
  'answer.anything-else',
  'answer.also-asked',
  'answer.more-detail',
  'answer.next',
  'answer.next-steps',
  'answer.next-steps-intro',
  'answer.sources',
  'answer.sources-intro',
];

/** Crisis wording for each category the statistical layer finds, and the possible-risk line (bot/safeguarding). */
const CRISIS_CATEGORIES = [
  'crisis.domestic-abuse',
  'crisis.eating-disorder',
  'crisis.exploitation',
  'crisis.fgm',
  'crisis.forced-marriage',
  'crisis.harm-to-others',
  'crisis.missing',
  'crisis.possible',
];

/** "Did this help?" and its follow-ups (bot/feedback). */
const FEEDBACK = [
  'feedback.ask',
  'feedback.comment',
  'feedback.glad',
  'feedback.no',
  'feedback.reasons',
  'feedback.skip',
  'feedback.sms-ask',
  'feedback.thanks',
  'feedback.yes',
];

/** Talking to a person and the helpline queue (bot/handoff). */
const HANDOFF = [
  'handoff.callback.bad-number',
  'handoff.callback.closed',
  'handoff.callback.done',
  'handoff.callback.no',
  'handoff.callback.not-sent',
  'handoff.callback.number',
  'handoff.callback.offer',
  'handoff.callback.time',
  'handoff.callback.yes',
  'handoff.cancelled',
  'handoff.consent',
  'handoff.consent.cancel',
  'handoff.consent.no-share',
  'handoff.consent.share',
  'handoff.ended',
  'handoff.from-agent',
  'handoff.joined',
  'handoff.queued',
  'handoff.staff.accept',
  'handoff.staff.accepted',
  'handoff.staff.callback-note',
  'handoff.staff.callback-title',
  'handoff.staff.cancelled',
  'handoff.staff.card-title',
  'handoff.staff.end',
  'handoff.staff.ended',
  'handoff.staff.from-person',
  'handoff.staff.joined',
  'handoff.staff.not-shared',
  'handoff.staff.person-left',
  'handoff.staff.safeguarding',
  'handoff.staff.taken',
  'handoff.staff.timed-out',
  'handoff.staff.waiting-messages',
  'handoff.still-waiting',
];

/** Services found in the directory (bot/service-finder.ts). */
const SERVICES = [
  'services.ages',
  'services.found',
  'services.label-contact',
  'services.label-cost',
  'services.label-for',
  'services.none',
  'services.other-area',
];

/** Staff mode for the helpline team (bot/staff). */
const STAFF = [
  'staff.carry-on',
  'staff.change',
  'staff.changed',
  'staff.consent.email',
  'staff.consent.recorded',
  'staff.consent.sms',
  'staff.label.date',
  'staff.label.safeguarding',
  'staff.label.script',
  'staff.label.steps',
  'staff.label.why',
  'staff.new-call',
  'staff.new-call.done',
  'staff.not-sure',
  'staff.not-sure.noted',
  'staff.not-understood',
  'staff.note.added',
  'staff.note.empty',
  'staff.pathway.intake',
  'staff.record.case',
  'staff.record.consent',
  'staff.record.consent-prompt',
  'staff.record.next-steps',
  'staff.record.no-notes',
  'staff.record.none',
  'staff.record.notes',
  'staff.record.outcome',
  'staff.record.pathway',
  'staff.record.sent',
  'staff.record.services',
  'staff.record.title',
  'staff.send.bad-address',
  'staff.send.done',
  'staff.send.failed',
  'staff.send.need-consent',
  'staff.send.off',
  'staff.send.wrong-kind',
  'staff.show-record',
  'staff.summary',
  'staff.summary.subject',
  'staff.welcome',
];

export function requiredMessageIds(): string[] {
  return [
    CRISIS_INTRO,
    ...Object.values(CRISIS_MESSAGE_FOR),
    CRISIS_CARRY_ON,
    ...CORE,
    ...PATHWAYS.map((p) => `handover.${p}`),
    ...ANSWERS,
    ...CRISIS_CATEGORIES,
    ...FEEDBACK,
    ...HANDOFF,
    ...SERVICES,
    ...STAFF,
  ];
}
