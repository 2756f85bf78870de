/**
 * The words the safeguarding rules share: word classes (@name in a phrase), the context a rule sees, and
 * helpers for "someone is named" and "a child is mentioned". The rules themselves are in this folder, one
 * file per kind of risk; ../rules.ts puts them together in order.
 */
import type { Category } from '../categories.js';
import { skeleton } from '../normalise.js';
import { endingRegExp, startingRegExp } from '../phrase.js';

export type RiskKind = 'risk-to-life' | 'self-harm' | 'child-at-risk' | 'medical-emergency';

/** Every kind, in the order replies list them. */
export const RISK_KINDS: readonly RiskKind[] = ['risk-to-life', 'medical-emergency', 'self-harm', 'child-at-risk'];

export const CLASSES: Record<string, string> = {
  refl: 'myself|himself|herself|themselves|yourself',
  childNoun:
    'son|sons|daughter|daughters|child|children|childs|kid|kids|boy|boys|girl|girls|baby|babies|toddler|' +
    'stepson|stepdaughter|grandson|granddaughter|grandchild|grandchildren|nephew|niece|lad|teen|teenager|' +
    'little one|little ones|brother|sister|brothers|sisters|@num year old|@num years old',
  victimChild: '(my|our|his|her|their|the|a) (little|baby|young|younger|youngest|eldest|oldest|older|step|autistic|disabled)? @childNoun',
  childAgent:
    '(my|our|his|her) (little|young|younger|older|eldest|youngest|autistic|disabled)? (son|daughter|child|kid|boy|girl|lad|teenager|toddler|@num year old)',
  parentFigure:
    '(mums|mum|dads|dad|nans|moms) (boyfriend|girlfriend|partner|husband|wife|fiance)|' +
    'dad|mum|father|mother|parent|parents|step dad|step mum|uncle|aunt|auntie|aunty|grandad|granddad|' +
    'grandpa|grandfather|nan|nana|gran|granny|grandma|grandmother|brother|sister|cousin|carer|carers|' +
    'foster carer|teacher|teachers|ta|teaching assistant|staff|babysitter|childminder|coach|stepbrother|stepsister',
  partner: 'husband|wife|partner|boyfriend|girlfriend|ex|ex partner|ex husband|ex wife|fiance|fiancee|other half',
  pronounAgent: 'he|she|they|someone|somebody|man|woman|men|people|person|guy|neighbour|neighbours',
  violent:
    'hits|hit|hitting|beats|beat|beating|punches|punched|punching|kicks|kicked|kicking|slaps|slapped|' +
    'slapping|hurts|hurt|hurting|strangles|strangled|strangling|chokes|choked|choking|throttles|throttled|' +
    'throttling|attacks|attacked|attacking|abuses|abused|abusing|assaults|assaulted|assaulting|burns|burnt|' +
    'burned|whips|whipped|batters|battered|battering|rapes|raped|raping|molests|molested|molesting|stabs|' +
    'stabbed|stabbing|sexually abuses|sexually abused|sexually abusing',
  inst:
    'council|school|schools|college|nursery|la|authority|team|senco|sendco|office|service|services|panel|' +
    'camhs|nhs|department|caseworker|system|government|academy|trust|hospital|consultant|social services|' +
    'social worker|emails|email|letters|letter|phone|phones|line|website|app|provision|placement',
  inanimate:
    '@inst|it|this|that|which|paperwork|waiting|wait|process|forms|form|tribunal|battle|fight|stress|worry|' +
    'job|work|delay|delays|cuts|situation|everything|noise|heat|traffic|exams|homework|pain|lack|kindness|message|story',
  /** Changes and chores said to "kill" someone: "the move is going to kill him". */
  hardThing:
    'move|moving|house move|moving house|change|changes|transition|transitions|timetable|routine|drive|journey|trip|commute|' +
    'school run|holiday|holidays|christmas|weather|news|diet|bill|bills|price|prices|cost|costs|stairs|hill|walk|run|exam|term',
  /** Things a person may "kill" or "smash" in temper: "I'm going to kill my laptop". */
  device:
    'laptop|laptops|phone|phones|mobile|computer|computers|pc|tablet|ipad|ipads|xbox|ps4|ps5|playstation|switch|console|controller|' +
    'printer|tv|telly|television|router|wifi|internet|charger|headphones|car|keyboard|screen|plants|plant|battery|batteries|alarm|alarm clock',
  /** A past event, not an emergency now: "stopped breathing at birth", "went blue as a baby". */
  past:
    'at birth|when (he|she|i|they) (was|were) (born|little|a baby|younger|small|tiny)|as a baby|as a newborn|' +
    'last (year|month|term)|(years|months|weeks) ago|in the past',
  /** Words between a subject and its verb: "the paperwork IS REALLY killing me". */
  aux:
    'is|are|was|were|am|has|have|had|been|be|being|keeps|keep|kept|always|just|still|really|often|constantly|' +
    'will|would|does|did|do|also|now|so|very|deeply|literally|actually|not|never|going to|trying to|about to|got|gets|get',
  hypothetical:
    'if|whenever|in case|incase|might|may|risk|prone|history|what happens|what to do|plan|plans|' +
    'training|trained|procedure|policy|protocol|should have|should of|would have|did not|never',
  frame:
    'policy|policies|procedure|procedures|training|trained|course|courses|awareness|prevention|statistics|' +
    'stats|rate|rates|research|leaflet|leaflets|lesson|lessons|curriculum|guidance|workshop|workshops|' +
    'toolkit|resources|module|project|homework|essay|assignment|protocol|protocols|strategy|charity|charities',
  /** What a goodbye says: "sorry for everything", "I love you", "it was nobody's fault", "it's time". */
  farewell:
    'sorry $|sorry (mum|mom|mama|dad|everyone|al|for everything|4 everything|for evrything|4 evrything|for it al|for being (a|such a)? (burden|problem|pain|disappointment|failure|let down))|' +
    'goodbye|bye $|bye (mum|mom|mama|dad|everyone|al)|i love (you|them|her|him|everyone|you al)|love you al|(he|she) loves (us|me|you)|forgive me|' +
    '(it was|it is|it is not|it was not)? (nobodys|nobody is|no ones|noones) fault|not (your|anyones|anybodys|their|her|his|my mums|mums) fault|' +
    'it is time|thank you for everything|thanks for everything|look after (mum|my mum|dad|my dad|my dog|my cat|each other|everyone)',
  sportsOrAccident:
    '(at|in|during|playing|doing) (football|rugby|pe|sport|sports|training|the park|a match|match|games|' +
    'play|playtime|the playground|gymnastics|swimming)|by accident|accidentally|falling|playing|shaving|cooking',
};

