/**
 * Reads who is asking and the child's age group from what people say about themselves, wherever they
 * say it: "hi im a mum, my son is 7", "SENCO here", "I'm a health visitor", "hi im 17", "nursery manager
 * here", "my daughter is 14, year 9". A person who says this has answered the intake questions before
 * being asked, and often asks their question in the same message.
 *
 * No library reads self-descriptions out of chat text, so these are a few patterns built on the words
 * the intake choices already list (content/data/flows/intake.yaml) and the age reader (age.ts).
 */
import type { Stage } from '../../content/schema.js';
import type { Who } from '../../flows/types.js';
import { stageFromText } from './age.js';
import { normalise } from './text.js';

export interface ProfileReading {
  who?: Who;
  stage?: Stage;
}

/** Words that name a parent's own relation to the child, as said of themselves ("im his mum"). */
const PARENT_SELF =
  /\b(i am|we are|as) (a |an |the |his |her |their |)(single |)(mum|mom|mam|mother|dad|father|parent|parents|carer|foster carer|kinship carer|grandparent|grandma|nan|gran|grandad|step mum|step dad|guardian)\b/;
/** "my son", "our daughter", "my little boy": a parent speaking about their own child. */
const PARENT_CHILD =
  /\b(my|our) (little |eldest |youngest |oldest |middle |)(son|daughter|child|kid|kids|boy|girl|twins|children|lad|grandson|granddaughter|stepson|stepdaughter|foster child)\b/;
/** "my pupil", "a family I work with", "caller": someone asking about children they work with or for. */
const PRACTITIONER_SIGNS =
  /\b(my pupils?|my class|my students|one of (my|our) (pupils|children|students|learners)|(a |the )?famil(y|ies) i (work|support)|caller|on (the )?line|i work (with|in|at|for)|we have a \d+ ?(yr|year)s? old)\b/;
/** A young person speaking of themselves: "im 17", "i am 19 and". */
const YOUNG_SELF = /\bi am (1[6-9]|2[0-5])\b(?! (weeks|months|days|miles))/;

/** The pattern for a list of roles, built once per list: the roles are content and come back every turn. */
const rolePatterns = new Map<string, RegExp | null>();

function rolePattern(roles: readonly string[]): RegExp | null {
  const key = roles.join('\n');
  let pattern = rolePatterns.get(key);
  if (pattern === undefined) {
    const list = roles
      .map((r) => normalise(r))
      .filter((r) => r.length > 2 && !['i work', 'work at', 'work in', 'work for', 'staff', 'worker'].includes(r))
      .map((r) => r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|');
    pattern = list
      ? new RegExp(
          `\\b(i am|im|as|we are) (a |an |the |)(\\w+ ){0,2}(${list})s?\\b|\\b(${list})s? (here|speaking|at)\\b|^(hi |hello |hiya |hey |)(${list}|\\w+ (${list}|manager|teacher|lead))s? (here|speaking)\\b`,
        )
      : null;
    // Only content passes through here, never what people type; the bound is for safety.
    if (rolePatterns.size >= 100) rolePatterns.clear();
    rolePatterns.set(key, pattern);
  }
  return pattern;
}

/** Practitioner roles, taken from the intake choice words, as said of oneself: "I'm a SENCO", "SENCO here". */
function practitionerSelf(said: string, roles: readonly string[]): boolean {
  const self = rolePattern(roles);
  if (!self) return false;
  return self.test(said) || /\b(\w+ )?(manager|teacher|lead|worker|officer|practitioner|therapist|nurse|visitor) here\b/.test(said);
}

/**
 * Who is asking and the age group, from a message, where it says so. `practitionerRoles` are the words
 * the intake's "I work with children" choice lists.
 */
export function readProfile(text: string, practitionerRoles: readonly string[]): ProfileReading {
  const said = normalise(text);
  const reading: ProfileReading = {};
  if (practitionerSelf(said, practitionerRoles) || PRACTITIONER_SIGNS.test(said)) reading.who = 'practitioner';
  else if (PARENT_SELF.test(said) || PARENT_CHILD.test(said)) reading.who = 'parent';
  else if (YOUNG_SELF.test(said)) reading.who = 'young-person';
  const stage = stageFromText(text);
  if (stage) reading.stage = stage;
  // A young person is 16 to 25 by definition.
  if (reading.who === 'young-person') reading.stage = 'post-16';
  return reading;
}
