/**
 * Renovation coverage at one instant, for every level-4 grid, community and the sub-district.
 *
 * The definitions (docs/ARCHITECTURE.md "Renovation coverage" says the same):
 * - **old compound** (老旧小区): built before the cut-off year (guatu.config.json `oldCompoundBefore`).
 * - a compound's **status** at an instant: the most advanced status any of its projects had reached
 *   by then (from the projects' lifecycle dates); 'none' while no project lists it.
 * - **in the plan** (纳入改造计划): status planned or later. **Started** (开工): under construction or
 *   later. **Finished** (完工): completed or accepted.
 * - **开工率 / 完工率**: started / finished compounds (or their households) over those in the plan,
 *   the way 住建 progress reports put it ("计划改造 N 个，已开工 M 个").
 * - **覆盖率** (coverage): households of old compounds that a started project has reached, over all
 *   old-compound households: how far renovation has reached into the old housing stock. It is the
 *   figure of the grid choropleth (`renovation_coverage` in the grid tiles).
 * - **惠及户数**: households of compounds whose project has started (any age).
 * - **资金到位率**: funds received / budget of the projects in the plan. The office records funds as a
 *   running total at the as-of date only, so the rate exists only at asOf (null earlier) rather
 *   than pretending to know the past.
 * - **items**: quantities and compound counts of each item in started projects.
 * - **road metres / public-space m²**: works completed by the instant.
 *
 * Splitting (./split.ts): compound counts go to the grid holding most of the compound's area;
 * households, quantities, budget and funds are split by area share (a project's by its compounds'
 * households first). A community adds up its grids; the sub-district counts everything once, whole,
 * including what lies in no grid.
 */
import type { CompoundStatus, ProductProject, RenovationHeadline, RenovationProduct } from '../../contract';
import { compoundReachTimes, FINISHED_RANK, projectReachTimes, rankAt, STARTED_RANK, statusOfRank } from './status';

export const COMPOUND_STATUS_KEYS: readonly CompoundStatus[] = ['none', 'planned', 'approved', 'under_construction', 'completed', 'accepted'];

export interface StatusFigure {
  compounds: number;
  households: number;
}

export interface CellCoverage {
  oldCompounds: number;
  oldHouseholds: number;
  /** Old compounds and their households by status at the instant. */
  byStatus: Record<CompoundStatus, StatusFigure>;
  planCompounds: number;
  planHouseholds: number;
  startedCompounds: number;
  startedHouseholds: number;
  finishedCompounds: number;
  finishedHouseholds: number;
  /** Old-compound households reached by a started project (the 覆盖率 numerator). */
  oldStartedHouseholds: number;
  /** Budget and funds received of projects in the plan, 万元. */
  budgetWan: number;
  fundsWan: number;
  /** Per item of the catalogue (product.items order), in started projects. */
  itemQuantity: number[];
  itemCompounds: number[];
  roadMetres: number;
  publicSpaceM2: number;
  demonstrationSites: number;
}

export interface CoverageAt {
  instant: number;
  cutoff: number;
  /** True when the instant is the as-of time, the only one funds are known for. */
  fundsKnown: boolean;
  subDistrict: CellCoverage;
  communities: CellCoverage[];
  grids: CellCoverage[];
  /** Each compound's status at the instant. */
  compoundStatus: CompoundStatus[];
}

/**
 * What does not change from month to month, worked out once per product: each compound's and
 * project's reach times, and where each one's figures go. Cells are numbered 0 = sub-district,
 * 1…C = communities, C+1…C+G = grids, so a month's work is plain loops over number arrays (about
 * 20 ms for 5,000 compounds over 2,000 grids: docs/BENCHMARKS.md).
 */
export interface RenovationModel {
  product: RenovationProduct;
  compoundReach: (number | null)[][];
  projectReach: (number | null)[][];
  /** Per project: [compound index, share of the project] (by households; equal when all are 0). */
  projectCompoundShares: [number, number][][];
  /** Per compound: the cells a whole-compound count goes to (sub-district, majority grid, its community). */
  countTargets: number[][];
  /** Per compound: [cell, weight] its households split over (sub-district 1, each grid and its community by area). */
  shareTargets: [number, number][][];
  /** Per project: [cell, weight] its money and quantities split over (by households, then area). */
  projectTargets: [number, number][][];
}

function cellOfGrid(product: RenovationProduct, grid: number): number {
  return 1 + product.communities.length + grid;
}

function cellOfCommunity(community: number): number {
  return 1 + community;
}

