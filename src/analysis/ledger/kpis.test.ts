import { describe, expect, it } from 'vitest';
import { countProblem, emptyCounts, kpisOf, ledgerKpis } from './kpis';
import { statusAt } from './lifecycle';
import { cst, LEDGER, T } from './test-fixtures';

const DAY = 86_400_000;
const WINDOW = 30 * DAY;
const all = Object.values(LEDGER);

describe('ledger KPIs on the hand-worked ledger (test-fixtures.ts) at Friday 20 November 17:00', () => {
  const { counts, kpis } = ledgerKpis(all, T, T, WINDOW);

  it('counts what is on the ledger', () => {
    // F is reported after T: on no count at all.
    expect(counts.reported).toBe(7);
    // E is still at 受理 (not registered); the other six reached 立案.
    expect(counts.registered).toBe(6);
    // A, B and G are closed.
    expect(counts.closed).toBe(3);
    // Due: the closed three, and C (deadline 19th), E (20th 12:00), H (17th); D is due on the 22nd.
    expect(counts.due).toBe(6);
    // On time: A (2nd 15:00 ≤ 3rd 09:00) and G (11th 16:00 ≤ 12th 10:00); B closed on the 13th, due the 10th.
    expect(counts.closedOnTime).toBe(2);
    expect(counts.open).toBe(4); // C D E H
    // C and E; H is past its deadline but its disposal (16th) came before it (17th): awaiting 核查, not late.
    expect(counts.overdue).toBe(2);
    // Returns: B 1 + G 2 + H 1. Dispositions: A 1, B 2, G 3, H 2 (returns + the last disposal).
    expect(counts.returns).toBe(4);
    expect(counts.dispositions).toBe(8);
    // G came 7.8 days after A's closure in its grid.
    expect(counts.rebounds).toBe(1);
    // Disposal reported: A B G H.
    expect(counts.disposed).toBe(4);
  });

  it('gives each figure by its formula', () => {
    expect(kpis.closureRate).toBe(3 / 6); // 结案率 = closed / registered
    expect(kpis.onTimeClosureRate).toBe(2 / 6); // 按期结案率 = on time / due
    expect(kpis.overdueRate).toBe(2 / 4); // 超期率 = overdue / open
    expect(kpis.reworkRate).toBe(4 / 8); // 返工率 = returns / dispositions
    expect(kpis.recurrenceRate).toBe(1 / 3); // 复发率 = rebounds / closed
    expect(kpis.reconciliationRate).toBe(3 / 4); // 对账销号率 = closed / disposed
    // 平均处置时长: A 29 h 50 min, B 8 d 1 h = 193 h, G 30 h → 252.83 h / 3.
    expect(kpis.meanHandlingHours).toBeCloseTo((29 + 50 / 60 + 193 + 30) / 3, 9);
  });
});

describe('ledger KPIs at an earlier as-of (Thursday 12 November 12:00, from the timestamps)', () => {
  const t = cst(11, 12, 12);
  const { counts, kpis } = ledgerKpis(all, t, T, WINDOW);

  it('sees only what had happened by then', () => {
    // Reported by then: A, B, G. G closed on the 11th at 16:00; B not until the 13th.
    expect(counts.reported).toBe(3);
    expect(counts.closed).toBe(2);
    // B is due (the 10th) and open: overdue.
    expect(counts.due).toBe(3);
    expect(counts.overdue).toBe(1);
    // B's return counts once its last disposal (12th 10:00) is reported; G's two counted since the 11th.
    expect(counts.returns).toBe(3);
    expect(counts.dispositions).toBe(6);
    expect(statusAt(LEDGER.B, t, T)).toBe('verifying');
  });

  it('gives the figures of that moment', () => {
    expect(kpis.closureRate).toBe(2 / 3);
    expect(kpis.onTimeClosureRate).toBe(2 / 3);
    expect(kpis.overdueRate).toBe(1);
    expect(kpis.reworkRate).toBe(0.5);
    expect(kpis.recurrenceRate).toBe(0.5);
    expect(kpis.reconciliationRate).toBe(2 / 3);
    expect(kpis.meanHandlingHours).toBeCloseTo((29 + 50 / 60 + 30) / 2, 9);
  });
});

describe('ledger KPIs at the edges', () => {
  it('gives no figure ("—") where there is nothing to divide by, rather than 0% or 100%', () => {
    const k = kpisOf(emptyCounts());
    expect(Object.values(k).every((v) => v === null)).toBe(true);
  });

  it('does not count a rebound outside the window', () => {
    // G came 7.8 days after A's closure: a rebound at 30 days, not at 7.
    expect(ledgerKpis([LEDGER.G], T, T, 7 * DAY).counts.rebounds).toBe(0);
    expect(ledgerKpis([LEDGER.G], T, T, 8 * DAY).counts.rebounds).toBe(1);
  });

  it('keeps the office’s own rebound mark even without a closure nearby', () => {
    const c = emptyCounts();
    countProblem(c, { ...LEDGER.D, declaredRebound: true }, T, T, WINDOW);
    expect(c.rebounds).toBe(1);
  });
});
