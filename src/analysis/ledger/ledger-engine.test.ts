import { describe, expect, it } from 'vitest';
import { LEDGER_FLAG, LEDGER_NULL, PROBLEM_NATURES, PROBLEM_SOURCES, PROBLEM_STATUSES, type LedgerTableHeader } from '../../contract';
import { emptyFilter, type LedgerFilter } from './filters';
import { ENGINE_DEFAULTS, LedgerEngine, type LedgerQuery } from './ledger-engine';
import { allocateColumns, decodeLedgerTable, encodeLedgerTable, quantise } from './ledger-table';
import { LEDGER_DEFAULTS } from './settings';
import { cst, LEDGER, T } from './test-fixtures';

/**
 * The hand-worked ledger of test-fixtures.ts placed in two communities and three grids:
 *   c0 (1,000 households, adopted by BM02) = G0 (600) + G1 (400);  c1 (400) = G2.
 *   A, B, F, G in G0 (G rebounds A's closure) · C, H in G1 · D, E in G2.
 *   Categories: 01001 (major 01, severity 2) for A B E F G; 04001 (major 04, severity 3) for C D H.
 *   Departments: BM01 for A C E F G; BM02 for B D H. Sources: D by hotline, the rest inspection.
 *   E lies on a back street, D in a compound without property management.
 */
const ROWS = [
  { id: 'A', f: LEDGER.A, cat: 0, dept: 0, grid: 0 },
  { id: 'B', f: LEDGER.B, cat: 0, dept: 1, grid: 0 },
  { id: 'C', f: LEDGER.C, cat: 1, dept: 0, grid: 1 },
  { id: 'D', f: LEDGER.D, cat: 1, dept: 1, grid: 2, source: 'hotline', flags: LEDGER_FLAG.noProperty },
  { id: 'E', f: LEDGER.E, cat: 0, dept: 0, grid: 2, flags: LEDGER_FLAG.backStreet },
  { id: 'F', f: LEDGER.F, cat: 0, dept: 0, grid: 0 },
  { id: 'G', f: LEDGER.G, cat: 0, dept: 0, grid: 0 },
  { id: 'H', f: LEDGER.H, cat: 1, dept: 1, grid: 1 },
];

