import { describe, expect, it } from 'vitest';
import type { HeadlineFigures } from '../../contract';
import { kpi, kpiLevel, KPI_RULES, sceneFigures, wallKpis } from './kpi';

/**
 * The foundation's figures only, as a manifest written before the ledger and lighting pipelines
 * filled theirs (the contract requires them now; the wall still copes with an old manifest).
 */
const FOUNDATION = {
  problemsTotal: 1000,
  problemsOpen: 120,
  problemsOverdue: 30,
  closureRate: 0.88,
  compoundsOld: 100,
  compoundsRenovated: 40,
  compoundsUnderWay: 10,
  lampsInstalled: 200,
  lampsWorking: 196,
} as HeadlineFigures;

describe('key figures from the headline figures', () => {
  it('falls back to the figures the manifest has while the feature figures are missing', () => {
    const groups = wallKpis(FOUNDATION);
    expect(groups.map((g) => g.tiles.map((t) => t.key))).toEqual([
      ['problemsOpen', 'problemsOverdue', 'closureRate'],
      ['compoundsRenovated', 'compoundsUnderWay'],
      ['lightingRate', 'lampsFaulty'],
    ]);
    const [ledger, , lighting] = groups;
    // 196 / 200 = 0.98: exactly the 98% target, so good.
    expect(lighting!.tiles[0]).toMatchObject({ value: 0.98, target: 0.98, level: 'good', lastMonth: null });
    // 200 − 196 = 4 lamps out; no last month, so no colour.
    expect(lighting!.tiles[1]).toMatchObject({ value: 4, level: 'neutral', lastMonth: null, change: null });
    // 88% against the 95% target and above the 90% alarm line? No: 88% < 90% → alarm.
    expect(ledger!.tiles[2]).toMatchObject({ key: 'closureRate', value: 0.88, level: 'alarm' });
  });

  it('uses the feature figures and last month once the pipelines write them', () => {
    const h: HeadlineFigures = {
      ...FOUNDATION,
      problemsRed: 12,
      onTimeClosureRate: 0.85,
      darkLengthM: 1500,
      previousMonth: { problemsOpen: 100, problemsRed: 12, darkLengthM: 1600, lampsInstalled: 200, lampsWorking: 190 },
    };
    const [ledger, , lighting] = wallKpis(h);
    // 120 open against 100 last month: +20% > 10% → alarm, change +20.
    expect(ledger!.tiles[0]).toMatchObject({ key: 'problemsOpen', lastMonth: 100, change: 20, level: 'alarm' });
    // Red items unchanged (12 → 12): not worse, good.
    expect(ledger!.tiles[1]).toMatchObject({ key: 'problemsRed', value: 12, lastMonth: 12, change: 0, level: 'good' });
    // 85%: under the 90% target, above the 80% alarm line → warn; no last month for it.
    expect(ledger!.tiles[2]).toMatchObject({ key: 'onTimeClosureRate', level: 'warn', lastMonth: null });
    // Last month's 亮灯率 = 190 / 200 = 0.95, shown as its reference.
    expect(lighting!.tiles[0]).toMatchObject({ key: 'lightingRate', lastMonth: 0.95 });
    // Dark length fell 1600 → 1500 m: good.
    expect(lighting!.tiles[1]).toMatchObject({ key: 'darkLengthM', value: 1500, lastMonth: 1600, change: -100, level: 'good' });
  });

  it('colours counts against last month: any growth warns, growth past the rule alarms', () => {
    const rule = KPI_RULES.problemsOpen; // alarm past +10%
    expect(kpiLevel(rule, 105, 100)).toBe('warn');
    expect(kpiLevel(rule, 110, 100)).toBe('warn');
    expect(kpiLevel(rule, 111, 100)).toBe('alarm');
    expect(kpiLevel(rule, 90, 100)).toBe('good');
    expect(kpiLevel(rule, 1, 0)).toBe('alarm');
    expect(kpiLevel(rule, 5, null)).toBe('neutral');
    expect(kpiLevel(KPI_RULES.compoundsUnderWay, 5, 1)).toBe('neutral');
    expect(kpiLevel(KPI_RULES.compoundsRenovated, 39, 40)).toBe('warn');
  });

  it('has no 亮灯率 for a sub-district without lamps', () => {
    expect(kpi('lightingRate', { ...FOUNDATION, lampsInstalled: 0, lampsWorking: 0 })).toBeNull();
  });
});

describe("a scene's key figures", () => {
  it("follow the workspace, then the overlays of the view's layers", () => {
    expect(sceneFigures(FOUNDATION, '?ws=lighting').map((f) => f.key)).toEqual(['lightingRate', 'lampsFaulty', 'problemsOpen', 'problemsOverdue', 'closureRate', 'compoundsRenovated']);
    expect(sceneFigures(FOUNDATION, '?layers=renovation,grids')).toEqual([
      { key: 'compoundsRenovated', value: 40 },
      { key: 'compoundsUnderWay', value: 10 },
      { key: 'compoundsOld', value: 100 },
    ]);
    expect(sceneFigures(FOUNDATION, '?layers=grids').map((f) => f.key)).toEqual(['problemsOpen', 'problemsOverdue', 'closureRate']);
  });
});
