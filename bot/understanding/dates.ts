/**
 * Reads a date typed in British style: "3 March", "3/3/26", "03-03-2026", "yesterday", "last Monday".
 * chrono-node does the parsing; this file adds the rules of this product: day before month, and a date
 * without a year is the most recent one that is not far in the future.
 */
// English only: chrono-node's main entry loads every language it knows, four times the start-up cost.
import * as chronoEnglish from 'chrono-node/en';
import { STOPWORDS, words } from './text.js';

export type DateReading = { ok: true; iso: string } | { ok: false; reason: 'not-a-date' | 'too-far' };

function iso(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Words that often come with a date and say nothing against it: "I sent the letter on 3 March". */
const DATE_CONTEXT = new Set([
  'asked',
  'ask',
  'sent',
  'send',
  'emailed',
  'email',
  'posted',
  'post',
  'wrote',
  'write',
  'letter',
  'request',
  'requested',
  'date',
  'dated',
  'got',
  'received',
  'decision',
  'certificate',
  'think',
  'around',
  'roughly',
  'about',
  'approx',
  'approximately',
  'ish',
  'early',
  'mid',
  'late',
  'end',
  'start',
  'beginning',
  'morning',
  'afternoon',
  'evening',
  'council',
  'sen',
  'team',
  'school',
  'it',
  'was',
  'yes',
  'ok',
  'okay',
  'thanks',
  'please',
]);

export function readDate(text: string, now: Date): DateReading {
  const cleaned = text.replace(/(\d)(st|nd|rd|th)\b/gi, '$1').trim();
  const results = chronoEnglish.GB.parse(cleaned, now, { forwardDate: false });
  const first = results[0];
  if (!first) return { ok: false, reason: 'not-a-date' };
  // "The day after my birthday" reads to chrono as "the day after (today)": a date that leans on
  // something we do not know is not a date we can count from.
  const rest = cleaned.slice(0, first.index) + ' ' + cleaned.slice(first.index + first.text.length);
  const unknown = words(rest).filter((w) => !STOPWORDS.has(w) && !DATE_CONTEXT.has(w) && !/^\d+$/.test(w));
  if (unknown.length > 0) return { ok: false, reason: 'not-a-date' };
  const c = first.start;
  let date = c.date();
  // "3 March" with no year: take the last 3 March unless that is more than 10 months ago and the next one is close.
  if (!c.isCertain('year')) {
    const sixtyDays = 60 * 86_400_000;
    if (date.getTime() - now.getTime() > sixtyDays) date = new Date(date.getFullYear() - 1, date.getMonth(), date.getDate());
  }
  const twoYears = 2 * 366 * 86_400_000;
  if (Math.abs(date.getTime() - now.getTime()) > twoYears) return { ok: false, reason: 'too-far' };
  return { ok: true, iso: iso(date) };
}
