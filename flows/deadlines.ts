/**
 * Statutory time limits worked out as calendar dates. Dates are ISO strings (YYYY-MM-DD) and all
 * arithmetic is done in UTC, so a server's time zone or a clock change never moves a deadline.
 */
import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';
import type { KnownDates, FlowContext } from './types.js';

const DAY_MS = 86_400_000;

function toUtc(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function toIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return toIso(new Date(toUtc(iso).getTime() + days * DAY_MS));
}

export function addWeeks(iso: string, weeks: number): string {
  return addDays(iso, weeks * 7);
}

/**
 * Calendar months, as the Tribunal counts them: the same day number in the later month, or that
 * month's last day when it is shorter (31 August + 1 month = 30 September; 31 December + 2 months =
 * 28 or 29 February).
 */
export function addMonths(iso: string, months: number): string {
  const d = toUtc(iso);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return toIso(target);
}

export function laterOf(a: string, b: string): string {
  return a >= b ? a : b;
}

export function isValidIsoDate(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  return toIso(toUtc(iso)) === iso;
}

/** A deadline: a key naming the fact (its words live in content) and the date. */
export interface Deadline {
  key: string;
  date: string;
}

/**
 * EHC needs assessment, counted from the day the council received the request (SEND Regulations 2014
 * regs 4, 5 and 13): decision whether to assess within 6 weeks (reg 5(1)); a decision not to issue a plan within 16 weeks (reg 10); the final plan within 20 weeks
 * (reg 13(2)).
 */
export function ehcDeadlines(requestDate: string): Deadline[] {
  return [
    { key: 'ehc.decide-to-assess', date: addWeeks(requestDate, 6) },
    { key: 'ehc.decide-not-to-issue', date: addWeeks(requestDate, 16) },
    { key: 'ehc.final-plan', date: addWeeks(requestDate, 20) },
  ];
}

/**
 * England and Wales bank holidays come from date-holidays (GB, ENG) rather than a list in content: its
 * rules work out every year, with substitute days, so no editor has to add next year's dates before a
 * parent's deadline reaches them. A one-off bank holiday needs a library update, which is rare and dated.
 */
let englandHolidays: HolidaysClass | undefined;
const holidaysByYear = new Map<number, Set<string>>();

function bankHolidays(year: number): Set<string> {
  let days = holidaysByYear.get(year);
  if (!days) {
    days = new Set(
      // Loaded on first use: the library and its rules take a noticeable part of start-up to load.
      (englandHolidays ??= new (createRequire(import.meta.url)('date-holidays') as typeof HolidaysClass)('GB', 'ENG'))
        .getHolidays(year)
        .filter((h) => h.type === 'public' || h.type === 'bank')
        .map((h) => h.date.slice(0, 10)),
    );
    holidaysByYear.set(year, days);
  }
  return days;
}

/** Loads the bank holiday rules now (after start), so the first deadline worked out does not wait for them. */
export function warmBankHolidays(now = new Date()): void {
  bankHolidays(now.getFullYear());
}

/**
 * A working day under the Tribunal's rules (HESC Rules 2008, r1(3)): not a Saturday or Sunday, Christmas
 * Day, Good Friday or a bank holiday in England and Wales.
 */
export function isWorkingDay(iso: string): boolean {
  const day = toUtc(iso).getUTCDay();
  if (day === 0 || day === 6) return false;
  return !bankHolidays(Number(iso.slice(0, 4))).has(iso);
}

/** The day itself when it is a working day, otherwise the next working day. */
export function onOrNextWorkingDay(iso: string): string {
  let d = iso;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** 'sen': an appeal about SEN (EHC) decisions; 'disability': a disability discrimination claim. */
export type TribunalCase = 'sen' | 'disability';

/**
 * The last day the Tribunal's rules allow for a time limit that ends on `end` (HESC Rules 2008, r12).
 * It runs on to the next working day when it ends on a day that is not one. In a SEN appeal, not a
 * disability discrimination claim, an end in August runs to the first working day of September, and
 * an end from 25 December to 1 January runs to the first working day after 1 January.
 */
export function tribunalLastDay(end: string, kind: TribunalCase = 'sen'): string {
  if (kind === 'sen') {
    const [y, m, d] = end.split('-').map(Number) as [number, number, number];
    if (m === 8) return onOrNextWorkingDay(`${y}-09-01`);
    if (m === 12 && d >= 25) return onOrNextWorkingDay(`${y + 1}-01-02`);
    if (m === 1 && d === 1) return onOrNextWorkingDay(`${y}-01-02`);
  }
  return onOrNextWorkingDay(end);
}

/**
 * Appeal to the First-tier Tribunal (SEND): 2 months from the decision letter, or 1 month from the
 * mediation certificate, whichever is later (HESC Rules 2008 r20; SEND Regulations 2014),
 * each carried to the last day r12 allows. The dates are the legal last days; the wording around them
 * tells people to send the appeal well before.
 */
export function appealDeadline(decisionDate: string, certificateDate?: string, kind: TribunalCase = 'sen'): Deadline[] {
  const fromDecision = tribunalLastDay(addMonths(decisionDate, 2), kind);
  if (!certificateDate) return [{ key: 'appeal.from-decision', date: fromDecision }];
  const fromCertificate = tribunalLastDay(addMonths(certificateDate, 1), kind);
  return [
    { key: 'appeal.from-decision', date: fromDecision },
    { key: 'appeal.from-certificate', date: fromCertificate },
    { key: 'appeal.deadline', date: laterOf(fromDecision, fromCertificate) },
  ];
}

/** The deadlines a state asks to show, from what the person has told us so far. */
export function deadlinesFor(kind: 'ehc-deadlines' | 'appeal-deadline', context: Pick<FlowContext, 'dates'>): Deadline[] {
  const dates: KnownDates = context.dates;
  if (kind === 'ehc-deadlines') return dates.requestDate ? ehcDeadlines(dates.requestDate) : [];
  return dates.decisionDate ? appealDeadline(dates.decisionDate, dates.certificateDate) : [];
}
