/**
 * The ledger engine: the filters, figures, supervision colours, red/black lists, weekly plan and map
 * aggregates of one query, computed in a single pass over the compact table (ledger-table.ts).
 * It runs in the browser's Web Worker (src/app/ledger/ledger.worker.ts) and in Node for tests and
 * the benchmark; nothing here touches the DOM.
 *
 * Every figure comes from the shared definitions (kpis.ts, supervision.ts, red-black.ts,
 * weekly-plan.ts); this file only walks the rows once and routes each row's contribution to the
 * sub-district, its community, its grid and its department.
 */
import {
  LEDGER_FLAG,
  LEDGER_NO_INDEX,
  LEDGER_NULL,
  PROBLEM_NATURES,
  PROBLEM_STATUSES,
  SUPERVISION_LEVELS,
  type LedgerSettings,
  type LedgerTableHeader,
  type ProblemNature,
  type ProblemStatus,
  type SupervisionLevel,
} from '../../contract';
import { reportedRange, monthRange, monthOf, type LedgerFilter } from './filters';
import { contributionOf, countsAt, kpisOf, KPI_COUNT_WIDTH, type KpiCounts, type LedgerKpis } from './kpis';
import { blankFacts, isOpenAt, isOverdueAt, isRebound, returnsAt, statusAt, type LedgerFacts } from './lifecycle';
import { dequantise, type LedgerColumns } from './ledger-table';
import { problemWeight, rankUnits, type RankedUnit, type UnitMonth } from './red-black';
import { shareOfLimitUsed, supervisionLevel, supervisionReason, type SupervisionContext } from './supervision';
import { weekOf, weeklyPlan, type PlanItem } from './weekly-plan';
import { DAY_MS, MINUTE_MS, WorkingClock, workingCalendar, type WorkingCalendar } from './working-calendar';

export interface LedgerQuery {
  filter: LedgerFilter;
  /** The as-of instant, epoch ms. */
  asOf: number;
  reboundWindowDays: number;
  /** The timeline's window on the report time, intersected with the filter's dates. */
  window: { from: number | null; to: number | null };
  /** Month of the red/black lists, `YYYY-MM`. */
  month: string;
  /** Any instant in the weekly plan's week. */
  week: number;
  /** Side of the square bins behind the heat-map and the clusters, metres. */
  binMetres: number;
  /** Rows returned in each list (the counts are always whole). */
  listLimit: number;
}

export const ENGINE_DEFAULTS = {
  /** 20 m bins: finer than any heat kernel or cluster radius the map draws with. */
  binMetres: 20,
  /** Rows a list shows; the export writes all of them. */
  listLimit: 200,
};

export const SUPERVISION_INDEX: Record<SupervisionLevel, number> = { white: 0, yellow: 1, red: 2 };
/** Level of a problem with no colour (closed, or not reported yet). */
const LEVEL_NONE = 3;

/** Bits of RowCache.flags: the 0/1 counts of kpis.ts contributionOf, one per bit. */
const ROW = { reported: 1, registered: 2, closed: 4, due: 8, onTime: 16, open: 32, overdue: 64, rebound: 128, disposed: 256 } as const;

interface RowCache {
  t: number;
  windowDays: number;
  /** ROW bits; 0 = not reported by t. */
  flags: Uint16Array;
  returns: Uint8Array;
  dispositions: Uint8Array;
  /** closed − registered in minutes, for rows closed by t. */
  handling: Int32Array;
  /** Status and nature (rebounds derived) at t, as indexes. */
  status: Uint8Array;
  nature: Uint8Array;
  /** Supervision level index at t (0 white, 1 yellow, 2 red, 3 none) and the share of the limit used. */
  level: Uint8Array;
  share: Float32Array;
  /** The red/black weight (red-black.ts problemWeight). */
  weight: Float32Array;
}

export interface UnitFigures {
  /** Index into the header's communities / grids / departments (-1 for the sub-district). */
  index: number;
  code: string;
  name: string;
  counts: KpiCounts;
  kpis: LedgerKpis;
  /** Open problems by colour at the as-of: white, yellow, red. */
  supervision: [number, number, number];
}

export interface SupervisedRow {
  row: number;
  level: SupervisionLevel;
  reason: NonNullable<ReturnType<typeof supervisionReason>>;
  share: number;
}

export interface PlanRow extends PlanItem {
  level: SupervisionLevel | null;
}

