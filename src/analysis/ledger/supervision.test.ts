import { describe, expect, it } from 'vitest';
import { LEDGER_DEFAULTS } from './settings';
import { shareOfLimitUsed, supervisionLevel, supervisionReason, type SupervisionContext } from './supervision';
import { cst, facts, LEDGER, T } from './test-fixtures';
import { WorkingClock, workingCalendar } from './working-calendar';

const DAY = 86_400_000;
const clock = new WorkingClock(workingCalendar(), cst(10, 1), cst(12, 31));
const ctx: SupervisionContext = { dataAsOf: T, rules: LEDGER_DEFAULTS.supervision, reboundWindowMs: 30 * DAY, clock };

describe('three-colour supervision at Friday 20 November 17:00', () => {
  it('colours overdue problems red (C, E) and leaves closed ones uncoloured (A, B, G)', () => {
    expect(supervisionLevel(LEDGER.C, T, ctx)).toBe('red');
    expect(supervisionLevel(LEDGER.E, T, ctx)).toBe('red');
    for (const p of [LEDGER.A, LEDGER.B, LEDGER.G, LEDGER.F]) expect(supervisionLevel(p, T, ctx)).toBeNull();
    expect(supervisionReason(LEDGER.C, T, ctx)).toBe('overdue');
  });

  it('leaves D white: 8 of its 48 hours used', () => {
    expect(shareOfLimitUsed(LEDGER.D, T, clock)).toBeCloseTo(8 / 48, 9);
    expect(supervisionLevel(LEDGER.D, T, ctx)).toBe('white');
  });

  it('turns yellow at 80% of the limit: 10 of 10.5 hours used', () => {
    const p = facts({ status: 'disposing', reported: cst(11, 20, 7), registered: cst(11, 20, 7), deadline: cst(11, 20, 17, 30) });
    expect(shareOfLimitUsed(p, T, clock)).toBeCloseTo(10 / 10.5, 9);
    expect(supervisionLevel(p, T, ctx)).toBe('yellow');
    expect(supervisionReason(p, T, ctx)).toBe('nearDeadline');
  });

  it('leaves H yellow: past its deadline, but disposed in time and awaiting 核查, with one return', () => {
    expect(supervisionLevel(LEDGER.H, T, ctx)).toBe('yellow');
    expect(supervisionReason(LEDGER.H, T, ctx)).toBe('returns');
    expect(supervisionLevel({ ...LEDGER.H, returns: 0 }, T, ctx)).toBe('white');
    // Disposed after the deadline instead: red.
    expect(supervisionLevel({ ...LEDGER.H, disposed: cst(11, 17, 10) }, T, ctx)).toBe('red');
  });

  it('turns yellow at one return and red at two, even in time', () => {
    expect(supervisionLevel({ ...LEDGER.D, returns: 1 }, T, ctx)).toBe('yellow');
    expect(supervisionLevel({ ...LEDGER.D, returns: 2 }, T, ctx)).toBe('red');
    expect(supervisionReason({ ...LEDGER.D, returns: 2 }, T, ctx)).toBe('returns');
  });

  it('colours a rebound red, even in time', () => {
    const rebound = { ...LEDGER.D, prevClose: cst(11, 10, 9) };
    expect(supervisionLevel(rebound, T, ctx)).toBe('red');
    expect(supervisionReason(rebound, T, ctx)).toBe('rebound');
  });

  it('counts a working-day limit in office time across the weekend', () => {
    // Registered Friday 10:00, one working day: due Monday 10:00 (7 office hours).
    const p = facts({ status: 'disposing', reported: cst(11, 20, 10), registered: cst(11, 20, 10), deadline: cst(11, 23, 10), deadlineUnit: 'working_days' });
    // Friday 17:00: 10–12 and 14–17, 5 of 7 hours → white.
    expect(shareOfLimitUsed(p, T, clock)).toBeCloseTo(5 / 7, 9);
    expect(supervisionLevel(p, T, ctx)).toBe('white');
    // Saturday noon: nothing more since Friday's close (5.5 of 7) → still white, though 26 of 72 wall-clock hours have passed.
    expect(shareOfLimitUsed(p, cst(11, 21, 12), clock)).toBeCloseTo(5.5 / 7, 9);
    expect(supervisionLevel(p, cst(11, 21, 12), { ...ctx, dataAsOf: cst(11, 21, 12) })).toBe('white');
    // Monday 09:00: 6 of 7 → yellow; Monday 10:01 → red (overdue).
    expect(supervisionLevel(p, cst(11, 23, 9), { ...ctx, dataAsOf: cst(11, 23, 9) })).toBe('yellow');
    expect(supervisionLevel(p, cst(11, 23, 10, 1), { ...ctx, dataAsOf: cst(11, 23, 10, 1) })).toBe('red');
  });

  it('colours by the state at an earlier as-of: B was open and overdue on the 12th', () => {
    expect(supervisionLevel(LEDGER.B, cst(11, 12, 12), ctx)).toBe('red');
    expect(supervisionLevel(LEDGER.B, cst(11, 6, 8), ctx)).toBe('white');
  });
});
