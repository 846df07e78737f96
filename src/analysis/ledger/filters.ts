/**
 * The ledger's filters: what a user narrows the ledger to. Every view, figure and list of the
 * workspace follows them (the worker applies them to every row before anything is counted), and
 * they live in the address (src/app/ledger/ledger-url.ts).
 *
 * An empty list means "all". Dates are office-local calendar days, inclusive at both ends.
 */
import type { ProblemNature, ProblemSource, ProblemStatus } from '../../contract';
import { DAY_MS, MINUTE_MS } from './working-calendar';

export interface LedgerFilter {
  /** Major classes (2 digits). */
  majors: string[];
  /** Minor categories (5 digits), within the majors if both are set. */
  categories: string[];
  /** Status at the as-of time. */
  statuses: ProblemStatus[];
  /** Nature, with rebounds derived at the window (lifecycle.ts isRebound). */
  natures: ProblemNature[];
  departments: string[];
  sources: ProblemSource[];
  /** Reported on or after this local day, `YYYY-MM-DD`. */
  from: string | null;
  /** Reported on or before this local day. */
  to: string | null;
  /** A community (12 digits) … */
  community: string | null;
  /** … or a level-4 grid (15 digits); the grid wins when both are set. */
  grid: string | null;
}

export function emptyFilter(): LedgerFilter {
  return { majors: [], categories: [], statuses: [], natures: [], departments: [], sources: [], from: null, to: null, community: null, grid: null };
}

export function isFilterEmpty(f: LedgerFilter): boolean {
  return (
    f.majors.length + f.categories.length + f.statuses.length + f.natures.length + f.departments.length + f.sources.length === 0 &&
    f.from === null &&
    f.to === null &&
    f.community === null &&
    f.grid === null
  );
}

/** Local midnight (epoch ms) of a `YYYY-MM-DD` day in an office `utcOffsetMinutes` east of UTC; null if not a date. */
export function localDayMs(day: string, utcOffsetMinutes: number): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const check = new Date(ms);
  if (check.getUTCMonth() !== Number(m[2]) - 1 || check.getUTCDate() !== Number(m[3])) return null;
  return ms - utcOffsetMinutes * MINUTE_MS;
}

/** The reported-time range [from, to) of the filter's dates, in epoch ms (nulls: open ends). */
export function reportedRange(f: Pick<LedgerFilter, 'from' | 'to'>, utcOffsetMinutes: number): { from: number | null; to: number | null } {
  const from = f.from === null ? null : localDayMs(f.from, utcOffsetMinutes);
  const toDay = f.to === null ? null : localDayMs(f.to, utcOffsetMinutes);
  return { from, to: toDay === null ? null : toDay + DAY_MS };
}

/** `YYYY-MM` → [start, end) of that month, office time. */
export function monthRange(month: string, utcOffsetMinutes: number): { start: number; end: number } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return null;
  const year = Number(m[1]);
  const mon = Number(m[2]);
  if (mon < 1 || mon > 12) return null;
  const off = utcOffsetMinutes * MINUTE_MS;
  return { start: Date.UTC(year, mon - 1, 1) - off, end: Date.UTC(year, mon, 1) - off };
}

/** `YYYY-MM` of the local month containing ms. */
export function monthOf(ms: number, utcOffsetMinutes: number): string {
  return new Date(ms + utcOffsetMinutes * MINUTE_MS).toISOString().slice(0, 7);
}

/** `YYYY-MM-DD` of the local day containing ms. */
export function dayOf(ms: number, utcOffsetMinutes: number): string {
  return new Date(ms + utcOffsetMinutes * MINUTE_MS).toISOString().slice(0, 10);
}
