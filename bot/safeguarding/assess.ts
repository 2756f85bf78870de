/**
 * The safeguarding check in two layers, run on every message before anything else.
 *
 * 1. The rules (detector.ts): precise phrases with their idiom and hypothetical guards. A rule match is
 *    always a crisis.
 * 2. The statistical layer (classifier/): a logistic regression over hashed words and a small network
 *    over word vectors and cues of time, person and management (meaning.ts), mixed (fused.ts), learnt
 *    from thousands of labelled messages in many registers (corpus/), scored sentence by sentence, so it
 *    generalises to words no rule was written from. It also names the category, which decides the
 *    services in the reply.
 *
 * 3. The second stage (classifier/second-stage.ts), with the now model (classifier/now.ts): a flagged
 *    message told as past, managed, figurative or to ask for advice is softened to the possible-risk line,
 *    unless it has an urgency cue, or a rule found a first-person disclosure of danger now (firm.ts).
 *
 * Three outcomes: `crisis` (the crisis reply, at once), `possible` (a real but uncertain signal, such as
 * a past event: one line about 999 before the normal answer), or `none`. The thresholds were chosen on
 * our own tuning set (test/fixtures/safeguarding/tuning.yaml), never on an evaluation set.
 */
import { isCategory, type Category } from './categories.js';
import { readStatisticalLayers } from './classifier/fused.js';
import type { LinearModel } from './classifier/model.js';
import { readNowModel } from './classifier/now.js';
import { scoreTokens, type ClassifierScore } from './classifier/score.js';
import { urgentNow, warningNow } from './classifier/cues.js';
import { mayCalm, readSecondStage, secondStageInput, secondStageProbability, type SecondStageModel } from './classifier/second-stage.js';
import { checkSafeguarding, firmRuleFired, tokenise, type RiskKind, type SafeguardingMatch } from './detector.js';
import { firmDisclosure } from './firm.js';

/** At or above this crisis probability, the statistical layer alone sends the crisis reply. */
export const CRISIS_AT = 0.5;
/** At or above this probability of a crisis or possible risk, the 999 line goes before the answer. */
export const POSSIBLE_AT = 0.5;
/** When a rule has fired, the statistical layer's categories are added to the reply at this probability. */
const CATEGORY_AT = 0.1;
/**
 * A category is named in the reply when it holds at least this share of the crisis probability: a
 * goodbye note and a phone not answered is suicide or a missing person, and the reply should cover both.
 */
const CATEGORY_SHARE = 0.1;
/**
 * When a rule has fired and the statistical layer gives no category at least this probability, the
 * categories of the rules that fired (rules/vocabulary.ts, RuleSpec.category) add their services too: a
 * carer at breaking point gets children's services beside Samaritans, a missing child Missing People.
 */
export const RULE_CATEGORY_BELOW = 0.5;
/** A rule match is read as a past event when the statistical layer is this much surer of it. */
const PAST_MARGIN = 0.5;

export type RiskLevel = 'crisis' | 'possible' | 'none';

/** What was found. Holds no copy of the message: it may be logged. */
export interface RiskAssessment {
  level: RiskLevel;
  /** Kinds found by the rules. */
  kinds: RiskKind[];
  /** Categories found by the statistical layer. */
  categories: Category[];
}

export type Layers = 'rules' | 'both';

// Loaded once, at start-up: a missing model stops the assistant rather than leaving it with one layer.
const { model } = readStatisticalLayers();
const second = readSecondStage();
const { model: nowModel } = readNowModel();

/**
 * Whether a crisis message says danger now in words no question beside it could make lighter: a
 * first-person wish to die, an adult hurting a child now, an overdose taken (firm.ts), or an urgency cue
 * ("tonight", "an hour ago", "goodbye"). The turn then sends the crisis reply alone, never an answer to
 * a practical question after it (bot/assistant.ts).
 */
