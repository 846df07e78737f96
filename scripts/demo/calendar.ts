/**
 * Office time in China Standard Time (UTC+8, no daylight saving): formatting, working days and
 * working hours, for ledger timestamps and category deadlines. Times are epoch milliseconds.
 *
 * Working days skip Saturdays and Sundays only; the statutory holidays and their make-up
 * working days (调休) are not modelled, which a real office calendar would add.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const CST_MS = 8 * HOUR_MS;

/** Office hours (local time, hours from midnight): 8:30–12:00 and 14:00–17:30, as street offices keep. */
export const OFFICE_WINDOWS: readonly [number, number][] = [
  [8.5, 12],
  [14, 17.5],
];

/** Epoch ms of a China local date-time. Month is 1-based. */
export function chinaTime(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) - CST_MS;
}

export interface ChinaParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export function chinaParts(ms: number): ChinaParts {
  const d = new Date(ms + CST_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/** `2026-11-20T17:00:00+08:00`: whole seconds, fixed offset, byte-stable. */
export function formatChinaTime(ms: number): string {
  const p = chinaParts(Math.floor(ms / 1000) * 1000);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}+08:00`;
}

/** `20261120`: the date part of a ledger number. */
export function chinaDateKey(ms: number): string {
  const p = chinaParts(ms);
  return `${p.year}${pad2(p.month)}${pad2(p.day)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Midnight (local) of the day containing ms. */
export function startOfChinaDay(ms: number): number {
  return Math.floor((ms + CST_MS) / DAY_MS) * DAY_MS - CST_MS;
}

export function isWorkingDay(ms: number): boolean {
  const w = chinaParts(ms).weekday;
  return w !== 0 && w !== 6;
}

/** Local hour of day as a fraction, e.g. 14.5 for 14:30. */
function hourOfDay(ms: number): number {
  return (ms - startOfChinaDay(ms)) / HOUR_MS;
}

/**
 * Adds working days: the deadline falls at the same time of day n working days later. A case
 * that starts on a weekend starts counting from the next working day's opening.
 */
export function addWorkingDays(ms: number, days: number): number {
  let t = ms;
  if (!isWorkingDay(t)) t = nextOpening(t);
  let whole = Math.floor(days);
  while (whole > 0) {
    t += DAY_MS;
    if (isWorkingDay(t)) whole--;
  }
  const fraction = days - Math.floor(days);
  return fraction > 0 ? addWorkingHours(t, fraction * officeHoursPerDay()) : t;
}

/** Adds hours counted only inside office windows on working days. */
export function addWorkingHours(ms: number, hours: number): number {
  let t = ms;
  let left = hours * HOUR_MS;
  for (let guard = 0; guard < 10_000 && left > 0; guard++) {
    if (!isWorkingDay(t)) {
      t = nextOpening(t);
      continue;
    }
    const day = startOfChinaDay(t);
    const h = hourOfDay(t);
    const window = OFFICE_WINDOWS.find(([, end]) => h < end);
    if (!window) {
      t = nextOpening(t);
      continue;
    }
    const start = Math.max(h, window[0]);
    const available = (window[1] - start) * HOUR_MS;
    if (left <= available) return day + start * HOUR_MS + left;
    left -= available;
    t = day + window[1] * HOUR_MS;
  }
  return t;
}

/** The next opening of an office window strictly after ms (or at ms if it is one). */
export function nextOpening(ms: number): number {
  let day = startOfChinaDay(ms);
  for (let guard = 0; guard < 30; guard++) {
    if (isWorkingDay(day + 12 * HOUR_MS)) {
      for (const [start] of OFFICE_WINDOWS) {
        const opening = day + start * HOUR_MS;
        if (opening >= ms) return opening;
      }
    }
    day += DAY_MS;
  }
  return ms;
}

/** The latest end of an office window at or before ms. */
export function previousClosing(ms: number): number {
  let day = startOfChinaDay(ms);
  for (let guard = 0; guard < 30; guard++) {
    if (isWorkingDay(day + 12 * HOUR_MS)) {
      for (let i = OFFICE_WINDOWS.length - 1; i >= 0; i--) {
        const closing = day + (OFFICE_WINDOWS[i] as [number, number])[1] * HOUR_MS;
        if (closing <= ms) return closing;
      }
    }
    day -= DAY_MS;
  }
  return ms;
}

/** Whether ms falls inside an office window of a working day. */
export function isOfficeTime(ms: number): boolean {
  if (!isWorkingDay(ms)) return false;
  const h = hourOfDay(ms);
  return OFFICE_WINDOWS.some(([start, end]) => h >= start && h < end);
}

function officeHoursPerDay(): number {
  return OFFICE_WINDOWS.reduce((s, [a, b]) => s + (b - a), 0);
}
