import { describe, expect, it } from 'vitest';
import { monthScore, problemWeight, rankUnits, type UnitMonth } from './red-black';
import { LEDGER_DEFAULTS } from './settings';

/** The hand-worked numbers below use these deductions (0.5 a problem found, 1 an overdue one). */
const s = { ...LEDGER_DEFAULTS.score, perFound: 0.5, perOverdue: 1 };

describe('problem weights of the red/black score', () => {
  it('weighs back streets and compounds without property management 1.5, rebounds double', () => {
    expect(problemWeight(false, false, false, s)).toBe(1);
    expect(problemWeight(true, false, false, s)).toBe(1.5);
    expect(problemWeight(false, true, false, s)).toBe(1.5);
    // A place is one kind of place: both together still weigh 1.5, not 2.25.
    expect(problemWeight(true, true, false, s)).toBe(1.5);
    expect(problemWeight(false, false, true, s)).toBe(2);
    expect(problemWeight(true, false, true, s)).toBe(3);
  });
});

describe('monthly ranking', () => {
  const unit = (code: string, households: number, weightedFound: number, weightedOverdue: number): UnitMonth => ({
    code,
    name: code,
    households,
    found: 0,
    weightedFound,
    overdue: 0,
    weightedOverdue,
    rebounds: 0,
  });
  // A: 2,000 households; found plain, plain, back street, rebound = 1+1+1.5+2 = 5.5; one plain overdue.
  //    100 − (0.5 × 5.5 + 1 × 1) / 2 = 98.125
  // B: 200 households (scored as 500); one no-property problem 1.5. 100 − 0.75 / 0.5 = 98.5
  // C: 1,000 households; 1.5 + 3 found, 2 overdue. 100 − (2.25 + 2) / 1 = 95.75
  const units = [unit('A', 2000, 5.5, 1), unit('B', 200, 1.5, 0), unit('C', 1000, 4.5, 2)];

  it('scores by the documented formula', () => {
    expect(monthScore(units[0]!, s)).toBe(98.125);
    expect(monthScore(units[1]!, s)).toBe(98.5);
    expect(monthScore(units[2]!, s)).toBe(95.75);
  });

  it('does not go below 0', () => {
    expect(monthScore(unit('D', 500, 300, 0), s)).toBe(0); // 100 − 0.5 × 300 / 0.5 = −200 → 0
  });

  it('ranks best first and marks the red and black lists', () => {
    const ranked = rankUnits(units, { score: s, lists: { red: 1, black: 1 } });
    expect(ranked.map((u) => [u.code, u.rank, u.list, u.score])).toEqual([
      ['B', 1, 'red', 98.5],
      ['A', 2, null, 98.13],
      ['C', 3, 'black', 95.75],
    ]);
  });

  it('fills the red list first when there are fewer units than both lists', () => {
    const ranked = rankUnits(units, { score: s, lists: { red: 5, black: 3 } });
    expect(ranked.map((u) => u.list)).toEqual(['red', 'red', 'red']);
    expect(rankUnits([], { score: s, lists: { red: 5, black: 3 } })).toEqual([]);
  });
});