function fixtureEngine(lists = LEDGER_DEFAULTS.lists, order: readonly number[] = ROWS.map((_, i) => i)): LedgerEngine {
  const rows = order.map((i) => ROWS[i]!);
  const sortedByReported = rows.every((r, i) => i === 0 || r.f.reported >= rows[i - 1]!.f.reported);
  const columns = allocateColumns(ROWS.length);
  const bounds: [number, number, number, number] = [118.78, 32.04, 118.79, 32.05];
  const min = (ms: number | null, base: number): number => (ms === null ? LEDGER_NULL : Math.floor(ms / 60_000) - base);
  rows.forEach((r, i) => {
    const base = Math.floor(r.f.reported / 60_000);
    columns.x[i] = quantise(118.781 + i * 0.001, bounds[0], bounds[2]);
    columns.y[i] = quantise(32.041 + i * 0.001, bounds[1], bounds[3]);
    columns.category[i] = r.cat;
    columns.department[i] = r.dept;
    columns.grid[i] = r.grid;
    columns.status[i] = PROBLEM_STATUSES.indexOf(r.f.status);
    columns.nature[i] = PROBLEM_NATURES.indexOf('prominent');
    columns.source[i] = PROBLEM_SOURCES.indexOf((r.source ?? 'inspection') as never);
    columns.returns[i] = r.f.returns;
    columns.flags[i] = r.flags ?? 0;
    columns.reported[i] = base;
    columns.registered[i] = min(r.f.registered, base);
    columns.dispatched[i] = min(r.f.dispatched, base);
    columns.disposed[i] = min(r.f.disposed, base);
    columns.verified[i] = min(r.f.verified, base);
    columns.closed[i] = min(r.f.closed, base);
    columns.deadline[i] = min(r.f.deadline, base);
    columns.prevClose[i] = min(r.f.prevClose, base);
  });
  const header: Omit<LedgerTableHeader, 'offsets'> = {
    version: 1,
    rows: ROWS.length,
    bounds,
    asOf: T,
    categories: [
      { code: '01001', name: '暴露垃圾', major_code: '01', major_name: '市容环境', severity: 2, deadline_unit: 'hours', deadline_value: 2, default_department: 'BM01' },
      { code: '04001', name: '消防通道堵塞', major_code: '04', major_name: '安全隐患', severity: 3, deadline_unit: 'hours', deadline_value: 24, default_department: 'BM02' },
    ],
    departments: [
      { code: 'BM01', name: '网格中心', level: 'street' },
      { code: 'BM02', name: '物业办', level: 'street' },
    ],
    communities: [
      { code: 'c0', name: '甲社区', adopting_dept: 'BM02', households: 1000 },
      { code: 'c1', name: '乙社区', adopting_dept: '', households: 400 },
    ],
    grids: [
      { code: 'G0', name: '一网格', community: 0, chief: '张', households: 600 },
      { code: 'G1', name: '二网格', community: 0, chief: '李', households: 400 },
      { code: 'G2', name: '三网格', community: 1, chief: '王', households: 400 },
    ],
    statuses: PROBLEM_STATUSES,
    natures: PROBLEM_NATURES,
    sources: PROBLEM_SOURCES,
    calendar: { holidays: [], workdays: [] },
    // The hand-worked scores below use deductions of 0.5 a problem found and 1 an overdue one.
    settings: { ...LEDGER_DEFAULTS, lists, score: { ...LEDGER_DEFAULTS.score, perFound: 0.5, perOverdue: 1 } },
    textRowsPerChunk: 5000,
    sortedByReported,
  };
  // Through the file format and back, as the worker gets it.
  const bytes = encodeLedgerTable(header, columns);
  const { header: h, columns: c } = decodeLedgerTable(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return new LedgerEngine(h, c);
}

const query = (filter: Partial<LedgerFilter> = {}, extra: Partial<LedgerQuery> = {}): LedgerQuery => ({
  filter: { ...emptyFilter(), ...filter },
  asOf: T,
  reboundWindowDays: 30,
  window: { from: null, to: null },
  month: '2026-11',
  week: T,
  binMetres: ENGINE_DEFAULTS.binMetres,
  listLimit: 50,
  ...extra,
});

describe('the ledger engine on the hand-worked ledger', () => {
  const engine = fixtureEngine();

  it('gives the same figures as the KPI module, after a round trip through the table file', () => {
    const r = engine.query(query());
    expect(r.matched).toBe(7); // F is reported after T
    expect(r.total.kpis).toEqual({
      closureRate: 0.5,
      onTimeClosureRate: 2 / 6,
      overdueRate: 0.5,
      reworkRate: 0.5,
      recurrenceRate: 1 / 3,
      meanHandlingHours: expect.closeTo((29 + 50 / 60 + 193 + 30) / 3, 9) as unknown as number,
      reconciliationRate: 0.75,
    });
    expect(r.supervision).toEqual({ white: 1, yellow: 1, red: 2 }); // D white, H yellow, C and E red
  });

  it('splits the figures by community, grid and department', () => {
    const r = engine.query(query());
    expect(r.communities.map((c) => c.counts.reported)).toEqual([5, 2]); // A B C G H · D E
    expect(r.grids.map((g) => g.counts.reported)).toEqual([3, 2, 2]);
    expect(r.grids[0]!.kpis.recurrenceRate).toBe(1 / 3); // G after A, of A B G closed
    expect(r.departments.map((d) => d.counts.open)).toEqual([2, 2]); // C E · D H
    expect(r.communities[1]!.supervision).toEqual([1, 0, 1]); // D white, E red
  });

  it.each<[string, Partial<LedgerFilter>, number]>([
    ['a major class', { majors: ['04'] }, 3], // C D H
    ['a category', { categories: ['01001'] }, 4], // A B E G
    ['a community', { community: 'c1' }, 2], // D E
    ['a grid (which wins over its community)', { community: 'c1', grid: 'G1' }, 2], // C H
    ['a status at the as-of', { statuses: ['closed'] }, 3], // A B G
    ['the derived nature', { natures: ['rebound'] }, 1], // G
    ['a department', { departments: ['BM02'] }, 3], // B D H
    ['a source', { sources: ['hotline'] }, 1], // D
    ['a reported-date range', { from: '2026-11-15', to: '2026-11-19' }, 3], // C E H
  ])('follows %s', (_, filter, expected) => {
    const r = engine.query(query(filter));
    expect(r.matched).toBe(expected);
    expect(r.total.counts.reported).toBe(expected);
    expect(r.list.total).toBe(expected);
    expect(engine.selectedRows()).toHaveLength(expected);
  });

  it('counts rebounds at the window asked for', () => {
    // G came 7.8 days after A's closure.
    expect(engine.query(query({ natures: ['rebound'] }, { reboundWindowDays: 7 })).matched).toBe(0);
    expect(engine.query(query({ natures: ['rebound'] }, { reboundWindowDays: 8 })).matched).toBe(1);
  });

  it('sees the ledger as it was at an earlier as-of', () => {
    const r = engine.query(query({}, { asOf: cst(11, 12, 12) }));
    expect(r.matched).toBe(3); // A B G
    expect(r.total.kpis.closureRate).toBe(2 / 3);
    expect(r.byStatus[PROBLEM_STATUSES.indexOf('verifying')]).toBe(1); // B
  });

  it('ranks the grids and communities of the month by the documented score', () => {
    const ranked = fixtureEngine({ red: 1, black: 1 }).query(query()).redBlack;
    // G0: found A 1 + B 1 + G 2 (rebound) = 4, none overdue, 600 hh: 100 − 0.5 × 4 / 0.6 = 96.67
    // G1: found C 1 + H 1 = 2, C overdue 1, 400 hh (scored as 500): 100 − (1 + 1) / 0.5 = 96
    // G2: found D 1.5 (no property) + E 1.5 (back street) = 3, E overdue 1.5: 100 − (1.5 + 1.5) / 0.5 = 94
    expect(ranked.grids.map((g) => [g.code, g.score, g.list])).toEqual([
      ['G0', 96.67, 'red'],
      ['G1', 96, null],
      ['G2', 94, 'black'],
    ]);
    // c0 = G0 + G1: 100 − (0.5 × 6 + 1) / 1 = 96; c1 = G2 = 94.
    expect(ranked.communities.map((c) => [c.code, c.score])).toEqual([
      ['c0', 96],
      ['c1', 94],
    ]);
  });

  it('ranks every unit even when one community is chosen (the choice shows where it stands)', () => {
    const e = fixtureEngine({ red: 1, black: 1 });
    const all = e.query(query()).redBlack;
    const chosen = e.query(query({ community: 'c1' }));
    expect(chosen.matched).toBe(2);
    expect(chosen.redBlack).toEqual(all);
    // Other filters do apply: only major 04 (C, D, H) → G1 found 2, G2 found 1.
    expect(e.query(query({ majors: ['04'] })).redBlack.grids.map((g) => [g.code, g.found])).toEqual([
      ['G0', 0],
      ['G2', 1],
      ['G1', 2],
    ]);
  });

  it('gives the same answers when the rows come in report order (the pipeline’s order)', () => {
    const order = ROWS.map((_, i) => i).sort((a, b) => ROWS[a]!.f.reported - ROWS[b]!.f.reported);
    const sorted = fixtureEngine(LEDGER_DEFAULTS.lists, order);
    const id = (e: LedgerEngine, rows: number[]) => rows.map((r) => ROWS[order.length && e === sorted ? order[r]! : r]!.id);
    for (const filter of [{}, { majors: ['04'] }, { from: '2026-11-15', to: '2026-11-19' }, { community: 'c1' }] as Partial<LedgerFilter>[]) {
      const a = engine.query(query(filter));
      const b = sorted.query(query(filter));
      expect(b.matched).toBe(a.matched);
      expect(b.total).toEqual(a.total);
      expect(b.redBlack).toEqual(a.redBlack);
      expect(id(sorted, b.list.rows)).toEqual(id(engine, a.list.rows));
    }
  });

  it('lists the week’s plan and the overdue by urgency', () => {
    const r = engine.query(query());
    // Week of 16–23 November: C (19th), H (17th), E (20th), D (22nd) are due and open.
    expect(r.plan.dueCount).toBe(4);
    expect(r.plan.due.map((d) => d.key)).toEqual(['BM01', 'BM02']);
    // C: 30.5 h late × severity 3 = 91.5; E: 5 h × 2 = 10. H is past its deadline but disposed in time.
    expect(r.plan.overdue.map((p) => ROWS[p.row]!.id)).toEqual(['C', 'E']);
  });

  it('lists the supervised (red first) and the latest reports first', () => {
    const r = engine.query(query());
    expect(r.supervisionList.rows.map((s) => [ROWS[s.row]!.id, s.level])).toEqual([
      ['C', 'red'],
      ['E', 'red'],
      ['H', 'yellow'],
    ]);
    expect(r.list.rows.map((i) => ROWS[i]!.id)).toEqual(['D', 'E', 'C', 'H', 'G', 'B', 'A']);
  });

  it('bins the matched problems for the map, and finds single points in a box', () => {
    const r = engine.query(query({ majors: ['04'] }));
    expect(r.binCount).toBe(3);
    let all = 0;
    for (let b = 0; b < r.binCount; b++) all += r.bins[b * 12 + 2]!;
    expect(all).toBe(3);
    const { rows } = engine.pointsIn([118.7825, 32.0425, 118.7845, 32.0445], 10);
    expect(rows.map((i) => ROWS[i]!.id)).toEqual(['C', 'D']);
  });
});
