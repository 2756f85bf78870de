/**
 * Takes personal details out of free text before it is kept for editors (unanswered questions and
 * feedback comments). Families often type their child's name, a teacher's name, their address, date of
 * birth, phone number or email; editors need the question, not the person.
 *
 * It errs towards removing too much: a lost word costs editors little, a kept name costs the family.
 *
 * Names come from compromise's people tagger, which knows first names and titles in any case ("oliver",
 * "mrs khan"), then wink-nlp's part-of-speech tagger for capitalised names neither knows ("Kacper has"), plus
 * cue phrases ("my son is called X") for names it does not know. Numbers, emails,
 * postcodes, dates and street addresses have fixed shapes that no kept library covers for UK formats and
 * spelt-out emails ("jo at gmail dot com"), so those are regular expressions written here.
 */
import { createRequire } from 'node:module';

type Compromise = typeof import('compromise').default;
type Wink = ReturnType<typeof import('wink-nlp').default>;

/**
 * The two taggers take about a second to load and set up, and only a kept question or comment needs
 * them, so they are loaded on first use (or by warmRedaction once the server is listening), not at start.
 */
let taggers: { nlp: Compromise; wink: Wink } | undefined;
function load(): { nlp: Compromise; wink: Wink } {
  if (!taggers) {
    const require = createRequire(import.meta.url);
    const winkNLP = require('wink-nlp') as typeof import('wink-nlp').default;
    const winkModel = require('wink-eng-lite-web-model') as typeof import('wink-eng-lite-web-model').default;
    taggers = { nlp: require('compromise') as Compromise, wink: winkNLP(winkModel, ['pos']) };
  }
  return taggers;
}

/** Loads the taggers now, so the first kept question does not wait for them. */
export function warmRedaction(): void {
  load();
}

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

const EMAIL = /[A-Za-z0-9._%+-]+\s?@\s?[A-Za-z0-9-]+(?:\s?\.\s?[A-Za-z0-9-]+)+/g;

/** "at" and "dot" as people spell them out: " at ", "(at)", "[at]", "{at}", and the same for dot. */
const AT = String.raw`(?:\s*[([{<]\s*at\s*[)\]}>]\s*|\s+at\s+|\s*@\s*)`;
const DOT = String.raw`(?:\s*[([{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+|\s*\.\s*)`;
const TLD = 'com|co|uk|org|net|gov|ac|nhs|sch|io|me|info|biz|ie|eu|uk';
/** Mail providers common in the UK: "jo at gmail" is an address even without "dot com". */
const PROVIDERS = 'gmail|googlemail|hotmail|outlook|yahoo|icloud|btinternet|live|aol|sky|virginmedia|talktalk|protonmail|msn|me';
const SPELT_EMAIL = new RegExp(
  String.raw`\b[A-Za-z0-9._%+-]+(?:${DOT}[A-Za-z0-9_%+-]+)*${AT}(?:(?:${PROVIDERS})\b(?:${DOT}(?:${TLD})\b)*|[A-Za-z0-9-]+(?:${DOT}(?:${TLD})\b)+)`,
  'gi',
);

/** 3-3-4 NHS numbers, or ten digits in a row that do not start with 0 (those are phone numbers). */
const NHS_NUMBER = /(?<![\d+])(?:\d{3}[ -]\d{3}[ -]\d{4}|[1-9]\d{9})(?![\d])/g;

