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

/** A phrase read into its parts: alternatives of sequences of items, each optional or a lookahead. */
type Alt = Seq[];
type Seq = Item[];
interface Item {
  atom: Atom;
  optional: boolean;
  negate: boolean;
}
type Atom = { kind: 'group'; alt: Alt } | { kind: 'end' } | { kind: 'gap'; words: number } | { kind: 'class'; name: string } | { kind: 'word'; word: string };

/**
 * Reads a phrase into its parts, once for both readers below (compilePhrase, firstWords): kept by phrase,
 * as every rule's phrase is read by both. The parts are never changed. Throws on a malformed phrase (a
 * bug in the rules).
 */
function parsePhrase(src: string): Alt {
  let out = parsed.get(src);
  if (!out) parsed.set(src, (out = readPhrase(src)));
  return out;
}

const parsed = new Map<string, Alt>();

function readPhrase(src: string): Alt {
  const tokens = tokenise(src);
  let pos = 0;

  function alt(): Alt {
    const options = [seq()];
    while (tokens[pos] === '|') {
      pos++;
      options.push(seq());
    }
    return options;
  }

  function seq(): Seq {
    const items: Seq = [];
    while (pos < tokens.length && tokens[pos] !== '|' && tokens[pos] !== ')') items.push(item());
    return items;
  }

  function item(): Item {
    const negate = tokens[pos] === '!';
    if (negate) pos++;
    const atom = atomAt();
    const optional = tokens[pos] === '?';
    if (optional) pos++;
    return { atom, optional, negate };
  }

  function atomAt(): Atom {
    const t = tokens[pos++];
    if (t === undefined) throw new Error(`phrase ends too soon: ${src}`);
    if (t === '(') {
      const inner = alt();
      if (tokens[pos++] !== ')') throw new Error(`missing ")" in phrase: ${src}`);
      return { kind: 'group', alt: inner };
    }
    if (t === '$') return { kind: 'end' };
    if (t.startsWith('~')) return { kind: 'gap', words: Number(t.slice(1)) };
    if (t.startsWith('@')) return { kind: 'class', name: t.slice(1) };
    if (/^[a-z0-9]+$/.test(t)) return { kind: 'word', word: t };
    throw new Error(`unexpected "${t}" in phrase: ${src}`);
  }

  const out = alt();
  if (pos !== tokens.length) throw new Error(`unexpected "${tokens[pos]}" in phrase: ${src}`);
  return out;
}

const addAll = (into: Set<string>, from: Set<string>): Set<string> => {
  for (const w of from) into.add(w);
  return into;
};

/**
 * What each class compiles to and can begin with, worked out once for a set of classes: the rules use the
 * same classes hundreds of times, and compiling them again for each use was most of the rules' start-up.
 */
const compiledClasses = new WeakMap<Classes, Map<string, string>>();
const classFirstWords = new WeakMap<Classes, Map<string, Set<string> | null>>();

function memo<T>(store: WeakMap<Classes, Map<string, T>>, classes: Classes): Map<string, T> {
  let known = store.get(classes);
  if (!known) store.set(classes, (known = new Map<string, T>()));
  return known;
}

/** Compiles a phrase to a regular-expression source. Throws on a malformed phrase (a bug in the rules). */
export function compilePhrase(src: string, classes: Classes, seen: Set<string> = new Set()): string {
  const alt = (options: Alt): string => {
    const compiled = options.map((items) => items.map(item).join(''));
    return compiled.length === 1 ? (compiled[0] as string) : `(?:${compiled.join('|')})`;
  };
  const item = ({ atom: a, optional, negate }: Item): string => {
    let out = atom(a);
    if (optional) out = `(?:${out})?`;
    return negate ? `(?!${out})` : out;
  };
  const atom = (a: Atom): string => {
    switch (a.kind) {
      case 'group':
        return `(?:${alt(a.alt)})`;
      case 'end':
        return '(?=\\. |$)';
      case 'gap':
        return `(?:${GAP_WORD}){0,${a.words}}`;
      case 'word':
        return `${skeleton(a.word)} `;
      case 'class': {
        if (a.name === 'num') return '[0-9]+ ';
        if (a.name === 'bignum') return '[1-9][0-9]+ ';
        const body = classes[a.name];
        if (body === undefined) throw new Error(`unknown class @${a.name} in phrase: ${src}`);
        if (seen.has(a.name)) throw new Error(`class @${a.name} refers to itself`);
        const known = memo(compiledClasses, classes);
        let compiled = known.get(a.name);
        if (compiled === undefined) {
          seen.add(a.name);
          compiled = compilePhrase(body, classes, seen);
          seen.delete(a.name);
          known.set(a.name, compiled);
        }
        return `(?:${compiled})`;
      }
    }
  };
  return alt(parsePhrase(src));
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
 * because it reads this phrase language, which no library knows; it walks the parts compilePhrase() compiles.
 */
export function firstWords(src: string, classes: Classes): Set<string> | null {
  /** What a part of a phrase can begin with, and whether it can match no words at all. */
  interface Start {
    words: Set<string> | null;
    empty: boolean;
  }
  const union = (a: Set<string> | null, b: Set<string> | null): Set<string> | null => (a && b ? addAll(new Set(a), b) : null);

  const alt = (options: Alt): Start => options.map(seq).reduce((out, next) => ({ words: union(out.words, next.words), empty: out.empty || next.empty }));

  const seq = (items: Seq): Start => {
    let words: Set<string> | null = new Set();
    let empty = true;
    for (const next of items.map(item)) {
      // Only items that may match nothing let the next item's words begin the match.
      if (empty) {
        words = union(words, next.words);
        empty = next.empty;
      }
    }
    return { words, empty };
  };

  const item = ({ atom: a, optional, negate }: Item): Start => {
    const out = atom(a);
    // A lookahead consumes nothing, and so says nothing about the first word.
    if (negate) return { words: new Set(), empty: true };
    return optional ? { words: out.words, empty: true } : out;
  };

  const atom = (a: Atom): Start => {
    switch (a.kind) {
      case 'group':
        return alt(a.alt);
      // The end of a sentence is matched before a full stop or at the end: any text may follow it.
      case 'end':
      case 'gap':
        return { words: null, empty: false };
      case 'word':
        return { words: new Set([skeleton(a.word)]), empty: false };
      case 'class': {
        if (a.name === 'num' || a.name === 'bignum') return { words: null, empty: false };
        const body = classes[a.name];
        if (body === undefined) throw new Error(`unknown class @${a.name} in phrase: ${src}`);
        // A class that can match nothing is not told apart here: read it as any word.
        const known = memo(classFirstWords, classes);
        let words = known.get(a.name);
        if (words === undefined) known.set(a.name, (words = firstWords(body, classes)));
        return { words, empty: false };
      }
    }
  };

  const out = alt(parsePhrase(src));
  // A copy: the set may be a class's, kept for its next use.
  return out.empty || !out.words ? null : new Set(out.words);
}
