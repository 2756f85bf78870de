/**
 * The calendar day, weekday and time of day of an instant in a given time zone, whatever the server's
 * own zone: used for helpline opening hours and for the editors' report's days.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return format;
}

export interface ZonedTime {
  /** YYYY-MM-DD in that zone. */
  isoDay: string;
  /** Three lower-case letters: mon, tue, ... */
  weekday: string;
  hour: number;
  /** Minutes since midnight. */
  minutes: number;
}

export function zonedTime(at: Date, timeZone: string): ZonedTime {
  const parts = Object.fromEntries(
    formatFor(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    isoDay: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: String(parts.weekday).toLowerCase().slice(0, 3),
    hour: Number(parts.hour),
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}
