/**
 * Recognises a request for local services ("holiday clubs for autistic children", "speech therapy
 * near Fernvale", "dyslexia support for a 14 year old") and reads what to search the directory by:
 * kinds of service, needs (the directory's taxonomy terms), an age and an area.
 *
 * No library maps families' words to Open Referral taxonomy terms, so the words are listed here, one
 * line per kind or need. A question about rights ("what support should the school give?") is not a
 * service request: it goes to the content store.
 */
import { asksSomething, normalise } from './text.js';

export interface ServiceRequest {
  /** Words to search service names and descriptions by. */
  words: string[];
  /** Taxonomy terms, as the directory writes them. */
  needs: string[];
  age?: number;
  area?: string;
  /** True when the person asked for services in general ("find a service") and said nothing to search by. */
  general: boolean;
}

/** Kinds of service people ask for, and the words to look for in the directory: single, telling words, as any one of them matching counts. */
const KINDS: Array<[RegExp, string[]]> = [
  [/\bholiday (clubs?|schemes?|play|activit\w*|care)\b|\bplay ?schemes?\b|\bsummer (clubs?|schemes?|activit\w*)\b|\bhalf term\b/, ['holiday']],
  [/\byouth (clubs?|groups?)\b|\bteen\w* (clubs?|groups?)\b/, ['youth', 'teen']],
  [/\bswim\w*\b/, ['swimming', 'swim']],
  [/\bsports?\b|\bfootball\b|\bgym\b/, ['sport', 'sports']],
  [/\b(arts?|crafts?|drawing|painting)\b( clubs?| groups?| classes)?/, ['arts', 'art']],
  [/\bspeech (and language )?therap\w*|\bsalt\b|\bslt\b/, ['speech']],
  [/\boccupational therap\w*|\bot\b/, ['occupational']],
  [/\bphysio\w*/, ['physiotherapy']],
  [/\bsleep\w*/, ['sleep']],
  [/\b(toilet\w*|continence|potty|wetting)\b/, ['continence']],
  [/\bwheelchairs?\b/, ['wheelchair']],
  [/\btoy librar\w*|\btoys\b/, ['toy']],
  [/\b(nurser(y|ies)|childminders?|childcare)\b/, ['nursery', 'childminder']],
  [/\bsiblings?\b|\bbrothers? and sisters?\b|\bsibs\b/, ['sibs', 'siblings']],
  [/\bbudd(y|ies)\b|\bbefriend\w*/, ['buddies', 'buddy']],
  [/\btravel training\b|\btravel on (my|his|her|their) own\b/, ['travel']],
  [/\binternships?\b/, ['internships']],
  [/\bsupported employment\b|\bjob coach\w*/, ['employment']],
  [/\bportage\b|\bhome visit\w*/, ['portage']],
  [/\bshort breaks?\b|\brespite\b/, ['breaks', 'respite']],
  [/\bcounsel\w*|\bwellbeing service\b/, ['wellbeing']],
  [/\breading (help|scheme|support)\b|\bpaired reading\b/, ['reading']],
  [/\b(clubs?|groups?|activit(y|ies)|things to do|days out|after school)\b/, ['club', 'group', 'activities']],
];

const GENERIC = new Set(['club', 'group', 'activities']);

/** Needs as families say them, and the directory's taxonomy terms. */
const NEEDS: Array<[RegExp, string[]]> = [
  [/\bautis\w*|\basd\b|\basc\b|\baspergers?\b/, ['Autism']],
  [/\bspeech\b|\blanguage\b|\btalking\b|\bcommunicat\w*|\bnon ?verbal\b/, ['Speech, language and communication', 'Communication and interaction']],
  [/\bdyslexi\w*|\bdyspraxi\w*|\bdyscalculi\w*|\bspld\b|\blearning difficult\w*|\breading\b|\bliteracy\b/, ['Cognition and learning']],
  [/\badhd\b|\badd\b|\banxi\w*|\bmental health\b|\bemotional\b|\bwellbeing\b|\bbehaviour\b|\bsemh\b|\bself harm\w*/, ['Social, emotional and mental health']],
  [/\bdeaf\w*|\bhearing\b/, ['Hearing impairment', 'Sensory needs']],
  [/\bblind\w*|\bvisual\w*|\bsight\b|\bvision\b/, ['Vision impairment', 'Sensory needs']],
  [/\bsensory\b/, ['Sensory needs']],
  [/\bphysical\w*|\bwheelchair\w*|\bcerebral palsy\b|\bmobility\b/, ['Physical disability']],
  [/\blearning disabilit\w*|\bdowns?\b|\bdown syndrome\b/, ['Learning disability']],
  [/\bmedical\b|\bepilep\w*|\bdiabet\w*|\btube fed\b|\bcomplex health\b/, ['Medical needs']],
];

/** Ways of asking to find something, rather than asking what the law says. */
const FINDING =
  /\b(find|finding|looking for|look for|search|are there( any)?|is there( any| a)?|any good|where can (i|we) (find|get|go)|recommend\w*|near( me| us)?|nearby|local|in (my|our) area|directory|what (clubs|groups|activities|services))\b/;

