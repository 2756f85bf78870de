/**
 * Turning what people type into something we can match: cleaning, text-speak, tokens and stems.
 * Families write on phones, in a hurry, with typos and text-speak; none of that should stop them.
 */
import { stem, tokenizeWords } from './natural.js';

/** The longest text we try to understand. Longer messages are still checked for safeguarding in full. */
export const MAX_UNDERSTOOD_CHARS = 1000;

export interface CleanText {
  text: string;
  truncated: boolean;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/** Strips markup and control characters, folds white space and caps the length. */
export function cleanInput(raw: string): CleanText {
  // Only the start is ever read, so only the start is cleaned: a 20 KB message costs what a 4 KB one does.
  // (Safeguarding reads the whole message, apart from this.)
  const start = raw.length > MAX_UNDERSTOOD_CHARS * 4 ? raw.slice(0, MAX_UNDERSTOOD_CHARS * 4) : raw;
  let text = start
    // Pasted HTML: what is inside script and style blocks was never words for a reader.
    .replace(/<(script|style)\b[^>]{0,500}>[\s\S]{0,5000}?<\/\1\s*>/gi, ' ')
    .replace(/<[^<>]{0,500}>/g, ' ')
    .replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (e) => ENTITIES[e] ?? ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g, ' ')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
  const truncated = text.length > MAX_UNDERSTOOD_CHARS || start !== raw;
  if (truncated) text = text.slice(0, MAX_UNDERSTOOD_CHARS);
  return { text, truncated };
}

/** True when the text has letters or digits (not only emoji, punctuation or symbols). */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** Text-speak and common shortenings, one word to one or more words. */
const TEXT_SPEAK: Record<string, string> = {
  wot: 'what',
  wat: 'what',
  wats: 'what is',
  wots: 'what is',
  wht: 'what',
  whut: 'what',
  wen: 'when',
  wer: 'where',
  hw: 'how',
  y: 'why',
  u: 'you',
  ya: 'you',
  ur: 'your',
  yr: 'your',
  r: 'are',
  im: 'i am',
  ive: 'i have',
  hav: 'have',
  av: 'have',
  dont: 'do not',
  didnt: 'did not',
  doesnt: 'does not',
  cant: 'can not',
  wont: 'will not',
  isnt: 'is not',
  havent: 'have not',
  hasnt: 'has not',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  ty: 'thanks',
  coz: 'because',
  cos: 'because',
  cuz: 'because',
  bc: 'because',
  skool: 'school',
  skl: 'school',
  sch: 'school',
  colledge: 'college',
  collage: 'college',
  uni: 'university',
  n: 'and',
  nd: 'and',
  b4: 'before',
  '2day': 'today',
  tmrw: 'tomorrow',
  '2moro': 'tomorrow',
  ppl: 'people',
  abt: 'about',
  bout: 'about',
  sum1: 'someone',
  some1: 'someone',
  any1: 'anyone',
  every1: 'everyone',
  gonna: 'going to',
  wanna: 'want to',
  gotta: 'got to',
  dunno: 'do not know',
  ok: 'okay',
  k: 'okay',
  kk: 'okay',
  yeh: 'yes',
  yea: 'yes',
  yeah: 'yes',
  yep: 'yes',
  yup: 'yes',
  ye: 'yes',
  nah: 'no',
  nope: 'no',
  mum: 'mum',
  mam: 'mum',
  kid: 'child',
  kids: 'children',
  lad: 'son',
  dr: 'doctor',
  docs: 'doctor',
  gp: 'gp',
  info: 'information',
  appt: 'appointment',
  meds: 'medicines',
  asap: 'soon',
  wk: 'week',
  wks: 'weeks',
  yrs: 'years',
  yr9: 'year 9',
  y9: 'year 9',
  ed: 'education',
};

/** Words that carry no meaning for matching. Negations and "no" are kept: "council said no" matters. */
export const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at for from by with about as is are was were be been being am do does did ' +
    'i me my we our you your he she it they them his her its their this that these those there here what which who ' +
    'whom whose how when where why can could would should will shall may might must have has had get got just so ' +
    'then than too very really please thanks thank okay hi hello hey dear some any all also into out up down over ' +
    'tell know want need like am im ok one think ' +
    // Who the question is about, not what it is about: the content says "your child".
    'son sons daughter daughters boy girl dd ds'
  ).split(' '),
);

/**
 * The last few texts' words. One message is read into words some twenty times in a turn (commands, choices,
 * the profile, ranking, composing), a few different texts at most; each caller gets its own copy.
 */
const RECENT_WORDS = 8;
const recentWords = new Map<string, readonly string[]>();

/** Lower-case word tokens with apostrophes dropped and text-speak expanded. */
export function words(text: string): string[] {
  const kept = recentWords.get(text);
  if (kept) return kept.slice();
  const out = readWords(text);
  if (recentWords.size >= RECENT_WORDS) recentWords.delete(recentWords.keys().next().value!);
  recentWords.set(text, out.slice());
  return out;
}

