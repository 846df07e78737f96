import { describe, expect, it } from 'vitest';
import { isDerivedRebound } from './lifecycle';
import { previousClosuresOf, type ReboundInput } from './rebound';
import { cst, facts } from './test-fixtures';

const DAY = 86_400_000;

/** The latest closures, null for none. */
function previousClosures(problems: readonly ReboundInput[]): (number | null)[] {
  return Array.from(previousClosuresOf(problems.length, (i) => problems[i]!), (t) => (Number.isNaN(t) ? null : t));
}

describe('rebound derivation (same category, same level-4 grid, after a closure)', () => {
  const problems = [
    { grid: 'g1', category: 'c1', reported: cst(11, 1), closed: cst(11, 3) }, // 0
    { grid: 'g1', category: 'c1', reported: cst(11, 10), closed: cst(11, 12) }, // 1: 7 days after 0 closed
    { grid: 'g1', category: 'c2', reported: cst(11, 10), closed: null }, // 2: other category
    { grid: 'g2', category: 'c1', reported: cst(11, 10), closed: null }, // 3: other grid
    { grid: 'g1', category: 'c1', reported: cst(12, 20), closed: null }, // 4: 38 days after 1 closed
    { grid: '', category: 'c1', reported: cst(11, 10), closed: null }, // 5: in no grid
    { grid: 'g1', category: 'c1', reported: cst(11, 2), closed: null }, // 6: before 0 closed
  ];
  const prev = previousClosures(problems);

  it('finds the latest closure before each report', () => {
    expect(prev).toEqual([null, cst(11, 3), null, null, cst(11, 12), null, null]);
  });

  it('is a rebound only within the window', () => {
    const at = (i: number) => facts({ reported: problems[i]!.reported, deadline: 0, prevClose: prev[i] ?? null });
    expect(isDerivedRebound(at(1), 30 * DAY)).toBe(true);
    expect(isDerivedRebound(at(1), 6 * DAY)).toBe(false);
    // 38 days: not at the default 30, yes at 45.
    expect(isDerivedRebound(at(4), 30 * DAY)).toBe(false);
    expect(isDerivedRebound(at(4), 45 * DAY)).toBe(true);
    expect(isDerivedRebound(at(2), 365 * DAY)).toBe(false);
  });

  it('does not throw on an empty ledger', () => {
    expect(previousClosures([])).toEqual([]);
  });
});
