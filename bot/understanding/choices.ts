/**
 * Picks one of the offered choices from what the person typed: a number ("2"), an ordinal ("the second
 * one"), the label or part of it ("appeal"), or words in a sentence ("I want to appeal").
 */
import { stem, damerauLevenshtein } from './natural.js';
import { STOPWORDS, normalise, words } from './text.js';

export interface ChoiceOption {
  id: string;
  label: string;
  words: string[];
}

/**
 * `weak`: picked on one shared word in a sentence of several, such as "college" in "can I still get help
 * at college". A caller that can answer the sentence as a question may prefer to.
 */
export type ChoiceMatch = { kind: 'matched'; id: string; weak?: boolean } | { kind: 'none' } | { kind: 'ambiguous'; ids: string[] };

/** Words that turn a sentence round: "I have not got a certificate" is not "I have a certificate". */
const NEGATIONS = new Set(['not', 'no', 'never', 'nope', 'nah', 'without', 'havent', 'dont', 'didnt', 'cant', 'wont', 'isnt']);

const ORDINALS: Record<string, number> = {
  first: 1,
  '1st': 1,
  one: 1,
  second: 2,
  '2nd': 2,
  two: 2,
  third: 3,
  '3rd': 3,
  three: 3,
  fourth: 4,
  '4th': 4,
  four: 4,
  fifth: 5,
  '5th': 5,
  five: 5,
  sixth: 6,
  '6th': 6,
  six: 6,
  seventh: 7,
  '7th': 7,
  seven: 7,
  eighth: 8,
  '8th': 8,
  eight: 8,
};
const NUMBER_FILLER = new Set([
  'the',
  'option',
  'number',
  'no',
  'choice',
  'one',
  'please',
  'pls',
  'plz',
  'i',
  'want',
  'pick',
  'choose',
  'go',
  'for',
  'with',
  'reply',
  'thanks',
  'ok',
  'okay',
]);