export interface LedgerResult {
  asOf: number;
  /** Problems passing the filters and reported by the as-of. */
  matched: number;
  total: UnitFigures;
  communities: UnitFigures[];
  grids: UnitFigures[];
  departments: UnitFigures[];
  /** Open problems by colour. */
  supervision: { white: number; yellow: number; red: number };
  /** By status at the as-of (PROBLEM_STATUSES order) and by nature (PROBLEM_NATURES order, rebounds derived). */
  byStatus: number[];
  byNature: number[];
  /** By category index of the header. */
  byCategory: number[];
  /**
   * Non-empty square bins of the matched problems, BIN_STRIDE numbers each (offsets in BIN): bin
   * centre lon, lat; problems and their severity sum; open problems and their severity sum; then
   * problems per status at the as-of (PROBLEM_STATUSES order). The heat-map, the hexbins and the
   * clusters are drawn from these, never from raw rows.
   */
  bins: Float64Array;
  binCount: number;
  redBlack: { month: string; communities: RankedUnit[]; grids: RankedUnit[] };
  plan: { weekStart: number; weekEnd: number; dueCount: number; due: { key: string; items: { key: string; items: PlanRow[] }[] }[]; overdue: PlanRow[]; overdueCount: number };
  supervisionList: { rows: SupervisedRow[]; total: number };
  /** The latest reports first. */
  list: { rows: number[]; total: number };
  ms: number;
  /** Where the time went, ms: the per-row pass (only when the as-of or window moved), the month's overdue flags, the row loop, the rest. */
  phases: { prepare: number; month: number; loop: number; rest: number };
}

/** Numbers per bin in LedgerResult.bins. */
export const BIN_STRIDE = 12;
/** Offsets inside a bin record. */
export const BIN = { lon: 0, lat: 1, all: 2, severity: 3, open: 4, openSeverity: 5, status: 6 } as const;

/** A row's fields for lists, popups and exports (the text comes from the text chunks). */
export interface RowDetail {
  row: number;
  lon: number;
  lat: number;
  category: string;
  categoryName: string;
  major: string;
  department: string;
  departmentName: string;
  grid: string;
  gridName: string;
  community: string;
  communityName: string;
  status: ProblemStatus;
  nature: ProblemNature;
  source: string;
  reported: number;
  registered: number | null;
  closed: number | null;
  deadline: number;
  returns: number;
  level: SupervisionLevel | null;
  onBackStreet: boolean;
  inNoPropertyCompound: boolean;
}

export class LedgerEngine {
  readonly rows: number;
  readonly calendar: WorkingCalendar;
  readonly clock: WorkingClock;
  readonly settings: LedgerSettings;
  private readonly gridCommunity: Int32Array;
  private readonly severity: Uint8Array;
  private readonly majorOfCategory: string[];
  private readonly unitOfCategory: LedgerFacts['deadlineUnit'][];
  private readonly statusNames: readonly string[];
  private readonly reboundNatureIndex: number;
  private binCache: { metres: number; index: Int32Array; nx: number; ny: number; lonStep: number; latStep: number } | null = null;
  /** Rows of the last query's selection (1 = matched), for map points and exports. */
  readonly selected: Uint8Array;
  private lastQuery: LedgerQuery | null = null;
  private rowCache: RowCache | null = null;
  private monthCache: { t: number; overdue: Uint8Array } | null = null;

  constructor(
    readonly header: LedgerTableHeader,
    readonly columns: LedgerColumns,
  ) {
    this.rows = header.rows;
    this.settings = header.settings;
    this.calendar = workingCalendar(header.calendar, header.settings.office);
    let first = header.asOf;
    const rep = columns.reported;
    for (let i = 0; i < this.rows; i++) first = Math.min(first, (rep[i] as number) * MINUTE_MS);
    this.clock = new WorkingClock(this.calendar, first - 7 * DAY_MS, header.asOf + 400 * DAY_MS);
    this.gridCommunity = Int32Array.from(header.grids, (g) => (g.community === LEDGER_NO_INDEX ? -1 : g.community));
    this.severity = Uint8Array.from(header.categories, (c) => c.severity);
    this.majorOfCategory = header.categories.map((c) => c.major_code);
    this.unitOfCategory = header.categories.map((c) => c.deadline_unit);
    this.statusNames = header.statuses;
    this.reboundNatureIndex = header.natures.indexOf('rebound');
    this.selected = new Uint8Array(this.rows);
  }

  /** Earliest and latest report, epoch ms. */
  reportedSpan(): { first: number; last: number } {
    const rep = this.columns.reported;
    let first = Infinity;
    let last = -Infinity;
    for (let i = 0; i < this.rows; i++) {
      const v = rep[i] as number;
      if (v < first) first = v;
      if (v > last) last = v;
    }
    return { first: first * MINUTE_MS, last: last * MINUTE_MS };
  }

