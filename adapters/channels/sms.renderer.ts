/**
 * SMS: neutral replies as plain GSM-7 texts of at most three segments each. Pure: the pager in
 * adapters/sms/sms-pager.ts stores what is left for "MORE".
 *
 * The splitting is written here because it has to follow our rules, which no SMS library knows: choices
 * on the first page, crisis text never cut short, a "MORE" line reserved on every page but the last, and
 * extension characters counted as two (content/gsm7.ts). Twilio's own concatenation would split blindly
 * and could cut a phone number in half.
 */
import { gsm7Length, gsm7Parts, toGsm7 } from '../../content/gsm7.js';
import type { Reply } from '../../bot/reply.js';

/** Three concatenated GSM-7 segments of 153 characters. */
export const SMS_MAX_CHARS = 459;

/** The few words the SMS channel adds itself; see adapters/channels/sms.words.ts for where they come from. */
export interface SmsWords {
  /** The last line of every page that has more after it, e.g. "Reply MORE for the rest". */
  more: string;
  /** e.g. "Reply 1, 2 or 3", given the numbers offered. */
  replyWith: (numbers: number[]) => string;
}

/** What one turn becomes: texts to send now, and pages kept for "MORE". */
export interface SmsPlan {
  now: string[];
  later: string[];
}

interface Parts {
  /** Crisis paragraphs: all sent now, before anything else. */
  crisis: string[];
  /** Everything else that is read, in order; may be left for MORE. */
  body: string[];
  /** The question and the numbered choices: always on the first page. */
  choices: { prompt?: string; labels: string[] } | null;
  /** How many units at the start of the body are an answer's title and paragraphs: the answer itself. */
  answer: number;
}

function plainSource(reply: Reply): string[] {
  return reply.source ? [`Source: ${reply.source.citation}. Last checked ${reply.source.lastChecked}.`] : [];
}

/**
 * Directory services as short numbered entries: name, cost and how to get in touch. The rest (what it
 * offers, who it is for) would take a basic phone three texts per service; the website has it.
 */
function smsServices(reply: Reply): string[] {
  return (reply.services?.entries ?? []).map((s, i) => [`${i + 1}) ${s.name}`, s.cost, s.contact].filter(Boolean).join('. ') + '.');
}

/** A reply's readable text as units (paragraphs), without its choices. */
function bodyOf(reply: Reply): string[] {
  return [
    ...(reply.title ? [reply.title] : []),
    ...reply.paragraphs,
    ...(reply.facts ?? []).map((f) => `${f.label}: ${f.value}`),
    ...smsServices(reply),
    ...(reply.more ?? []),
    ...(reply.links ?? []).map((l) => `${l.title}: ${l.url}`),
    ...plainSource(reply),
    ...(reply.choices?.length ? [] : reply.prompt ? [reply.prompt] : []),
  ];
}

/** Whether everything before `answer`, crisis text aside, is one-line notes (an introduction to it). */
function introducedOnly(replies: Reply[], answer: Reply): boolean {
  const before = replies.slice(0, replies.indexOf(answer)).filter((r) => r.kind !== 'crisis');
  return before.every((r) => r.kind === 'info' && r.paragraphs.length === 1 && !r.choices?.length);
}

function partsOf(replies: Reply[]): Parts {
  const parts: Parts = { crisis: [], body: [], choices: null, answer: 0 };
  // Detail given on request comes after everything else, so it is what MORE brings.
  const detail = replies.flatMap((r) => r.detail ?? []);
  for (const reply of replies) {
    if (reply.kind === 'crisis') {
      parts.crisis.push(...bodyOf(reply));
      continue;
    }
    // The answer itself, with any line that introduces it ("You also asked..." after a crisis reply).
    if (parts.answer === 0 && reply.kind === 'answer' && introducedOnly(replies, reply))
      parts.answer = parts.body.length + (reply.title ? 1 : 0) + reply.paragraphs.length;
    parts.body.push(...bodyOf(reply));
    // Only the last question with choices can be answered by number: it is what the assistant stored.
    if (reply.choices?.length) parts.choices = { prompt: reply.prompt, labels: reply.choices.map((c) => c.label) };
  }
  parts.body.push(...detail);
  const clean = (units: string[]) => units.map(toGsm7).filter(Boolean);
  return {
    crisis: clean(parts.crisis),
    answer: clean(parts.body.slice(0, parts.answer)).length,
    body: clean(parts.body),
    choices: parts.choices && { prompt: parts.choices.prompt && toGsm7(parts.choices.prompt), labels: parts.choices.labels.map(toGsm7) },
  };
}

