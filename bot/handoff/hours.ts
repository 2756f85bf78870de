/**
 * Is the helpline open now? Opening hours come from the council profile; bank holidays from
 * date-holidays (England) together with the profile's own closed days, so a council that closes on an
 * extra day only has to list it. Times are read in Europe/London, whatever the server's clock zone.
 */
import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import type { CouncilProfile } from '../../content/schema.js';

type OpeningHours = CouncilProfile['helpline']['openingHours'];

const DAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const london = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  weekday: 'short',
  hourCycle: 'h23',
});

/** The date, weekday and time of day in London. */
export function londonTime(at: Date): { isoDay: string; day: (typeof DAY_KEYS)[number]; minutes: number } {
  const parts = Object.fromEntries(london.formatToParts(at).map((p) => [p.type, p.value]));
  const day = DAY_KEYS.find((d) => d === String(parts.weekday).toLowerCase().slice(0, 3)) ?? 'sun';
  return { isoDay: `${parts.year}-${parts.month}-${parts.day}`, day, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

function minutesOf(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

export class HelplineHours {
  // Loaded on first use, not at start: only handoff asks whether the helpline is open.
  private holidays: Holidays | undefined;

  constructor(private readonly hours: OpeningHours) {}

  isBankHoliday(at: Date): boolean {
    const { isoDay } = londonTime(at);
    if (this.hours.closedOn.includes(isoDay)) return true;
    this.holidays ??= new (createRequire(import.meta.url)('date-holidays') as typeof Holidays)('GB', 'ENG', { types: ['public', 'bank'] });
    const found = this.holidays.isHoliday(at);
    return Array.isArray(found) && found.some((h) => h.type === 'public' || h.type === 'bank');
  }

  isOpen(at: Date): boolean {
    const { day, minutes } = londonTime(at);
    const today = this.hours.days.filter((d) => d.day === day);
    if (!today.some((d) => minutes >= minutesOf(d.opens) && minutes < minutesOf(d.closes))) return false;
    return !this.isBankHoliday(at);
  }
}