  /** Fills `f` with row i's facts (times in ms). */
  factsOf(i: number, f: LedgerFacts = blankFacts()): LedgerFacts {
    const c = this.columns;
    const rep = c.reported[i] as number;
    f.status = this.statusNames[c.status[i] as number] as ProblemStatus;
    f.reported = rep * MINUTE_MS;
    let v = c.registered[i] as number;
    f.registered = v === LEDGER_NULL ? null : (rep + v) * MINUTE_MS;
    v = c.dispatched[i] as number;
    f.dispatched = v === LEDGER_NULL ? null : (rep + v) * MINUTE_MS;
    v = c.disposed[i] as number;
    f.disposed = v === LEDGER_NULL ? null : (rep + v) * MINUTE_MS;
    v = c.verified[i] as number;
    f.verified = v === LEDGER_NULL ? null : (rep + v) * MINUTE_MS;
    v = c.closed[i] as number;
    f.closed = v === LEDGER_NULL ? null : (rep + v) * MINUTE_MS;
    f.deadline = (rep + (c.deadline[i] as number)) * MINUTE_MS;
    f.returns = c.returns[i] as number;
    f.deadlineUnit = this.unitOfCategory[c.category[i] as number] ?? 'hours';
    v = c.prevClose[i] as number;
    f.prevClose = v === LEDGER_NULL ? null : (rep + v) * MINUTE_MS;
    f.declaredRebound = (c.nature[i] as number) === this.reboundNatureIndex;
    return f;
  }

  private supervisionContext(q: Pick<LedgerQuery, 'reboundWindowDays'>): SupervisionContext {
    return { dataAsOf: this.header.asOf, rules: this.settings.supervision, reboundWindowMs: q.reboundWindowDays * DAY_MS, clock: this.clock };
  }

  private bins(metres: number) {
    if (this.binCache?.metres === metres) return this.binCache;
    const [w, s, e, n] = this.header.bounds;
    const midLat = ((s + n) / 2) * (Math.PI / 180);
    const latStep = metres / 110_540;
    const lonStep = metres / (111_320 * Math.cos(midLat));
    const nx = Math.max(1, Math.ceil((e - w) / lonStep));
    const ny = Math.max(1, Math.ceil((n - s) / latStep));
    const index = new Int32Array(this.rows);
    const { x, y } = this.columns;
    for (let i = 0; i < this.rows; i++) {
      const lon = dequantise(x[i] as number, w, e);
      const lat = dequantise(y[i] as number, s, n);
      const bx = Math.min(nx - 1, Math.floor((lon - w) / lonStep));
      const by = Math.min(ny - 1, Math.floor((lat - s) / latStep));
      index[i] = by * nx + bx;
    }
    this.binCache = { metres, index, nx, ny, lonStep, latStep };
    return this.binCache;
  }

  /** Per-code "allowed" lookups of a filter. */
  private compile(filter: LedgerFilter) {
    const h = this.header;
    const set = <T>(list: readonly T[]) => new Set(list);
    const majors = set(filter.majors);
    const cats = set(filter.categories);
    const category = Uint8Array.from(h.categories, (c) => ((majors.size === 0 || majors.has(c.major_code)) && (cats.size === 0 || cats.has(c.code)) ? 1 : 0));
    const depts = set(filter.departments);
    const department = Uint8Array.from(h.departments, (d) => (depts.size === 0 || depts.has(d.code) ? 1 : 0));
    const srcs = set<string>(filter.sources);
    const source = Uint8Array.from(h.sources, (s) => (srcs.size === 0 || srcs.has(s) ? 1 : 0));
    // Grid lookup has one extra slot at the end for "in no grid" (LEDGER_NO_INDEX).
    const grid = new Uint8Array(h.grids.length + 1);
    const communityIndex = filter.community === null ? -2 : h.communities.findIndex((c) => c.code === filter.community);
    const gridIndex = filter.grid === null ? -2 : h.grids.findIndex((g) => g.code === filter.grid);
    h.grids.forEach((g, gi) => {
      if (gridIndex !== -2) grid[gi] = gi === gridIndex ? 1 : 0;
      else if (communityIndex !== -2) grid[gi] = g.community === communityIndex ? 1 : 0;
      else grid[gi] = 1;
    });
    grid[h.grids.length] = gridIndex === -2 && communityIndex === -2 ? 1 : 0;
    const sts = set<string>(filter.statuses);
    const status = Uint8Array.from(PROBLEM_STATUSES, (s) => (sts.size === 0 || sts.has(s) ? 1 : 0));
    const nats = set<string>(filter.natures);
    const nature = Uint8Array.from(PROBLEM_NATURES, (n) => (nats.size === 0 || nats.has(n) ? 1 : 0));
    return { category, department, source, grid, status, nature };
  }