/**
 * In a question, only these say the person wants the directory: "is there a swimming club near us",
 * "where can I find a holiday scheme". "Is there any support for me?" and "where do we start" are
 * questions for the content store, which says who helps and how.
 */
const FINDING_IN_QUESTION =
  /\b(find (?!out)|finding|looking for|look for|search|near (me|us)|nearby|in (my|our) area|directory|recommend\w*|where can (i|we) (find|go))\b/;
/** Words in a message that tells the child's story rather than asking for a service. */
const LONG_ACCOUNT = 14;
/** "We would love to get him into a swimming club": a wish for a service, however long the message. */
const WANTING = /\b(want|wants|would like|would love|love|need|needs|hoping) (a|an|some|to find|to get|to join|to try|him to join|her to join)\b/;
const ANY = /\b(are there( any)?|is there( any| a)?|any)\b/;

/** Words that mark a question about duties and rights, which the content store answers. */
const RIGHTS =
  /\b(ehc\w*|plan|tribunal|appeal\w*|must|should|right|rights|entitled|legal\w*|law|council has to|school has to|exclu\w*|complain\w*|assessment|senco|sen support|fund(s|ed|ing)?|grants?|money|paying|pay for|afford\w*|income|means tested|(does|do) (the )?(council|school|they) have to)\b/;

/** "Find a service", "local services", "search the directory": no detail to search by yet. */
const GENERAL =
  /^(please )?(i want to |i need to |can i |help me |how do i |can you )?(find|search|look for|looking for|see|show me|list)( a| an| the| some| any| local)? (local )?(services?|support services?|directory|service directory|local offer directory)( please)?$|^(local )?services?( near me)?$/;

function readAge(said: string): number | undefined {
  const m = /\b(\d{1,2})\s*(?:years?|yrs?|yo)\s*(?:old)?\b|\baged? (\d{1,2})\b|\b(\d{1,2}) year olds?\b/.exec(said);
  const n = m ? Number(m[1] ?? m[2] ?? m[3]) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 25 ? n : undefined;
}

const WHEN =
  /^(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|easter|christmas|summer|spring|autumn|winter|year)\b/i;

function readArea(raw: string, said: string, knownAreas: readonly string[]): string | undefined {
  const known = knownAreas.find((a) => new RegExp(`\\b${normalise(a).replace(/ /g, '\\s+')}\\b`).test(said));
  if (known) return known;
  // "near Fernvale", "in Fernvale": a place name the directory may not list; only services for the whole area will fit it.
  const m = /\b(?:near|in|around|at)\s+([A-Z][a-zA-Z'-]+(?:\s+[A-Z][a-zA-Z'-]+)?)/.exec(raw);
  // "starting in September", "at Easter": a time, not a place.
  return m?.[1] && !WHEN.test(m[1]) ? m[1] : undefined;
}

export function readServiceRequest(raw: string, knownAreas: readonly string[] = [], opts: { expectingOne?: boolean } = {}): ServiceRequest | null {
  const said = normalise(raw);
  if (!said) return null;
  if (GENERAL.test(said)) return { words: [], needs: [], general: true };
  const named = [...new Set(KINDS.filter(([re]) => re.test(said)).flatMap(([, w]) => w))];
  // "Holiday clubs": the holiday kind alone, or every club in the directory would pad the list.
  const specific = named.filter((w) => !GENERIC.has(w));
  const words = specific.length ? specific : named;
  const needs = [...new Set(NEEDS.filter(([re]) => re.test(said)).flatMap(([, n]) => n))];
  const age = readAge(said);
  const area = readArea(raw, said, knownAreas);
  const found = { words, needs, general: false, ...(age !== undefined ? { age } : {}), ...(area ? { area } : {}) };
  if (opts.expectingOne) return words.length || needs.length ? found : null;
  if (RIGHTS.test(said)) return null;
  // A question names a service in passing ("nursery won't take my son, is that allowed?"): it is a
  // service request only when it asks to find one, or asks whether there is a kind of service.
  if (asksSomething(raw) && !FINDING_IN_QUESTION.test(said) && !(ANY.test(said) && specific.length)) return null;
  // A long account of the child ("she is 4, non verbal, nursery have been brilliant but...") names services
  // in passing; it asks for the directory only when it says so.
  if (said.split(' ').length > LONG_ACCOUNT && !FINDING.test(said) && !WANTING.test(said)) return null;
  // A named kind of service is a request; so is a need with a way of finding, an age or an area ("dyslexia support for a 14 year old").
  if (specific.length && (FINDING.test(said) || needs.length || age !== undefined || area || said.split(' ').length <= 4)) return found;
  if (words.length && (FINDING.test(said) || needs.length)) return found;
  if (needs.length && /\b(support|help|services?|groups?|clubs?|therap\w*)\b/.test(said) && (FINDING.test(said) || age !== undefined || area)) return found;
  return null;
}