/** "Reply 1, 2 or 3" in English list form. */
export function replyWithNumbers(numbers: number[]): string {
  if (numbers.length <= 1) return `Reply ${numbers[0] ?? 1}`;
  if (numbers.length > 5) return `Reply a number from ${numbers[0]} to ${numbers[numbers.length - 1]}`;
  return `Reply ${numbers.slice(0, -1).join(', ')} or ${numbers[numbers.length - 1]}`;
}

function shorten(label: string, max: number): string {
  if (gsm7Length(label) <= max) return label;
  return `${cutToLength(label, max - 3).head.trimEnd()}...`;
}

/** The question and numbered choices, shortening labels only when the whole block would not fit. */
function choiceBlock(choices: NonNullable<Parts['choices']>, words: SmsWords, room: number): string {
  const numbers = choices.labels.map((_, i) => i + 1);
  const build = (max: number) =>
    [...(choices.prompt ? [choices.prompt] : []), ...choices.labels.map((l, i) => `${i + 1} ${shorten(l, max)}`), toGsm7(words.replyWith(numbers))].join('\n');
  let max = Math.max(...choices.labels.map((l) => gsm7Length(l)));
  let block = build(max);
  while (gsm7Length(block) > room && max > 12) {
    max -= 4;
    block = build(max);
  }
  // Many long choices and a long question: the question gives way before any number does.
  if (gsm7Length(block) > room && choices.prompt) return choiceBlock({ labels: choices.labels }, words, room);
  return gsm7Length(block) > room ? cutToLength(block, room).head : block;
}

/**
 * The longest start of `text` within `max` GSM-7 characters, cut after a sentence or line if one ends in
 * the second half, else at a space, else mid-word as a last resort.
 */
export function cutToLength(text: string, max: number): { head: string; tail: string } {
  if (gsm7Length(text) <= max) return { head: text, tail: '' };
  let end = 0;
  let used = 0;
  for (const char of text) {
    const cost = gsm7Length(char);
    if (used + cost > max) break;
    used += cost;
    end += char.length;
  }
  const window = text.slice(0, end);
  const sentence = Math.max(window.lastIndexOf('. '), window.lastIndexOf('\n'), window.lastIndexOf('? '), window.lastIndexOf('! '));
  const space = window.lastIndexOf(' ');
  const at = sentence >= end / 2 ? sentence + 1 : space > 0 ? space : end;
  return { head: text.slice(0, at).trimEnd(), tail: text.slice(at).trimStart() };
}

/**
 * Packs units into texts of at most `first` characters for the first and `rest` for the others, joining
 * units with a newline and splitting a unit when it does not fit on an empty page, or (when eager) when
 * more than a quarter of the page would otherwise be wasted.
 */
function pack(units: string[], first: number, rest: number, eager = true): string[] {
  const pages: string[] = [];
  let current = '';
  const queue = [...units];
  while (queue.length) {
    const unit = queue.shift()!;
    const room = pages.length === 0 ? first : rest;
    const joined = current ? `${current}\n${unit}` : unit;
    if (gsm7Length(joined) <= room) {
      current = joined;
      continue;
    }
    const left = room - (current ? gsm7Length(current) + 1 : 0);
    if (!current || (eager && left >= room / 4)) {
      const { head, tail } = cutToLength(unit, left);
      if (head) {
        current = current ? `${current}\n${head}` : head;
        if (tail) queue.unshift(tail);
        pages.push(current);
        current = '';
        continue;
      }
    }
    pages.push(current);
    current = '';
    queue.unshift(unit);
  }
  if (current) pages.push(current);
  return pages;
}

/** What follows an answer sent on its own: the rest of the body with the choices, then pages for MORE. */
function planRest(body: string[], choicesText: string, more: string, moreCost: number, max: number): SmsPlan {
  const whole = [...body, choicesText].join('\n');
  if (gsm7Length(whole) <= max) return { now: [whole], later: [] };
  const firstRoom = max - moreCost - gsm7Length(choicesText) - 1;
  const pages = firstRoom >= 40 ? pack(body, firstRoom, max - moreCost) : ['', ...pack(body, max - moreCost, max - moreCost)];
  const [head = '', ...tail] = pages;
  const first = [head, choicesText].filter(Boolean).join('\n');
  if (tail.length === 0) return { now: [first], later: [] };
  return { now: [`${first}\n${more}`], later: withMoreLines(tail, more) };
}

