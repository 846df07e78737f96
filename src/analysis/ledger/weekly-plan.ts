/**
 * The weekly rectification plan (周整改): every Friday the office sets next week's plan — what is due,
 * where, who. For a chosen week (Monday 00:00 to the next Monday, office time) the plan lists the
 * problems due that week and not closed at the as-of time, grouped by department and then by grid,
 * and beside it the overdue list, most urgent first.
 *
 * Urgency = hours past the deadline × the category's severity (1–3): a fire-lane blockage three days
 * late comes before a torn poster a week late. Ties: the earlier deadline first.
 */
import { DAY_MS, localDayStart, localWeekday, type WorkingCalendar } from './working-calendar';

/** One open problem as the plan needs it; `row` points back into the ledger. */
export interface PlanItem {
  row: number;
  department: string;
  grid: string;
  deadline: number;
  severity: number;
  /** Overdue at the as-of (lifecycle.ts isOverdueAt: past the deadline and not disposed in time). */
  overdue: boolean;
}

export interface PlanGroup<T> {
  key: string;
  items: T[];
}

export interface WeeklyPlan<T extends PlanItem> {
  weekStart: number;
  weekEnd: number;
  /** Due in the week: department → grid → problems by deadline. */
  due: PlanGroup<PlanGroup<T>>[];
  dueCount: number;
  /** Overdue at the as-of time, most urgent first. */
  overdue: T[];
}

/** Monday 00:00 (office time) of the week containing ms, and the next Monday. */
export function weekOf(cal: WorkingCalendar, ms: number): { start: number; end: number } {
  const day = localDayStart(cal, ms);
  const sinceMonday = (localWeekday(cal, ms) + 6) % 7;
  const start = day - sinceMonday * DAY_MS;
  return { start, end: start + 7 * DAY_MS };
}

export function urgency(item: PlanItem, t: number): number {
  return (Math.max(0, t - item.deadline) / 3_600_000) * item.severity;
}

/**
 * Builds the plan from the open problems at t (`open`, already filtered). Groups come out in the
 * order of their keys (department code, grid code) so the plan reads the same every time.
 */
export function weeklyPlan<T extends PlanItem>(open: readonly T[], week: { start: number; end: number }, t: number): WeeklyPlan<T> {
  const due = open.filter((p) => p.deadline >= week.start && p.deadline < week.end);
  const byDept = new Map<string, Map<string, T[]>>();
  for (const p of due) {
    let grids = byDept.get(p.department);
    if (!grids) byDept.set(p.department, (grids = new Map()));
    const list = grids.get(p.grid);
    if (list) list.push(p);
    else grids.set(p.grid, [p]);
  }
  const groups = [...byDept.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([dept, grids]) => ({
      key: dept,
      items: [...grids.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([grid, items]) => ({ key: grid, items: items.sort((a, b) => a.deadline - b.deadline || a.row - b.row) })),
    }));
  const overdue = open
    .filter((p) => p.overdue)
    .sort((a, b) => urgency(b, t) - urgency(a, t) || a.deadline - b.deadline || a.row - b.row);
  return { weekStart: week.start, weekEnd: week.end, due: groups, dueCount: due.length, overdue };
}
