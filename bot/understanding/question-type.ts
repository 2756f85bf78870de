/**
 * What kind of answer a question wants, and which passages look like that kind of answer. "How long do I
 * have to appeal" wants a time; "who can ask" wants people; "do I need a diagnosis" wants a yes or a no.
 * Read from the words people type, text-speak already expanded (see text.ts).
 */

export type QuestionType = 'when' | 'who' | 'yes-no' | 'what-is' | 'how' | 'other';

/** "How old", "what age": the answer is an age or a school year rather than a time. */
export function asksAge(words: string[]): boolean {
  return / (how old|what age|which age|age limit|until what age|up to what age) /.test(` ${words.join(' ')} `);
}

/** The question's type from its words (lower-case, text-speak expanded). */
export function questionType(words: string[]): QuestionType {
  const text = ` ${words.join(' ')} `;
  if (
    / how (long|many (days|weeks|months|years|times)|soon|quickly|much time|often)\b| when\b| deadline| time limits?\b| by what date| by when\b| how far (ahead|in advance)\b| how much notice\b| how (early|late)\b| timescales?\b| how old\b| what age\b/.test(
      text,
    )
  )
    return 'when';
  if (/^ who\b| who (can|should|do|does|is|are|decides|pays|will|must|has|makes|checks|writes|helps|to)\b/.test(text)) return 'who';
  if (
    /^ (what|whats) (is|are|does|do) (a |an |the )?[a-z]+( [a-z]+){0,3} (mean|stand for)\b|^ (what|whats) (is|are) (a |an |the )?[a-z]+( [a-z]+){0,3} $|^ whats (a |an |the )?[a-z]+( [a-z]+){0,3} $|^ (meaning of|define)\b/.test(
      text,
    )
  )
    return 'what-is';
  if (/^ how (do|can|should|would|to|does)\b|^ (what|wot) (do|should|can) i do\b| how to\b| what steps\b/.test(text)) return 'how';
  if (/^ (can|could|do|does|did|is|are|will|would|must|should|have|has|am|may|shall)\b| is (that|it|this) (allowed|legal|ok|okay|right)\b/.test(text))
    return 'yes-no';
  // Asked in passing: "caller asks whether she has to go to mediation", "wants to know if the school has to tell her".
  if (
    / (whether|if) (i|we|you|she|he|they|it|the|my|our|her|his|a|an|there|school|schools|college|colleges|council|parents?) ([a-z]+ )?(can|could|has to|have to|is|are|will|must|should|needs?|does|do|would|gets?|qualif(y|ies)|counts?|allowed)\b/.test(
      text,
    )
  )
    return 'yes-no';
  return 'other';
}

const NUMBER = '(\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)';
const DURATION = new RegExp(
  `\\b${NUMBER}(\\s|-)(working |school |calendar )?(minutes?|days?|weeks?|months?|years?|hours?)\\b|\\bwithin\\b|\\bdeadline\\b|\\btime limits?\\b`,
  'i',
);
/** Ages, for "how old" and "what age": "up to 25", "from Year 9", "aged 16". */
const AGE = /\bfrom year \d+|\bup to (age )?\d+|\bage(d)? \d+|\b\d+ to \d+\b|\byear \d+\b/i;
const WHO =
  /\b(anyone|can ask|can request|can apply|can make|can refer|is the person|are the people|you, |parents?,|the council|the local authority|your school|the school or college|a young person|young people aged)\b/i;
