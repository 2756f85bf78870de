/**
 * Unreadable text, learnt as "not a crisis": strings of made-up words, keyboard mashes, pasted codes and
 * links. Without them the statistical layer had never seen a message of words it does not know, and a
 * long one switched on so many character n-grams that their stray weights added up to a crisis: a few
 * hundred characters of random letters got the full crisis reply. The rules still read every message,
 * so a real disclosure inside such text is judged as before.
 *
 * Generated from a fixed seed with the corpus's own generator (corpus.ts `seeded`), so training stays
 * deterministic and the model's hash covers it. The tests make their nonsense another way
 * (test/helpers/nonsense.ts), so they check what was learnt rather than repeat it.
 */
import { seeded } from '../corpus.js';

const VOWELS = 'aeiouy';
const CONSONANTS = 'bcdfghjklmnpqrstvwxz';
const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890'];
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

type Maker = (next: () => number) => string;

const pick = (next: () => number, s: string): string => s[Math.floor(next() * s.length)]!;

/** Pronounceable made-up words ("belotu", "krampisen"), the hardest for character n-grams. */
const madeUpWord: Maker = (next) => {
  let w = '';
  const syllables = 1 + Math.floor(next() * 4);
  for (let i = 0; i < syllables; i++) w += pick(next, CONSONANTS) + pick(next, VOWELS) + (next() < 0.4 ? pick(next, CONSONANTS) : '');
  return w;
};

const randomLetters: Maker = (next) => {
  let w = '';
  const len = 2 + Math.floor(next() * 12);
  for (let i = 0; i < len; i++) w += String.fromCharCode(97 + Math.floor(next() * 26));
  return w;
};

const keyboardMash: Maker = (next) => {
  const row = KEYBOARD_ROWS[Math.floor(next() * KEYBOARD_ROWS.length)]!;
  const start = Math.floor(next() * (row.length - 3));
  return row.slice(start, start + 3 + Math.floor(next() * (row.length - start - 3)));
};

const code: Maker = (next) => {
  let w = '';
  const len = 8 + Math.floor(next() * 40);
  for (let i = 0; i < len; i++) w += pick(next, BASE64);
  return next() < 0.3 ? `https://example.net/${w}` : w;
};

const MAKERS: Maker[] = [madeUpWord, randomLetters, keyboardMash, code];

/** How many unreadable messages are learnt. */
export const UNREADABLE_COUNT = 800;
const SEED = 20261203;

export function unreadableMessages(count = UNREADABLE_COUNT, seed = SEED): string[] {
  const next = seeded(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    // A few words to a few lines, the size of the parts a long message is scored in (score.ts): a flood
    // of unreadable text is read as many such parts, and each must look like nothing.
    const chars = Math.round(15 + next() * 300);
    const main = MAKERS[i % MAKERS.length]!;
    let text = '';
    while (text.length < chars) {
      const maker = next() < 0.8 ? main : MAKERS[Math.floor(next() * MAKERS.length)]!;
      text += maker(next) + (next() < 0.08 ? '. ' : ' ');
    }
    out.push(text.trim());
  }
  return out;
}
