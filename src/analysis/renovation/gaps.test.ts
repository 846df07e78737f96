/** The gap list's ranking against a fixture worked by hand (the table in the first test). */
import { describe, expect, it } from 'vitest';
import type { CompoundStatus, RenovationProduct } from '../../contract';
import { coverageAt, prepareModel } from './coverage';
import { handWorkedProduct } from './fixture';
import { descendingRanks, gapList } from './gaps';

/**
 *   compound  households  problems  households rank  problems rank  sum
 *   X1        300          2        1                4              5
 *   X2        100          9        3                1              4
 *   X3        200          5        2                2              4
 *   X4        100          5        3                2              5
 *   X5 (new)  500         50        — built 2010, not old
 *   X6        900         90        — has a project (planned), not a gap
 */
function rankingFixture(): { product: RenovationProduct; status: CompoundStatus[] } {
  const base = handWorkedProduct();
  const c = (id: string, built_year: number, households: number, problems12m: number) => ({ ...base.compounds[0]!, id, name: `${id}小区`, built_year, households, problems12m, grid: 0, shares: [[0, 1]] as [number, number][], projects: [] });
  const product = { ...base, compounds: [c('X1', 1980, 300, 2), c('X2', 1985, 100, 9), c('X3', 1990, 200, 5), c('X4', 1995, 100, 5), c('X5', 2010, 500, 50), c('X6', 1980, 900, 90)], projects: [] };
  return { product, status: ['none', 'none', 'none', 'none', 'none', 'planned'] };
}

describe('gap list', () => {
  const { product, status } = rankingFixture();

  it('ranks equal values equally, largest first', () => {
    expect(descendingRanks([5, 9, 9, 1])).toEqual([3, 1, 1, 4]);
    expect(descendingRanks([])).toEqual([]);
  });

  it('lists only old compounds that no project lists', () => {
    expect(gapList(product, status, 2000).map((r) => r.id).sort()).toEqual(['X1', 'X2', 'X3', 'X4']);
  });

  it('orders by the sum of the households and problems ranks, ties by households', () => {
    // Sums: X2 4, X3 4 (X3 has more households, so first), X1 5, X4 5 (X1 more households).
    const rows = gapList(product, status, 2000, 'combined');
    expect(rows.map((r) => r.id)).toEqual(['X3', 'X2', 'X1', 'X4']);
    expect(rows.map((r) => [r.householdsRank, r.problemsRank])).toEqual([[2, 2], [3, 1], [1, 4], [3, 2]]);
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
  });

  it('sorts by households alone, ties by problems', () => {
    expect(gapList(product, status, 2000, 'households').map((r) => r.id)).toEqual(['X1', 'X3', 'X2', 'X4']);
  });

  it('sorts by problems alone, ties by households', () => {
    expect(gapList(product, status, 2000, 'problems').map((r) => r.id)).toEqual(['X2', 'X3', 'X4', 'X1']);
  });

  it('gives problems per 100 households, and none for a compound without households', () => {
    const rows = gapList(product, status, 2000);
    expect(rows.find((r) => r.id === 'X2')!.problemsPer100).toBe(9); // 9 / 100 × 100
    expect(rows.find((r) => r.id === 'X3')!.problemsPer100).toBe(2.5); // 5 / 200 × 100
    const empty = { ...product, compounds: product.compounds.map((c) => ({ ...c, households: 0 })) };
    expect(gapList(empty, status, 2000)[0]!.problemsPer100).toBeNull();
  });

  it('names the community and grid of the compound', () => {
    expect(gapList(product, status, 2000)[0]).toMatchObject({ community: '东社区', grid: 'G0' });
  });

  it('takes its statuses from the coverage at asOf in the hand-worked office', () => {
    const p = handWorkedProduct();
    const at = coverageAt(prepareModel(p), p.asOf);
    // E (40 hh, 2 problems) and F (120 hh, 10 problems): F first by either measure.
    expect(gapList(p, at.compoundStatus, p.oldCompoundBefore).map((r) => r.id)).toEqual(['F', 'E']);
    // With a cut-off of 1992, F (1998) is no longer old.
    expect(gapList(p, at.compoundStatus, 1992).map((r) => r.id)).toEqual(['E']);
  });

  it('does not throw on an office without old compounds', () => {
    expect(gapList(product, status, 1900)).toEqual([]);
  });
});
