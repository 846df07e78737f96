/**
 * The renovation timeline's months: keys `YYYY-MM` in China Standard Time, and the instant each is
 * evaluated at (its last millisecond, or the data's as-of time for the as-of month, since nothing
 * after asOf is known). Pure: the pipeline and the browser share it.
 */
import { CHINA_OFFSET_MINUTES } from '../datetime';

const OFFSET_MS = CHINA_OFFSET_MINUTES * 60_000;
/** The national programme (国办发〔2020〕23号) starts in 2020: the timeline does too. */
export const TIMELINE_FIRST_MONTH = '2020-01';

const KEY = /^(\d{4})-(\d{2})$/;

export function isMonthKey(text: string): boolean {
  const m = KEY.exec(text);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

function parts(key: string): [number, number] {
  const m = KEY.exec(key);
  if (!m) throw new Error(`"${key}" is not a month; expected YYYY-MM`);
  return [Number(m[1]), Number(m[2])];
}

function keyOf(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The month (China time) an instant falls in. */
export function monthKeyOf(epochMs: number): string {
  const d = new Date(epochMs + OFFSET_MS);
  return keyOf(d.getUTCFullYear(), d.getUTCMonth() + 1);
}

/** First millisecond of the month, China time. */
export function monthStart(key: string): number {
  const [y, m] = parts(key);
  return Date.UTC(y, m - 1, 1) - OFFSET_MS;
}

/** Last millisecond of the month, China time. */
export function monthEnd(key: string): number {
  const [y, m] = parts(key);
  return Date.UTC(y, m, 1) - OFFSET_MS - 1;
}

export function addMonths(key: string, n: number): string {
  const [y, m] = parts(key);
  const index = y * 12 + (m - 1) + n;
  return keyOf(Math.floor(index / 12), (index % 12) + 1);
}

/** Months from `first` to `last`, both included (empty when last < first). */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  for (let k = first; k <= last; k = addMonths(k, 1)) out.push(k);
  return out;
}

/** The instant the figures of a month describe: its end, or asOf within the as-of month. */
export function instantOfMonth(key: string, asOf: number): number {
  return Math.min(monthEnd(key), asOf);
}

/** The timeline's first and last months: 2020-01 (or earlier data) to the as-of month. */
export function timelineBounds(asOf: number, earliest: number | null): { first: string; last: string } {
  const last = monthKeyOf(asOf);
  let first = TIMELINE_FIRST_MONTH;
  if (earliest !== null && monthKeyOf(earliest) < first) first = monthKeyOf(earliest);
  return { first: first > last ? last : first, last };
}

/** Keeps a requested month inside the timeline (a stale bookmark must not break the page). */
export function clampMonth(key: string | null, first: string, last: string): string {
  if (key === null || !isMonthKey(key)) return last;
  return key < first ? first : key > last ? last : key;
}
