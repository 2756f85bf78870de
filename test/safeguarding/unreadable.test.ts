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

test('the unreadable training text is the same on every run', () => {
  expect(unreadableMessages(5)).toEqual(unreadableMessages(5));
  expect(unreadableMessages(5)).not.toEqual(unreadableMessages(5, 1));
});