/** UK numbers: +44 or 0044 or 0, then 9 or 10 more digits with spaces, dashes or brackets between. */
const UK_PHONE = /(?<![\w+])(?:(?:\+|00)44[\s-]?(?:\(0\)[\s-]?)?|\(?0)\d(?:[\s()-]{0,2}\d){8,9}(?!\d)/g;

/** Full UK postcodes, with or without the space ("SK4 1AB", "sk41ab"). */
const POSTCODE = /\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*\d[A-Z]{2}\b/gi;

const DATES = [
  // 12/03/2015, 12-3-15, 12.03.2015
  /\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/g,
  // 2015-03-12
  /\b\d{4}-\d{1,2}-\d{1,2}\b/g,
  // 12 March 2015, 3rd of march, 12 mar 15
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?(?:\\s+of)?\\s+(?:${MONTHS})\\b\\.?(?:,?\\s+\\d{2,4}\\b)?`, 'gi'),
  // March 12th, 2015
  new RegExp(`\\b(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b(?:,?\\s+\\d{4}\\b)?`, 'gi'),
];

/** A date of birth given as a month and year, or a year alone, after a birth cue. */
const BIRTH = new RegExp(
  String.raw`\b(born|dob|d\.o\.b\.?|date of birth|birthday)(\s*(?:is|was|on|in|:|-)?\s*)(?:(?:${MONTHS})\.?\s+\d{2,4}|\d{4}|\[date\])`,
  'gi',
);

/** The last word of a street name: "Road", "Rd", "Close", "Gardens"... */
const STREET_WORD =
  'road|rd|street|st|avenue|ave|lane|ln|close|cl|drive|dr|way|crescent|cres|court|ct|place|pl|grove|gr|terrace|tce|gardens|gdns|walk|row|square|sq|hill|park|mews|rise|view|green|parade|croft|fold|meadows?|vale|lea|chase|end|mount|wharf|yard|estate';
const NOT_TOWNS =
  'and|but|or|so|the|a|an|is|was|are|were|it|he|she|they|we|i|my|our|his|her|their|to|for|with|at|on|in|of|by|near|next|which|who|that|because|then|please|help|can|could|would|should|will|has|have|had|does|do|did|just|also|where|when|what|how|why|if|not|no|yes|school|college|nursery|now|since|but|its|from|and';
/** After a street: ", Stockport", " in Stockport", " Stockport". The town goes too: with the street it finds the house. */
const TOWN = String.raw`(?:,?\s*(?:in\s+)?(?!(?:${NOT_TOWNS})\b)[A-Za-z][A-Za-z'-]+(?:[\s-](?:upon|on|under|le)[\s-][A-Za-z'-]+)?)?`;
/** One to three words of a street's name, none of them a little word: "5 at the end" is not a street. */
const NAME_WORD_OF_STREET = String.raw`(?!(?:${NOT_TOWNS})\b)[A-Za-z'-]+\s+`;
const STREET_NAME = String.raw`(?:the\s+(?:${NAME_WORD_OF_STREET}){0,2}|(?:${NAME_WORD_OF_STREET}){1,3})`;
/** A house or flat number, up to three words of street name, then the street word. */
const STREET = new RegExp(String.raw`\b(?:(?:flat|apartment|apt|unit)\s*\d+[a-z]?,?\s+)?\d{1,4}[a-z]?,?\s+${STREET_NAME}(?:${STREET_WORD})\b\.?${TOWN}`, 'gi');
/** A street without a number, after "live on", "live at", "address is" and the like. */
const CUED_STREET = new RegExp(
  String.raw`\b((?:live|living|lives|lived|moved|move|stay|staying|address is|address:)\s+(?:on|at|in|to)?\s*)${STREET_NAME}(?:${STREET_WORD})\b\.?${TOWN}`,
  'gi',
);
/** A capitalised street name anywhere: "Mill Lane", "St Peter's Road". */
const CAPITALISED_STREET = new RegExp(
  String.raw`\b(?:[A-Z][a-z'-]+\s+){1,3}(?:Road|Street|Avenue|Lane|Close|Drive|Crescent|Grove|Terrace|Gardens|Mews)\b${TOWN}`,
  'g',
);

function redactAddresses(text: string): string {
  return text
    .replace(STREET, '[address]')
    .replace(CUED_STREET, (_whole, cue: string) => `${cue}[address]`)
    .replace(CAPITALISED_STREET, '[address]');
}

/** Any other long run of digits: reference numbers, case numbers, bank details. */
const LONG_NUMBER = /(?<![\w[])\d(?:[\s-]?\d){5,}(?![\w\]])/g;

/** Words that follow "I'm" or "my son" in questions and are not names. */
const NOT_NAMES = new Set(
  (
    'a an the not so very really just still worried concerned scared confused struggling looking trying wondering asking writing ' +
    'new here unsure sure sorry afraid fine ok okay having getting going feeling being also now currently his her their its ' +
    'mum mom dad mother father parent carer guardian grandparent teacher senco student pupil young single foster who has is was ' +
    'and but with without at in on of for to from about after before because if when how what why which where this that ' +
    'autistic disabled deaf blind dyslexic in year age aged doing does did can cannot cant could would should will wont ' +
    'started starts goes attends needs got hasnt isnt doesnt been age yr year reception nursery school college ' +
    'ehcp sen send adhd asd person officer worker setting plan contact he she they we you i it him them me or so then do foster'
  ).split(' '),
);

const NAME_WORD = "[A-Za-z][A-Za-z'-]*";
const SURNAME = "(\\s+[A-Z][A-Za-z'-]*)?";
const ANY_CASE_SURNAME = "(\\s+[A-Za-z][A-Za-z'-]*)?";

/** Matches a cue phrase in any case while the name after it keeps its case, so capitals can be checked. */
const anyCase = (phrase: string) =>
  phrase
    .replace(/[a-z]/g, (ch) => `[${ch}${ch.toUpperCase()}]`)
    .replace(/ /g, '\\s+')
    .replace(/'/g, "['\u2019]");

/** A name given outright: "is called X", "my name is X". The cue is strong, so lower case counts too. */
const STRONG_CUE = new RegExp(
  `\\b(${['is called', 'am called', 'are called', 'was called', 'called', 'named', 'name is', "name's", 'call him', 'call her', 'call them', 'call me'].map(anyCase).join('|')})\\s+(${NAME_WORD})${ANY_CASE_SURNAME}`,
  'g',
);

/** "I'm X", "I am X", "this is X", "my son X": only a capitalised word that is not an ordinary word. */
const WEAK_CUE = new RegExp(
  `\\b(${["i'm", 'im', 'i am', 'this is', 'my son', 'my daughter', 'my child', 'my boy', 'my girl', 'my kid', 'my grandson', 'my granddaughter', 'my brother', 'my sister', 'my nephew', 'my niece', 'my stepson', 'my stepdaughter', 'my foster child'].map(anyCase).join('|')}),?\\s+([A-Z][A-Za-z'-]*)${SURNAME}`,
  'g',
);

/** A title and the name after it, in any case: "Mrs Patel", "miss hughes", "Mr O'Neill". */
const TITLED = new RegExp(
  `\\b(${['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'mister'].map(anyCase).join('|')})\\.?\\s+([A-Za-z][A-Za-z'\u2019-]*)(\\s+[A-Z][A-Za-z'-]*)?`,
  'g',
);

/** Words compromise can take for a name in our questions that are not names. */
const NOT_PEOPLE = new Set(
  (
    'senco sendiass ehcp send sen ofsted portage access will grace hope may june april august foster child children son daughter ' +
    'boy girl kid kids baby twins brother sister grandson granddaughter nephew niece stepson stepdaughter head headteacher ta teacher'
  ).split(' '),
);

/** Names found by compromise's people tagger, in any case, possessive or not ("oliver's"). */
function redactPeople(text: string): string {
  const found = load().nlp(text).people().json({ offset: true }) as { text: string; offset: { start: number; length: number } }[];
  let out = text;
  // From the end, so earlier offsets stay right.
  for (const person of [...found].sort((a, b) => b.offset.start - a.offset.start)) {
    let start = person.offset.start;
    let span = out.slice(start, start + person.offset.length);
    // compromise can run a role into the name ("TA Mrs Green"): the role is kept.
    const lead = /^(?:(?:[A-Z]{2,}|[a-z]+)\s+)+(?=(?:mr|mrs|ms|miss|mx|dr|sir)\b)/i.exec(span)?.[0] ?? /^[A-Z]{2,}\s+/.exec(span)?.[0] ?? '';
    start += lead.length;
    span = span.slice(lead.length);
    const words = span.toLowerCase().match(/[a-z][a-z'-]*/g) ?? [];
    if (words.length === 0 || words.every((w) => NOT_PEOPLE.has(w.replace(/'s$/, '')) || NOT_NAMES.has(w.replace(/'s$/, '')))) continue;
    // Keep a title, a possessive and trailing punctuation: "Mrs [name]'s class," still reads.
    const m = /^(?:(mr|mrs|ms|miss|mx|dr|sir)\.?\s+)?(.*?)(['\u2019]s)?([,.!?;:]*)$/i.exec(span)!;
    if (/\[|\]/.test(m[2] ?? '')) continue;
    const replaced = `${m[1] ? `${m[1]} ` : ''}[name]${m[3] ?? ''}${m[4] ?? ''}`;
    out = out.slice(0, start) + replaced + out.slice(start + span.length);
  }
  return out;
}

/** Capitalised words that are not names, though a tagger may take them for one. */
const PROPER_NOT_NAMES = new Set(
  (
    'ofsted portage tribunal council sendiass senco offer local allowance disability living church england english scotland wales ' +
    'god christmas easter monday tuesday wednesday thursday friday saturday sunday january february march april may june july ' +
    'august september october november december ombudsman nhs camhs access work year reception nursery primary academy college ' +
    "school university jobcentre dwp gov mencap scope barnardos makaton braille autism down asperger asperger's tourette"
  ).split(' '),
);

/**
 * A capitalised word that wink tags as a proper noun and that stands where a person does: before a verb
 * ("Freya has"), or after a preposition or "and" ("for Ruby"). Words in a run of capitals ("Local Offer")
 * and places compromise knows are left alone.
 */
function redactCapitalisedNames(text: string): string {
  const { nlp, wink } = load();
  const doc = wink.readDoc(text);
  // wink's `its` helpers are plain functions typed as methods; passing them is wink's documented API.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const { value: valueOf, pos: posOf } = wink.its;
  const values = doc.tokens().out(valueOf);
  const tags = doc.tokens().out(posOf);
  const placeNames = nlp(text).places().out('array') as string[];
  const places = new Set(placeNames.flatMap((p) => p.toLowerCase().split(/\s+/)));
  const titleCase = (v: string | undefined) => Boolean(v && /^[A-Z][a-z'\u2019-]+$/.test(v));
  const spans: { start: number; end: number }[] = [];
  let cursor = 0;
  values.forEach((value, i) => {
    const start = text.indexOf(value, cursor);
    if (start < 0) return;
    cursor = start + value.length;
    if (tags[i] !== 'PROPN' || !titleCase(value)) return;
    const lower = value.toLowerCase();
    if (/^i['\u2019]/.test(lower) || PROPER_NOT_NAMES.has(lower) || NOT_NAMES.has(lower) || NOT_PEOPLE.has(lower) || places.has(lower)) return;
    const prev = values[i - 1];
    const next = values[i + 1];
    if (titleCase(prev) || titleCase(next) || tags[i - 1] === 'DET') return;
    const beforeVerb = ['AUX', 'VERB', 'PART'].includes(tags[i + 1] ?? '');
    const afterLink = ['ADP', 'CCONJ'].includes(tags[i - 1] ?? '');
    if (beforeVerb || afterLink) spans.push({ start, end: cursor });
  });
  let out = text;
  for (const span of spans.reverse()) out = `${out.slice(0, span.start)}[name]${out.slice(span.end)}`;
  return out;
}

function redactNames(text: string): string {
  const keep = (word: string | undefined) => (word && NOT_NAMES.has(word.trim().toLowerCase()) ? word : '');
  let out = text.replace(STRONG_CUE, (whole, cue: string, name: string, surname: string | undefined) =>
    NOT_NAMES.has(name.toLowerCase()) ? whole : `${cue} [name]${keep(surname)}`,
  );
  out = out.replace(WEAK_CUE, (whole, cue: string, name: string, surname: string | undefined) => {
    // All capitals is an abbreviation ("my son ADHD"), not a name.
    if (NOT_NAMES.has(name.toLowerCase()) || (name.length > 1 && name === name.toUpperCase())) return whole;
    return `${cue} [name]${keep(surname)}`;
  });
  return out;
}

export function redactPersonalData(text: string): string {
  let out = text.replace(EMAIL, '[email]').replace(SPELT_EMAIL, '[email]');
  for (const pattern of DATES) out = out.replace(pattern, '[date]');
  out = out.replace(BIRTH, (_whole, cue: string, gap: string) => `${cue}${gap}[date]`);
  out = out.replace(NHS_NUMBER, '[number]');
  out = out.replace(UK_PHONE, '[phone]');
  out = out.replace(POSTCODE, '[postcode]');
  out = redactAddresses(out);
  out = out.replace(LONG_NUMBER, '[number]');
  out = out.replace(TITLED, (whole, title: string, name: string) => (NOT_NAMES.has(name.toLowerCase()) ? whole : `${title} [name]`));
  out = redactNames(redactCapitalisedNames(redactPeople(out)));
  // "[name] [name]" from a first name and a surname found separately is one name.
  return out.replace(/\[name\](?:\s+\[name\])+/g, '[name]');
}
