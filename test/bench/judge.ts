/**
 * Judges whether a reply says the facts a question needs. A fact is a list of alternative wordings; it
 * is found when one alternative's word stems appear in the reply one after another. Both sides are read
 * the same way: lower-case, punctuation dropped, number words read as digits ("two" as "2", "twenty one"
 * as "21"), and each word reduced to its Porter stem, so "2 months" also matches "two months'".
 */
import { stem } from '../../bot/understanding/natural.js';

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

/** Lower-case words with punctuation dropped: apostrophes join ("don't" is "dont"), anything else splits. */
export function judgeWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019'`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter(Boolean);
}

/** Number words as digits: "twenty one" as "21", "two" as "2", "hundred" alone as "100". */
export function numbersAsDigits(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w in TENS) {
      const next = words[i + 1];
      if (next !== undefined && next in UNITS && UNITS[next]! > 0 && UNITS[next]! < 10) {
        out.push(String(TENS[w]! + UNITS[next]!));
        i++;
      } else out.push(String(TENS[w]));
    } else if (w in UNITS) out.push(String(UNITS[w]));
    else if (w === 'hundred') out.push('100');
    else out.push(w);
  }
  return out;
}

export function judgeStems(text: string): string[] {
  return numbersAsDigits(judgeWords(text)).map((w) => (/^\d+$/.test(w) ? w : stem(w)));
}

function containsRun(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export type Fact = string[];

export interface Verdict {
  pass: boolean;
  /** The facts not found, each as its first wording. */
  missing: string[];
}

/** Every fact must be found; a fact is found when any of its alternatives is. */
export function judge(reply: string, facts: Fact[]): Verdict {
  return judgeStemmed(judgeStems(reply), facts);
}

/** judge() for a reply already read with judgeStems, to judge one text against many facts cheaply. */
export function judgeStemmed(said: string[], facts: Fact[]): Verdict {
  const missing = facts.filter((alternatives) => !alternatives.some((alt) => containsRun(said, judgeStems(alt)))).map((f) => f[0] ?? '');
  return { pass: missing.length === 0, missing };
}
