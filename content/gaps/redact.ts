/**
 * Takes personal details out of a question before it is kept for editors. Families often type their
 * child's name, date of birth or phone number; editors need the question, not the person.
 *
 * It errs towards removing too much: a lost word costs editors little, a kept name costs the family.
 */

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

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
    'ehcp sen send adhd asd person officer worker setting plan contact he she they we you i it him them me or so then'
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
  let out = text.replace(EMAIL, '[email]');
  for (const pattern of DATES) out = out.replace(pattern, '[date]');
  out = out.replace(NHS_NUMBER, '[number]');
  out = out.replace(UK_PHONE, '[phone]');
  out = out.replace(POSTCODE, '[postcode]');
  out = out.replace(LONG_NUMBER, '[number]');
  return redactNames(out);
}