function readWords(text: string): string[] {
  const tokens = tokenizeWords(text.toLowerCase().replace(/'/g, '')).map((w) => w.toLowerCase());
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i]!;
    // An age typed as one word ("my 3yr old", "hes 7yo", "2yrs"): the number and its unit, as if spaced.
    const age = /^(\d{1,2})(yrs?|yo)$/.exec(w);
    if (age) {
      out.push(age[1]!, age[2] === 'yrs' ? 'years' : 'year', ...(age[2] === 'yo' ? ['old'] : []));
      continue;
    }
    // Own keys only: "constructor" or "__proto__" typed by someone is a word, not Object's own property.
    const expanded = Object.hasOwn(NUMBER_SPEAK, w) && isNumberSpeak(tokens, i) ? NUMBER_SPEAK[w]! : Object.hasOwn(TEXT_SPEAK, w) ? TEXT_SPEAK[w]! : w;
    for (const part of expanded.split(' ')) if (part) out.push(part);
  }
  return out;
}

/** "have 2 pay", "clubs 4 disabled people": a digit standing for a word. */
const NUMBER_SPEAK: Record<string, string> = { '2': 'to', '4': 'for' };
/** Words after a number that make it a number: "2 months", "4 year old", "2 miles". */
const COUNTED =
  /^(days?|weeks?|months?|years?|yrs?|yo|hours?|hrs?|miles?|mins?|minutes?|times?|x|and|or|to|of|kids?|children|sons?|daughters?|boys?|girls?|people|sessions?|terms?|pm|am|o|oclock)$/;
/** Words before a number that make it a number: "year 2", "aged 4", "section 4". */
const NUMBERED =
  /^(year|yr|y|age|aged|section|under|over|only|about|around|nearly|almost|than|the|my|our|his|her|their|of|and|or|to|from|by|every|at|until|till|is|are|was)$/;

function isNumberSpeak(tokens: string[], i: number): boolean {
  const next = tokens[i + 1];
  const before = tokens[i - 1];
  return next !== undefined && /^[a-z]+$/.test(next) && !COUNTED.test(next) && !(before !== undefined && NUMBERED.test(before));
}

/** Content words, stemmed: what we index and match on. */
export function stems(text: string): string[] {
  return words(text)
    .filter((w) => !STOPWORDS.has(w))
    .map(stem);
}

let lastNormalised: { text?: string; said: string } = { said: '' };

/** The text as one normalised string, for whole-phrase checks. */
export function normalise(text: string): string {
  // The same message is normalised again and again in a turn: the last one is kept.
  if (text === lastNormalised.text) return lastNormalised.said;
  const said = words(text).join(' ');
  lastNormalised = { text, said };
  return said;
}

/** Starts like a question or ends with a question mark. */
export function looksLikeQuestion(text: string): boolean {
  return (
    /\?\s*$/.test(text) ||
    /^(what|wot|wat|whats|how|hw|when|wen|why|who|where|which|can|could|do|does|did|is|are|will|would|should|shud|am|has|have)\b/i.test(text.trim())
  );
}

/** Asks something somewhere in the message: "my son was excluded, what can I do", "is that allowed". */
export function asksSomething(text: string): boolean {
  if (looksLikeQuestion(text)) return true;
  const said = ` ${words(text).join(' ')} `;
  return / (what|how|who|when|where|why|which) | (can|could|should|do|does|must|will) (i|we|you|they|he|she|my|the|a) | is (that|it|this|there) /.test(said);
}

/**
 * One sentence that asks outright: a question ("can he get a bus pass?") or a request for information
 * ("I want to know if my plan carries over", "info on short breaks"). Stricter than asksSomething, where
 * "when" or "where" inside a sentence is enough: "he said he'd be back when..." asks nothing.
 */
export function asksOutright(sentence: string): boolean {
  // "Has gone missing 3 times." starts like a question but its full stop says it is not one.
  if (looksLikeQuestion(sentence) && !/\.\s*$/.test(sentence)) return true;
  return /\b(?:want|need|would like|'d like|trying|try|wanted) to (?:know|find out|ask|check|work out)\b|\b(?:query|queries|question|advice|info|information|guidance|details) (?:about|on|with|re|regarding|for|whether|if)\b|\b(?:asking|enquiring|inquiring|querying) (?:about|how|what|whether|if|when|where|which|who|the|re|regarding)\b|\b(?:wondering|looking for|after the|after guidance)\b/i.test(
    sentence,
  );
}

/** How many words carry meaning (not "the", "my", "is"). */
export function contentWordCount(text: string): number {
  return words(text).filter((w) => !STOPWORDS.has(w)).length;
}
