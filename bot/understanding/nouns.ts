/**
 * The nouns of a message, by compromise's part-of-speech tagger: "will he get free childcare" names
 * childcare, "do I need proof" names proof. A follow-up that names a thing the last topic never speaks of
 * has moved on (follow-up.ts). Pronouns, determiners and possessives ("my", "it", "them") are not nouns here.
 *
 * compromise takes about half a second to load, so it is loaded on first use, or by warmNouns() just after
 * start-up (warm-up.ts).
 */
import { createRequire } from 'node:module';

type Compromise = typeof import('compromise').default;

let tagger: Compromise | undefined;

function load(): Compromise {
  tagger ??= createRequire(import.meta.url)('compromise') as Compromise;
  return tagger;
}

/** Loads the tagger now, so the first follow-up does not wait for it. */
export function warmNouns(): void {
  load();
}

/** A message is read for nouns up to this many characters: a follow-up is short, and it bounds the work. */
const MAX_CHARS = 300;

/** A noun as nounsOf gives it: lower-case letters and digits only. */
const bare = (w: string): string => w.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The message's nouns, lower-case, in order, each once. */
export function nounsOf(text: string): string[] {
  const doc = load()(text.slice(0, MAX_CHARS));
  const found = doc.match('#Noun').not('(#Pronoun|#Determiner|#Possessive)').terms().out('array') as string[];
  return [...new Set(found.map(bare).filter(Boolean))];
}

/**
 * Every word nounsOf(text) could give, without running the tagger: the tagger's terms are pieces of the
 * message's space-separated words, split only where a letter or digit meets something else ("year-6",
 * "co-ordinator/plan"), so each noun is some run of a word's letters and digits, or several such runs of
 * one word joined. A caller that needs a noun with some property can first ask whether any of these has
 * it, and skip the tagger when none does (test/understanding/nouns.test.ts holds nounsOf to this).
 */
export function possibleNouns(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.slice(0, MAX_CHARS).toLowerCase().split(/\s+/)) {
    const runs = word.match(/[a-z0-9]+/g) ?? [];
    for (let i = 0; i < runs.length; i++) {
      let joined = '';
      for (let j = i; j < runs.length; j++) {
        joined += runs[j];
        out.add(joined);
      }
    }
  }
  return out;
}
