/**
 * The ledger's figures (DOMAIN.md "Metrics"), defined once. Every figure of the workspace, the
 * headline figures in the manifest and the red/black list read them from here.
 *
 * Each figure is a ratio over a set of problems at an "as of" instant t; problems reported after t
 * are not on the ledger yet and count nowhere. Counting is split from dividing so that a set can be
 * accumulated row by row (the worker does a million rows into per-community and per-grid counts in
 * one pass) and the same counts give the same rates everywhere.
 */
import {
  closedOnTime,
  dispositionsAt,
  isClosedBy,
  isOpenAt,
  isOverdueAt,
  isRebound,
  isRegisteredBy,
  isReportedBy,
  registeredTime,
  returnsAt,
  type LedgerFacts,
} from './lifecycle';

/** The numerators and denominators of every figure, for one set of problems at one t. */
export interface KpiCounts {
  /** Reported by t. */
  reported: number;
  /** Reached 立案 by t. */
  registered: number;
  /** Closed (结案/销号) by t. */
  closed: number;
  /** Due by t: deadline passed, or closed already (an early closure is due work done). */
  due: number;
  /** Of `due`: closed, with the disposal by the deadline (lifecycle.ts closedOnTime). */
  closedOnTime: number;
  /** Not closed at t. */
  open: number;
  /** Of `open`: past the deadline at t and not disposed in time (lifecycle.ts isOverdueAt). */
  overdue: number;
  /** Returns (返工) by t. */
  returns: number;
  /** Dispositions (处置 rounds) by t. */
  dispositions: number;
  /** Rebounds (反弹) among the problems reported by t, at the given window. */
  rebounds: number;
  /** Sum over problems closed by t of (closed − registered) in ms. */
  handlingMs: number;
  /** Disposal reported (处置完成) by t: what the departments say is done. */
  disposed: number;
}

/** The count fields in a fixed order: the worker keeps one row of a Float64Array per unit in this order. */
export const KPI_COUNT_FIELDS = [
  'reported',
  'registered',
  'closed',
  'due',
  'closedOnTime',
  'open',
  'overdue',
  'returns',
  'dispositions',
  'rebounds',
  'handlingMs',
  'disposed',
] as const satisfies readonly (keyof KpiCounts)[];
export const KPI_COUNT_WIDTH = KPI_COUNT_FIELDS.length;

export function emptyCounts(): KpiCounts {
  return { reported: 0, registered: 0, closed: 0, due: 0, closedOnTime: 0, open: 0, overdue: 0, returns: 0, dispositions: 0, rebounds: 0, handlingMs: 0, disposed: 0 };
}

/**
 * What one problem adds to each count at t, written into `out` in KPI_COUNT_FIELDS order (all zero
 * when it is not reported by t). The one place that says which problem counts where; `windowMs` is
 * the rebound window.
 */
export function contributionOf(p: LedgerFacts, t: number, dataAsOf: number, windowMs: number, out: Float64Array): Float64Array {
  out.fill(0);
  if (!isReportedBy(p, t)) return out;
  const closed = isClosedBy(p, t);
  out[0] = 1;
  out[1] = isRegisteredBy(p, t) ? 1 : 0;
  out[2] = closed ? 1 : 0;
  const due = closed || p.deadline <= t;
  out[3] = due ? 1 : 0;
  out[4] = due && closed && closedOnTime(p) ? 1 : 0;
  const open = isOpenAt(p, t);
  out[5] = open ? 1 : 0;
  out[6] = open && isOverdueAt(p, t) ? 1 : 0;
  out[7] = returnsAt(p, t, dataAsOf);
  out[8] = dispositionsAt(p, t, dataAsOf);
  out[9] = isRebound(p, windowMs) ? 1 : 0;
  out[10] = closed ? (p.closed as number) - (registeredTime(p) ?? p.reported) : 0;
  out[11] = p.disposed !== null && p.disposed <= t ? 1 : 0;
  return out;
}