  /**
   * Every row's state at one (as-of, rebound window), packed: what the one definitions
   * (kpis.ts contributionOf, supervision.ts, red-black.ts problemWeight) say about it. Filters change
   * far more often than the as-of, so a filter change only re-reads these arrays (a few dozen
   * operations a row), and the full pass runs again only when the as-of or the window moves.
   */
  private prepare(t: number, windowDays: number): RowCache {
    if (this.rowCache && this.rowCache.t === t && this.rowCache.windowDays === windowDays) return this.rowCache;
    const n = this.rows;
    const c = this.columns;
    const dataAsOf = this.header.asOf;
    const windowMs = windowDays * DAY_MS;
    const ctx = this.supervisionContext({ reboundWindowDays: windowDays });
    const statusIndex = new Map<string, number>(PROBLEM_STATUSES.map((v, i) => [v, i]));
    const reboundNature = PROBLEM_NATURES.indexOf('rebound');
    const cache: RowCache = {
      t,
      windowDays,
      flags: new Uint16Array(n),
      returns: new Uint8Array(n),
      dispositions: new Uint8Array(n),
      handling: new Int32Array(n),
      status: new Uint8Array(n),
      nature: new Uint8Array(n),
      level: new Uint8Array(n).fill(LEVEL_NONE),
      share: new Float32Array(n),
      weight: new Float32Array(n),
    };
    const contrib = new Float64Array(KPI_COUNT_WIDTH);
    const f = blankFacts();
    const score = this.settings.score;
    for (let i = 0; i < n; i++) {
      this.factsOf(i, f);
      contributionOf(f, t, dataAsOf, windowMs, contrib);
      if (contrib[0] === 0) continue;
      let fl = ROW.reported;
      if (contrib[1] === 1) fl |= ROW.registered;
      if (contrib[2] === 1) fl |= ROW.closed;
      if (contrib[3] === 1) fl |= ROW.due;
      if (contrib[4] === 1) fl |= ROW.onTime;
      if (contrib[5] === 1) fl |= ROW.open;
      if (contrib[6] === 1) fl |= ROW.overdue;
      if (contrib[9] === 1) fl |= ROW.rebound;
      if (contrib[11] === 1) fl |= ROW.disposed;
      cache.flags[i] = fl;
      cache.returns[i] = Math.min(255, contrib[7] as number);
      cache.dispositions[i] = Math.min(255, contrib[8] as number);
      cache.handling[i] = Math.round((contrib[10] as number) / MINUTE_MS);
      cache.status[i] = t >= dataAsOf ? (c.status[i] as number) : (statusIndex.get(statusAt(f, t, dataAsOf)) as number);
      cache.nature[i] = contrib[9] === 1 ? reboundNature : (c.nature[i] as number);
      if (contrib[5] === 1) {
        const level = SUPERVISION_INDEX[supervisionLevel(f, t, ctx) as SupervisionLevel];
        cache.level[i] = level;
        if (level > 0) cache.share[i] = shareOfLimitUsed(f, t, this.clock);
      }
      const flags = c.flags[i] as number;
      cache.weight[i] = problemWeight((flags & LEDGER_FLAG.backStreet) !== 0, (flags & LEDGER_FLAG.noProperty) !== 0, contrib[9] === 1, score);
    }
    this.rowCache = cache;
    return cache;
  }

  /** Overdue at the red/black month's end (or the as-of): from the row cache when that is the as-of. */
  private overdueAt(t: number, cache: RowCache): Uint8Array {
    if (this.monthCache?.t === t) return this.monthCache.overdue;
    const overdue = new Uint8Array(this.rows);
    if (t === cache.t) {
      for (let i = 0; i < this.rows; i++) overdue[i] = ((cache.flags[i] as number) & ROW.overdue) !== 0 ? 1 : 0;
    } else {
      const f = blankFacts();
      for (let i = 0; i < this.rows; i++) overdue[i] = isOverdueAt(this.factsOf(i, f), t) ? 1 : 0;
    }
    this.monthCache = { t, overdue };
    return overdue;
  }

