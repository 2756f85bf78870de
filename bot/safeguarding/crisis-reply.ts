/**
 * Which crisis messages to send for a safeguarding match, in order. The wording lives in
 * content/data/messages/crisis.yaml so editors can change it; this file only decides the order:
 * 999 first, then help for each kind of risk found, then that the person can carry on.
 */
import { RISK_KINDS, type RiskKind } from './detector.js';

export const CRISIS_INTRO = 'crisis.intro';
export const CRISIS_CARRY_ON = 'crisis.carry-on';

/** The message for each kind of risk. */
export const CRISIS_MESSAGE_FOR: Readonly<Record<RiskKind, string>> = {
  'risk-to-life': 'crisis.risk-to-life',
  'medical-emergency': 'crisis.medical',
  'self-harm': 'crisis.self-harm',
  'child-at-risk': 'crisis.child-at-risk',
};

/**
 * The message ids to send, in order. The kinds are put in RISK_KINDS order whatever order they come in,
 * so the most urgent help (a life at risk, a medical emergency) always comes first.
 */
export function crisisMessageIds(kinds: readonly RiskKind[]): string[] {
  const found = new Set(kinds);
  return [CRISIS_INTRO, ...RISK_KINDS.filter((k) => found.has(k)).map((k) => CRISIS_MESSAGE_FOR[k]), CRISIS_CARRY_ON];
}