function weightedTargets(product: RenovationProduct, shares: readonly (readonly [number, number])[], weight: number, into: Map<number, number>): void {
  into.set(0, (into.get(0) ?? 0) + weight);
  for (const [g, w] of shares) {
    const cell = cellOfGrid(product, g);
    into.set(cell, (into.get(cell) ?? 0) + weight * w);
    const community = product.grids[g]?.community ?? -1;
    if (community >= 0) into.set(cellOfCommunity(community), (into.get(cellOfCommunity(community)) ?? 0) + weight * w);
  }
}

export function prepareModel(product: RenovationProduct): RenovationModel {
  const projectReach = product.projects.map((p) => projectReachTimes(p.times));
  const compoundReach = product.compounds.map((c) => compoundReachTimes(c.projects.map((i) => product.projects[i]!.times)));
  const projectCompoundShares = product.projects.map((p) => compoundSharesOf(p, product));
  const sharesOf = (c: RenovationProduct['compounds'][number]) => (c.grid >= 0 ? c.shares : []);
  const countTargets = product.compounds.map((c) => {
    const out = [0];
    if (c.grid >= 0) {
      out.push(cellOfGrid(product, c.grid));
      const community = product.grids[c.grid]?.community ?? -1;
      if (community >= 0) out.push(cellOfCommunity(community));
    }
    return out;
  });
  const shareTargets = product.compounds.map((c) => {
    const m = new Map<number, number>();
    weightedTargets(product, sharesOf(c), 1, m);
    return [...m];
  });
  const projectTargets = projectCompoundShares.map((list) => {
    const m = new Map<number, number>();
    for (const [ci, share] of list) weightedTargets(product, sharesOf(product.compounds[ci]!), share, m);
    return [...m];
  });
  return { product, compoundReach, projectReach, projectCompoundShares, countTargets, shareTargets, projectTargets };
}

function compoundSharesOf(project: ProductProject, product: RenovationProduct): [number, number][] {
  const households = project.compounds.map((i) => product.compounds[i]!.households);
  const total = households.reduce((s, h) => s + h, 0);
  return project.compounds.map((c, k) => [c, total > 0 ? households[k]! / total : 1 / project.compounds.length]);
}

export function emptyCell(items: number): CellCoverage {
  return {
    oldCompounds: 0,
    oldHouseholds: 0,
    byStatus: {
      none: { compounds: 0, households: 0 },
      planned: { compounds: 0, households: 0 },
      approved: { compounds: 0, households: 0 },
      under_construction: { compounds: 0, households: 0 },
      completed: { compounds: 0, households: 0 },
      accepted: { compounds: 0, households: 0 },
    },
    planCompounds: 0,
    planHouseholds: 0,
    startedCompounds: 0,
    startedHouseholds: 0,
    finishedCompounds: 0,
    finishedHouseholds: 0,
    oldStartedHouseholds: 0,
    budgetWan: 0,
    fundsWan: 0,
    itemQuantity: new Array<number>(items).fill(0),
    itemCompounds: new Array<number>(items).fill(0),
    roadMetres: 0,
    publicSpaceM2: 0,
    demonstrationSites: 0,
  };
}

