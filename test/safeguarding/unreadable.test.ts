/**
 * Unreadable text is not a crisis. Before the statistical layer learnt made-up words and pasted codes
 * as "not a crisis" (bot/safeguarding/classifier/unreadable.ts), 40 of 50 messages of 300 random
 * letters got the full crisis reply. The nonsense here comes from the tests' own generator, not the one
 * the layer learnt from.
 */
import { assessRisk } from '../../bot/safeguarding/assess.js';
import { unreadableMessages } from '../../bot/safeguarding/classifier/unreadable.js';
import { nonsense } from '../helpers/nonsense.js';

const crises = (texts: string[]) => texts.filter((t) => assessRisk(t).level === 'crisis').length;
const seeds = Array.from({ length: 50 }, (_, i) => 1000 + i);

test('a line of random letters is never a crisis', () => {
  expect(crises(seeds.map((s) => nonsense(150, s)))).toBe(0);
});

test('a few lines of random letters are a crisis at most once in ten', () => {
  expect(crises(seeds.map((s) => nonsense(300, s)))).toBeLessThanOrEqual(5);
});

test('a real disclosure inside unreadable text is still a crisis', () => {
  const text = `${nonsense(200, 5)} i have taken all my tablets and i want to die ${nonsense(200, 6)}`;
  expect(assessRisk(text).level).toBe('crisis');
});

test('a flood of several kilobytes of random letters is never a crisis', () => {
  // Read as hundreds of parts, a flood once got the crisis reply 2 times in 3 at 5 KB and nearly always at
  // 20 KB: the worst of many parts of unknown words decided.
  const floods = [5_000, 20_000].flatMap((size) => seeds.slice(0, 10).map((s) => nonsense(size, s)));
  expect(crises(floods)).toBe(0);
  expect(floods.filter((t) => assessRisk(t).level === 'possible')).toHaveLength(0);
});

test('a goodbye no rule knows, buried in 20 KB of random letters, is still a crisis', () => {
  const goodbyes = [
    'I have written a letter for my mum and my brother. you will not hear from me after tonight',
    'tell my sister she is the best. i have had enough of everything',
  ];
  for (const goodbye of goodbyes) {
    expect(assessRisk(goodbye, 'rules').level).toBe('none');
    expect(assessRisk(`${nonsense(10_000, 21)} ${goodbye} ${nonsense(10_000, 22)}`).level).toBe('crisis');
    expect(assessRisk(`${nonsense(10_000, 23)}. ${goodbye}. ${nonsense(10_000, 24)}`).level).toBe('crisis');
  }
});

test('the unreadable training text is the same on every run', () => {
  expect(unreadableMessages(5)).toEqual(unreadableMessages(5));
  expect(unreadableMessages(5)).not.toEqual(unreadableMessages(5, 1));
});
