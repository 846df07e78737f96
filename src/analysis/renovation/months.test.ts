import { describe, expect, it } from 'vitest';
import { cst } from './fixture';
import { addMonths, clampMonth, instantOfMonth, isMonthKey, monthEnd, monthKeyOf, monthRange, monthStart, timelineBounds } from './months';
import { compoundReachTimes, projectReachTimes, rankAt, statusOfRank } from './status';

describe('timeline months (China time)', () => {
  it('puts an instant in its China-time month', () => {
    expect(monthKeyOf(cst('2021-12-31', 23))).toBe('2021-12');
    // 2021-12-31T17:00Z is already 01:00 on 1 January in China.
    expect(monthKeyOf(Date.UTC(2021, 11, 31, 17))).toBe('2022-01');
  });

  it('ends a month at its last China-time millisecond', () => {
    expect(monthEnd('2021-12')).toBe(Date.UTC(2021, 11, 31, 16) - 1);
    expect(monthStart('2022-01')).toBe(monthEnd('2021-12') + 1);
    expect(monthEnd('2024-02')).toBe(Date.UTC(2024, 1, 29, 16) - 1); // leap year
  });

  it('steps across years', () => {
    expect(addMonths('2021-12', 1)).toBe('2022-01');
    expect(addMonths('2022-01', -1)).toBe('2021-12');
    expect(monthRange('2021-11', '2022-02')).toEqual(['2021-11', '2021-12', '2022-01', '2022-02']);
    expect(monthRange('2022-02', '2021-11')).toEqual([]);
  });

  it('evaluates the as-of month at asOf, not at its end', () => {
    const asOf = cst('2023-06-30', 12);
    expect(instantOfMonth('2023-06', asOf)).toBe(asOf);
    expect(instantOfMonth('2023-05', asOf)).toBe(monthEnd('2023-05'));
  });

  it('runs from 2020 (or earlier data) to the as-of month', () => {
    expect(timelineBounds(cst('2026-11-20'), cst('2020-03-01'))).toEqual({ first: '2020-01', last: '2026-11' });
    expect(timelineBounds(cst('2026-11-20'), cst('2018-07-01'))).toEqual({ first: '2018-07', last: '2026-11' });
    expect(timelineBounds(cst('2026-11-20'), null)).toEqual({ first: '2020-01', last: '2026-11' });
  });

  it('clamps a bookmarked month into the timeline and ignores nonsense', () => {
    expect(clampMonth('2019-05', '2020-01', '2026-11')).toBe('2020-01');
    expect(clampMonth('2030-01', '2020-01', '2026-11')).toBe('2026-11');
    expect(clampMonth('2022-13', '2020-01', '2026-11')).toBe('2026-11');
    expect(clampMonth(null, '2020-01', '2026-11')).toBe('2026-11');
    expect(isMonthKey('2022-00')).toBe(false);
  });
});

describe('status over time', () => {
  it('takes a later recorded step as reaching the earlier ones too', () => {
    // Completed on day 9 with no start date recorded: it had started by day 9.
    expect(projectReachTimes([1, 3, null, 9, null])).toEqual([1, 3, 9, 9, null]);
  });

  it('gives a compound the earliest time any of its projects reached each status', () => {
    expect(compoundReachTimes([[1, 3, 5, null, null], [2, 2, 4, 8, 10]])).toEqual([1, 2, 4, 8, 10]);
    expect(compoundReachTimes([])).toEqual([null, null, null, null, null]);
  });

  it('reads the status at an instant', () => {
    const reach = [1, 2, 4, 8, null];
    expect([0, 1, 3, 4, 100].map((t) => statusOfRank(rankAt(reach, t)))).toEqual(['none', 'planned', 'approved', 'under_construction', 'completed']);
  });
});
