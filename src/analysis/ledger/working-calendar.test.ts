import { describe, expect, it } from 'vitest';
import { cst } from './test-fixtures';
import {
  addWorkingDays,
  addWorkingHours,
  CalendarFileError,
  deadlineFor,
  isWorkingDay,
  parseCalendarCsv,
  WorkingClock,
  workingCalendar,
} from './working-calendar';

const HOUR = 3_600_000;
const iso = (ms: number): string => new Date(ms + 8 * HOUR).toISOString().slice(0, 16);

// 2026's notice (国务院办公厅, 2025-11-04): 2/15–2/23 off, Sat 2/14 and Sat 2/28 worked;
// 9/25–9/27 and 10/1–10/7 off, Sun 9/20 and Sat 10/10 worked.
const CSV = `date,kind,name
2026-02-14,workday,春节调休上班
${[15, 16, 17, 18, 19, 20, 21, 22, 23].map((d) => `2026-02-${d},holiday,春节`).join('\n')}
2026-09-20,workday,国庆节调休上班
${[1, 2, 3, 4, 5, 6, 7].map((d) => `2026-10-0${d},holiday,国庆节`).join('\n')}
2026-10-10,workday,国庆节调休上班
`;
const china = workingCalendar(parseCalendarCsv(CSV, 'cn.csv'));
const weekendsOnly = workingCalendar();

describe('working calendar', () => {
  it('skips weekends: one working day from Friday 10:00 is Monday 10:00', () => {
    expect(iso(addWorkingDays(weekendsOnly, cst(11, 20, 10), 1))).toBe('2026-11-23T10:00');
  });

  it('starts counting a case that comes in on Saturday from Monday morning', () => {
    // Sat 15:00 → next opening Mon 08:30 → one working day later Tue 08:30.
    expect(iso(addWorkingDays(weekendsOnly, cst(11, 21, 15), 1))).toBe('2026-11-24T08:30');
  });

  it('counts working hours inside the office windows, across lunch and a weekend', () => {
    // 11:00–12:00 (1 h), 14:00–15:00 (1 h).
    expect(iso(addWorkingHours(weekendsOnly, cst(11, 20, 11), 2))).toBe('2026-11-20T15:00');
    // Fri 16:00–17:30 (1.5 h), Mon 08:30–11:00 (2.5 h).
    expect(iso(addWorkingHours(weekendsOnly, cst(11, 20, 16), 4))).toBe('2026-11-23T11:00');
  });

  it('skips the National Day holiday: one working day from Wednesday 30 September is 8 October', () => {
    expect(iso(addWorkingDays(china, cst(9, 30, 10), 1))).toBe('2026-10-08T10:00');
    expect(isWorkingDay(china, cst(10, 5, 12))).toBe(false);
  });

  it('works the make-up Saturday (调休): Friday 16:00 plus 4 working hours is Saturday 10 October 11:00', () => {
    // Fri 10/9 16:00–17:30 (1.5 h) then Sat 10/10 08:30–11:00 (2.5 h); without the calendar it would be Monday.
    expect(iso(addWorkingHours(china, cst(10, 9, 16), 4))).toBe('2026-10-10T11:00');
    expect(iso(addWorkingHours(weekendsOnly, cst(10, 9, 16), 4))).toBe('2026-10-12T11:00');
  });

  it('counts from the make-up Sunday 20 September when a case comes in on Saturday 19th', () => {
    // Next opening is Sun 9/20 08:30 (a working day); one working day later is Mon 9/21 08:30.
    expect(iso(addWorkingDays(china, cst(9, 19, 15), 1))).toBe('2026-09-21T08:30');
  });

  it('crosses the Spring Festival: Friday 13 February plus one working day is the make-up Saturday 14th, plus two is the 24th', () => {
    expect(iso(addWorkingDays(china, cst(2, 13, 9), 1))).toBe('2026-02-14T09:00');
    expect(iso(addWorkingDays(china, cst(2, 13, 9), 2))).toBe('2026-02-24T09:00');
  });

  it('gives each category its deadline in its own unit', () => {
    const fri10 = cst(11, 20, 10);
    expect(deadlineFor(weekendsOnly, { deadline_unit: 'hours', deadline_value: 2 }, fri10)).toBe(cst(11, 20, 12));
    expect(deadlineFor(weekendsOnly, { deadline_unit: 'working_hours', deadline_value: 4 }, fri10)).toBe(cst(11, 20, 16));
    expect(deadlineFor(weekendsOnly, { deadline_unit: 'working_days', deadline_value: 1 }, fri10)).toBe(cst(11, 23, 10));
  });

  it('measures office time between two instants with a running clock', () => {
    const clock = new WorkingClock(weekendsOnly, cst(11, 1), cst(12, 31));
    // Fri 16:00–17:30 and Mon 08:30–10:00: 3 h, the weekend counts nothing.
    expect(clock.between(cst(11, 20, 16), cst(11, 23, 10))).toBe(3 * HOUR);
    // A whole working day is 7 office hours; Saturday adds none.
    expect(clock.between(cst(11, 20), cst(11, 22))).toBe(7 * HOUR);
    // Outside the table it grows and still agrees with itself.
    expect(clock.between(cst(1, 5, 9, 0, 2027), cst(1, 5, 10, 0, 2027))).toBe(HOUR);
    // Before the table too: all of Friday 16 October from 08:00 (7 h) and Monday 08:30–09:30 (1 h).
    expect(clock.between(cst(10, 16, 8), cst(10, 19, 9, 30))).toBe(8 * HOUR);
  });

  it('refuses a calendar row it cannot trust, naming the file and line', () => {
    expect(() => parseCalendarCsv('date,kind\n2026-02-30,holiday\n', 'x.csv')).toThrow(/x\.csv: line 2: date "2026-02-30"/);
    expect(() => parseCalendarCsv('date,kind\n2026-11-18,workday\n', 'x.csv')).toThrow(CalendarFileError);
    expect(() => parseCalendarCsv('date,kind\n2026-11-18,holiday\n2026-11-18,holiday\n', 'x.csv')).toThrow(/listed twice/);
    expect(() => parseCalendarCsv('day,what\n', 'x.csv')).toThrow(/line 1/);
  });

  it('reads an empty calendar as weekends only', () => {
    expect(parseCalendarCsv('date,kind,name\n', 'x.csv')).toEqual({ holidays: [], workdays: [] });
  });
});
