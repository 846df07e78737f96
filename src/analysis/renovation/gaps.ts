/**
 * The gap list (改造缺口): old compounds that no project lists, ranked as next year's candidates.
 *
 * Two things make a compound urgent: how many households live there, and how many problems the
 * ledger recorded inside it in the last 12 months (sewers, private wiring, parking… the things
 * renovation fixes). Each gives a rank (1 = most; equal values share a rank, "1224" style); the
 * combined order is by the sum of the two ranks, then by households, problems and id, so it is the
 * same on every machine. A planner can also sort by either measure alone.
 */
import type { CompoundStatus, PropertyManagement, RenovationProduct } from '../../contract';

export const GAP_SORTS = ['combined', 'households', 'problems'] as const;
export type GapSort = (typeof GAP_SORTS)[number];

export interface GapRow {
  /** Index into product.compounds. */
  compound: number;
  id: string;
  name: string;
  community: string;
  grid: string;
  built_year: number;
  households: number;
  buildings: number;
  pm: PropertyManagement;
  problems12m: number;
  /** Problems per 100 households (null for a compound recorded with no households). */
  problemsPer100: number | null;
  householdsRank: number;
  problemsRank: number;
  /** Position in the chosen order, 1-based. */
  rank: number;
}

/** Competition ranks of `values`, largest first: [5, 9, 9, 1] → [3, 1, 1, 4]. */
export function descendingRanks(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => b - a);
  const firstAt = new Map<number, number>();
  sorted.forEach((v, i) => {
    if (!firstAt.has(v)) firstAt.set(v, i + 1);
  });
  return values.map((v) => firstAt.get(v)!);
}

export function gapList(product: RenovationProduct, status: readonly CompoundStatus[], cutoff: number, sort: GapSort = 'combined'): GapRow[] {
  const candidates = product.compounds.flatMap((c, i) => (c.built_year < cutoff && status[i] === 'none' ? [i] : []));
  const householdsRank = descendingRanks(candidates.map((i) => product.compounds[i]!.households));
  const problemsRank = descendingRanks(candidates.map((i) => product.compounds[i]!.problems12m));
  const rows = candidates.map((i, k): GapRow => {
    const c = product.compounds[i]!;
    const grid = product.grids[c.grid];
    const community = grid ? product.communities[grid.community] : undefined;
    return {
      compound: i,
      id: c.id,
      name: c.name,
      community: community?.name ?? '',
      grid: grid?.name ?? '',
      built_year: c.built_year,
      households: c.households,
      buildings: c.buildings,
      pm: c.pm,
      problems12m: c.problems12m,
      problemsPer100: c.households > 0 ? Math.round((c.problems12m / c.households) * 1000) / 10 : null,
      householdsRank: householdsRank[k]!,
      problemsRank: problemsRank[k]!,
      rank: 0,
    };
  });
  const tieBreak = (a: GapRow, b: GapRow): number => b.households - a.households || b.problems12m - a.problems12m || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const order: Record<GapSort, (a: GapRow, b: GapRow) => number> = {
    combined: (a, b) => a.householdsRank + a.problemsRank - (b.householdsRank + b.problemsRank) || tieBreak(a, b),
    households: (a, b) => b.households - a.households || b.problems12m - a.problems12m || tieBreak(a, b),
    problems: (a, b) => b.problems12m - a.problems12m || b.households - a.households || tieBreak(a, b),
  };
  rows.sort(order[sort]);
  rows.forEach((r, i) => (r.rank = i + 1));
  return rows;
}
