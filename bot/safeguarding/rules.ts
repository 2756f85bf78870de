/**
 * The safeguarding rules: phrases that mean someone may be at risk now, and the contexts that stop them
 * (idioms, hypotheticals, questions about a condition). detector.ts compiles and runs them.
 *
 * Decisions, with the corpus in test/fixtures/safeguarding/ as the record of them:
 * - Information-seeking about self-harm or suicide with nobody named ("self harm support services for
 *   teenagers", "suicide prevention training for staff") does not trigger; the same words with a person
 *   ("my daughter self harms what help is there", "I self harm") or on their own ("self harm") do.
 * - A condition named in a question ("he has epilepsy", "anaphylaxis to nuts", "a choking risk") is not
 *   an emergency; acute phrasing is ("having a seizure now", "won't stop fitting", "going into
 *   anaphylaxis").
 * - Violence from a child with SEND during meltdowns ("my son hits me during meltdowns") is a support
 *   question, not a crisis; violence from an adult, or towards a child, is.
 * - "I can't go on" triggers; "we can't go on like this, he needs a school place" and "can't go on the
 *   trip" do not.
 * - Self-injury words that are also common autistic behaviours (hitting, biting, head-banging) are left
 *   to the topics; cutting, burning, hurting, harming or strangling oneself trigger.
 *
 * The rules live in rules/, one file per kind of risk, with the words they share in rules/vocabulary.ts.
 * Their order is kept: self-harm, risk to life, a child at risk, a medical emergency.
 */
import { CHILD_AT_RISK } from './rules/child-at-risk.js';
import { MEDICAL_EMERGENCY } from './rules/medical-emergency.js';
import { RISK_TO_LIFE } from './rules/risk-to-life.js';
import { SELF_HARM } from './rules/self-harm.js';
import type { RuleSpec } from './rules/vocabulary.js';

export { CLASSES, RISK_KINDS, messageCategories, type CategoryOf, type Context, type KindsOf, type RiskKind, type RuleSpec } from './rules/vocabulary.js';

export const SPECS: RuleSpec[] = [...SELF_HARM, ...RISK_TO_LIFE, ...CHILD_AT_RISK, ...MEDICAL_EMERGENCY];
