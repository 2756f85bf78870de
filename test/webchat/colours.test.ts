/**
 * Council colours made safe: whatever two colours a council gives, every pair the page uses passes
 * WCAG AA, and colours that already pass are left alone.
 */
import fc from 'fast-check';
import { contrastRatio, darkenUntil, LIGHT_GREY, NEAR_BLACK, parseHex, readableOn, themeFor, toHex, WHITE } from '../../adapters/webchat/colours.js';

const hex = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map((rgb) => toHex(rgb));

describe('contrast', () => {
  test('matches the WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // GOV.UK blue on white is published as 5.17:1.
    expect(contrastRatio('#1d70b8', '#ffffff')).toBeCloseTo(5.17, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  test('reads and writes colours', () => {
    expect(parseHex('#1D70B8')).toEqual([29, 112, 184]);
    expect(toHex([29, 112, 184])).toBe('#1d70b8');
    expect(() => parseHex('blue')).toThrow(/not a colour/);
  });

  test('keeps a readable preferred text colour, and swaps an unreadable one for black or white', () => {
    expect(readableOn('#1d70b8', '#FFFFFF')).toBe('#ffffff');
    expect(readableOn('#ffdd00', '#ffffff')).toBe(NEAR_BLACK);
    expect(readableOn('#0b0c0c')).toBe(WHITE);
  });

  test('darkens only as far as needed', () => {
    expect(darkenUntil('#1d70b8', WHITE, 4.5)).toBe('#1d70b8');
    const fixed = darkenUntil('#ff9900', WHITE, 4.5);
    expect(contrastRatio(fixed, WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(darkenUntil(fixed, WHITE, 4.5), WHITE)).toBeGreaterThanOrEqual(4.5);
  });
});

describe('themeFor', () => {
  test('a council whose colours already pass keeps them', () => {
    expect(themeFor({ primary: '#00703C', onPrimary: '#FFFFFF' })).toEqual({
      primary: '#00703c',
      onPrimary: '#ffffff',
      accent: '#00703c',
      onAccent: '#ffffff',
    });
  });

  test('a pale brand colour still gives readable text everywhere', () => {
    const theme = themeFor({ primary: '#ffdd00', onPrimary: '#ffffff' });
    expect(theme.primary).toBe('#ffdd00');
    expect(theme.onPrimary).toBe(NEAR_BLACK);
    expect(contrastRatio(theme.accent, WHITE)).toBeGreaterThanOrEqual(4.5);
  });

  test('every pair passes AA for any two colours', () => {
    fc.assert(
      fc.property(hex, hex, (primary, onPrimary) => {
        const t = themeFor({ primary, onPrimary });
        expect(contrastRatio(t.primary, t.onPrimary)).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(t.accent, WHITE)).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(t.accent, LIGHT_GREY)).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(t.accent, t.onAccent)).toBeGreaterThanOrEqual(4.5);
      }),
      { numRuns: 500 },
    );
  });
});
