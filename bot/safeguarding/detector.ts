/**
 * The safeguarding check. It runs on every message, on every channel, before any flow logic, and says
 * whether the person may be at risk now. A miss can cost a life, so where a phrase is truly ambiguous
 * the rules lean towards giving the crisis numbers; a false alarm only adds a short message, and the
 * person carries on where they were.
 *
 * How it works: the message is normalised (normalise.ts: text-speak, typos, stretched letters), then
 * the phrase rules in rules.ts (compiled by phrase.ts) are run over it. Each rule may be stopped by what comes just before or after
 * the match, which is how idioms ("this is killing me", "dying to know", "fitting in well") and plans or
 * hypotheticals ("call 999 if a seizure lasts 5 minutes") are told apart from disclosures. Everything
 * here is pure and linear in the length of the message.
 */
import type { Category } from './categories.js';
import { BOUNDARY, normaliseTokens, skeleton } from './normalise.js';
import { firstWords, phraseRegExp, endingRegExp, startingRegExp } from './phrase.js';
import { CLASSES, RISK_KINDS, SPECS, messageCategories, type Context, type RiskKind, type RuleSpec } from './rules.js';

export { RISK_KINDS, type RiskKind };

/** What was found. Deliberately holds no copy of the message: it may be logged or stored. */
export interface SafeguardingMatch {
  kinds: RiskKind[];
  /** The categories of the rules that fired (RuleSpec.category), in the order they were found. */
  categories: Category[];
}

/**
 * Messages are scanned whole, in overlapping pieces of this size, so the cost stays linear in the length
 * of the message however long it is, and a disclosure anywhere in it is read. The overlap is longer than
 * any phrase with its context, so no phrase is lost at a join.
 */
export const SCAN_CHUNK_CHARS = 8_000;
const OVERLAP_CHARS = 600;
/** How much text either side of a match the "not before" and "not after" checks look at. */
const CONTEXT_CHARS = 160;
/** How many matches of a rule whose category (but not kinds) depends on the match are read in one piece. */
const MATCHES_READ = 4;

interface Rule extends Omit<RuleSpec, 'phrase' | 'notBefore' | 'notAfter'> {
  pattern: RegExp;
  /** The words a match must begin with (phrase.ts firstWords), or null when it may begin with any. */
  first: string[] | null;
  notBefore?: RegExp;
  notAfter?: RegExp;
}

function compileRule(spec: RuleSpec): Rule {
  const { phrase, notBefore, notAfter, ...rest } = spec;
  const pattern = phraseRegExp(phrase, CLASSES);
  const first = firstWords(phrase, CLASSES);
  return {
    ...rest,
    pattern,
    first: first && [...first],
    ...(notBefore ? { notBefore: endingRegExp(notBefore, CLASSES) } : {}),
    ...(notAfter ? { notAfter: startingRegExp(notAfter, CLASSES) } : {}),
  };
}

const RULES: Rule[] = SPECS.map(compileRule);

/** The pieces of a message that are scanned, together all of it, each cut at a space where there is one. */
function scannedParts(text: string): string[] {
  if (text.length <= SCAN_CHUNK_CHARS) return [text];
  const parts: string[] = [];
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + SCAN_CHUNK_CHARS);
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      if (space > start + SCAN_CHUNK_CHARS / 2) end = space;
    }
    parts.push(text.slice(start, end));
    if (end >= text.length) break;
    start = Math.max(start + 1, end - OVERLAP_CHARS);
    const space = text.indexOf(' ', start);
    if (space >= 0 && space < end) start = space + 1;
  }
  return parts;
}

/**
 * " a b c " in skeleton form: the shape phrase.ts matches against, with every word in it (split from that
 * text, so exactly the words an expression can match) for skipping rules that cannot match.
 */
function prepare(tokens: string[]): { text: string; ctx: Context; present: Set<string> } {
  const words = tokens.filter((t) => t !== BOUNDARY);
  const text = ` ${tokens.join(' ')} `;
  return { text, ctx: { words: new Set(words), count: words.length }, present: new Set(text.split(' ')) };
}

/** Whether a rule's expression could match: one of the words a match begins with is in the text. */
function mayMatch(rule: Rule, present: Set<string>): boolean {
  if (!rule.first) return true;
  for (const w of rule.first) if (present.has(w)) return true;
  return false;
}

/** Text just before `start`, beginning at a whole word (and so with a leading space). */
function before(text: string, start: number): string {
  const from = Math.max(0, start - CONTEXT_CHARS);
  const slice = text.slice(from, start);
  if (from === 0) return slice;
  const cut = slice.indexOf(' ');
  return cut < 0 ? ' ' : slice.slice(cut);
}

