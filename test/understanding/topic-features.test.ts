/** The topic-level ranking signals of bot/understanding/topic-features.ts. */
import fc from 'fast-check';
import { askedPart, fuse, ranks, ranksByComparison } from '../../bot/understanding/topic-features.js';

describe('the sentence that asks, in a long message', () => {
  test.each([
    ['Hi, my daughter is 7 and behind. What does SEN mean? Sorry if silly.', 'What does SEN mean?'],
    ['He is 15. He has autism. We need help with transport', 'We need help with transport'],
    ['My son is 6. Can school help? Who do I ask?', 'Can school help? Who do I ask?'],
  ])('%s', (text, asked) => {
    expect(askedPart(text)).toBe(asked);
  });

  test('a message of one sentence, or one that is all questions, is read whole', () => {
    expect(askedPart('how long do i have to appeal')).toBeNull();
    expect(askedPart('Can I appeal? How long do I have?')).toBeNull();
  });
});

describe('rank fusion', () => {
  test('places: best first, ties share the better place, nothing scored shares the last', () => {
    expect(Array.from(ranks([0.2, 0.9, 0.2, 0, 0.5]))).toEqual([2, 0, 2, 5, 1]);
  });

  test('places are those of ordering the scores by comparison, for any scores: ties, zeros, negatives, NaN', () => {
    // Places as they were first worked out: sort the items by score, best first, and walk the order.
    const byComparison = (scores: number[]): number[] => Array.from(ranksByComparison(scores));
    const score = fc.oneof(fc.constantFrom(0, -0, 0.5, 1, 2, -1), fc.double({ min: -2, max: 10, noNaN: true }));
    fc.assert(
      fc.property(fc.array(score, { maxLength: 120 }), (scores) => expect(Array.from(ranks(scores))).toEqual(byComparison(scores))),
      { numRuns: 3000 },
    );
    expect(Array.from(ranks([0.5, Number.NaN, 0.2]))).toEqual(byComparison([0.5, Number.NaN, 0.2]));
  });

  test('first in every ranking scores 1, and a topic several rankings place high beats one that only one does', () => {
    const a = ranks([3, 2, 1]);
    const b = ranks([1, 3, 2]);
    const c = ranks([0.1, 0.9, 0.5]);
    const fused = fuse([a, b, c], 3);
    expect(fuse([a, a], 3)[0]).toBeCloseTo(1);
    expect(fused[1]).toBeGreaterThan(fused[0]!);
    expect(fused[1]).toBeGreaterThan(fused[2]!);
  });
});
