/**
 * Statutory time limits worked out as calendar dates. Dates are ISO strings (YYYY-MM-DD) and all
 * arithmetic is done in UTC, so a server's time zone or a clock change never moves a deadline.
 */
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
 * EHC needs assessment: decision whether to assess within 6 weeks of the request (SEND Regulations
 * 2014 reg 4); a decision not to issue a plan within 16 weeks (reg 10); the final plan within 20 weeks
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
 * Appeal to the First-tier Tribunal (SEND): 2 months from the decision letter, or 1 month from the
 * mediation certificate, whichever is later (Tribunal Procedure Rules 2008 r20; SEND Regulations 2014).
 */
export function appealDeadline(decisionDate: string, certificateDate?: string): Deadline[] {
  const fromDecision = addMonths(decisionDate, 2);
  if (!certificateDate) return [{ key: 'appeal.from-decision', date: fromDecision }];
  const fromCertificate = addMonths(certificateDate, 1);
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
