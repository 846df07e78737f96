/**
 * The office's working time: which days are worked (weekends off, statutory holidays off, make-up
 * working days 调休 on, from a data file; see data/calendar/README.md), the office windows inside a
 * day, and time limits counted in working hours or working days. Times are epoch milliseconds;
 * "local" means the office's clock, a fixed offset from UTC (China has no daylight saving).
 *
 * Pure: the pipeline, the demo generator (scripts/demo/calendar.ts binds it to China's calendar)
 * and the browser's worker all count deadlines with this one module.
 */
import type { CalendarDays, Category } from '../../contract';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export interface WorkingCalendar {
  /** Minutes east of UTC of the office's clock (480 = China Standard Time). */
  readonly utcOffsetMinutes: number;
  /** Office windows in local hours from midnight, ascending, e.g. [[8.5, 12], [14, 17.5]]. */
  readonly windows: readonly (readonly [number, number])[];
  /** Local dates `YYYY-MM-DD` that are not worked although Monday–Friday. */
  readonly holidays: ReadonlySet<string>;
  /** Local dates that are worked although Saturday or Sunday (调休上班). */
  readonly workdays: ReadonlySet<string>;
}

export const CALENDAR_DEFAULTS = {
  /** China Standard Time, UTC+8, no daylight saving. */
  utcOffsetMinutes: 480,
  /** 8:30–12:00 and 14:00–17:30, as street offices keep. */
  windows: [
    [8.5, 12],
    [14, 17.5],
  ] as [number, number][],
};

export function workingCalendar(
  days: CalendarDays = { holidays: [], workdays: [] },
  office: { utcOffsetMinutes: number; windows: readonly (readonly [number, number])[] } = CALENDAR_DEFAULTS,
): WorkingCalendar {
  const windows = [...office.windows].map(([a, b]) => [a, b] as const).sort((p, q) => p[0] - q[0]);
  windows.forEach(([a, b], i) => {
    if (!(a >= 0 && b <= 24 && a < b)) throw new Error(`office window ${a}–${b}: expected 0 ≤ start < end ≤ 24`);
    const previous = windows[i - 1];
    if (previous && a < previous[1]) throw new Error(`office windows ${previous.join('–')} and ${a}–${b} overlap`);
  });
  return {
    utcOffsetMinutes: office.utcOffsetMinutes,
    windows,
    holidays: new Set(days.holidays),
    workdays: new Set(days.workdays),
  };
}

