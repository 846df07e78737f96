/**
 * The ledger stage (after derive): everything the ledger workspace needs that no file states.
 * - each problem's level-4 grid, the latest earlier closure of its category there (rebounds at any
 *   window), and where it lies (back street, compound without property management);
 * - the headline figures the ledger owns (problemsRed, onTimeClosureRate) and the same a month
 *   before as-of (previousMonth), from the one KPI and supervision definitions in src/analysis/ledger/;
 * - the compact table and text chunks the browser's worker reads (write-ledger.ts writes them).
 */
import { parentCode } from '../../../src/contract';
import {
  LEDGER_NO_INDEX,
  LEDGER_NULL,
  PROBLEM_NATURES,
  PROBLEM_SOURCES,
  PROBLEM_STATUSES,
  type HeadlineFigures,
  type LedgerHeadlineField,
  type LedgerTableHeader,
  type LedgerSummary,
  type LedgerTextChunk,
  type ProblemRecord,
} from '../../../src/contract';
import { emptyFilter, monthOf } from '../../../src/analysis/ledger/filters';
import { ENGINE_DEFAULTS, LedgerEngine } from '../../../src/analysis/ledger/ledger-engine';
import type { RankedUnit } from '../../../src/analysis/ledger/red-black';
import { countProblem, emptyCounts, kpisOf } from '../../../src/analysis/ledger/kpis';
import { isDerivedRebound, isOverdueAt, isReportedBy, type LedgerFacts } from '../../../src/analysis/ledger/lifecycle';
import { allocateColumns, quantise, type LedgerColumns } from '../../../src/analysis/ledger/ledger-table';
import { previousClosuresOf } from '../../../src/analysis/ledger/rebound';
import { supervisionLevel } from '../../../src/analysis/ledger/supervision';
import { DAY_MS, MINUTE_MS, WorkingClock } from '../../../src/analysis/ledger/working-calendar';
import { LEDGER_FLAG } from '../../../src/contract';
import type { DerivedData } from '../derive';
import { nullable, type ProblemTable } from '../problems/problem-table';
import type { ValidInputs } from '../validate';
import type { Completion } from './complete-problem';
import type { LedgerInputs } from './ledger-inputs';
import { PlaceClassifier } from './place-flags';
import { stableGzip } from './write-ledger';

/** Rows per text chunk: a list of 200 recent rows touches one or two chunks of ≈ 100 KB gzipped. */
export const TEXT_ROWS_PER_CHUNK = 5000;

export interface LedgerProduct {
  header: Omit<LedgerTableHeader, 'offsets'>;
  columns: LedgerColumns;
  /**
   * The text chunks (LedgerTextChunk as gzipped JSON, write-ledger.ts writes them as they are),
   * gzipped here so that no list of a million descriptions outlives this stage. On this thread, not
   * the pool: gzip buffers freed in the pool's own malloc arenas stayed in the process (+190 MB RSS
   * at the 1M build's peak, measured).
   */
  text: Uint8Array[];
  headline: Pick<HeadlineFigures, LedgerHeadlineField>;
  previousMonth: Partial<Omit<HeadlineFigures, 'previousMonth'>>;
  rebounds: { derived: number; declared: number; both: number };
  places: { backStreet: number; noProperty: number };
  firstReported: number | null;
  lastReported: number | null;
  redBlack: LedgerSummary['redBlack'];
  logLine: string;
}

