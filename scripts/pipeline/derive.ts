/**
 * Stage 4, derive: what the map needs but no file states. Which grid each problem, lamp and
 * compound falls in; each compound's renovation status; per-cell figures for the choropleth
 * (rolled up level-5 → level-4 → community → sub-district); the headline figures and class breaks.
 * All the arithmetic lives in src/analysis/ so the browser can share it; this only wires it up.
 */
import { GRID_METRICS, parentCode, type GridMetric, type HeadlineFigures, type LedgerHeadlineField, type ProjectStatus } from '../../src/contract';
import type { CompoundStatus } from '../../src/contract/tiles';
import { quantileBreaks } from '../../src/analysis/breaks';
import { GridLocator } from '../../src/analysis/grid-locator';
import { closureRate, isOpen, isOverdue } from '../../src/analysis/ledger-status';
import { compoundStatus, isFinished, isOldCompound, isReached } from '../../src/analysis/renovation';
import type { AreaSplit } from '../../src/analysis/renovation/split';
import { splitCompoundsOverGrids } from './renovation/compound-grids';
import type { ValidInputs } from './validate';

const DAY_MS = 86_400_000;
/** The choropleth's problems-per-household rate counts the last 12 months, as the monthly evaluation looks back a year. */
export const RATE_WINDOW_DAYS = 365;

export interface CellFigures {
  households: number;
  merchants: number;
  open_problems: number;
  /** Problems reported in the RATE_WINDOW_DAYS before asOf. */
  recent_problems: number;
  old_households: number;
  reached_households: number;
}

export interface DerivedData {
  asOf: number;
  /** Level-5 (or, in a level-5 gap, level-4) code per kept problem; '' where the point is in no grid. */
  problemGrid: string[];
  /** 1 where the kept problem is overdue at asOf (ledger-status.ts isOverdue), per problem: the tiles' `overdue`. */
  problemOverdue: Uint8Array;
  lampGrid: string[];
  /** Level-4 code per compound: the grid holding most of its area (documented in ARCHITECTURE.md). */
  compoundGrid: string[];
  /** Each compound's area shares over the level-4 grids (indexes into input.gridsL4). */
  compoundSplit: AreaSplit[];
  compoundStatus: CompoundStatus[];
  compoundProjects: string[][];
  compoundOld: boolean[];
  /** Figures per grid/community/sub-district code. */
  cells: Map<string, CellFigures>;
  /** Without the lighting and ledger figures, which their stages (pipeline/lighting/, pipeline/ledger/) add. */
  headline: Omit<HeadlineFigures, 'darkLengthM' | LedgerHeadlineField>;
  gridMetricBreaks: Record<GridMetric, number[]>;
  /** Points that fell in no grid: a topology warning, not a reject (they are inside the boundary). */
  outsideGrids: { problems: number; lamps: number; compounds: number };
}

