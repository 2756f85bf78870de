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