  query(q: LedgerQuery): LedgerResult {
    const started = performance.now();
    this.lastQuery = q;
    const h = this.header;
    const c = this.columns;
    const t = q.asOf;
    const cache = this.prepare(t, q.reboundWindowDays);
    const tPrepared = performance.now();
    const off = this.settings.office.utcOffsetMinutes;
    const allow = this.compile(q.filter);
    const dates = reportedRange(q.filter, off);
    // Report-time bounds in whole minutes, as the table stores them.
    const fromMin = Math.max(dates.from ?? -Infinity, q.window.from ?? -Infinity) / MINUTE_MS;
    const toMin = Math.min(dates.to ?? Infinity, q.window.to ?? Infinity, t + 1) / MINUTE_MS;

    const nCommunities = h.communities.length;
    const nGrids = h.grids.length;
    const nDepts = h.departments.length;
    const W = KPI_COUNT_WIDTH;
    // One extra slot each for problems in no grid / with no department.
    const byGrid = new Float64Array((nGrids + 1) * W);
    const byDept = new Float64Array((nDepts + 1) * W);
    const supGrid = new Int32Array((nGrids + 1) * 4);
    const supDept = new Int32Array((nDepts + 1) * 4);
    const byStatus = new Int32Array(PROBLEM_STATUSES.length);
    const byNature = new Int32Array(PROBLEM_NATURES.length);
    const byCategory = new Int32Array(h.categories.length);

    const bins = this.bins(q.binMetres);
    const binIndex = bins.index;
    const binAcc = new Float64Array(bins.nx * bins.ny * 10);
    const severity = this.severity;

    // Red/black: the month's reports, and what is overdue when it ends (or at the as-of, if earlier).
    const month = monthRange(q.month, off) ?? monthRange(monthOf(t, off), off)!;
    const monthEval = Math.min(month.end, t);
    const overdueAtEval = this.overdueAt(monthEval, cache);
    const tMonth = performance.now();
    const monthFrom = month.start / MINUTE_MS;
    const monthTo = month.end / MINUTE_MS;
    const monthGrids = new Float64Array(nGrids * 5);

    const week = weekOf(this.calendar, q.week);
    const weekEndMin = week.end / MINUTE_MS;
    const planOpen: PlanRow[] = [];
    const supervised: number[] = [];
    const listHeap = new RowHeap(q.listLimit);

    const selected = this.selected;
    selected.fill(0);
    let matched = 0;
    const { reported, category, department, source, grid: gridCol, deadline } = c;
    const { flags, returns, dispositions, handling, status: statusCol, nature: natureCol, level: levelCol, weight } = cache;
    // In report order, only the slice of the date range (and the timeline's window) is visited:
    // every figure, the red/black month included, follows those filters.
    const sorted = h.sortedByReported === true;
    const lo = sorted ? lowerBound(reported, fromMin) : 0;
    const hi = sorted ? lowerBound(reported, toMin) : this.rows;

    for (let i = lo; i < hi; i++) {
      const fl = flags[i] as number;
      if (fl === 0) continue; // not reported by the as-of
      const rep = reported[i] as number;
      if (rep < fromMin || rep >= toMin) continue;
      const cat = category[i] as number;
      if (allow.category[cat] !== 1) continue;
      const dept = department[i] as number;
      if (dept !== LEDGER_NO_INDEX && allow.department[dept] !== 1) continue;
      if (allow.source[source[i] as number] !== 1) continue;
      const status = statusCol[i] as number;
      if (allow.status[status] !== 1) continue;
      const nature = natureCol[i] as number;
      if (allow.nature[nature] !== 1) continue;
      const grid = gridCol[i] as number;
      const g = grid === LEDGER_NO_INDEX ? nGrids : grid;

      // The red/black month ranks every unit under the other filters: a chosen community or grid
      // is shown in its place among them, not ranked alone against empty ones.
      const inMonth = rep >= monthFrom && rep < monthTo;
      const late = overdueAtEval[i] === 1;
      if ((inMonth || late) && grid !== LEDGER_NO_INDEX) {
        const w = weight[i] as number;
        const o = grid * 5;
        if (inMonth) {
          monthGrids[o]!++;
          monthGrids[o + 1]! += w;
          monthGrids[o + 4]! += (fl >> 7) & 1;
        }
        if (late) {
          monthGrids[o + 2]!++;
          monthGrids[o + 3]! += w;
        }
      }
      if (allow.grid[g] !== 1) continue;

      matched++;
      selected[i] = 1;
      byStatus[status]!++;
      byNature[nature]!++;
      byCategory[cat]!++;
      const d = dept === LEDGER_NO_INDEX ? nDepts : dept;
      const registered = (fl >> 1) & 1;
      const closed = (fl >> 2) & 1;
      const due = (fl >> 3) & 1;
      const onTime = (fl >> 4) & 1;
      const open = (fl >> 5) & 1;
      const overdue = (fl >> 6) & 1;
      const rebound = (fl >> 7) & 1;
      const disposed = (fl >> 8) & 1;
      const ret = returns[i] as number;
      const disp = dispositions[i] as number;
      const hand = (handling[i] as number) * MINUTE_MS;
      addRow(byGrid, g * W, registered, closed, due, onTime, open, overdue, ret, disp, rebound, hand, disposed);
      addRow(byDept, d * W, registered, closed, due, onTime, open, overdue, ret, disp, rebound, hand, disposed);
      const level = levelCol[i] as number;
      supGrid[g * 4 + level]!++;
      supDept[d * 4 + level]!++;

      const sev = severity[cat] ?? 1;
      const base = (binIndex[i] as number) * 10;
      binAcc[base]!++;
      binAcc[base + 1]! += sev;
      if (open === 1) {
        binAcc[base + 2]!++;
        binAcc[base + 3]! += sev;
        if (level > 0) supervised.push(i);
        if ((deadline[i] as number) + rep < weekEndMin || overdue === 1) {
          planOpen.push({
            row: i,
            department: h.departments[dept]?.code ?? '',
            grid: h.grids[grid]?.code ?? '',
            deadline: ((deadline[i] as number) + rep) * MINUTE_MS,
            severity: sev,
            overdue: overdue === 1,
            level: (SUPERVISION_LEVELS[level] ?? null) as SupervisionLevel | null,
          });
        }
      }
      binAcc[base + 4 + status]!++;

      if (!sorted) listHeap.offer(i, rep);
    }
    // Sorted: the latest reports are the last selected rows.
    const list: number[] = [];
    if (sorted) for (let i = hi - 1; i >= lo && list.length < q.listLimit; i--) if (selected[i] === 1) list.push(i);

    const tLoop = performance.now();
    // Communities and the sub-district are sums of their grids (and of the no-grid slot).
    const byCommunity = new Float64Array(nCommunities * W);
    const supCommunity = new Int32Array(nCommunities * 4);
    const monthCommunities = new Float64Array(nCommunities * 5);
    const total = new Float64Array(W);
    const supTotal = new Int32Array(4);
    for (let g = 0; g <= nGrids; g++) {
      const community = g < nGrids ? (this.gridCommunity[g] as number) : -1;
      for (let k = 0; k < W; k++) {
        const v = byGrid[g * W + k] as number;
        total[k]! += v;
        if (community >= 0) byCommunity[community * W + k]! += v;
      }
      for (let k = 0; k < 4; k++) {
        const v = supGrid[g * 4 + k] as number;
        supTotal[k]! += v;
        if (community >= 0) supCommunity[community * 4 + k]! += v;
      }
      if (community >= 0) for (let k = 0; k < 5; k++) monthCommunities[community * 5 + k]! += monthGrids[g * 5 + k] as number;
    }

    const unitFigures = (matrix: Float64Array, sup: Int32Array, unit: number, code: string, name: string): UnitFigures => {
      const counts = countsAt(matrix, unit);
      return { index: unit, code, name, counts, kpis: kpisOf(counts), supervision: [sup[unit * 4] as number, sup[unit * 4 + 1] as number, sup[unit * 4 + 2] as number] };
    };
    const communities = h.communities.map((u, k) => unitFigures(byCommunity, supCommunity, k, u.code, u.name));
    const grids = h.grids.map((u, k) => unitFigures(byGrid, supGrid, k, u.code, u.name));
    const departments = h.departments.map((u, k) => unitFigures(byDept, supDept, k, u.code, u.name));
    const totalFigures = unitFigures(total, supTotal, 0, '', '');
    totalFigures.index = -1;

    // Bins: compact the non-empty ones, centres in lon/lat.
    const [west, south] = h.bounds;
    let binCount = 0;
    for (let b = 0; b < bins.nx * bins.ny; b++) if ((binAcc[b * 10] as number) > 0) binCount++;
    const binOut = new Float64Array(binCount * BIN_STRIDE);
    let o = 0;
    for (let b = 0; b < bins.nx * bins.ny; b++) {
      const base = b * 10;
      if ((binAcc[base] as number) === 0) continue;
      binOut[o] = west + ((b % bins.nx) + 0.5) * bins.lonStep;
      binOut[o + 1] = south + (Math.floor(b / bins.nx) + 0.5) * bins.latStep;
      for (let k = 0; k < 10; k++) binOut[o + 2 + k] = binAcc[base + k] as number;
      o += BIN_STRIDE;
    }

    const unitMonths = (acc: Float64Array, units: readonly { code: string; name: string; households: number }[]): UnitMonth[] =>
      units.map((u, k) => ({
        code: u.code,
        name: u.name,
        households: u.households,
        found: acc[k * 5] as number,
        weightedFound: round2(acc[k * 5 + 1] as number),
        overdue: acc[k * 5 + 2] as number,
        weightedOverdue: round2(acc[k * 5 + 3] as number),
        rebounds: acc[k * 5 + 4] as number,
      }));
    const redBlack = {
      month: monthOf(month.start, off),
      communities: rankUnits(unitMonths(monthCommunities, h.communities), this.settings),
      grids: rankUnits(unitMonths(monthGrids, h.grids), this.settings),
    };

    const plan = weeklyPlan(planOpen, week, t);
    // Red first, then by how much of the limit is gone; reasons only for the rows shown.
    supervised.sort((a, b) => (levelCol[b] as number) - (levelCol[a] as number) || (cache.share[b] as number) - (cache.share[a] as number) || a - b);
    const ctx = this.supervisionContext(q);
    const f = blankFacts();
    const supervisedRows: SupervisedRow[] = supervised.slice(0, q.listLimit).map((row) => ({
      row,
      level: SUPERVISION_LEVELS[levelCol[row] as number] as SupervisionLevel,
      reason: supervisionReason(this.factsOf(row, f), t, ctx)!,
      share: cache.share[row] as number,
    }));

    return {
      asOf: t,
      matched,
      total: totalFigures,
      communities,
      grids,
      departments,
      supervision: { white: supTotal[0] as number, yellow: supTotal[1] as number, red: supTotal[2] as number },
      byStatus: Array.from(byStatus),
      byNature: Array.from(byNature),
      byCategory: Array.from(byCategory),
      bins: binOut,
      binCount,
      redBlack,
      plan: {
        weekStart: plan.weekStart,
        weekEnd: plan.weekEnd,
        dueCount: plan.dueCount,
        due: plan.due,
        overdue: plan.overdue.slice(0, q.listLimit),
        overdueCount: plan.overdue.length,
      },
      supervisionList: { rows: supervisedRows, total: supervised.length },
      list: { rows: sorted ? list : listHeap.sorted(), total: matched },
      ms: performance.now() - started,
      phases: { prepare: tPrepared - started, month: tMonth - tPrepared, loop: tLoop - tMonth, rest: performance.now() - tLoop },
    };
  }