export function saysDangerNow(text: string, kinds: readonly RiskKind[]): boolean {
  const pieces = tokenise(text);
  return firmDisclosure(pieces, kinds) || urgentNow(skeletonOf(pieces)) || (kinds.length > 0 && firmRuleFired(pieces));
}

/** Whether the second stage softens a flagged message to the possible-risk line (classifier/second-stage.ts). */
function calmed(text: string, pieces: string[][], rule: boolean, score: ClassifierScore, stage: SecondStageModel, now: LinearModel): boolean {
  const f = secondStageInput(text, pieces, rule, score, now);
  return mayCalm(f) && secondStageProbability(stage, f) < stage.threshold;
}

const skeletonOf = (pieces: string[][]): string => pieces.map((p) => p.join(' ')).join(' ');

const NONE: RiskAssessment = { level: 'none', kinds: [], categories: [] };

export function assessRisk(text: string, layers: Layers = 'both'): RiskAssessment {
  if (!text || !/\p{L}/u.test(text)) return NONE;
  const pieces = tokenise(text);
  const rules = checkSafeguarding(text, pieces);
  if (layers === 'rules') return rules ? { level: 'crisis', kinds: rules.kinds, categories: rules.categories } : NONE;
  return decide(text, pieces, rules, scoreTokens(model, pieces), second, nowModel);
}

/**
 * The outcome from what the rules and the statistical layers found. Apart from assessRisk so that
 * cross-validation (tools/cross-validate.ts) decides exactly as the check does, with its own layers.
 */
export function decide(
  text: string,
  pieces: string[][],
  rules: SafeguardingMatch | null,
  score: ClassifierScore,
  stage: SecondStageModel,
  now: LinearModel,
): RiskAssessment {
  const categories = score.categories
    .filter((c, i) => i < 3 && c.p >= CATEGORY_SHARE * score.crisis)
    .map((c) => c.category)
    .filter(isCategory);
  const POSSIBLE: RiskAssessment = { level: 'possible', kinds: [], categories: [] };
  if (rules) {
    const sure = (score.categories[0]?.p ?? 0) >= RULE_CATEGORY_BELOW;
    const named = [...(score.crisis >= CATEGORY_AT ? categories : []), ...(sure ? [] : rules.categories)];
    const crisis: RiskAssessment = { level: 'crisis', kinds: rules.kinds, categories: [...new Set(named)] };
    // "I want to kill myself" or "my dad hurts me", told now in the first person, is never softened
    // (firm.ts); nor is a message with a cue of danger now ("tonight", "scared", "not answering").
    // Nor a goodbye note, "it's time" or an adult asking a child for pictures (rules marked `firm`), nor a
    // warning sign now beside a past event ("tried to hang himself two years ago and now he has stopped his meds").
    const skeleton = skeletonOf(pieces);
    if (firmDisclosure(pieces, rules.kinds) || urgentNow(skeleton) || warningNow(skeleton) || firmRuleFired(pieces)) return crisis;
    // The rules cannot tell "she took an overdose in year 9, can the plan cover it" from now; the
    // statistical layer learnt past events apart. Then the 999 line still goes first.
    if (score.possible - score.crisis >= PAST_MARGIN + score.crisis) return POSSIBLE;
    if (calmed(text, pieces, true, score, stage, now)) return POSSIBLE;
    return crisis;
  }
  if (score.crisis >= CRISIS_AT) {
    if (!urgentNow(skeletonOf(pieces)) && calmed(text, pieces, false, score, stage, now)) return POSSIBLE;
    return { level: 'crisis', kinds: [], categories };
  }
  if (score.possible >= POSSIBLE_AT) {
    // A past attempt with a warning sign now (things given away, medication stopped, a relapse last
    // week) is danger now, though the layers read the attempt as past.
    const skeleton = skeletonOf(pieces);
    if (warningNow(skeleton)) return { level: 'crisis', kinds: [], categories };
    return POSSIBLE;
  }
  return NONE;
}