/** Coverage at `instant` with compounds built before `cutoff` counting as old. */
export function coverageAt(model: RenovationModel, instant: number, cutoff: number = model.product.oldCompoundBefore): CoverageAt {
  const { product } = model;
  const nItems = product.items.length;
  const cells = Array.from({ length: 1 + product.communities.length + product.grids.length }, () => emptyCell(nItems));

  // Compounds: status, households, counts.
  const compoundStatus: CompoundStatus[] = new Array(product.compounds.length);
  product.compounds.forEach((c, i) => {
    const rank = rankAt(model.compoundReach[i]!, instant);
    const status = statusOfRank(rank);
    compoundStatus[i] = status;
    const old = c.built_year < cutoff;
    for (const t of model.countTargets[i]!) {
      const cell = cells[t]!;
      if (old) {
        cell.oldCompounds++;
        cell.byStatus[status].compounds++;
      }
      if (rank >= 0) cell.planCompounds++;
      if (rank >= STARTED_RANK) cell.startedCompounds++;
      if (rank >= FINISHED_RANK) cell.finishedCompounds++;
    }
    for (const [t, w] of model.shareTargets[i]!) {
      const cell = cells[t]!;
      const share = c.households * w;
      if (old) {
        cell.oldHouseholds += share;
        cell.byStatus[status].households += share;
        if (rank >= STARTED_RANK) cell.oldStartedHouseholds += share;
      }
      if (rank >= 0) cell.planHouseholds += share;
      if (rank >= STARTED_RANK) cell.startedHouseholds += share;
      if (rank >= FINISHED_RANK) cell.finishedHouseholds += share;
    }
  });

  // Projects: money of those in the plan, items of those started.
  const started: boolean[] = new Array(product.projects.length);
  product.projects.forEach((p, pi) => {
    const rank = rankAt(model.projectReach[pi]!, instant);
    started[pi] = rank >= STARTED_RANK;
    if (rank < 0) return;
    // Index loops: this is the hot path when the timeline plays over thousands of projects.
    const targets = model.projectTargets[pi]!;
    for (let j = 0; j < targets.length; j++) {
      const cell = cells[targets[j]![0]]!;
      const k = targets[j]![1];
      cell.budgetWan += p.budget_wan * k;
      cell.fundsWan += p.funds_received_wan * k;
      if (!started[pi]) continue;
      const quantity = cell.itemQuantity;
      for (let q = 0; q < p.items.length; q++) quantity[p.items[q]![0]]! += p.items[q]![1] * k;
    }
  });
  // Each compound counts once per item its started projects brought, even if two brought it.
  const seen = new Int32Array(nItems).fill(-1);
  product.compounds.forEach((c, ci) => {
    for (const pi of c.projects) {
      if (!started[pi]) continue;
      for (const [item] of product.projects[pi]!.items) {
        if (seen[item] === ci) continue;
        seen[item] = ci;
        for (const t of model.countTargets[ci]!) cells[t]!.itemCompounds[item]!++;
      }
    }
  });

  // Works finished by the instant, sites opened by then.
  const addWork = (amount: number, shares: readonly (readonly [number, number])[], field: 'roadMetres' | 'publicSpaceM2'): void => {
    cells[0]![field] += amount;
    for (const [g, value] of shares) {
      cells[cellOfGrid(product, g)]![field] += value;
      const community = product.grids[g]?.community ?? -1;
      if (community >= 0) cells[cellOfCommunity(community)]![field] += value;
    }
  };
  for (const w of product.roadWorks) if (w.completed !== null && w.completed <= instant) addWork(w.amount, w.shares, 'roadMetres');
  for (const w of product.publicSpaceWorks) if (w.completed !== null && w.completed <= instant) addWork(w.amount, w.shares, 'publicSpaceM2');
  for (const site of product.demonstrationSites) {
    if (site.opened > instant) continue;
    cells[0]!.demonstrationSites++;
    if (site.grid >= 0) {
      cells[cellOfGrid(product, site.grid)]!.demonstrationSites++;
      const community = product.grids[site.grid]?.community ?? -1;
      if (community >= 0) cells[cellOfCommunity(community)]!.demonstrationSites++;
    }
  }

  const nc = product.communities.length;
  return {
    instant,
    cutoff,
    fundsKnown: instant >= product.asOf,
    subDistrict: cells[0]!,
    communities: cells.slice(1, 1 + nc),
    grids: cells.slice(1 + nc),
    compoundStatus,
  };
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export interface CoverageRates {
  startRate: number | null;
  startRateHouseholds: number | null;
  completionRate: number | null;
  completionRateHouseholds: number | null;
  coverage: number | null;
  fundsRate: number | null;
}

export function ratesOf(cell: CellCoverage, fundsKnown: boolean): CoverageRates {
  return {
    startRate: ratio(cell.startedCompounds, cell.planCompounds),
    startRateHouseholds: ratio(cell.startedHouseholds, cell.planHouseholds),
    completionRate: ratio(cell.finishedCompounds, cell.planCompounds),
    completionRateHouseholds: ratio(cell.finishedHouseholds, cell.planHouseholds),
    coverage: ratio(cell.oldStartedHouseholds, cell.oldHouseholds),
    fundsRate: fundsKnown ? ratio(cell.fundsWan, cell.budgetWan) : null,
  };
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
const roundRate = (x: number | null): number | null => (x === null ? null : round(x, 4));

/** The sub-district's figures for the manifest (rates to 4 decimals, amounts whole). */
export function headlineOf(at: CoverageAt): RenovationHeadline {
  const s = at.subDistrict;
  const r = ratesOf(s, at.fundsKnown);
  return {
    oldCompounds: s.oldCompounds,
    oldHouseholds: Math.round(s.oldHouseholds),
    planCompounds: s.planCompounds,
    startedCompounds: s.startedCompounds,
    finishedCompounds: s.finishedCompounds,
    startRate: roundRate(r.startRate),
    startRateHouseholds: roundRate(r.startRateHouseholds),
    completionRate: roundRate(r.completionRate),
    completionRateHouseholds: roundRate(r.completionRateHouseholds),
    benefitedHouseholds: Math.round(s.startedHouseholds),
    coverage: roundRate(r.coverage),
    fundsRate: roundRate(r.fundsRate),
    roadMetres: Math.round(s.roadMetres),
    publicSpaceM2: Math.round(s.publicSpaceM2),
    demonstrationSites: s.demonstrationSites,
    gapCompounds: s.byStatus.none.compounds,
  };
}