  /** Row details at the last query's as-of (or the data's). */
  detail(i: number, asOf: number = this.lastQuery?.asOf ?? this.header.asOf, reboundWindowDays: number = this.lastQuery?.reboundWindowDays ?? this.settings.reboundWindowDays): RowDetail {
    const h = this.header;
    const c = this.columns;
    const f = this.factsOf(i);
    const cat = h.categories[c.category[i] as number];
    const dept = h.departments[c.department[i] as number];
    const gridIndex = c.grid[i] as number;
    const grid = gridIndex === LEDGER_NO_INDEX ? undefined : h.grids[gridIndex];
    const community = grid && grid.community !== LEDGER_NO_INDEX ? h.communities[grid.community] : undefined;
    const [w, s, e, n] = h.bounds;
    const ctx = this.supervisionContext({ reboundWindowDays });
    const flags = c.flags[i] as number;
    return {
      row: i,
      lon: dequantise(c.x[i] as number, w, e),
      lat: dequantise(c.y[i] as number, s, n),
      category: cat?.code ?? '',
      categoryName: cat?.name ?? '',
      major: cat?.major_code ?? '',
      department: dept?.code ?? '',
      departmentName: dept?.name ?? '',
      grid: grid?.code ?? '',
      gridName: grid?.name ?? '',
      community: community?.code ?? '',
      communityName: community?.name ?? '',
      status: statusAt(f, asOf, h.asOf),
      nature: isRebound(f, reboundWindowDays * DAY_MS) ? 'rebound' : (h.natures[c.nature[i] as number] as ProblemNature),
      source: h.sources[c.source[i] as number] ?? '',
      reported: f.reported,
      registered: f.registered,
      closed: f.closed !== null && f.closed <= asOf ? f.closed : null,
      deadline: f.deadline,
      returns: returnsAt(f, asOf, h.asOf),
      level: isOpenAt(f, asOf) ? supervisionLevel(f, asOf, ctx) : null,
      onBackStreet: (flags & LEDGER_FLAG.backStreet) !== 0,
      inNoPropertyCompound: (flags & LEDGER_FLAG.noProperty) !== 0,
    };
  }