/** "2", "2.", "option 2", "#2", "the second one", "2nd please", "last". */
export function numberedChoice(text: string, count: number): number | null {
  const bare = text.trim().match(/^#?\s*(\d{1,2})\s*[.)!]?$/);
  if (bare) return inRange(Number(bare[1]), count);
  const tokens = text
    .toLowerCase()
    .replace(/[^a-z0-9# ]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (tokens.length === 0 || tokens.length > 5) return null;
  let picked: number | null = null;
  for (const token of tokens) {
    const t = token.replace(/^#/, '');
    const n = /^\d{1,2}$/.test(t) ? Number(t) : t === 'last' ? count : ORDINALS[t];
    if (n !== undefined && !(t === 'one' && picked !== null)) {
      if (picked !== null && picked !== n) return null;
      picked = n;
    } else if (!NUMBER_FILLER.has(t)) {
      return null;
    }
  }
  return picked === null ? null : inRange(picked, count);
}

function inRange(n: number, count: number): number | null {
  return n >= 1 && n <= count ? n : null;
}

interface Token {
  word: string;
  stem: string;
}

/** Question words decide between choices such as "How to ask" and "Who can ask", so they are kept here. */
const QUESTION_WORDS = new Set(['how', 'who', 'what', 'when', 'where', 'why']);

/** A choice is said in a few words: past this many, a message is not read for one, which bounds the work. */
const MAX_CHOICE_TOKENS = 60;

function tokensOf(text: string): Token[] {
  return tokensOfWords(words(text));
}

function tokensOfWords(ws: readonly string[]): Token[] {
  return ws
    .filter((w) => !STOPWORDS.has(w) || QUESTION_WORDS.has(w))
    .slice(0, MAX_CHOICE_TOKENS)
    .map((word) => ({ word, stem: stem(word) }));
}

/**
 * Choice labels and their words come from content and repeat on every turn, so their normalised form and
 * tokens are kept once worked out. Only choice wording is kept here, never what a person typed; the cap
 * bounds memory however many different labels pass through.
 */
const PHRASE_CACHE_MAX = 5000;
const phraseNormal = new Map<string, string>();
const phraseTokens = new Map<string, Token[]>();

function remember<T>(cache: Map<string, T>, phrase: string, work: (phrase: string) => T): T {
  let value = cache.get(phrase);
  if (value === undefined) {
    if (cache.size >= PHRASE_CACHE_MAX) cache.clear();
    value = work(phrase);
    cache.set(phrase, value);
  }
  return value;
}

const normalPhrase = (phrase: string): string => remember(phraseNormal, phrase, normalise);
const phraseTokensOf = (phrase: string): readonly Token[] => remember(phraseTokens, phrase, tokensOf);

/** Same stem, or one slip of the thumb apart in a longer word ("mediaton", "apeal"). */
function same(a: Token, b: Token): boolean {
  if (a.stem === b.stem) return true;
  // The length check first: it rules out almost every pair without the cost of an edit distance.
  return a.word.length >= 5 && b.word.length >= 5 && Math.abs(a.word.length - b.word.length) <= 1 && damerauLevenshtein(a.word, b.word) <= 1;
}

/** Words that decide nothing on their own inside a longer sentence. */
const WEAK_ALONE = new Set(['yes', 'no', 'okay']);

/** The message is a choice by number, or says a choice's label or one of its words and nothing else. */
export function isExactChoice(text: string, options: ChoiceOption[]): boolean {
  if (numberedChoice(text, options.length) !== null) return true;
  const said = normalise(text);
  return options.some((o) => normalPhrase(o.label) === said || o.words.some((w) => normalPhrase(w) === said));
}

export function matchChoice(text: string, options: ChoiceOption[]): ChoiceMatch {
  if (options.length === 0) return { kind: 'none' };
  const n = numberedChoice(text, options.length);
  if (n !== null) return { kind: 'matched', id: options[n - 1]!.id };

  // The message's words, read once for both checks below (normalise() is these words joined).
  const ws = words(text);
  const said = ws.join(' ');
  const exact = options.filter((o) => normalPhrase(o.label) === said || o.words.some((w) => normalPhrase(w) === said));
  if (exact.length === 1) return { kind: 'matched', id: exact[0]!.id };

  const typed = tokensOfWords(ws);
  if (typed.length === 0) return { kind: 'none' };
  // A whole phrase of a choice found in what was typed ("I want to go to tribunal").
  // When the person says "not", a choice worded with a "not" fits better than one without.
  const negated = typed.some((t) => NEGATIONS.has(t.word));
  // Whether each choice word was typed, worked out once for this message: the same words ("plan",
  // "school", "help") recur across a menu's labels and words, and each check can mean edit distances
  // against every typed word. A word decides its stem, so the word alone is the key.
  const typedStems = new Set(typed.map((t) => t.stem));
  const typedWord = new Map<string, boolean>();
  const wasTyped = (p: Token): boolean => {
    let hit = typedWord.get(p.word);
    if (hit === undefined) {
      hit = typedStems.has(p.stem) || typed.some((t) => same(p, t));
      typedWord.set(p.word, hit);
    }
    return hit;
  };
  const scores = options.map((option) => {
    let best = 0;
    for (const phrase of [option.label, ...option.words]) {
      const ps = phraseTokensOf(phrase);
      if (ps.length === 0) continue;
      if (ps.every(wasTyped)) {
        const weak = ps.length === 1 && WEAK_ALONE.has(ps[0]!.word) && typed.length > 1;
        const contradicted = negated && !ps.some((p) => NEGATIONS.has(p.word));
        if (!weak) best = Math.max(best, ps.length - (contradicted ? 0.5 : 0));
      }
    }
    return { id: option.id, score: best };
  });
  const top = Math.max(...scores.map((s) => s.score));
  if (top <= 0) return partOfLabel(typed, options);
  const leaders = scores.filter((s) => s.score === top).map((s) => s.id);
  if (leaders.length > 1) return { kind: 'ambiguous', ids: leaders };
  // In a long message a single shared word is weak evidence: leave it to the question answerer.
  if (typed.length > 4 && top <= 1 && top / typed.length < 0.25) return { kind: 'none' };
  return top <= 1 && typed.length >= 3 ? { kind: 'matched', id: leaders[0]!, weak: true } : { kind: 'matched', id: leaders[0]! };
}

/** What was typed is part of a label ("adult" for "Adult social care"). */
function partOfLabel(typed: Token[], options: ChoiceOption[]): ChoiceMatch {
  if (typed.length > 3) return { kind: 'none' };
  const hits = options
    .filter((option) => {
      const label = phraseTokensOf(option.label);
      return typed.every((t) => label.some((l) => same(l, t)));
    })
    .map((o) => o.id);
  if (hits.length === 1) return { kind: 'matched', id: hits[0]! };
  return hits.length > 1 ? { kind: 'ambiguous', ids: hits } : { kind: 'none' };
}