export function deriveLedger(input: ValidInputs, derived: DerivedData, inputs: LedgerInputs, completion: Completion): LedgerProduct {
  const { settings, calendar } = inputs;
  const asOf = input.asOf;
  // Rows in report order (ties in ledger order): the browser then finds a date range by binary
  // search and the latest reports at the end (LedgerTableHeader.sortedByReported).
  // The problems are columns (problems/problem-table.ts); row i of the ledger is table row order[i].
  const table = input.problems;
  const n = table.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => table.reported[a]! - table.reported[b]! || a - b);
  const problem = (i: number): ProblemRecord => table.record(order[i]!);

  // Level-4 grid of each problem (rebounds are judged per unit grid, 网格).
  const l4 = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const code = derived.problemGrid[order[i]!]!;
    l4[i] = code.length === 17 ? parentCode(code) : code;
  }
  const prevClose = previousClosuresOf(n, (i) => {
    const j = order[i]!;
    return { grid: l4[i]!, category: table.categoryCode(j), reported: table.reported[j]!, closed: nullable(table.closed[j]!) };
  });

  // Lookup tables of the header.
  const households = new Map<string, number>();
  for (const g of input.gridsL4) households.set(g.value.community_code, (households.get(g.value.community_code) ?? 0) + g.value.households);
  const communities = input.communities.map((c) => ({ code: c.value.code, name: c.value.name, adopting_dept: c.value.adopting_dept, households: households.get(c.value.code) ?? 0 }));
  const communityIndex = new Map(communities.map((c, i) => [c.code, i]));
  const grids = input.gridsL4.map((g) => ({ code: g.value.code, name: g.value.name, community: communityIndex.get(g.value.community_code) ?? LEDGER_NO_INDEX, chief: g.value.chief, households: g.value.households }));
  const gridIndex = new Map(grids.map((g, i) => [g.code, i]));
  const categories = input.categories.map((c) => ({
    code: c.code,
    name: c.name,
    major_code: c.major_code,
    major_name: c.major_name,
    severity: c.severity,
    deadline_unit: c.deadline_unit,
    deadline_value: c.deadline_value,
    default_department: c.default_department,
  }));
  const categoryIndex = new Map(categories.map((c, i) => [c.code, i]));
  const departments = input.departments.map((d) => ({ code: d.code, name: d.name, level: d.level }));
  const departmentIndex = new Map(departments.map((d, i) => [d.code, i]));

  const [w, s, e, nth] = boundsOf(input, table);
  const places = new PlaceClassifier(
    input.osm,
    input.compounds.filter((c) => c.value.property_management === 'none').map((c) => ({ id: c.value.id, geometry: c.geometry })),
    settings.backStreet,
    [(w + e) / 2, (s + nth) / 2],
  );

  const columns = allocateColumns(n);
  const minutes = (ms: number): number => Math.floor(ms / MINUTE_MS);
  const rel = (ms: number | null, base: number): number => (ms === null ? LEDGER_NULL : minutes(ms) - base);
  const statusIndex = new Map(PROBLEM_STATUSES.map((v, i) => [v, i]));
  const natureIndex = new Map(PROBLEM_NATURES.map((v, i) => [v, i]));
  const sourceIndex = new Map(PROBLEM_SOURCES.map((v, i) => [v, i]));
  const text: Uint8Array[] = [];
  let chunk: LedgerTextChunk | null = null;
  let backStreet = 0;
  let noProperty = 0;
  let firstReported: number | null = null;
  let lastReported: number | null = null;
  for (let i = 0; i < n; i++) {
    const p = problem(i);
    columns.x[i] = quantise(p.lon, w, e);
    columns.y[i] = quantise(p.lat, s, nth);
    columns.category[i] = categoryIndex.get(p.category_code) ?? LEDGER_NO_INDEX;
    columns.department[i] = departmentIndex.get(p.department_code) ?? LEDGER_NO_INDEX;
    columns.grid[i] = gridIndex.get(l4[i]!) ?? LEDGER_NO_INDEX;
    columns.status[i] = statusIndex.get(p.status) ?? 0;
    columns.nature[i] = natureIndex.get(p.nature) ?? 0;
    columns.source[i] = sourceIndex.get(p.source) ?? 0;
    columns.returns[i] = Math.min(255, p.returns);
    const flags = places.flags(p.lon, p.lat);
    columns.flags[i] = flags;
    if (flags & LEDGER_FLAG.backStreet) backStreet++;
    if (flags & LEDGER_FLAG.noProperty) noProperty++;
    const base = minutes(p.reported_at);
    columns.reported[i] = base;
    columns.registered[i] = rel(p.registered_at, base);
    columns.dispatched[i] = rel(p.dispatched_at, base);
    columns.disposed[i] = rel(p.disposed_at, base);
    columns.verified[i] = rel(p.verified_at, base);
    columns.closed[i] = rel(p.closed_at, base);
    columns.deadline[i] = rel(p.deadline, base);
    columns.prevClose[i] = rel(nullable(prevClose[i]!), base);
    firstReported = firstReported === null ? p.reported_at : Math.min(firstReported, p.reported_at);
    lastReported = lastReported === null ? p.reported_at : Math.max(lastReported, p.reported_at);

    chunk ??= { first: i, id: [], description: [], address: [] };
    chunk.id.push(p.id);
    chunk.description.push(p.description);
    chunk.address.push(p.address);
    if (chunk.id.length === TEXT_ROWS_PER_CHUNK || i === n - 1) {
      text.push(stableGzip(JSON.stringify(chunk)));
      chunk = null;
    }
  }

  // The figures, from the table's own (minute-rounded) times, so the manifest and the workspace agree.
  // Made one at a time: at 1M problems an array of them would be 250 MB.
  const unitOf = table.categories.values.map((code) => categories[categoryIndex.get(code) ?? -1]?.deadline_unit ?? 'hours');
  const factsOf = (i: number): LedgerFacts => {
    const j = order[i]!;
    const base = columns.reported[i]!;
    return {
      status: table.statusOf(j),
      reported: base * MINUTE_MS,
      registered: timeAt(base, columns.registered[i]!),
      dispatched: timeAt(base, columns.dispatched[i]!),
      disposed: timeAt(base, columns.disposed[i]!),
      verified: timeAt(base, columns.verified[i]!),
      closed: timeAt(base, columns.closed[i]!),
      deadline: (base + columns.deadline[i]!) * MINUTE_MS,
      returns: table.returns[j]!,
      deadlineUnit: unitOf[table.category[j]!]!,
      prevClose: timeAt(base, columns.prevClose[i]!),
      declaredRebound: table.natures.values[table.nature[j]!] === 'rebound',
    };
  };
  const windowMs = settings.reboundWindowDays * DAY_MS;
  const clock = new WorkingClock(calendar, (firstReported ?? asOf) - 7 * DAY_MS, asOf + 60 * DAY_MS);
  const ctx = { dataAsOf: asOf, rules: settings.supervision, reboundWindowMs: windowMs, clock };
  const before = oneMonthBefore(asOf, settings.office.utcOffsetMinutes);
  // One pass, each problem's facts made once: the KPIs and red count at asOf and a month before,
  // the rebound tallies and the month-before headline counts (ledgerKpis' own counting, split open).
  const countsNow = emptyCounts();
  const countsThen = emptyCounts();
  let redNow = 0;
  let redThen = 0;
  let reportedThen = 0;
  let overdueThen = 0;
  let derivedRebounds = 0;
  let declared = 0;
  let both = 0;
  for (let i = 0; i < n; i++) {
    const f = factsOf(i);
    countProblem(countsNow, f, asOf, asOf, windowMs);
    countProblem(countsThen, f, before, asOf, windowMs);
    if (supervisionLevel(f, asOf, ctx) === 'red') redNow++;
    if (supervisionLevel(f, before, ctx) === 'red') redThen++;
    if (isReportedBy(f, before)) reportedThen++;
    if (isOverdueAt(f, before)) overdueThen++;
    const d = isDerivedRebound(f, windowMs);
    if (d) derivedRebounds++;
    if (f.declaredRebound) declared++;
    if (d && f.declaredRebound) both++;
  }
  const now = { counts: countsNow, kpis: kpisOf(countsNow), red: redNow };
  const then = { counts: countsThen, kpis: kpisOf(countsThen), red: redThen };
  const onTime = (k: number | null): number => k ?? 0;

  const header: Omit<LedgerTableHeader, 'offsets'> = {
    version: 1,
    rows: n,
    bounds: [w, s, e, nth],
    asOf,
    categories,
    departments,
    communities,
    grids,
    statuses: PROBLEM_STATUSES,
    natures: PROBLEM_NATURES,
    sources: PROBLEM_SOURCES,
    calendar: inputs.calendarDays,
    settings,
    textRowsPerChunk: TEXT_ROWS_PER_CHUNK,
    sortedByReported: true,
  };
  // The last whole month's lists, by the workspace's own engine on the table just built.
  const engine = new LedgerEngine({ ...header, offsets: {} as LedgerTableHeader['offsets'] }, columns);
  const lastMonth = monthOf(oneMonthBefore(asOf, settings.office.utcOffsetMinutes), settings.office.utcOffsetMinutes);
  const ranked = engine.query({
    filter: emptyFilter(),
    asOf,
    reboundWindowDays: settings.reboundWindowDays,
    window: { from: null, to: null },
    month: lastMonth,
    week: asOf,
    binMetres: ENGINE_DEFAULTS.binMetres,
    listLimit: 0,
  }).redBlack;
  const lite = ({ code, name, score, rank, list, found, overdue }: RankedUnit) => ({ code, name, score, rank, list, found, overdue });
  const redBlack = { month: ranked.month, communities: ranked.communities.map(lite), grids: ranked.grids.map(lite) };

  return {
    header,
    columns,
    text,
    redBlack,
    headline: { problemsRed: now.red, onTimeClosureRate: onTime(now.kpis.onTimeClosureRate) },
    previousMonth: {
      problemsTotal: reportedThen,
      problemsOpen: then.counts.open,
      problemsOverdue: overdueThen,
      closureRate: then.kpis.closureRate ?? 0,
      problemsRed: then.red,
      onTimeClosureRate: onTime(then.kpis.onTimeClosureRate),
    },
    rebounds: { derived: derivedRebounds, declared, both },
    places: { backStreet, noProperty },
    firstReported,
    lastReported,
    logLine:
      `${n} rows, ${now.red} red at as-of, 按期结案率 ${((now.kpis.onTimeClosureRate ?? 0) * 100).toFixed(1)}%, ` +
      `${derivedRebounds} rebounds derived (${declared} declared, ${both} both), ${backStreet} on back streets, ${noProperty} in 无物业小区, ` +
      `${completion.computedDeadlines} deadlines computed, ${completion.routedDepartments} departments routed`,
  };
}