export interface Context {
  /** The message's words in skeleton form. */
  words: Set<string>;
  count: number;
}

export type KindsOf = RiskKind[] | ((ctx: Context, before: string) => RiskKind[]);

/**
 * The category of crisis a rule's match speaks of (categories.ts), which decides the services its reply
 * names when the statistical layer is unsure of one. A function reads the whole message (`ctx`), the text
 * just before the match and the match itself, for rules whose matches differ: a threat with money or
 * pictures in it is extortion, not abuse at home.
 */
export type CategoryOf = Category | ((ctx: Context, before: string, match: string) => Category);

export interface RuleSpec {
  /** A short name, safe to log: it never holds message text. */
  name: string;
  kinds: KindsOf;
  /** The crisis category this rule's matches are, for the services the reply names. */
  category: CategoryOf;
  phrase: string;
  /** Stops the match when this phrase ends right where the match begins. */
  notBefore?: string;
  /** Stops the match when this phrase starts right where the match ends. */
  notAfter?: string;
  /** For the few checks the phrase language cannot say, such as "any word ending in -ing". */
  notAfterPattern?: RegExp;
  /**
   * A match is a disclosure of danger now that no calming context softens (assess.ts), as firm.ts holds
   * for "I want to die": a goodbye note or "it's time" is a plan made, whatever SEND question is around it.
   */
  firm?: boolean;
  /** A test on the whole message, for rules that need a person named somewhere in it. */
  when?: (ctx: Context) => boolean;
}

export const SK = (words: string): Set<string> => new Set(words.split(' ').map(skeleton));
export const PERSONAL = SK('i me my mine myself our he she him her his himself herself son daughter child kid boy girl friend brother sister mate');
export const CHILD_WORDS = SK(
  'son sons daughter daughters child children childs kid kids boy boys girl girls baby toddler teen teenager nephew niece stepson stepdaughter grandson granddaughter',
);

/** Words that make "it's time" or "tonight's the night" a goodbye: a note, a farewell, the means at hand. */
export const GOODBYE_WORDS = SK('note notes letter letters goodbye goodbyes bye sorry rope pills tablets bridge');
export const personNamed = (ctx: Context): boolean => [...PERSONAL].some((w) => ctx.words.has(w));
export const mentionsChild = (ctx: Context): boolean => [...CHILD_WORDS].some((w) => ctx.words.has(w));
/** A short message ("self harm", "suicidal") is about the person typing it. */
export const SHORT_MESSAGE = 4;

export const FIRST_PERSON_BEFORE = endingRegExp('(i|me|myself) ~3', CLASSES);

/** The writer as the subject of the match: "I am going to hurt him", "I've got the knife". */
const WRITER_BEFORE = endingRegExp('i @aux? @aux? @aux?', CLASSES);
const FIRST_PERSON_START = /^ ?i /;
export const writerIsSubject = (before: string, match: string): boolean => WRITER_BEFORE.test(before) || FIRST_PERSON_START.test(match);
/** A match that begins with a partner: "her husband has been hitting her". */
export const PARTNER_START = startingRegExp('@partner', CLASSES);
const CHILD_AGENT_BEFORE = endingRegExp('@childAgent ~3', CLASSES);

