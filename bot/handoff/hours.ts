/**
 * Is the helpline open now? Opening hours come from the council profile; bank holidays from
 * date-holidays (England) together with the profile's own closed days, so a council that closes on an
 * extra day only has to list it. Times are read in Europe/London, whatever the server's clock zone.
 */
import type { CouncilProfile } from '../../content/schema.js';
import { isEnglishBankHoliday } from '../../content/bank-holidays.js';
import { zonedTime } from '../../content/zoned-time.js';

type OpeningHours = CouncilProfile['helpline']['openingHours'];

const DAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** The date, weekday and time of day in London. */
export function londonTime(at: Date): { isoDay: string; day: (typeof DAY_KEYS)[number]; minutes: number } {
  const { isoDay, weekday, minutes } = zonedTime(at, 'Europe/London');
  const day = DAY_KEYS.find((d) => d === weekday) ?? 'sun';
  return { isoDay, day, minutes };
}

function minutesOf(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

export class HelplineHours {
  constructor(private readonly hours: OpeningHours) {}

  isBankHoliday(at: Date): boolean {
    const { isoDay } = londonTime(at);
    if (this.hours.closedOn.includes(isoDay)) return true;
    return isEnglishBankHoliday(at);
  }

  isOpen(at: Date): boolean {
    const { day, minutes } = londonTime(at);
    const today = this.hours.days.filter((d) => d.day === day);
    if (!today.some((d) => minutes >= minutesOf(d.opens) && minutes < minutesOf(d.closes))) return false;
    return !this.isBankHoliday(at);
  }
}
