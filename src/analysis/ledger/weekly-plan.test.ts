import { describe, expect, it } from 'vitest';
import { cst, T } from './test-fixtures';
import { urgency, weekOf, weeklyPlan, type PlanItem } from './weekly-plan';
import { workingCalendar } from './working-calendar';

const item = (row: number, department: string, grid: string, deadline: number, severity: number): PlanItem => ({ row, department, grid, deadline, severity, overdue: deadline < T });

describe('the weekly rectification plan', () => {
  it('runs Monday to Monday in office time', () => {
    const week = weekOf(workingCalendar(), cst(11, 25, 15)); // a Wednesday
    expect(week).toEqual({ start: cst(11, 23), end: cst(11, 30) });
    expect(weekOf(workingCalendar(), cst(11, 29, 23, 59)).start).toBe(cst(11, 23));
  });

  it('groups the week’s due problems by department then grid, and lists the overdue by urgency', () => {
    const open = [
      item(1, 'BM02', 'G2', cst(11, 24, 10), 2),
      item(2, 'BM01', 'G1', cst(11, 27, 9), 1),
      item(3, 'BM02', 'G1', cst(11, 23, 9), 3),
      item(4, 'BM02', 'G2', cst(11, 23, 8), 1),
      item(5, 'BM03', 'G1', cst(11, 18, 17), 1), // 48 h late × 1 = 48
      item(6, 'BM03', 'G1', cst(11, 20, 9), 3), // 8 h late × 3 = 24
      item(7, 'BM04', 'G3', cst(11, 19, 17), 3), // 24 h late × 3 = 72
      item(8, 'BM01', 'G1', cst(12, 1, 9), 3), // next week: neither
      { ...item(9, 'BM03', 'G1', cst(11, 17, 9), 3), overdue: false }, // past the deadline but disposed in time
    ];
    const plan = weeklyPlan(open, weekOf(workingCalendar(), cst(11, 25)), T);
    expect(plan.dueCount).toBe(4);
    expect(plan.due.map((d) => [d.key, d.items.map((g) => [g.key, g.items.map((i) => i.row)])])).toEqual([
      ['BM01', [['G1', [2]]]],
      ['BM02', [['G1', [3]], ['G2', [4, 1]]]],
    ]);
    expect(plan.overdue.map((i) => i.row)).toEqual([7, 5, 6]);
    expect(urgency(open[6]!, T)).toBe(72);
  });

  it('does not throw on an empty ledger', () => {
    expect(weeklyPlan([], weekOf(workingCalendar(), T), T)).toMatchObject({ dueCount: 0, due: [], overdue: [] });
  });
});