export function deriveFigures(input: ValidInputs): DerivedData {
  const { asOf } = input;
  const l5 = new GridLocator(input.gridsL5.map((g) => ({ code: g.value.code, geometry: g.geometry })));
  const l4 = new GridLocator(input.gridsL4.map((g) => ({ code: g.value.code, geometry: g.geometry })));
  const locate = (lon: number, lat: number): string => l5.locate(lon, lat) ?? l4.locate(lon, lat) ?? '';

  const problems = input.problems;
  const problemGrid: string[] = new Array<string>(problems.length);
  for (let i = 0; i < problems.length; i++) problemGrid[i] = locate(problems.lon[i]!, problems.lat[i]!);
  // The register's own grid (所属网格) when it names one: that is how the office counts its lamps.
  const lampGrid = input.lamps.map((l) => {
    if (l.value.grid_code !== '') return l.value.grid_code;
    const [lon, lat] = l.geometry.coordinates as [number, number];
    return locate(lon, lat);
  });

  const projectsByCompound = new Map<string, { id: string; status: ProjectStatus }[]>();
  for (const { value: p } of input.projects) {
    for (const id of p.compound_ids) {
      const list = projectsByCompound.get(id) ?? [];
      list.push({ id: p.id, status: p.status });
      projectsByCompound.set(id, list);
    }
  }
  const cutoff = input.config.oldCompoundBefore;
  const compoundProjects = input.compounds.map((c) => (projectsByCompound.get(c.value.id) ?? []).map((p) => p.id));
  const statuses = input.compounds.map((c) => compoundStatus((projectsByCompound.get(c.value.id) ?? []).map((p) => p.status)));
  const compoundOld = input.compounds.map((c) => isOldCompound(c.value, cutoff));
  // By area: a compound straddling two grids splits its households between them (renovation/compound-grids.ts).
  const compoundSplit = splitCompoundsOverGrids(input.compounds, input.gridsL4);
  const compoundGrid = compoundSplit.map((s) => (s.majority >= 0 ? input.gridsL4[s.majority]!.value.code : ''));

  // Figures per cell: seed every known code so empty cells report zeros, then roll up.
  const cells = new Map<string, CellFigures>();
  const cell = (code: string): CellFigures => {
    let c = cells.get(code);
    if (!c) {
      c = { households: 0, merchants: 0, open_problems: 0, recent_problems: 0, old_households: 0, reached_households: 0 };
      cells.set(code, c);
    }
    return c;
  };
  const subCode = input.config.subDistrict.code;
  cell(subCode);
  for (const c of input.communities) cell(c.value.code);
  for (const g of input.gridsL4) Object.assign(cell(g.value.code), { households: g.value.households, merchants: g.value.merchants });
  for (const g of input.gridsL5) Object.assign(cell(g.value.code), { households: g.value.households, merchants: g.value.merchants });
  const communityTotals = (code: string) => cell(code);
  for (const g of input.gridsL4) {
    const community = communityTotals(g.value.community_code);
    community.households += g.value.households;
    community.merchants += g.value.merchants;
    cell(subCode).households += g.value.households;
    cell(subCode).merchants += g.value.merchants;
  }

  /** Adds to the cell and every ancestor up to the sub-district. */
  const addUp = (code: string, add: (c: CellFigures) => void): void => {
    for (let k = code; k.length >= 12; k = parentCode(k)) if (cells.has(k)) add(cells.get(k)!);
    add(cell(subCode));
  };
  const recentSince = asOf - RATE_WINDOW_DAYS * DAY_MS;
  for (let i = 0; i < problems.length; i++) {
    const open = isOpen({ status: problems.statusOf(i) });
    const recent = problems.reported[i]! >= recentSince;
    if (!open && !recent) continue;
    addUp(problemGrid[i]!, (c) => {
      if (open) c.open_problems++;
      if (recent) c.recent_problems++;
    });
  }
  input.compounds.forEach((c, i) => {
    if (!compoundOld[i]) return;
    const households = c.value.households;
    const reached = isReached(statuses[i]!);
    const add = (f: CellFigures, weight: number): void => {
      f.old_households += households * weight;
      if (reached) f.reached_households += households * weight;
    };
    add(cell(subCode), 1);
    for (const [g, weight] of compoundSplit[i]!.shares) {
      const grid = input.gridsL4[g]!.value;
      add(cell(grid.code), weight);
      if (cells.has(grid.community_code)) add(cell(grid.community_code), weight);
    }
  });

  const l4Codes = input.gridsL4.map((g) => g.value.code);
  const gridMetricBreaks = Object.fromEntries(
    GRID_METRICS.map((metric) => [metric, quantileBreaks(l4Codes.map((code) => gridMetric(cells.get(code)!, metric)))]),
  ) as Record<GridMetric, number[]>;

  // One record at a time: at 1M problems an array of them would be half a gigabyte.
  let problemsOpen = 0;
  let problemsOverdue = 0;
  const problemOverdue = new Uint8Array(problems.length);
  let i = 0;
  for (const p of problems.records()) {
    if (isOpen(p)) problemsOpen++;
    if (isOverdue(p, asOf)) {
      problemsOverdue++;
      problemOverdue[i] = 1;
    }
    i++;
  }
  const headline: DerivedData['headline'] = {
    problemsTotal: problems.length,
    problemsOpen,
    problemsOverdue,
    closureRate: closureRate(problems.records()),
    compoundsOld: compoundOld.filter(Boolean).length,
    compoundsRenovated: statuses.filter((s, i) => compoundOld[i] && isFinished(s)).length,
    compoundsUnderWay: statuses.filter((s, i) => compoundOld[i] && s === 'under_construction').length,
    lampsInstalled: input.lamps.filter((l) => l.value.status !== 'removed').length,
    lampsWorking: input.lamps.filter((l) => l.value.status === 'working').length,
  };

  return {
    asOf,
    problemGrid,
    problemOverdue,
    lampGrid,
    compoundGrid,
    compoundSplit,
    compoundStatus: statuses,
    compoundProjects,
    compoundOld,
    cells,
    headline,
    gridMetricBreaks,
    outsideGrids: {
      problems: problemGrid.filter((g) => g === '').length,
      lamps: lampGrid.filter((g) => g === '').length,
      compounds: compoundGrid.filter((g) => g === '').length,
    },
  };
}

/** The choropleth metrics of one cell (GRID_METRICS in the contract). */
export function gridMetric(c: CellFigures, metric: GridMetric): number {
  switch (metric) {
    case 'open_problems':
      return c.open_problems;
    case 'problems_per_100hh':
      // A cell with no households (a commercial block) has no rate rather than an infinite one.
      return c.households > 0 ? Math.round((c.recent_problems / c.households) * 100 * 100) / 100 : 0;
    case 'renovation_coverage':
      return c.old_households > 0 ? Math.round((c.reached_households / c.old_households) * 1000) / 1000 : 0;
  }
}