  /**
   * Matched rows inside a box (the last query's selection), up to `limit`, for single points at
   * street zoom.
   */
  pointsIn(bbox: [number, number, number, number], limit: number): { rows: number[]; truncated: boolean } {
    const [w, s, e, n] = this.header.bounds;
    const qx0 = Math.floor(((bbox[0] - w) / (e - w)) * 65535);
    const qx1 = Math.ceil(((bbox[2] - w) / (e - w)) * 65535);
    const qy0 = Math.floor(((bbox[1] - s) / (n - s)) * 65535);
    const qy1 = Math.ceil(((bbox[3] - s) / (n - s)) * 65535);
    const { x, y } = this.columns;
    const rows: number[] = [];
    for (let i = 0; i < this.rows; i++) {
      if (this.selected[i] !== 1) continue;
      const xi = x[i] as number;
      const yi = y[i] as number;
      if (xi < qx0 || xi > qx1 || yi < qy0 || yi > qy1) continue;
      if (rows.length >= limit) return { rows, truncated: true };
      rows.push(i);
    }
    return { rows, truncated: false };
  }

  /** Every matched row (for exports), in ledger order. */
  selectedRows(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.rows; i++) if (this.selected[i] === 1) out.push(i);
    return out;
  }

  /** Open matched rows with their supervision colour at the last as-of, for the supervision layer. */
  openRows(): { rows: Int32Array; levels: Uint8Array } {
    const q = this.lastQuery;
    const t = q?.asOf ?? this.header.asOf;
    const ctx = this.supervisionContext({ reboundWindowDays: q?.reboundWindowDays ?? this.settings.reboundWindowDays });
    const rows: number[] = [];
    const levels: number[] = [];
    const f = blankFacts();
    for (let i = 0; i < this.rows; i++) {
      if (this.selected[i] !== 1) continue;
      this.factsOf(i, f);
      if (!isOpenAt(f, t)) continue;
      rows.push(i);
      levels.push(SUPERVISION_INDEX[supervisionLevel(f, t, ctx) as SupervisionLevel]);
    }
    return { rows: Int32Array.from(rows), levels: Uint8Array.from(levels) };
  }

  /** Major class index of a row's category (for colouring points). */
  majorOf(i: number): string {
    return this.majorOfCategory[this.columns.category[i] as number] ?? '';
  }
}

