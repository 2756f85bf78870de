/**
 * Which crisis messages to send for a safeguarding match, in order, and the reply that must go out
 * whatever else fails. The wording lives in content/data/messages/crisis.yaml so editors can change it;
 * this file decides the order: 999 first, then help for each kind or category of risk found, then that
 * the person can carry on.
 */
import type { Composer } from '../compose.js';
import type { Reply } from '../reply.js';
import { assessRisk } from './assess.js';
import { CRISIS_MESSAGE_ORDER, MESSAGES_FOR_CATEGORY, MESSAGES_FOR_KIND, type Category } from './categories.js';
import { RISK_KINDS, type RiskKind } from './detector.js';

export const CRISIS_INTRO = 'crisis.intro';
export const CRISIS_CARRY_ON = 'crisis.carry-on';
export const CRISIS_POSSIBLE = 'crisis.possible';

/** The message for each kind of risk the rules find. */
export const CRISIS_MESSAGE_FOR: Readonly<Record<RiskKind, string>> = Object.fromEntries(
  RISK_KINDS.map((k) => [k, MESSAGES_FOR_KIND[k][0] as string]),
) as Record<RiskKind, string>;

/** Every message id the crisis replies can use, for the start-up content check. */
export const CRISIS_MESSAGE_IDS: readonly string[] = [CRISIS_INTRO, CRISIS_POSSIBLE, ...CRISIS_MESSAGE_ORDER, CRISIS_CARRY_ON];

/**
 * The message ids to send, in order. Whatever order the kinds and categories come in, the most urgent
 * help (a life at risk, a medical emergency) always comes first.
 */
export function crisisMessageIds(kinds: readonly RiskKind[], categories: readonly Category[] = []): string[] {
  const wanted = new Set<string>([...kinds.flatMap((k) => MESSAGES_FOR_KIND[k]), ...categories.flatMap((c) => MESSAGES_FOR_CATEGORY[c])]);
  return [CRISIS_INTRO, ...CRISIS_MESSAGE_ORDER.filter((id) => wanted.has(id)), CRISIS_CARRY_ON];
}

/**
 * The last resort, kept in code on purpose: if the crisis wording cannot be read from content (a
 * missing id, a damaged file, a bug in composing), the person must still get 999 and the crisis lines.
 * Editors change the real wording in crisis.yaml; this is only ever seen when that has failed.
 */
export const FALLBACK_CRISIS_PARAGRAPHS: readonly string[] = [
  'If anyone is in danger now, call 999.',
  'Samaritans: call free on 116 123, day or night. Or text SHOUT to 85258. Under 19: Childline, free on 0800 1111.',
  'Worried about a child: NSPCC, free on 0808 800 5000. Not sure it is an emergency: call NHS 111.',
];

export function fallbackCrisisReply(): Reply {
  return { kind: 'crisis', paragraphs: [...FALLBACK_CRISIS_PARAGRAPHS] };
}

/**
 * Builds the crisis reply from content, never throwing: any failure gives the fallback instead. `message`
 * is the composer's lookup.
 */
export function buildCrisisReply(message: (id: string) => string, kinds: readonly RiskKind[], categories: readonly Category[] = []): Reply {
  try {
    const paragraphs = crisisMessageIds(kinds, categories).map((id) => message(id));
    // Wording edited so that 999 went missing is as bad as no wording at all.
    if (!paragraphs.some((p) => p.includes('999'))) return fallbackCrisisReply();
    return { kind: 'crisis', paragraphs };
  } catch {
    return fallbackCrisisReply();
  }
}

/** The line put before a normal answer for a possible risk; the fallback keeps 999 if content fails. */
export function possibleRiskLine(message: (id: string) => string): string {
  try {
    const line = message(CRISIS_POSSIBLE);
    if (line.includes('999')) return line;
  } catch {
    // Fall through to the line in code.
  }
  return 'If you or someone else is in danger now, call 999.';
}

/**
 * What a failed turn must still say first, for paths outside the turn (the apology, SMS): the crisis
 * reply for a crisis, the 999 line for a possible risk, or null.
 */
export function safetyReplyFor(text: string, composer: Pick<Composer, 'message'>): Reply | null {
  const risk = assessRisk(text);
  if (risk.level === 'crisis') return buildCrisisReply((id) => composer.message(id, 'parent'), risk.kinds, risk.categories);
  if (risk.level === 'possible') return { kind: 'info', paragraphs: [possibleRiskLine((id) => composer.message(id, 'parent'))] };
  return null;
}
