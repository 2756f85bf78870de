/**
 * Disclosures no statistical layer may soften. When a rule has fired and the message also says, in the
 * first person and the present, "I want to die", "I want to kill myself" or "I feel like ending it all",
 * that an overdose has been taken, or a child says an adult hurts them now ("my dad hurts me", "my mum hits
 * me when I get things wrong"),
 * the crisis reply goes, whatever the second stage reads: a SEND question around it ("can I get a
 * personal budget for college", "I have an EHCP", "I am in year 10") is no calming context.
 *
 * Phrases in the rules' own language (phrase.ts), matched on the same skeleton pieces. Past tenses
 * ("I wanted to die in year 9", "my dad used to hit me") and a hypothetical just before ("what do I
 * say if a pupil says I want to die") are not held here, and are left to the layers.
 */
import { phraseRegExp, endingRegExp } from './phrase.js';
import { CLASSES, type RiskKind } from './rules.js';

const ADVERB = '(really|honestly|just|truly|seriously|genuinely|actually|still|so|literally)?';
/** Up to three of them: "i really really really want to die". */
const ADVERBS = `${ADVERB} ${ADVERB} ${ADVERB}`;

/** First person, present: a wish, plan or feeling to die now. */
const SUICIDE_NOW = phraseRegExp(
  `i ${ADVERBS} ((want|am ready|am planning|am about|plan|need|am trying|have decided) to|feel like) ` +
    '(die|be dead|dying|kil myself|kiling myself|end it !(with|between)|ending it !(with|between)|end my life|ending my life|end everything|ending everything|unalive myself)' +
    ' !((my|his|her|the|some)? (hair|clothes|top|shirt|jeans|uniform|shoes|hoodie|laughing|for))|' +
    `i ${ADVERB} (wish|wished) i (was|were) dead|` +
    // Resignation, not a what-if: "might as well end it all".
    `(i)? ${ADVERB} (might|may) as wel (die|be dead|end it al|end it !(with|between)|end everything|end my life|kil myself|not be here)|` +
    `i ${ADVERB} (will|am going to|am gonna) (kil myself|end it !(with|between)|end my life)|` +
    `i ${ADVERB} (keep|am|cannot stop|can not stop) (thinking|think) (about|of) (kiling myself|ending it !(with|between)|ending my life|suicide|dying)|` +
    `i ${ADVERB} ${ADVERB} do not want to (live|be alive|be here) !(in|with|at|near|on|there|here)|` +
    // An overdose already taken: there is nothing past about it ("she has taken an overdose, should I ring CAMHS?").
    `(i|he|she|they|we|@victimChild) ${ADVERB} (have|has|am|is) ${ADVERB} (taken|swallowed|had) (an overdose|al (my|his|her|their) (tablets|pils|meds|medication))|` +
    `(i|he|she|they|@victimChild) ${ADVERB} (took|swallowed) (an overdose|al (my|his|her|their) (tablets|pils|meds|medication)) (just now|an hour ago|tonight|today)`,
  CLASSES,
);

/**
 * A wish to die told of someone else, in the present: "she says she wants to die", "he keeps saying he
 * wants to kill himself", whatever care they are under ("she is open to CAMHS"). A what-if before it
 * ("what do I do if she says ...") is left to the layers, as is the past ("she said she wanted to die").
 */
const REPORTED_WISH_NOW = phraseRegExp(
  '(he|she|they|@victimChild)? (says|keeps saying|is saying|has said|has been saying|tells me|told me|tels everyone|said) (that)? (he|she|they) ' +
    `${ADVERB} (wants|want|needs|need|is going|are going|is planning|are planning|is trying|are trying) to ` +
    '(die|be dead|kil (himself|herself|themselves)|end it al|end (his|her|their) life|unalive (himself|herself|themselves))' +
    ' !((his|her|their|the|some)? (hair|clothes|top|shirt|jeans|uniform|shoes|hoodie|laughing|for))',
  CLASSES,
);

