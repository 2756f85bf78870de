/**
 * A tiny phrase language for the safeguarding rules, compiled to regular expressions over normalised
 * text (" word word word ", every word followed by one space). Rules stay readable English, and the
 * compiled expressions are linear-time by construction: the only repetition is a bounded gap of whole
 * words, and each word can be matched in exactly one way, so nothing can backtrack catastrophically.
 *
 *   word          one word, compared by skeleton (repeated letters collapsed: "kill" = "kil")
 *   (a b|c)       alternatives, each a sequence
 *   x?            optional
 *   !x            not followed by x (lookahead; consumes nothing)
 *   ~N            up to N words of anything within the sentence
 *   @name         a named class (see CLASSES); @num is any number, @bignum 10 or more
 *   $             end of the sentence or message
 */
import { skeleton } from './normalise.js';

type Classes = Record<string, string>;

const GAP_WORD = '[^ .][^ ]* ';

function tokenise(src: string): string[] {
  return src.match(/[()|?!$]|~\d+|@[a-zA-Z]+|[a-z0-9]+/g) ?? [];
}

/** Compiles a phrase to a regular-expression source. Throws on a malformed phrase (a bug in the rules). */
export function compilePhrase(src: string, classes: Classes, seen: Set<string> = new Set()): string {
  const tokens = tokenise(src);
  let pos = 0;

  function alt(): string {
    const options = [seq()];
    while (tokens[pos] === '|') {
      pos++;
      options.push(seq());
    }
    return options.length === 1 ? (options[0] as string) : `(?:${options.join('|')})`;
  }

  function seq(): string {
    let out = '';
    while (pos < tokens.length && tokens[pos] !== '|' && tokens[pos] !== ')') out += item();
    return out;
  }

  function item(): string {
    let negate = false;
    if (tokens[pos] === '!') {
      negate = true;
      pos++;
    }
    let out = atom();
    if (tokens[pos] === '?') {
      pos++;
      out = `(?:${out})?`;
    }
    return negate ? `(?!${out})` : out;
  }

  function atom(): string {
    const t = tokens[pos++];
    if (t === undefined) throw new Error(`phrase ends too soon: ${src}`);
    if (t === '(') {
      const inner = alt();
      if (tokens[pos++] !== ')') throw new Error(`missing ")" in phrase: ${src}`);
      return `(?:${inner})`;
    }
    if (t === '$') return '(?=\\. |$)';
    if (t.startsWith('~')) return `(?:${GAP_WORD}){0,${Number(t.slice(1))}}`;
    if (t === '@num') return '[0-9]+ ';
    if (t === '@bignum') return '[1-9][0-9]+ ';
    if (t.startsWith('@')) {
      const name = t.slice(1);
      const body = classes[name];
      if (body === undefined) throw new Error(`unknown class @${name} in phrase: ${src}`);
      if (seen.has(name)) throw new Error(`class @${name} refers to itself`);
      seen.add(name);
      const compiled = compilePhrase(body, classes, seen);
      seen.delete(name);
      return `(?:${compiled})`;
    }
    if (/^[a-z0-9]+$/.test(t)) return `${skeleton(t)} `;
    throw new Error(`unexpected "${t}" in phrase: ${src}`);
  }

  const out = alt();
  if (pos !== tokens.length) throw new Error(`unexpected "${tokens[pos]}" in phrase: ${src}`);
  return out;
}

/** A phrase that matches anywhere, starting at a word. */
export function phraseRegExp(src: string, classes: Classes): RegExp {
  return new RegExp(`(?<= )${compilePhrase(src, classes)}`, 'g');
}

/**
 * A phrase that must end exactly where the text ends (for "what comes just before a match").
 * The text must start with a space, so that every word in it is whole.
 */
export function endingRegExp(src: string, classes: Classes): RegExp {
  return new RegExp(`(?<= )${compilePhrase(src, classes)}$`);
}

/** A phrase that must start exactly where the text starts (for "what comes just after a match"). */
export function startingRegExp(src: string, classes: Classes): RegExp {
  return new RegExp(`^${compilePhrase(src, classes)}`);
}

/**
 * The words a match of a phrase can begin with, in skeleton form, or null when it can begin with any word
 * (a leading gap, a number, or a phrase that may match nothing at all). The detector skips a rule whose
 * first words are all missing from a message: its expression could not match there, so skipping it
 * changes no outcome and saves running most of the rules' expressions over every message. Hand-written
 * because it reads this phrase language, which no library knows; it follows compilePhrase() item by item.
 */
export function firstWords(src: string, classes: Classes): Set<string> | null {
  const tokens = tokenise(src);
  let pos = 0;
  /** What a part of a phrase can begin with, and whether it can match no words at all. */
  interface Start {
    words: Set<string> | null;
    empty: boolean;
  }
  const union = (a: Set<string> | null, b: Set<string> | null): Set<string> | null => (a && b ? new Set([...a, ...b]) : null);

  function alt(): Start {
    let out = seq();
    while (tokens[pos] === '|') {
      pos++;
      const next = seq();
      out = { words: union(out.words, next.words), empty: out.empty || next.empty };
    }
    return out;
  }

  function seq(): Start {
    let words: Set<string> | null = new Set();
    let empty = true;
    while (pos < tokens.length && tokens[pos] !== '|' && tokens[pos] !== ')') {
      const next = item();
      // Only items that may match nothing let the next item's words begin the match.
      if (empty) {
        words = union(words, next.words);
        empty = next.empty;
      }
    }
    return { words, empty };
  }

  function item(): Start {
    let negate = false;
    if (tokens[pos] === '!') {
      negate = true;
      pos++;
    }
    let out = atom();
    if (tokens[pos] === '?') {
      pos++;
      out = { words: out.words, empty: true };
    }
    // A lookahead consumes nothing, and so says nothing about the first word.
    return negate ? { words: new Set(), empty: true } : out;
  }

  function atom(): Start {
    const t = tokens[pos++];
    if (t === undefined) throw new Error(`phrase ends too soon: ${src}`);
    if (t === '(') {
      const inner = alt();
      if (tokens[pos++] !== ')') throw new Error(`missing ")" in phrase: ${src}`);
      return inner;
    }
    // The end of a sentence is matched before a full stop or at the end: any text may follow it.
    if (t === '$' || t.startsWith('~') || t === '@num' || t === '@bignum') return { words: null, empty: false };
    if (t.startsWith('@')) {
      const body = classes[t.slice(1)];
      if (body === undefined) throw new Error(`unknown class ${t} in phrase: ${src}`);
      const inner = firstWords(body, classes);
      // A class that can match nothing is not told apart here: read it as any word.
      return { words: inner, empty: false };
    }
    if (/^[a-z0-9]+$/.test(t)) return { words: new Set([skeleton(t)]), empty: false };
    throw new Error(`unexpected "${t}" in phrase: ${src}`);
  }

  const out = alt();
  return out.empty ? null : out.words;
}