interface Hits {
  kinds: Set<RiskKind>;
  categories: Set<Category>;
}

/** Adds what one rule finds in one prepared piece to `into`; whether it fired. */
function ruleHits(rule: Rule, text: string, ctx: Context, into: Hits): boolean {
  if (rule.when && !rule.when(ctx)) return false;
  let fired = false;
  let accepted = 0;
  for (const m of text.matchAll(rule.pattern)) {
    const start = m.index;
    const end = start + m[0].length;
    const ahead = text.slice(end, end + CONTEXT_CHARS);
    const behind = before(text, start);
    if (rule.notBefore?.test(behind)) continue;
    if (rule.notAfter?.test(ahead)) continue;
    if (rule.notAfterPattern?.test(ahead)) continue;
    fired = true;
    const kinds = typeof rule.kinds === 'function' ? rule.kinds(ctx, behind) : rule.kinds;
    kinds.forEach((k) => into.kinds.add(k));
    into.categories.add(typeof rule.category === 'function' ? rule.category(ctx, behind, m[0]) : rule.category);
    accepted++;
    // A rule whose kinds read the match goes on until every kind is found, so a first-person "he hurts
    // me" after several third-person matches still adds its kind. One whose category alone reads the
    // match has enough categories after a few; one whose kinds and category never change, after one.
    if (typeof rule.kinds === 'function') {
      if (into.kinds.size === RISK_KINDS.length) break;
    } else if (accepted >= (typeof rule.category === 'function' ? MATCHES_READ : 1)) break;
  }
  return fired;
}

/**
 * Each rule's name and its expressions compiled from phrases, so tests can check that none can backtrack
 * without bound. (A hand-written notAfterPattern only ever sees CONTEXT_CHARS characters.)
 */
export function describeRules(): Array<{ name: string; sources: string[] }> {
  return RULES.map((r) => ({
    name: r.name,
    sources: [r.pattern, r.notBefore, r.notAfter].filter((x): x is RegExp => x !== undefined).map((x) => x.source),
  }));
}

/** Which rules fire on a message, by name. For tests and tuning; names never hold message text. */
export function matchingRules(text: string): string[] {
  const names = new Set<string>();
  for (const piece of tokenise(text)) {
    const { text: prepared, ctx, present } = prepare(piece);
    const hits: Hits = { kinds: new Set(), categories: new Set() };
    for (const rule of RULES) if (mayMatch(rule, present) && ruleHits(rule, prepared, ctx, hits)) names.add(rule.name);
  }
  return [...names];
}

/**
 * The message's pieces as skeleton tokens, the form the rules match. The statistical layer reads the
 * same tokens, so a message is normalised once for both.
 */
export function tokenise(text: string): string[][] {
  return scannedParts(text).map((part) => normaliseTokens(part).map(skeleton));
}

const FIRM_RULES: Rule[] = RULES.filter((r) => r.firm);

/**
 * Whether a rule marked `firm` (rules/vocabulary.ts) fires in the message's pieces: a goodbye note or "it's
 * time" beside a farewell, which no calming context may soften (assess.ts).
 */
export function firmRuleFired(pieces: string[][]): boolean {
  for (const piece of pieces) {
    const { text: prepared, ctx, present } = prepare(piece);
    const hits: Hits = { kinds: new Set(), categories: new Set() };
    for (const rule of FIRM_RULES) if (mayMatch(rule, present) && ruleHits(rule, prepared, ctx, hits)) return true;
  }
  return false;
}

/**
 * Checks one message. Returns the kinds of risk found and the categories of the rules that found them,
 * or null when there is nothing to act on.
 */
export function checkSafeguarding(text: string, pieces: string[][] = text ? tokenise(text) : []): SafeguardingMatch | null {
  if (!text) return null;
  const hits: Hits = { kinds: new Set(), categories: new Set() };
  for (const piece of pieces) {
    const { text: prepared, ctx, present } = prepare(piece);
    let fired = false;
    for (const rule of RULES) if (mayMatch(rule, present) && ruleHits(rule, prepared, ctx, hits)) fired = true;
    if (fired) messageCategories(ctx).forEach((c) => hits.categories.add(c));
  }
  if (hits.kinds.size === 0) return null;
  return { kinds: RISK_KINDS.filter((k) => hits.kinds.has(k)), categories: [...hits.categories] };
}
