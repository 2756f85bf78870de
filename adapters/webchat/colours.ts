/**
 * The council's brand colours, made safe for WCAG 2.2 AA. Councils pick colours for logos, not for text,
 * so every pair the page and Web Chat use is checked and, where needed, darkened or swapped for black or
 * white until it passes. The council's own colours are used unchanged whenever they already pass.
 */

export type Rgb = [number, number, number];

export const WHITE = '#ffffff';
export const NEAR_BLACK = '#0b0c0c';
/** The page's light grey: the assistant's bubbles and the footer. */
export const LIGHT_GREY = '#f3f2f1';
/** WCAG 1.4.3: body text. */
export const TEXT_RATIO = 4.5;
/** WCAG 1.4.11: borders and other parts of controls. */
export const NON_TEXT_RATIO = 3;

export function parseHex(hex: string): Rgb {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m?.[1]) throw new Error(`"${hex}" is not a colour like #1d70b8`);
  const n = Number.parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b]
    .map((v) =>
      Math.round(Math.min(255, Math.max(0, v)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** Relative luminance as WCAG 2 defines it. */
export function luminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The preferred text colour if it is readable on the background, otherwise black or white, whichever reads better. */
export function readableOn(background: string, preferred?: string): string {
  if (preferred && contrastRatio(background, preferred) >= TEXT_RATIO) return preferred.toLowerCase();
  const best = contrastRatio(background, WHITE) >= contrastRatio(background, NEAR_BLACK) ? WHITE : NEAR_BLACK;
  if (contrastRatio(background, best) >= TEXT_RATIO) return best;
  // Mid-tone reds sit just below 4.5 with both; pure black always reaches it when white does not.
  return '#000000';
}

/** Mixes the colour towards black in small steps until it reaches the ratio against the other colour. */
export function darkenUntil(colour: string, against: string, ratio: number): string {
  const base = parseHex(colour);
  for (let step = 0; step <= 100; step += 2) {
    const candidate = toHex(base.map((v) => v * (1 - step / 100)) as Rgb);
    if (contrastRatio(candidate, against) >= ratio) return candidate;
  }
  return NEAR_BLACK;
}

export interface Theme {
  /** Header background: the council's primary colour. */
  primary: string;
  /** Text on the header: the council's onPrimary when it is readable there. */
  onPrimary: string;
  /** Primary, darkened if needed so it reads as text on white and light grey: links, the person's bubbles, choice buttons. */
  accent: string;
  /** Text on the accent colour. */
  onAccent: string;
}

export function themeFor(colours: { primary: string; onPrimary: string }): Theme {
  const primary = toHex(parseHex(colours.primary));
  const accent = darkenUntil(primary, LIGHT_GREY, TEXT_RATIO);
  return {
    primary,
    onPrimary: readableOn(primary, toHex(parseHex(colours.onPrimary))),
    accent,
    onAccent: readableOn(accent, toHex(parseHex(colours.onPrimary))),
  };
}