const scratch = new Float64Array(KPI_COUNT_WIDTH);

/** Adds one problem, at t, to the counts. `windowMs` is the rebound window. */
export function countProblem(c: KpiCounts, p: LedgerFacts, t: number, dataAsOf: number, windowMs: number): void {
  contributionOf(p, t, dataAsOf, windowMs, scratch);
  KPI_COUNT_FIELDS.forEach((field, i) => {
    c[field] += scratch[i] as number;
  });
}

/** Counts from row `unit` of a Float64Array laid out in KPI_COUNT_FIELDS order. */
export function countsAt(matrix: Float64Array, unit: number): KpiCounts {
  const c = emptyCounts();
  KPI_COUNT_FIELDS.forEach((field, i) => {
    c[field] = matrix[unit * KPI_COUNT_WIDTH + i] as number;
  });
  return c;
}

/** Adds b into a (rolling grids up into communities, say). */
export function addCounts(a: KpiCounts, b: KpiCounts): KpiCounts {
  for (const k of Object.keys(a) as (keyof KpiCounts)[]) a[k] += b[k];
  return a;
}

/** The figures. A figure whose denominator is zero is null ("—"), never 0% or 100%. */
export interface LedgerKpis {
  /** 结案率 = closed by t / registered by t. */
  closureRate: number | null;
  /**
   * 按期结案率 = closed on time / due by t, where due = the deadline has passed by t or the problem
   * is already closed, and on time = closed with its disposal reported by the deadline (the
   * category's limit is the 处置时限). An open problem past its deadline counts against it.
   */
  onTimeClosureRate: number | null;
  /**
   * 超期率 = overdue at t / open at t: how much of the backlog is late, where overdue = past the
   * deadline and not disposed in time.
   */
  overdueRate: number | null;
  /** 返工率 = returns (核查 → 处置) / dispositions (处置 rounds), both by t. */
  reworkRate: number | null;
  /**
   * 复发率 = rebounds / closed by t, where a rebound is a report of the same category in the same
   * level-4 grid within the window (30 days) after a closure there (lifecycle.ts isRebound).
   */
  recurrenceRate: number | null;
  /** 平均处置时长 = mean of (closed − registered) over problems closed by t, in hours. */
  meanHandlingHours: number | null;
  /**
   * 对账销号率 = closed by t / disposal reported by t: of the cases the departments report done,
   * the share verified and struck off the ledger (对账销号).
   */
  reconciliationRate: number | null;
}

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

export function kpisOf(c: KpiCounts): LedgerKpis {
  return {
    closureRate: ratio(c.closed, c.registered),
    onTimeClosureRate: ratio(c.closedOnTime, c.due),
    overdueRate: ratio(c.overdue, c.open),
    reworkRate: ratio(c.returns, c.dispositions),
    recurrenceRate: ratio(c.rebounds, c.closed),
    meanHandlingHours: c.closed > 0 ? c.handlingMs / c.closed / 3_600_000 : null,
    reconciliationRate: ratio(c.closed, c.disposed),
  };
}

/** Counts and figures of a whole list at t (the pipeline and the tests; the worker counts in its own loop). */
export function ledgerKpis(problems: Iterable<LedgerFacts>, t: number, dataAsOf: number, windowMs: number): { counts: KpiCounts; kpis: LedgerKpis } {
  const counts = emptyCounts();
  for (const p of problems) countProblem(counts, p, t, dataAsOf, windowMs);
  return { counts, kpis: kpisOf(counts) };
}

export const KPI_KEYS = ['closureRate', 'onTimeClosureRate', 'overdueRate', 'reworkRate', 'recurrenceRate', 'meanHandlingHours', 'reconciliationRate'] as const satisfies readonly (keyof LedgerKpis)[];
export type KpiKey = (typeof KPI_KEYS)[number];
