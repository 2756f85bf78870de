/** The GSM-7 alphabet: what basic phones can show, and how long a text is in their characters. */
import fc from 'fast-check';
import { findNonGsm7, gsm7Length, gsm7Parts, isGsm7 } from '../../content/gsm7.js';

describe('isGsm7', () => {
  test('accepts plain English with straight quotes, pounds and the extension characters', () => {
    expect(isGsm7('It\'s free. Call 0306 999 0100, or text "HELP" - it costs £0.')).toBe(true);
    expect(isGsm7('Café à Ørsted: ÄÖÑÜ§¿¡ äöñüà ΔΦΓΛΩΠΨΣΘΞ')).toBe(true);
    expect(isGsm7('{council.name} [name] ~ ^ | \\ €')).toBe(true);
    expect(isGsm7('line one\nline two')).toBe(true);
  });

  test('rejects what word processors and phones put in', () => {
    for (const s of ['it’s', '“quoted”', 'a – b', 'a — b', 'wait…', 'ok 👍', '• item', 'naïve', 'façade', 'tab\there']) expect(isGsm7(s)).toBe(false);
  });
});

describe('gsm7Length', () => {
  test('counts extension characters as two', () => {
    expect(gsm7Length('abc')).toBe(3);
    expect(gsm7Length('{x}')).toBe(5);
    expect(gsm7Length('€5')).toBe(3);
    expect(gsm7Length('£5')).toBe(2);
  });

  test('is never less than the number of characters, and at most twice it', () => {
    const gsmChar = fc.constantFrom(...'@£$¥èéAbc 1!"{}[]~^|\\€'.split(''));
    fc.assert(
      fc.property(fc.array(gsmChar), (chars) => {
        const text = chars.join('');
        expect(isGsm7(text)).toBe(true);
        expect(gsm7Length(text)).toBeGreaterThanOrEqual(chars.length);
        expect(gsm7Length(text)).toBeLessThanOrEqual(2 * chars.length);
      }),
    );
  });

  test('counts an emoji as one character, not two halves', () => {
    expect(gsm7Length('a😀')).toBe(2);
  });

  test('knows when a text needs more than one SMS', () => {
    expect(gsm7Parts('a'.repeat(160))).toBe(1);
    expect(gsm7Parts('a'.repeat(161))).toBe(2);
    expect(gsm7Parts('{'.repeat(80))).toBe(1);
    expect(gsm7Parts('a'.repeat(307))).toBe(3);
  });
});

describe('findNonGsm7', () => {
  test('finds each character with where it is and what to type instead', () => {
    expect(findNonGsm7('it’s – ok 😀')).toEqual([
      { char: '’', index: 2, code: 'U+2019', suggestion: "'" },
      { char: '–', index: 5, code: 'U+2013', suggestion: '-' },
      { char: '😀', index: 10, code: 'U+1F600' },
    ]);
  });

  test('finds nothing in GSM-7 text', () => {
    expect(findNonGsm7('Plain text, £5 {x}')).toEqual([]);
  });
});
