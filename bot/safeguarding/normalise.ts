/**
 * Normalising text for the safeguarding check. People in distress type fast, on phones, in text-speak:
 * "im gonna kms", "wanna dieeee", "want2die", "suicidle". This turns a message into a list of plain
 * lower-case word tokens so that the detector's phrases can be written once in ordinary English.
 *
 * Kept apart from bot/understanding/text.ts on purpose: that normaliser is tuned for finding topics,
 * this one for never missing a disclosure, and a change to one must not quietly weaken the other.
 * Every step is a single pass over the text or the tokens, so the cost is linear in the input.
 */

/** Marks the end of a sentence, so phrases do not join across "." and a phrase can end the message. */
export const BOUNDARY = '.';

/** Text-speak, contractions and common misspellings, one token to one or more words. */
const WORD_MAP: Record<string, string> = {
  // Pronouns and verbs people run together or shorten.
  u: 'you',
  ya: 'you',
  yu: 'you',
  ur: 'your',
  urself: 'yourself',
  r: 'are',
  im: 'i am',
  ive: 'i have',
  hes: 'he is',
  shes: 'she is',
  theyre: 'they are',
  theyve: 'they have',
  youre: 'you are',
  its: 'it is',
  whats: 'what is',
  thats: 'that is',
  theres: 'there is',
  wots: 'what is',
  dont: 'do not',
  dnt: 'do not',
  doesnt: 'does not',
  didnt: 'did not',
  cant: 'can not',
  cnt: 'can not',
  carnt: 'can not',
  cannot: 'can not',
  wont: 'will not',
  wouldnt: 'would not',
  couldnt: 'could not',
  shouldnt: 'should not',
  isnt: 'is not',
  aint: 'is not',
  arent: 'are not',
  wasnt: 'was not',
  werent: 'were not',
  havent: 'have not',
  hasnt: 'has not',
  hadnt: 'had not',
  nt: 'not',
  nah: 'no',
  wanna: 'want to',
  wana: 'want to',
  wnt: 'want',
  gonna: 'going to',
  gunna: 'going to',
  gna: 'going to',
  goin: 'going',
  tryna: 'trying to',
  gotta: 'got to',
  hmu: 'contact me',
  // Words cut short or run together.
  kms: 'kill myself',
  kys: 'kill yourself',
  ded: 'dead',
  dieing: 'dying',
  dyin: 'dying',
  killin: 'killing',
  hurtin: 'hurting',
  cuttin: 'cutting',
  breathin: 'breathing',
  breathng: 'breathing',
  breating: 'breathing',
  brething: 'breathing',
  breth: 'breath',
  chokin: 'choking',
  chocking: 'choking',
  fittin: 'fitting',
  bleedin: 'bleeding',
  livin: 'living',
  nothin: 'nothing',
  beatin: 'beating',
  hittin: 'hitting',
  touchin: 'touching',
  abusin: 'abusing',
  no1: 'nobody',
  noone: 'nobody',
  nobdy: 'nobody',
  sum1: 'someone',
  some1: 'someone',
  sumone: 'someone',
  any1: 'anyone',
  every1: 'everyone',
  evry1: 'everyone',
  ppl: 'people',
  nomore: 'no more',
  nowere: 'nowhere',
  anymor: 'anymore',
  nemore: 'anymore',
  pls: 'please',
  plz: 'please',
  rn: 'right now',
  atm: 'at the moment',
  tbh: 'to be honest',
  ngl: 'not going to lie',
  idk: 'i do not know',
  n: 'and',
  nd: 'and',
  coz: 'because',
  cos: 'because',
  cuz: 'because',
  bc: 'because',
  b4: 'before',
  '2day': 'today',
  '2nite': 'tonight',
  tonite: 'tonight',
  '2moro': 'tomorrow',
  tmrw: 'tomorrow',
  wiv: 'with',
  lil: 'little',
  bby: 'baby',
  // People. "DS", "DD" and "DH" are how many UK parents write son, daughter and husband online.
  mam: 'mum',
  mom: 'mum',
  mommy: 'mum',
  mummy: 'mum',
  mams: 'mums',
  moms: 'mums',
  mummys: 'mums',
  daddy: 'dad',
  daddys: 'dads',
  stepdad: 'step dad',
  stepdads: 'step dads',
  stepmum: 'step mum',
  stepmom: 'step mum',
  stepfather: 'step dad',
  stepmother: 'step mum',
  bf: 'boyfriend',
  gf: 'girlfriend',
  bro: 'brother',
  sis: 'sister',
  hubby: 'husband',
  dh: 'husband',
  ds: 'son',
  dd: 'daughter',
  yo: 'year old',
  yr: 'year',
  yrs: 'years',
  fella: 'boyfriend',
  // Reflexives, misspelt and run apart (run-apart forms are joined in joinPairs).
  myslef: 'myself',
  myslf: 'myself',
  mysef: 'myself',
  meself: 'myself',
  mself: 'myself',
  myselfe: 'myself',
  himslef: 'himself',
  hisself: 'himself',
  himsel: 'himself',
  herslef: 'herself',
  hersef: 'herself',
  themself: 'themselves',
  theirselves: 'themselves',
  // The words that matter most, as people misspell them.
  suicde: 'suicide',
  suiside: 'suicide',
  sucide: 'suicide',
  suicid: 'suicide',
  suecide: 'suicide',
  suicidle: 'suicidal',
  sucidal: 'suicidal',
  suicidel: 'suicidal',
  suisidal: 'suicidal',
  suicdal: 'suicidal',
  suicidial: 'suicidal',
  sucicidal: 'suicidal',
  suacidal: 'suicidal',
  sucidle: 'suicidal',
  suicidall: 'suicidal',
  selfharm: 'self harm',
  selfharming: 'self harming',
  selfharms: 'self harms',
  selfharmed: 'self harmed',
  selfharmer: 'self harmer',
  slefharm: 'self harm',
  overdoes: 'overdose',
  overdos: 'overdose',
  ovredose: 'overdose',
  overdossed: 'overdosed',
  siezure: 'seizure',
  seizer: 'seizure',
  sezure: 'seizure',
  seisure: 'seizure',
  seazure: 'seizure',
  siezures: 'seizures',
  seizers: 'seizures',
  siezing: 'seizing',
  unconcious: 'unconscious',
  unconsious: 'unconscious',
  unconcsious: 'unconscious',
  unconscience: 'unconscious',
  anaphalaxis: 'anaphylaxis',
  anaphylaxsis: 'anaphylaxis',
  anaphylaxes: 'anaphylaxis',
  anaphylatic: 'anaphylactic',
  anaphalactic: 'anaphylactic',
  collasped: 'collapsed',
  colapsed: 'collapsed',
  negleted: 'neglected',
  neglegted: 'neglected',
  abussed: 'abused',
  abuseing: 'abusing',
};

