/**
 * The timeline's steps: the ends of each week (Monday 00:00) or month (the 1st, 00:00) from the
 * first report to the data's as-of, in the office's clock; the last step is the as-of itself.
 * Pure: tested in Node.
 */
import { DAY_MS, MINUTE_MS } from '../../analysis/ledger/working-calendar';

export function timelineSteps(first: number, asOf: number, unit: 'week' | 'month', offsetMinutes: number): number[] {
  const off = offsetMinutes * MINUTE_MS;
  const steps: number[] = [];
  if (!(first <= asOf)) return [asOf];
  const local = new Date(first + off);
  let next: number;
  if (unit === 'month') {
    let y = local.getUTCFullYear();
    let m = local.getUTCMonth() + 1;
    for (;;) {
      next = Date.UTC(y, m, 1) - off;
      if (next >= asOf) break;
      steps.push(next);
      m++;
      if (m > 11) {
        m = 0;
        y++;
      }
    }
  } else {
    const day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - off;
    const sinceMonday = (new Date(day + off).getUTCDay() + 6) % 7;
    for (next = day - sinceMonday * DAY_MS + 7 * DAY_MS; next < asOf; next += 7 * DAY_MS) steps.push(next);
  }
  steps.push(asOf);
  return steps;
}

/** Index of the first step at or after t (the step that shows t). */
export function stepIndexOf(steps: readonly number[], t: number): number {
  const i = steps.findIndex((s) => s >= t);
  return i === -1 ? steps.length - 1 : i;
}
