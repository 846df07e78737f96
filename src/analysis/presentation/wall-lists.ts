/**
 * The wall screen's two lists. When the data has the ledger's table they come from the ledger's
 * own engine (red by three-colour supervision; the month's composite score; ../../app/wall/ledger-lists.ts).
 * Without it, from what the tiles hold, built here:
 * - today's red items: open problems past their deadline at the as-of time, most overdue first
 *   (the part of "red" the tiles can show: returns and rebounds need the ledger);
 * - 红黑榜: communities ranked by open problems per 100 households (fewer is better), top 5 red,
 *   bottom 3 black, never the same community on both.
 * Pure: tested in Node.
 */
import { GRID_L4_CODE_LENGTH, type ProblemTileProps } from '../../contract';

export type RedItemSource = Pick<ProblemTileProps, 'id' | 'cat' | 'dept' | 'grid' | 'deadline' | 'status' | 'severity' | 'desc' | 'overdue'>;

/** Why an item is red (supervision.ts): past its deadline, returned too often, or a rebound. */
export type RedReason = 'overdue' | 'returns' | 'rebound';

export interface RedItem {
  id: string;
  category: string;
  department: string;
  grid: string;
  reason: RedReason;
  /** Whole days past the deadline at the as-of time (0 = due less than a day ago, or not yet due). */
  daysOverdue: number;
  /** Returns (返工) so far. */
  returns: number;
  severity: number;
  description: string;
}

/** The red list as the wall shows it: the rows, the whole count, and what "red" was counted by. */
export interface RedList {
  items: RedItem[];
  total: number;
  basis: 'supervision' | 'overdue';
}

/** A row of the 红黑榜 as the wall shows it. */
export interface RankRow {
  code: string;
  name: string;
  /** 1 = best. */
  rank: number;
  /** The month's score (higher is better), or open problems per 100 households (lower is better). */
  value: number;
}

export interface Ranking {
  red: RankRow[];
  black: RankRow[];
  basis: 'score' | 'load';
  /** `YYYY-MM` of a monthly score; null for the current load. */
  month: string | null;
}

export interface Lookups {
  categories: ReadonlyMap<string, string>;
  departments: ReadonlyMap<string, string>;
  /**
   * Level-4 grid code → "grid name · community name". A problem may name its level-5 grid (17
   * digits): its first 15 digits are the level-4 grid's code.
   */
  grids: ReadonlyMap<string, string>;
}

const DAY_S = 86_400;

/** A tile feature is red when open and flagged overdue at the manifest's as-of time. */
export function isRedItem(p: Pick<ProblemTileProps, 'status' | 'overdue'>): boolean {
  return p.status !== 'closed' && Number(p.overdue) === 1;
}

/**
 * Red items, one per problem id (tiles repeat features near their edges), most overdue first,
 * then most severe, then by id so the order is stable.
 */
export function redItems(features: Iterable<RedItemSource>, asOfMs: number, lookups: Lookups): RedItem[] {
  const byId = new Map<string, RedItemSource>();
  for (const f of features) if (isRedItem(f) && !byId.has(String(f.id))) byId.set(String(f.id), f);
  const asOfS = asOfMs / 1000;
  return [...byId.values()]
    .sort((a, b) => Number(a.deadline) - Number(b.deadline) || Number(b.severity) - Number(a.severity) || String(a.id).localeCompare(String(b.id)))
    .map((f) => ({
      id: String(f.id),
      category: lookups.categories.get(String(f.cat)) ?? String(f.cat),
      department: lookups.departments.get(String(f.dept)) ?? String(f.dept),
      grid: lookups.grids.get(String(f.grid)) ?? lookups.grids.get(String(f.grid).slice(0, GRID_L4_CODE_LENGTH)) ?? String(f.grid),
      reason: 'overdue' as const,
      daysOverdue: Math.max(0, Math.floor((asOfS - Number(f.deadline)) / DAY_S)),
      returns: 0,
      severity: Number(f.severity),
      description: String(f.desc ?? ''),
    }));
}

export interface CommunityLoad {
  code: string;
  name: string;
  households: number;
  openProblems: number;
}

export interface RankedCommunity extends CommunityLoad {
  rank: number;
  /** Open problems per 100 households; the ranking's score. */
  per100: number;
}

export const RANKING_DEFAULTS = {
  /** 柳湖 praises the top 5 each month … */
  red: 5,
  /** … and criticises the bottom 3. */
  black: 3,
} as const;

export function rankCommunities(loads: Iterable<CommunityLoad>, sizes: { red: number; black: number } = RANKING_DEFAULTS): { red: RankedCommunity[]; black: RankedCommunity[] } {
  const byCode = new Map<string, CommunityLoad>();
  for (const c of loads) if (!byCode.has(c.code)) byCode.set(c.code, c);
  const ranked = [...byCode.values()]
    .map((c) => ({ ...c, per100: c.households > 0 ? (100 * c.openProblems) / c.households : c.openProblems > 0 ? Infinity : 0 }))
    .sort((a, b) => a.per100 - b.per100 || a.openProblems - b.openProblems || a.code.localeCompare(b.code))
    .map((c, i) => ({ ...c, rank: i + 1 }));
  // The black list is filled first: a small sub-district still hears who is last.
  const blackCount = Math.min(sizes.black, ranked.length);
  const redCount = Math.min(sizes.red, ranked.length - blackCount);
  return { red: ranked.slice(0, redCount), black: ranked.slice(ranked.length - blackCount).reverse() };
}

/** The fallback ranking as the wall shows it. */
export function loadRanking(loads: Iterable<CommunityLoad>, sizes: { red: number; black: number } = RANKING_DEFAULTS): Ranking {
  const { red, black } = rankCommunities(loads, sizes);
  const row = (c: RankedCommunity): RankRow => ({ code: c.code, name: c.name, rank: c.rank, value: c.per100 });
  return { red: red.map(row), black: black.map(row), basis: 'load', month: null };
}