const YES_NO =
  /^(yes|no)\b|\b(do not need|does not need|don't need|doesn't need|do not have to|does not have to|you can|you cannot|you can't|can still|must not|must|have to|is allowed|not allowed|is not|are not|has to)\b/i;
const HOW = /^- |\n- |\b(ask|write|call|contact|send|fill in|apply|go to|search)\b/i;

/** How well a passage's wording fits the kind of answer wanted: 0 (no sign) to 1 (clearly that kind). */
export function typeFit(type: QuestionType, text: string, isFirst: boolean, asksAge = false): number {
  switch (type) {
    case 'when':
      return (asksAge ? AGE : DURATION).test(text) ? 1 : 0;
    case 'who':
      return WHO.test(text) ? 1 : 0;
    case 'yes-no':
      return YES_NO.test(text) ? 1 : 0;
    case 'how':
      return HOW.test(text) ? 0.6 : 0;
    case 'what-is':
      return isFirst ? 1 : 0;
    default:
      return 0;
  }
}

/** A time for "how long" and "when": a duration, a date it runs from, how often, a school year or age. */
const WHEN_SHAPE =
  /\b(at least|at the latest|by the|before|every|once a|twice a|times a|annual(ly)?|each (term|year)|as soon as|straight away|immediately|from the (date|day)|(from|in|by|until|before) (year|age) \d+|(january|february|march|april|june|july|august|september|october|november|december))\b/i;
/** A body or a role for "who". */
const WHO_SHAPE =
  /\b(SENCO|teachers?|head ?teachers?|council|local authority|school|college|governors?|[Tt]ribunal|GP|health visitors?|doctors?|nurses?|paediatricians?|psychologists?|therapists?|social workers?|SENDIASS|caseworkers?|co-?ordinators?|officers?|parents?|carers?|young person|anyone|Ombudsman|NHS|DWP|Jobcentre)\b/;
/** A modal for "can I", "must they", "do I need": what is allowed, needed or owed. */
const MODAL_SHAPE =
  /^(yes|no)\b|\b(can|cannot|can't|must|do not|does not|don't|doesn't|need not|have to|has to|may|is allowed|are allowed|not allowed|entitled|(a|the) right to|duty|by law)\b/i;
/** A definition for "what is": "X is a...", "means", "called". */
const DEFINITION_SHAPE =
  /^[^.,:]{1,40}\b(is|are) (a|an|the|extra|when|what|where|how|for|someone|people|children|young)\b|\b(means|stands for|is short for|called)\b/i;
/** A step for "how do I": a list line, an instruction, a way of doing it. */
const STEP_SHAPE =
  /^- |\n- |^(ask|write|call|phone|contact|send|fill in|apply|go|search|email|tell|speak|talk|book|request|use|start|keep|check|look|visit)\b|\b(you can (ask|write|call|apply|request|email|contact|send)|by (writing|calling|asking|emailing|filling)|online|form|letter)\b/i;

/**
 * Whether a sentence has the shape of the answer a question's kind wants, more finely than typeFit:
 * "how long" and "when" a time, "who" a body or role, "can I" a modal, "what is" a definition, "how do
 * I" a step. 0 or 1.
 */
export function answerShape(type: QuestionType, text: string, isFirst: boolean, asksAge = false): number {
  switch (type) {
    case 'when':
      return (asksAge ? AGE : DURATION).test(text) || WHEN_SHAPE.test(text) ? 1 : 0;
    case 'who':
      return WHO_SHAPE.test(text) ? 1 : 0;
    case 'yes-no':
      return MODAL_SHAPE.test(text) ? 1 : 0;
    case 'what-is':
      return DEFINITION_SHAPE.test(text) || isFirst ? 1 : 0;
    case 'how':
      return STEP_SHAPE.test(text) ? 1 : 0;
    default:
      return 0;
  }
}

/**
 * Whether a message asks several things at once: two questions ("How long do we have? Can we ask for a
 * school?"), or a second joined on with "and" ("what is it and is it run by the council"). Such an answer
 * gets the longer room (compose.ts): each part's fact is in a different sentence.
 */
export function asksSeveral(text: string): boolean {
  // A run of question marks counts once, and only after question text: "what is an ehcp??" asks one thing.
  const questions = (text.match(/[a-z0-9][^?]*\?+/gi) ?? []).length;
  // "and is", "and are", "and do" start a second question only when a subject follows ("and is it run by
  // the council"), not inside a statement ("my son is 14 and is autistic").
  return (
    questions >= 2 ||
    / and (how|who|when|what|which|where)\b/i.test(text) ||
    / and (can|do|does|is|are|should|must) (it|he|she|they|there|this|that|i|we|you)\b/i.test(text)
  );
}

/** "How far", "how much", "how many", "what are the distances": the answer is an amount with its unit. */
export function asksAmount(words: string[]): boolean {
  return / (how (far|much|many)|what (distance|distances|are the distances)|walking distances?|how much money|what does it cost|cost) /.test(
    ` ${words.join(' ')} `,
  );
}

/** An amount with its unit: "2 miles", "£200", "15 hours", "30 hours a week", "90%". */
const AMOUNT = /£\s?\d|\b\d+(\.\d+)?\s?(miles?|km|kilometres?|metres?|minutes?|hours?|pounds|per ?cent|%|sessions?|times|days?|weeks?|months?)\b/i;

/** The units a question can name after "how many" or "how much", and an amount in each. */
const UNIT_AMOUNTS = {
  hours: /\b\d+(\.\d+)?\s?hours?\b/i,
  days: /\b\d+\s?(school |working )?days?\b/i,
  weeks: /\b\d+\s?weeks?\b/i,
  months: /\b\d+\s?months?\b/i,
  sessions: /\b\d+\s?sessions?\b/i,
  distance: /\b\d+(\.\d+)?\s?(miles?|km|kilometres?|metres?)\b/i,
  money: /£\s?\d|\b\d[\d,]*\s?pounds\b/i,
} as const;
export type AmountUnit = keyof typeof UNIT_AMOUNTS;

/**
 * The unit a question asks an amount in, when it names one: "how many free hours" wants hours, "how far"
 * a distance, "how much does it cost" money. A sentence with another amount ("from 9 months") is not that
 * answer.
 */
export function amountUnit(words: string[]): AmountUnit | undefined {
  const text = ` ${words.join(' ')} `;
  const named = / how (many|much) (?:[a-z]+ )?(hours?|hrs?|days?|weeks?|months?|sessions?|money)\b/.exec(text)?.[2];
  if (named) return named === 'money' ? 'money' : named.startsWith('hr') ? 'hours' : ((named.endsWith('s') ? named : `${named}s`) as AmountUnit);
  if (/ (how far|what (distance|distances|are the distances)|walking distances?) /.test(text)) return 'distance';
  if (/ (how much (money|does it cost|will it cost|do (i|we) (have to )?pay)|what does it cost|cost) /.test(text)) return 'money';
  return undefined;
}

/**
 * Whether a sentence holds an amount with its unit, for "how far", "how much", "how many": in the unit the
 * question names, when it names one (amountUnit). 0 or 1.
 */
export function amountShape(text: string, unit?: AmountUnit): number {
  return (unit ? UNIT_AMOUNTS[unit] : AMOUNT).test(text) ? 1 : 0;
}

/**
 * "What can I do", "can I do anything", "who else can I talk to", "is that even legal", "can I challenge
 * it": the answer is a way to act on it, someone who can help, or a way to challenge (advice, an appeal, a
 * complaint, a review). Not for "how long" or "when", which want the time first (within-topic.ts).
 */
const ASKS_REMEDY =
  / what (can|could|should|do) (i|we|she|he|they) do\b| (can|could) (i|we|she|he) do anything\b| what (are|r) (my|our|her|his|the) options\b| what now\b| who (else )?(can|could|do|should) (i|we|she|he) (talk|speak|go|turn|ask|contact)\b| is there (anyone|anybody|someone)\b| (challenge|complain|appeal|dispute)\b| is (that|it|this) (even )?(allowed|legal|lawful|right|ok|okay)\b| (can|are) they (allowed|do that|refuse|make)\b/;

/** Whether a question (lower-case words, text-speak expanded) asks what can be done about something. */
export function asksRemedy(words: string[]): boolean {
  return ASKS_REMEDY.test(` ${words.join(' ')} `);
}

/** A way to act on it: free advice, an appeal, a complaint, mediation, a review. */
const REMEDY_SHAPE = /\b(SENDIASS|IASS|appeal|Tribunal|complain|complaint|Ombudsman|mediation|independent review|governors|judicial review|free advice)\b/i;

/** Whether a sentence offers a way to act on it, for a question that asks what can be done (asksRemedy). 0 or 1. */
export function remedyShape(text: string): number {
  return REMEDY_SHAPE.test(text) ? 1 : 0;
}