export class CalendarFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file}: line ${line}: ${detail}`);
    this.name = 'CalendarFileError';
  }
}

/**
 * Reads a calendar CSV (`date,kind,name`; kind `holiday` or `workday`). A bad row is an error
 * naming the file and line: a wrong holiday silently moves every deadline around it.
 */
export function parseCalendarCsv(text: string, file: string): CalendarDays {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const dateAt = header.indexOf('date');
  const kindAt = header.indexOf('kind');
  if (dateAt === -1 || kindAt === -1) throw new CalendarFileError(file, 1, `expected a header with date and kind columns; got "${lines[0] ?? ''}"`);
  const days: CalendarDays = { holidays: [], workdays: [] };
  const seen = new Map<string, number>();
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (raw.trim() === '') return;
    const cells = raw.split(',').map((c) => c.trim());
    const date = cells[dateAt] ?? '';
    const kind = cells[kindAt] ?? '';
    if (!isRealDate(date)) throw new CalendarFileError(file, line, `date "${date}": expected a real date YYYY-MM-DD`);
    if (kind !== 'holiday' && kind !== 'workday') throw new CalendarFileError(file, line, `kind "${kind}": expected holiday or workday`);
    const first = seen.get(date);
    if (first !== undefined) throw new CalendarFileError(file, line, `date ${date} is listed twice (first at line ${first})`);
    seen.set(date, line);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    if (kind === 'workday' && !weekend) throw new CalendarFileError(file, line, `${date} is a weekday; a make-up working day (workday) must be a Saturday or Sunday`);
    (kind === 'holiday' ? days.holidays : days.workdays).push(date);
  });
  return days;
}

function isRealDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const offsetMs = (cal: WorkingCalendar): number => cal.utcOffsetMinutes * MINUTE_MS;

/** Local midnight of the day containing ms. */
export function localDayStart(cal: WorkingCalendar, ms: number): number {
  const off = offsetMs(cal);
  return Math.floor((ms + off) / DAY_MS) * DAY_MS - off;
}

/** `YYYY-MM-DD` of the local day containing ms. */
export function localDateKey(cal: WorkingCalendar, ms: number): string {
  return new Date(ms + offsetMs(cal)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, local. */
export function localWeekday(cal: WorkingCalendar, ms: number): number {
  return new Date(ms + offsetMs(cal)).getUTCDay();
}

/** Local hour of day as a fraction, e.g. 14.5 for 14:30. */
function hourOfDay(cal: WorkingCalendar, ms: number): number {
  return (ms - localDayStart(cal, ms)) / HOUR_MS;
}

export function isWorkingDay(cal: WorkingCalendar, ms: number): boolean {
  const key = localDateKey(cal, ms);
  if (cal.workdays.has(key)) return true;
  if (cal.holidays.has(key)) return false;
  const w = localWeekday(cal, ms);
  return w !== 0 && w !== 6;
}

function officeHoursPerDay(cal: WorkingCalendar): number {
  return cal.windows.reduce((s, [a, b]) => s + (b - a), 0);
}

/** Whether ms falls inside an office window of a working day. */
export function isOfficeTime(cal: WorkingCalendar, ms: number): boolean {
  if (!isWorkingDay(cal, ms)) return false;
  const h = hourOfDay(cal, ms);
  return cal.windows.some(([start, end]) => h >= start && h < end);
}

/** The next opening of an office window at or after ms. */
export function nextOpening(cal: WorkingCalendar, ms: number): number {
  let day = localDayStart(cal, ms);
  // Long holidays (春节 with its weekends) are under two weeks; 60 days is plenty.
  for (let guard = 0; guard < 60; guard++) {
    if (isWorkingDay(cal, day + 12 * HOUR_MS)) {
      for (const [start] of cal.windows) {
        const opening = day + start * HOUR_MS;
        if (opening >= ms) return opening;
      }
    }
    day += DAY_MS;
  }
  return ms;
}

/** The latest end of an office window at or before ms. */
export function previousClosing(cal: WorkingCalendar, ms: number): number {
  let day = localDayStart(cal, ms);
  for (let guard = 0; guard < 60; guard++) {
    if (isWorkingDay(cal, day + 12 * HOUR_MS)) {
      for (let i = cal.windows.length - 1; i >= 0; i--) {
        const closing = day + (cal.windows[i] as readonly [number, number])[1] * HOUR_MS;
        if (closing <= ms) return closing;
      }
    }
    day -= DAY_MS;
  }
  return ms;
}

/** Adds hours counted only inside office windows on working days. */
export function addWorkingHours(cal: WorkingCalendar, ms: number, hours: number): number {
  let t = ms;
  let left = hours * HOUR_MS;
  for (let guard = 0; guard < 100_000 && left > 0; guard++) {
    if (!isWorkingDay(cal, t)) {
      t = nextOpening(cal, t);
      continue;
    }
    const day = localDayStart(cal, t);
    const h = hourOfDay(cal, t);
    const window = cal.windows.find(([, end]) => h < end);
    if (!window) {
      t = nextOpening(cal, t);
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

/**
 * Adds working days: the deadline falls at the same time of day n working days later. A case that
 * comes in on a day off starts counting from the next working day's opening. A fraction of a day
 * is that share of a working day's office hours.
 */
export function addWorkingDays(cal: WorkingCalendar, ms: number, days: number): number {
  let t = ms;
  if (!isWorkingDay(cal, t)) t = nextOpening(cal, t);
  let whole = Math.floor(days);
  for (let guard = 0; guard < 100_000 && whole > 0; guard++) {
    t += DAY_MS;
    if (isWorkingDay(cal, t)) whole--;
  }
  const fraction = days - Math.floor(days);
  return fraction > 0 ? addWorkingHours(cal, t, fraction * officeHoursPerDay(cal)) : t;
}

/**
 * The deadline of a case in its category's unit (DOMAIN.md: exposed garbage in hours, a dark lamp
 * in one working day), counted from `startMs`: the registration (立案), or the report while a case
 * is not registered.
 */
export function deadlineFor(cal: WorkingCalendar, category: Pick<Category, 'deadline_unit' | 'deadline_value'>, startMs: number): number {
  switch (category.deadline_unit) {
    case 'hours':
      return startMs + category.deadline_value * HOUR_MS;
    case 'working_hours':
      return addWorkingHours(cal, startMs, category.deadline_value);
    case 'working_days':
      return addWorkingDays(cal, startMs, category.deadline_value);
  }
}

/**
 * Office time as a running total: `at(t)` is the working milliseconds from the clock's first day
 * to t, so the working time between two instants is a subtraction. One table entry per local day
 * (the running total at its midnight), built once for a span and grown on demand; each lookup is
 * O(1), which is what lets the worker colour a million problems at a new as-of time at once.
 */
export class WorkingClock {
  private firstDay: number;
  private totals: Float64Array;
  private working: Uint8Array;

  constructor(
    private readonly cal: WorkingCalendar,
    fromMs: number,
    toMs: number,
  ) {
    this.firstDay = localDayStart(cal, Math.min(fromMs, toMs));
    this.totals = new Float64Array(0);
    this.working = new Uint8Array(0);
    this.build(this.firstDay, localDayStart(cal, Math.max(fromMs, toMs)) + DAY_MS);
  }

  private build(firstDay: number, endDay: number): void {
    const days = Math.max(1, Math.round((endDay - firstDay) / DAY_MS) + 1);
    const totals = new Float64Array(days);
    const working = new Uint8Array(days);
    const perDay = officeHoursPerDay(this.cal) * HOUR_MS;
    let running = 0;
    for (let d = 0; d < days; d++) {
      totals[d] = running;
      const isWorking = isWorkingDay(this.cal, firstDay + d * DAY_MS + 12 * HOUR_MS);
      working[d] = isWorking ? 1 : 0;
      if (isWorking) running += perDay;
    }
    this.firstDay = firstDay;
    this.totals = totals;
    this.working = working;
  }

  /** Working ms from the clock's origin to ms (negative before it). */
  at(ms: number): number {
    let d = Math.floor((ms - this.firstDay) / DAY_MS);
    if (d < 0 || d >= this.totals.length - 1) {
      // Outside the table: grow it to cover ms with a margin, keeping the origin's meaning by
      // re-basing everything on the new first day (totals are differences, so only `at` values
      // from the same clock may be subtracted — which is all callers do).
      const first = Math.min(this.firstDay, localDayStart(this.cal, ms) - 30 * DAY_MS);
      const last = Math.max(this.firstDay + (this.totals.length - 1) * DAY_MS, localDayStart(this.cal, ms) + 30 * DAY_MS);
      const before = this.firstDay;
      const shift = first < before ? this.countBetween(first, before) : 0;
      this.build(first, last);
      this.origin += shift;
      d = Math.floor((ms - this.firstDay) / DAY_MS);
    }
    const dayStart = this.firstDay + d * DAY_MS;
    let within = 0;
    if (this.working[d] === 1) {
      const h = (ms - dayStart) / HOUR_MS;
      for (const [a, b] of this.cal.windows) {
        if (h <= a) break;
        within += (Math.min(h, b) - a) * HOUR_MS;
      }
    }
    return (this.totals[d] as number) + within - this.origin;
  }

  /** Working ms between two instants (b after a gives a positive number). */
  between(a: number, b: number): number {
    return this.at(b) - this.at(a);
  }

  /** The running total at the original first day, so values stay comparable after growing. */
  private origin = 0;

  private countBetween(fromDay: number, toDay: number): number {
    const perDay = officeHoursPerDay(this.cal) * HOUR_MS;
    let n = 0;
    for (let t = fromDay; t < toDay; t += DAY_MS) if (isWorkingDay(this.cal, t + 12 * HOUR_MS)) n += perDay;
    return n;
  }
}
