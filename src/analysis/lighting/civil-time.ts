/**
 * Wall-clock dates and times in the office's time zone. A schedule says "off at 23:00": that is
 * 23:00 on the office's clocks, whatever zone the server or the browser runs in, and in a zone with
 * daylight saving (Cambridge, MA) 23:00 is a different UTC instant in July than in January.
 * Uses only `Intl` (built into Node and every browser), so it runs offline in both.
 */

/** A civil date, `YYYY-MM-DD`. */
export type CivilDate = string;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone, which is what a bad config should get.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `Intl` knows the zone (config validation). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface WallTime {
  date: CivilDate;
  /** Minutes after local midnight, 0–1439. */
  minute: number;
}

/** The office's wall clock at an instant. */
export function wallTimeAt(instantMs: number, timeZone: string): WallTime {
  const parts = formatter(timeZone).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const date = `${String(get('year')).padStart(4, '0')}-${String(get('month')).padStart(2, '0')}-${String(get('day')).padStart(2, '0')}`;
  return { date, minute: get('hour') * 60 + get('minute') };
}

/** Milliseconds the zone's clock is ahead of UTC at an instant (+8 h for China). */
export function utcOffsetMs(instantMs: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant the office's clock shows `minute` (may exceed 1439: the next day) on `date`.
 * A wall time inside the spring-forward gap (02:30 on the night clocks jump from 02:00 to 03:00)
 * does not exist; the result is then an hour off, which no street-lighting schedule runs into.
 */
export function zonedInstant(date: CivilDate, minute: number, timeZone: string): number {
  const [y, m, d] = parseCivilDate(date);
  const wall = Date.UTC(y, m - 1, d) + minute * MINUTE_MS;
  const first = wall - utcOffsetMs(wall, timeZone);
  const second = wall - utcOffsetMs(first, timeZone);
  return second;
}

export function parseCivilDate(date: CivilDate): [number, number, number] {
  const match = DATE_RE.exec(date);
  if (!match) throw new RangeError(`"${date}" is not a date; expected YYYY-MM-DD`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`"${date}" is not a real calendar date`);
  }
  return [y, m, d];
}

export function isCivilDate(text: string): boolean {
  try {
    parseCivilDate(text);
    return true;
  } catch {
    return false;
  }
}

/** The civil date `days` after (or before) `date`. */
export function addDays(date: CivilDate, days: number): CivilDate {
  const [y, m, d] = parseCivilDate(date);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** `HH:MM` for minutes after midnight (wrapping past 24 h), e.g. 1530 → "01:30". */
export function formatClock(minute: number): string {
  const m = ((Math.round(minute) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