/** Adds one row's counts at offset o (KPI_COUNT_FIELDS order; `reported` is 1 for every row that gets here). */
function addRow(
  acc: Float64Array,
  o: number,
  registered: number,
  closed: number,
  due: number,
  onTime: number,
  open: number,
  overdue: number,
  returns: number,
  dispositions: number,
  rebound: number,
  handlingMs: number,
  disposed: number,
): void {
  acc[o]! += 1;
  acc[o + 1]! += registered;
  acc[o + 2]! += closed;
  acc[o + 3]! += due;
  acc[o + 4]! += onTime;
  acc[o + 5]! += open;
  acc[o + 6]! += overdue;
  acc[o + 7]! += returns;
  acc[o + 8]! += dispositions;
  acc[o + 9]! += rebound;
  acc[o + 10]! += handlingMs;
  acc[o + 11]! += disposed;
}

/** First index whose value is ≥ x in an ascending column (its length if none). */
function lowerBound(column: Int32Array, x: number): number {
  let lo = 0;
  let hi = column.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((column[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Keeps the `limit` rows with the latest report time. */
class RowHeap {
  private readonly rows: number[] = [];
  private readonly keys: number[] = [];
  constructor(private readonly limit: number) {}

  offer(row: number, key: number): void {
    if (this.limit <= 0) return;
    if (this.rows.length < this.limit) {
      this.rows.push(row);
      this.keys.push(key);
      this.up(this.rows.length - 1);
    } else if (key > (this.keys[0] as number) || (key === this.keys[0] && row > (this.rows[0] as number))) {
      this.rows[0] = row;
      this.keys[0] = key;
      this.down(0);
    }
  }

  /** Latest first. */
  sorted(): number[] {
    return this.rows
      .map((row, i) => ({ row, key: this.keys[i] as number }))
      .sort((a, b) => b.key - a.key || b.row - a.row)
      .map((e) => e.row);
  }

  private less(a: number, b: number): boolean {
    return (this.keys[a] as number) < (this.keys[b] as number) || (this.keys[a] === this.keys[b] && (this.rows[a] as number) < (this.rows[b] as number));
  }

  private swap(a: number, b: number): void {
    const row = this.rows[a] as number;
    this.rows[a] = this.rows[b] as number;
    this.rows[b] = row;
    const key = this.keys[a] as number;
    this.keys[a] = this.keys[b] as number;
    this.keys[b] = key;
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.rows.length && this.less(l, m)) m = l;
      if (r < this.rows.length && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