/** Contractions that are also ordinary words ("hell", "ill", "shell", "id"): expanded only before a verb. */
const CONTRACTION_BEFORE_VERB: Record<string, string> = {
  hell: 'he will',
  shell: 'she will',
  ill: 'i will',
  id: 'i would',
  hed: 'he would',
  shed: 'she would',
  theyll: 'they will',
  youll: 'you will',
  itll: 'it will',
};
const VERBS_AFTER_CONTRACTION = new Set(
  (
    'be kill do go end take hurt die jump cut never just stab shoot hit beat find get come have make burn ' +
    'overdose hang really rather like love want not always probably definitely actually murder strangle'
  ).split(' '),
);

/** After "2" these words mean a number ("2 kids"), not "to". */
const COUNTED = new Set(
  (
    'years year yrs yr weeks week wks days day months month mths hours hour hrs mins minutes min seconds secs ' +
    'times kids children boys girls sons daughters people schools of or and x pm am'
  ).split(' '),
);

/** "sh" is self-harm only beside these words ("my sh", "sh urges", "relapsed on sh"). */
const SH_BEFORE = new Set('my to of on about did do doing done relapsed relapse with from her his their into urge urges started'.split(' '));
const SH_AFTER = new Set('urges urge thoughts scars scar cuts marks wounds again relapse relapsed habit'.split(' '));
/** "od" is an overdose only beside these words ("take an od", "od on pills"), never "odd". */
const OD_BEFORE = new Set('an a to going want will take taken took taking did might gonna planning about'.split(' '));
const OD_AFTER = new Set(['on', 'again']);
/** "OD'd" loses its apostrophe and becomes "odd": only an overdose straight after a person. */
const ODD_BEFORE = new Set('i he she they has have had just nearly almost'.split(' '));

const REFLEXIVE_JOIN: Record<string, string> = { my: 'myself', him: 'himself', her: 'herself', your: 'yourself', them: 'themselves', me: 'myself' };
const SELF_COMPOUND = new Set('harm harms harming harmed harmer harmers injury injuring injure esteem care confidence confident'.split(' '));

/** Lower-case, accents and zero-width characters gone, curly apostrophes straightened. */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/[\u200b-\u200f\u2060\ufeff]/g, '');
}

/**
 * Collapses every run of a repeated letter to one: "diieee" -> "die", "kill" -> "kil", "kil" -> "kil".
 * The detector compares words in this form, so doubled and dropped letters match alike.
 */
export function skeleton(word: string): string {
  return word.replace(/(.)\1+/g, '$1');
}

/** The map keyed by skeleton, for stretched words like "plzzzz" or "wannnnaaa". */
const SKELETON_MAP = new Map<string, string>(Object.entries(WORD_MAP).map(([k, v]) => [skeleton(k), v]));

