/** Plain-English scoring: lists and placeholders read as a person reads them, short labels left alone. */
import { MIN_WORDS_TO_SCORE, prepareForScoring, scoreReadability } from '../../content/readability.js';

test('turns list items and lines into sentences, and placeholders into short words', () => {
  expect(prepareForScoring('- ask the SENCO\n- call {council.helpline.phone}:\nThen wait.')).toBe('Ask the SENCO. Call the number. Then wait.');
  expect(prepareForScoring("Write to [your child's school].")).toBe("Write to your child's school.");
});

test('passes plain English and fails heavy prose', () => {
  expect(scoreReadability('Ask the school for a meeting. Take a friend with you. Write down what you agree.').ok).toBe(true);
  const heavy = scoreReadability(
    "Notwithstanding statutory obligations, the authority's consideration of educational documentation necessitates comprehensive interdisciplinary collaboration.",
  );
  expect(heavy.ok).toBe(false);
  expect(heavy.ease).toBeLessThan(60);
  expect(heavy.grade).toBeGreaterThan(8);
});

test('a list without full stops is scored as separate items, not one long sentence', () => {
  const list = [
    '- ask the school for a meeting about the help',
    '- take a friend or family member with you',
    '- write down what you agree with the school',
    '- ask when you will meet again to check it',
  ].join('\n');
  expect(scoreReadability(list).ok).toBe(true);
  // The same words run together as one sentence fail the grade, which is why lists are split.
  expect(scoreReadability(list.replace(/\n- /g, ' and ')).ok).toBe(false);
});

test('does not score texts too short for the formulas', () => {
  const label = scoreReadability('Free advice and support for families');
  expect(label.words).toBeLessThan(MIN_WORDS_TO_SCORE);
  expect(label).toMatchObject({ ease: null, grade: null, ok: true });
});