/** Adds the MORE line to every page that has another after it; the last page stands alone. */
function withMoreLines(pages: string[], more: string): string[] {
  return pages.map((p, i) => (i < pages.length - 1 ? `${p}\n${more}` : p));
}

/**
 * Plans the texts for one turn:
 * 1. Crisis text first and in full, sent now, in as many texts as it needs.
 * 2. Then one text with as much of the rest as fits and the numbered choices, ending "Reply MORE for the
 *    rest" when something is left over.
 * 3. What is left over, in pages for MORE.
 */
export function planSms(replies: Reply[], words: SmsWords, max = SMS_MAX_CHARS): SmsPlan {
  return withFeedbackQuestion(planTexts(replies, words, max), replies, max);
}

/**
 * "Did this help? Reply YES or NO" goes on the end of the last text only when nothing waits for MORE and
 * it fits in the segments that text already costs: feedback never costs an extra text.
 */
function withFeedbackQuestion(plan: SmsPlan, replies: Reply[], max: number): SmsPlan {
  const ask = replies.find((r) => r.feedback)?.feedback?.sms;
  const last = plan.now[plan.now.length - 1];
  if (!ask || !last || plan.later.length > 0) return plan;
  const asked = `${last}\n${toGsm7(ask)}`;
  if (gsm7Length(asked) > max || gsm7Parts(asked) > gsm7Parts(last)) return plan;
  return { now: [...plan.now.slice(0, -1), asked], later: plan.later };
}

function planTexts(replies: Reply[], words: SmsWords, max: number): SmsPlan {
  const { crisis, body: parts, choices, answer } = partsOf(replies);
  const more = toGsm7(words.more);
  const moreCost = gsm7Length(more) + 1;
  // Crisis paragraphs are kept whole where they fit: each text then starts with a complete thought.
  const crisisTexts = pack(crisis, max, max, false);
  const block = choices ? choiceBlock(choices, words, max - moreCost) : '';
  // Services someone asked for come first; the step's choices follow them, on a MORE page if need be.
  const servicesFirst = replies.some((r) => r.services?.entries.length);
  const body = servicesFirst && block ? [...parts, block] : parts;
  const choicesText = servicesFirst ? '' : block;

  // Everything after the crisis text, as one text if it fits.
  const whole = [...body, ...(choicesText ? [choicesText] : [])].join('\n');
  if (!whole) return { now: crisisTexts, later: [] };
  const lastCrisis = crisisTexts[crisisTexts.length - 1];
  // An answer after a crisis reply comes in a text of its own: the crisis text stays the first text, whole.
  const answered = replies.some((r) => r.kind === 'answer');
  if (lastCrisis && !answered && gsm7Length(`${lastCrisis}\n\n${whole}`) <= max)
    return { now: [...crisisTexts.slice(0, -1), `${lastCrisis}\n\n${whole}`], later: [] };
  if (gsm7Length(whole) <= max) return { now: [...crisisTexts, whole], later: [] };

  // Too long: the first page keeps room for the choices and the MORE line; the body gives way.
  const firstRoom = max - moreCost - (choicesText ? gsm7Length(choicesText) + 1 : 0);
  // An answer that would be cut to make room for the choices gets a text of its own first: the first
  // text a person reads says the answer, and the choices follow in the next.
  if (answer > 0 && choicesText && gsm7Length(body.slice(0, answer).join('\n')) > firstRoom) {
    const [lead = '', ...rest] = pack(body, max, max);
    const after = planRest(rest, choicesText, more, moreCost, max);
    return { now: [...crisisTexts, lead, ...after.now], later: after.later };
  }
  // Less room than a short sentence: the first page is the choices alone.
  const pages = firstRoom >= 40 ? pack(body, firstRoom, max - moreCost) : ['', ...pack(body, max - moreCost, max - moreCost)];
  const [head = '', ...tail] = pages;
  const firstBody = [head, choicesText].filter(Boolean).join('\n');
  if (tail.length === 0) return { now: [...crisisTexts, firstBody], later: [] };
  const later = withMoreLines(tail, more);
  return { now: [...crisisTexts, `${firstBody}\n${more}`], later };
}