function lookup(token: string): string | undefined {
  // Own keys only: a typed "constructor" or "__proto__" must not find Object's built-in properties.
  const direct = Object.hasOwn(WORD_MAP, token) ? WORD_MAP[token] : undefined;
  if (direct !== undefined) return direct;
  // Only fall back on the skeleton for clearly stretched words: "deed" must not become "dead".
  return /(.)\1\1/.test(token) ? SKELETON_MAP.get(skeleton(token)) : undefined;
}

/** Raw tokens: words, digits, and a boundary at sentence ends. Apostrophes join ("don't" -> "dont"). */
function rawTokens(folded: string): string[] {
  const out: string[] = [];
  for (const m of folded.replace(/'/g, '').matchAll(/[a-z0-9]+|[.!?;\n]+/g)) {
    const t = m[0];
    if (/^[a-z0-9]/.test(t)) out.push(t);
    else if (out.length && out[out.length - 1] !== BOUNDARY) out.push(BOUNDARY);
  }
  return out;
}

/** Letters written as look-alike digits inside a word ("d1e", "k1ll", "su1c1de"), used to dodge filters. */
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e' };

/**
 * Splits "want2die" into "want 2 die" and "15yo" into "15 yo" when the whole token is not known, after
 * reading look-alike digits between letters as the letters they stand for.
 */
function splitMixed(token: string): string[] {
  if (WORD_MAP[token] !== undefined || !/[a-z]/.test(token) || !/[0-9]/.test(token)) return [token];
  const unleet = token.replace(/(?<=[a-z])[013](?=[a-z])/g, (d) => LEET[d] ?? d);
  if (WORD_MAP[unleet] !== undefined || !/[0-9]/.test(unleet)) return [unleet];
  return unleet.match(/[a-z]+|[0-9]+/g) ?? [unleet];
}

function isWord(t: string | undefined): t is string {
  return t !== undefined && /^[a-z]/.test(t);
}

/** Words whose meaning depends on their neighbours: "2", "sh", "od", "odd" and contractions like "hell". */
function resolveInContext(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const prev = out[out.length - 1];
    const next = tokens[i + 1];
    if (t === '2' && isWord(prev) && isWord(next) && !COUNTED.has(next)) out.push('to');
    else if (t === 'sh' && ((prev !== undefined && SH_BEFORE.has(prev)) || (next !== undefined && SH_AFTER.has(next)))) out.push('self', 'harm');
    else if (t === 'od' && ((prev !== undefined && OD_BEFORE.has(prev)) || (next !== undefined && OD_AFTER.has(next)))) out.push('overdose');
    else if (t === 'odd' && prev !== undefined && ODD_BEFORE.has(prev)) out.push('overdosed');
    else if ((t === 'oded' || t === 'odd') && next === 'on') out.push('overdosed');
    else if (CONTRACTION_BEFORE_VERB[t] !== undefined && next !== undefined && VERBS_AFTER_CONTRACTION.has(next))
      out.push(...CONTRACTION_BEFORE_VERB[t].split(' '));
    else out.push(t);
  }
  return out;
}

/** Joins words people type apart: "my self" -> "myself", "over dose" -> "overdose", "no one" -> "nobody". */
function joinPairs(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const next = tokens[i + 1];
    const after = tokens[i + 2];
    let joined: string | undefined;
    if ((next === 'self' || next === 'selves') && REFLEXIVE_JOIN[t] && !(after !== undefined && SELF_COMPOUND.has(after))) joined = REFLEXIVE_JOIN[t];
    else if (t === 'over' && (next === 'dose' || next === 'dosed' || next === 'dosing')) joined = `over${next}`;
    else if (t === 'un' && (next === 'alive' || next === 'aliving' || next === 'alived')) joined = `un${next}`;
    else if (t === 'no' && (next === 'one' || next === 'body')) joined = 'nobody';
    else if (t === 'some' && (next === 'one' || next === 'body')) joined = 'someone';
    else if (t === 'any' && next === 'more') joined = 'anymore';
    else if (t === 'no' && next === 'where') joined = 'nowhere';
    else if (t === 'epi' && next === 'pen') joined = 'epipen';
    if (joined) {
      out.push(joined);
      i++;
    } else out.push(t);
  }
  return out;
}

/**
 * The message as normalised word tokens, with BOUNDARY between sentences. Not skeletonised: the detector
 * does that itself, so the tokens stay readable in tests.
 */
export function normaliseTokens(text: string): string[] {
  const expanded: string[] = [];
  for (const raw of rawTokens(fold(text))) {
    for (const piece of splitMixed(raw)) {
      const mapped = lookup(piece);
      if (mapped === undefined) expanded.push(piece);
      else expanded.push(...mapped.split(' '));
    }
  }
  return joinPairs(resolveInContext(expanded));
}

/** The normalised message as one string, words separated by single spaces. */
export function normalise(text: string): string {
  return normaliseTokens(text).join(' ');
}
