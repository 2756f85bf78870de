/**
 * Plain-English scores for content, with the house targets: Flesch reading ease at least 60 and
 * Flesch-Kincaid grade at most 8 (text-readability's formulas).
 */
import readability from 'text-readability';

export const MIN_READING_EASE = 60;
export const MAX_GRADE = 8;

/**
 * Below this many words the formulas are not scored. They were built for passages: in a 3-word choice
 * label one word of three syllables ("families") drags ease below 60 even when nothing plainer exists,
 * so short labels and prompts would fail for the words they must use, not for how they are written.
 */
export const MIN_WORDS_TO_SCORE = 10;

export interface ReadabilityScore {
  words: number;
  /** Null when the text is too short to score fairly. */
  ease: number | null;
  grade: number | null;
  ok: boolean;
}

/**
 * Puts text into the shape the formulas expect. A placeholder is read as a short name or number, so it
 * stands in as two short words. Each list item or line is a sentence to the reader, so it gets a full
 * stop and a capital letter; otherwise the formulas would read a whole list as one long sentence.
 */
export function prepareForScoring(text: string): string {
  return text
    .replace(/\{[^{}\s]+\}/g, 'the number')
    .replace(/\[([^\]]+)\]/g, '$1')
    .split(/\n+/)
    .map((line) => line.trim().replace(/^[-*]\s+/, ''))
    .filter(Boolean)
    .map((line) => {
      const capital = line.charAt(0).toUpperCase() + line.slice(1);
      if (/[.?!]["')]*$/.test(capital)) return capital;
      return `${capital.replace(/[:;,]$/, '')}.`;
    })
    .join(' ');
}

export function scoreReadability(text: string): ReadabilityScore {
  const prepared = prepareForScoring(text);
  const words = readability.lexiconCount(prepared);
  if (words < MIN_WORDS_TO_SCORE) return { words, ease: null, grade: null, ok: true };
  const ease = readability.fleschReadingEase(prepared);
  const grade = readability.fleschKincaidGrade(prepared);
  return { words, ease, grade, ok: ease >= MIN_READING_EASE && grade <= MAX_GRADE };
}
