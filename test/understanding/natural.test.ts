/**
 * The Damerau-Levenshtein distance that choices, glossary terms and spelling are matched with
 * (bot/understanding/natural.ts) gives natural's own number for every pair: on random strings of a few
 * letters (where swaps, doubled letters and repeats are common), on words edited once and twice, and on
 * every pair of content words that start alike.
 */
import fc from 'fast-check';
import { damerauLevenshtein, naturalDamerauLevenshtein } from '../../bot/understanding/natural.js';
import { words } from '../../bot/understanding/text.js';
import { sharedContent } from '../helpers/harness.js';

test('the same distance as natural on random strings', () => {
  const letters = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é'), maxLength: 9 });
  fc.assert(
    fc.property(letters, letters, (a, b) => damerauLevenshtein(a, b) === naturalDamerauLevenshtein(a, b)),
    { numRuns: 20_000 },
  );
  // natural's quirk, kept: a swap noted within the same row costs less than it should.
  expect(damerauLevenshtein('ab', 'cbb')).toBe(naturalDamerauLevenshtein('ab', 'cbb'));
});

test('the same distance as natural on words edited once and twice', () => {
  const edit = (word: string, at: number, kind: number, letter: string): string => {
    const i = at % (word.length + 1);
    if (kind === 0) return word.slice(0, i) + letter + word.slice(i);
    if (kind === 1) return word.slice(0, i) + word.slice(i + 1);
    if (kind === 2) return word.slice(0, i) + letter + word.slice(i + 1);
    return word.slice(0, i) + word.slice(i + 1, i + 2) + word.slice(i, i + 1) + word.slice(i + 2);
  };
  const step = fc.tuple(fc.nat(20), fc.integer({ min: 0, max: 3 }), fc.constantFrom('a', 'e', 's', 'x'));
  fc.assert(
    fc.property(fc.constantFrom('appeal', 'mediation', 'tribunal', 'senco', 'assessment', 'aa', 'abba', ''), step, step, (word, e1, e2) => {
      const twice = edit(edit(word, ...e1), ...e2);
      return (
        damerauLevenshtein(word, twice) === naturalDamerauLevenshtein(word, twice) && damerauLevenshtein(twice, word) === naturalDamerauLevenshtein(twice, word)
      );
    }),
    { numRuns: 20_000 },
  );
});

test('the same distance as natural on content words that start alike', () => {
  const content = sharedContent();
  const vocabulary = [...new Set([...content.topics.values()].flatMap((t) => words(`${t.title} ${t.summary}`)).filter((w) => w.length >= 4))].sort();
  expect(vocabulary.length).toBeGreaterThan(300);
  let pairs = 0;
  for (const a of vocabulary)
    for (const b of vocabulary) {
      if (Math.abs(a.length - b.length) > 2 || a[0] !== b[0]) continue;
      pairs++;
      if (damerauLevenshtein(a, b) !== naturalDamerauLevenshtein(a, b))
        expect([a, b, damerauLevenshtein(a, b)]).toEqual([a, b, naturalDamerauLevenshtein(a, b)]);
    }
  expect(pairs).toBeGreaterThan(1000);
});
