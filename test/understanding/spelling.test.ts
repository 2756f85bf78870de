/**
 * Spelling correction does bounded work per message: a symmetric-delete index, a cap on the words
 * corrected and a cache. Work is counted in comparisons, not timed (timings live in the benchmarks).
 */
import { SpellingIndex, DEFAULT_SPELLING_LIMITS } from '../../bot/understanding/spelling.js';
import { cleanInput, words } from '../../bot/understanding/text.js';
import { sharedContent } from '../helpers/harness.js';
import { TopicIndex } from '../../bot/understanding/qa.js';
import { nonsense } from '../helpers/nonsense.js';

const content = sharedContent();
const index = new TopicIndex(content.topics.values(), content.glossary.values());

describe('spelling correction', () => {
  test.each([
    ['tribunul', 'tribunal'],
    ['mediatoin', 'mediation'],
    ['assesment', 'assessment'],
    ['appael', 'appeal'],
  ])('%s is read as %s', (typed, meant) => {
    expect(index.correct(typed)).toBe(meant);
  });

  test('short words, numbers and known words are left as typed', () => {
    expect(index.correct('sen')).toBe('sen');
    expect(index.correct('y9x2')).toBe('y9x2');
    expect(index.correct('tribunal')).toBe('tribunal');
  });

  test('a word far from every known word is left as typed', () => {
    expect(index.correct('qzxwvkjp')).toBe('qzxwvkjp');
  });
});

describe('work per message is bounded', () => {
  test('20 KB of nonsense costs no more comparisons than the cap on words allows', () => {
    const spelling = new SpellingIndex(new Map([...content.topics.values()].flatMap((t) => words(t.body)).map((w) => [w, 1] as [string, number])));
    const flood = words(nonsense(20_000));
    expect(flood.length).toBeGreaterThan(1500);
    spelling.correctAll(flood);
    const perWord = spelling.comparisons / DEFAULT_SPELLING_LIMITS.maxWordsPerMessage;
    // Each corrected word is compared with only the few known words that share a deletion with it.
    expect(perWord).toBeLessThan(50);
    const afterFirst = spelling.comparisons;
    // The same message again is answered from the cache: no comparisons at all.
    spelling.correctAll(flood);
    expect(spelling.comparisons).toBe(afterFirst);
  });

  test('a 20 KB message costs the same as a 1 KB one: only the first words are corrected', () => {
    const a = new SpellingIndex(new Map([['tribunal', 1]]));
    const b = new SpellingIndex(new Map([['tribunal', 1]]));
    a.correctAll(words(nonsense(1_000, 3)));
    b.correctAll(words(nonsense(20_000, 3)));
    expect(b.comparisons).toBe(a.comparisons);
  });

  test('the topic index corrects at most the capped number of words in a flood', () => {
    const before = index.spelling.comparisons;
    index.search(cleanInput(nonsense(20_000, 11)).text);
    const used = index.spelling.comparisons - before;
    expect(used).toBeLessThan(DEFAULT_SPELLING_LIMITS.maxWordsPerMessage * 50);
  });
});