const MONEY = SK('money pay paid paying cash pounds quid bitcoin crypto voucher vouchers debt owe owes owed');
const PICTURES = SK('pictures picture photos photo pics pic images image videos video nudes nude naked selfies screenshots');
/** Pictures that are sexual by their own word; "photos of the bruises" are not. */
const SEXUAL_PICTURES = SK('nudes nude naked sexual explicit');
const DEMAND = SK('unless blackmail blackmailed blackmailing blackmails threat threats threaten threatens threatened threatening must demanding demands');
const PARTNERS = SK('husband wife partner boyfriend girlfriend ex fiance fiancee');
// "county", "trap" and "dealing" alone are everyday words ("the county council", "dealing with the
// school"), so county lines is read as the two words together.
const EXPLOITATION = SK('drugs gang gangs cuckooing cuckooed trafficked exploited exploiting');
const COUNTY_LINES = SK('county lines');
const mentionsExploitation = (ctx: Context): boolean => has(ctx, EXPLOITATION) || [...COUNTY_LINES].every((w) => ctx.words.has(w));
const MARRIAGE = SK('marry marriage wedding');
const FORCING = SK('must made make making forced forcing abroad ticket tickets village');
const has = (ctx: Context, words: Set<string>): boolean => [...words].some((w) => ctx.words.has(w));
const PARENT_FIGURE_BEFORE = endingRegExp('(my|our) (@parentFigure|stepdad|stepmum|stepfather|stepmother) ~3', CLASSES);

/**
 * A threat: with sexual pictures, or pictures and a demand, it is sextortion, with money or a demand
 * extortion; the writer threatening a child is a carer at breaking point, anyone else harm to others, and
 * so is a child threatening; a partner threatening is abuse at home, a parent or carer threatening a
 * child is child abuse; anyone else (lads at school, a man in the building) a threat for the police.
 */
export function threatCategory(ctx: Context, before: string, match: string): Category {
  const demand = has(ctx, MONEY) || ctx.words.has(skeleton('unless')) || ctx.words.has(skeleton('blackmail'));
  if (has(ctx, SEXUAL_PICTURES) || (has(ctx, PICTURES) && demand)) return 'sextortion';
  if (demand) return 'threats-extortion';
  if (writerIsSubject(before, match)) return mentionsChild(ctx) ? 'carer-breaking-point' : 'harm-to-others';
  if (CHILD_AGENT_BEFORE.test(before)) return 'harm-to-others';
  if (has(ctx, PARTNERS)) return 'domestic-abuse';
  // "my dad is going to kill me", "my stepdad keeps threatening me": a child threatened at home.
  if (PARENT_FIGURE_BEFORE.test(before)) return 'child-abuse';
  return 'threats-extortion';
}

/**
 * The writer speaking of their own state or acts ("I can't go on", "I shook him") with a child in the
 * message is a carer at breaking point: help for the child and someone to talk to for the carer.
 */
export const carerOr =
  (category: Category) =>
  (ctx: Context, before: string, match: string): Category =>
    (FIRST_PERSON_BEFORE.test(before) || FIRST_PERSON_START.test(match)) && mentionsChild(ctx) ? 'carer-breaking-point' : category;

const GROOMED = new RegExp(` (${['groomed'].map(skeleton).join('|')}) `);
const EXPLOITED = new RegExp(` (${['exploited', 'trafficked'].map(skeleton).join('|')}) `);

/** Being groomed, exploited or trafficked names its own services; any other harm to a child is abuse. */
export function harmedCategory(_ctx: Context, _before: string, match: string): Category {
  if (GROOMED.test(` ${match} `)) return 'grooming';
  if (EXPLOITED.test(` ${match} `)) return 'exploitation';
  return 'child-abuse';
}

/**
 * Categories the whole message speaks of, beside those of the rules that fired: a disclosure of danger
 * ("I want to die", "they'll stab me") with pictures and a demand in it is sextortion, with money and a
 * demand extortion, with drugs or gangs exploitation, with a marriage being forced a forced marriage.
 * Only read when a rule has fired.
 */
export function messageCategories(ctx: Context): Category[] {
  const out: Category[] = [];
  const demand = has(ctx, DEMAND);
  if (mentionsSextortion(ctx)) out.push('sextortion');
  else if (has(ctx, MONEY) && demand) out.push('threats-extortion');
  if (mentionsExploitation(ctx)) out.push('exploitation');
  if (has(ctx, MARRIAGE) && has(ctx, FORCING)) out.push('forced-marriage');
  return out;
}

/**
 * Whether the message speaks of sexual pictures with a threat or a demand, or of any pictures held
 * against money or "unless": "photos of the bruises" beside a threat are not sextortion.
 */
/** In a rule already about sexual images or grooming, any pictures with a threat or a demand will do. */
export const picturesWithDemand = (ctx: Context): boolean => has(ctx, PICTURES) && (has(ctx, DEMAND) || has(ctx, MONEY));

export function mentionsSextortion(ctx: Context): boolean {
  const bargain = has(ctx, MONEY) || ctx.words.has(skeleton('unless')) || ctx.words.has(skeleton('blackmail'));
  return (has(ctx, SEXUAL_PICTURES) && (bargain || has(ctx, DEMAND))) || (has(ctx, PICTURES) && bargain);
}