/** A child telling of an adult who hurts them now: a present-tense verb, "me" after it. */
const ADULT_HURTS_ME_NOW = phraseRegExp(
  '(my|our) @parentFigure (keeps|always|still|is)? (always|still|constantly|keeps)? ' +
    '(hits|hurts|beats|kicks|punches|slaps|strangles|chokes|burns|whips|batters|abuses|touches|hitting|hurting|beating|kicking|punching|slapping|touching) ' +
    '(me|us) !(at (chess|cards|games|a game|football|fifa|tennis|pool|darts|monopoly|racing|running|a race))',
  CLASSES,
);

/**
 * The same wish with the "I" dropped, as texts drop it: "kms lol", "wanna die haha", "gonna kill myself".
 * Only at the start of a sentence, so "does he want to die" or "if she says want to die" is not read so.
 */
const SUICIDE_NOW_NO_I = new RegExp(
  '(?<=^ |\\. )(?:(?:realy|honestly|just|literaly|seriously|actualy|so) ){0,2}' +
    '(?:(?:want to|going to|ready to|about to) (?:die|be dead|kil myself|end it al|end my life|unalive myself)|kil myself|wish i was dead|wish i were dead)(?= )',
  'g',
);

/**
 * An adult at home or in charge of a child hurting a child now, told by anyone: "my husband beats our kids
 * when he is angry", "her stepdad hits my little brother". A present-tense verb, so "used to" and "hit"
 * in the past are left to the layers; brothers, sisters and cousins are not here, since children fighting
 * is a behaviour question as often as not.
 */
const ADULT_HURTS_CHILD_NOW = phraseRegExp(
  '(my|our|his|her|their|the) (@partner|(mums|mum|dads|dad|nans|moms) (boyfriend|girlfriend|partner|husband|wife|fiance)|' +
    'dad|mum|father|mother|parent|parents|step dad|step mum|stepdad|stepmum|stepfather|stepmother|uncle|aunt|auntie|aunty|' +
    'grandad|grandpa|grandfather|nan|nana|gran|granny|grandma|grandmother|carer|carers|foster carer|foster dad|foster mum|' +
    'teacher|teachers|ta|teaching assistant|staff|babysitter|childminder|coach) ' +
    '(keeps|always|still|is|regularly|often)? (always|still|constantly|keeps|regularly|often)? ' +
    '(hits|hurts|beats|kicks|punches|slaps|strangles|chokes|burns|whips|batters|abuses|touches|hitting|hurting|beating|kicking|punching|slapping|touching) ' +
    '@victimChild !(feelings|at (chess|cards|games|a game|football|fifa|tennis|pool|darts|monopoly|racing|running|a race))',
  CLASSES,
);

/** Told as a what-if or as someone else's words in a question: "if a pupil says ...", "what should I say when ...". */
const FRAMED_BEFORE = endingRegExp('(if|whenever|incase|in case|what if|says|say|said|saying|told|tells) ~4', CLASSES);

/** Someone else's words told as what may come: "a written plan for when she says she wants to die at school". */
const FRAMED_REPORT_BEFORE = endingRegExp('(if|when|whenever|incase|in case|what if|says|say|said|saying|told|tells) ~4', CLASSES);

function heldIn(re: RegExp, piece: string, framed: RegExp = FRAMED_BEFORE): boolean {
  for (const m of piece.matchAll(re)) {
    const before = piece.slice(Math.max(0, m.index - 60), m.index);
    const cut = before.indexOf(' ');
    if (!framed.test(cut < 0 ? ' ' : before.slice(cut))) return true;
  }
  return false;
}

/**
 * Whether a rule match of these kinds is a disclosure the calming paths must leave alone. `pieces` are
 * the detector's skeleton tokens (detector.ts `tokenise`).
 */
export function firmDisclosure(pieces: string[][], kinds: readonly RiskKind[]): boolean {
  const suicide = kinds.includes('self-harm') || kinds.includes('risk-to-life');
  const child = kinds.includes('child-at-risk');
  if (!suicide && !child) return false;
  return pieces.some((p) => {
    const text = ` ${p.join(' ')} `;
    return (
      (suicide && (heldIn(SUICIDE_NOW, text) || heldIn(SUICIDE_NOW_NO_I, text) || heldIn(REPORTED_WISH_NOW, text, FRAMED_REPORT_BEFORE))) ||
      (child && (heldIn(ADULT_HURTS_ME_NOW, text) || heldIn(ADULT_HURTS_CHILD_NOW, text)))
    );
  });
}