/** A table time (minutes after the report, or LEDGER_NULL) as epoch ms; a function, not a closure per row. */
function timeAt(baseMinutes: number, v: number): number | null {
  return v === LEDGER_NULL ? null : (baseMinutes + v) * MINUTE_MS;
}

/** The same local day and time one calendar month earlier (the 31st falls back to the month's last day). */
export function oneMonthBefore(ms: number, utcOffsetMinutes: number): number {
  const off = utcOffsetMinutes * MINUTE_MS;
  const d = new Date(ms + off);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return Date.UTC(y, m - 1, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()) - off;
}

/** Quantisation box: the sub-district's bounds, widened to every problem (all are inside after normalise). */
function boundsOf(input: ValidInputs, problems: ProblemTable): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const rings = input.boundary.geometry.type === 'Polygon' ? [input.boundary.geometry.coordinates] : input.boundary.geometry.coordinates;
  for (const polygon of rings) {
    for (const [x, y] of polygon[0] ?? []) {
      w = Math.min(w, x!);
      e = Math.max(e, x!);
      s = Math.min(s, y!);
      n = Math.max(n, y!);
    }
  }
  for (let i = 0; i < problems.length; i++) {
    w = Math.min(w, problems.lon[i]!);
    e = Math.max(e, problems.lon[i]!);
    s = Math.min(s, problems.lat[i]!);
    n = Math.max(n, problems.lat[i]!);
  }
  return [w, s, e, n];
}
