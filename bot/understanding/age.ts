/**
 * Reads a child's or young person's age group from what people type when asked how old they are:
 * "hes 7", "she is 3 and a half", "18 months", "year 9", "in reception", "just turned 16", "17yo".
 * No library reads ages out of chat text, so this is a handful of patterns for the ways families say it.
 */
import { Stage } from '../../content/schema.js';
import { normalise } from './text.js';

/** Age in whole years to stage: the Code's phases (early years to 5, school to 16, then post-16 to 25). */
export function stageOfAge(years: number): Stage | null {
  if (!Number.isFinite(years) || years < 0 || years > 25) return null;
  if (years < 5) return 'early-years';
  if (years < 16) return 'school';
  return 'post-16';
}

/** School year to stage: Years 1 to 11 are school; 12 and 13 are post-16. */
function stageOfSchoolYear(year: number): Stage | null {
  if (year >= 1 && year <= 11) return 'school';
  if (year === 12 || year === 13) return 'post-16';
  return null;
}

const AGE_LEAD =
  '(?:is|s|hes|shes|theyre|they are|(?:twins|triplets|kids|children|boys|girls) are|he is|she is|i am|im|aged?|turned|turning|nearly|almost|just|only)';

/**
 * The stage an age or school year in the text points to, or null when there is none or it is unclear.
 * A bare number counts only when `bareNumberFrom` allows it: on a list of three choices, "2" is the
 * second choice, but "7" can only be an age. `normalised` is normalise(text), for a caller that has
 * already read the text's words.
 */
export function stageFromText(text: string, opts: { bareNumberFrom?: number } = {}, normalised: string = normalise(text)): Stage | null {
  const said = normalised.replace(/(\d)\s*(yo|y o|yrs?|years?|year olds?|years? old)\b/g, '$1 years');
  const found = new Set<Stage>();
  const add = (stage: Stage | null) => stage && found.add(stage);

  for (const m of said.matchAll(/\b(\d{1,2})\s*(?:and a half\s*)?months?\b/g)) add(Number(m[1]) < 60 ? 'early-years' : null);
  for (const m of said.matchAll(/\b(\d{1,2})\s*(?:and a half\s*)?years\b/g)) add(stageOfAge(Number(m[1])));
  for (const m of said.matchAll(
    new RegExp(
      `\\b${AGE_LEAD}\\s+(\\d{1,2})\\b(?!\\s*(?:weeks|days|months|hours|minutes|mins|miles?|km|metres|meters|times|pounds|quid|percent|am|pm|st|nd|rd|th|/|%|£))`,
      'g',
    ),
  ))
    add(stageOfAge(Number(m[1])));
  for (const m of said.matchAll(/\b(?:year|yr|your|y)\s*(\d{1,2})\b/g)) add(stageOfSchoolYear(Number(m[1])));
  if (/\b(reception)\b/.test(said)) add('school');
  if (/\b(newborn|new born|baby|toddler)\b/.test(said)) add('early-years');

  if (found.size === 0 && opts.bareNumberFrom !== undefined) {
    const bare = /^(\d{1,2})$/.exec(said);
    if (bare && Number(bare[1]) >= opts.bareNumberFrom) add(stageOfAge(Number(bare[1])));
  }
  return found.size === 1 ? [...found][0]! : null;
}

const STAGE_IDS: ReadonlySet<string> = new Set(Stage.options);

/** Of a step's choice ids, the stage that an age or school year in the text points to, if it is one of them. */
export function stageAmong(choices: readonly string[], text: string, bareNumberFrom?: number): Stage | null {
  if (!choices.some((id) => STAGE_IDS.has(id))) return null;
  const stage = stageFromText(text, { bareNumberFrom });
  return stage && choices.includes(stage) ? stage : null;
}
