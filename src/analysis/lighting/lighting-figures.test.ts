import { describe, expect, it } from 'vitest';
import type { LampStatus, LampType } from '../../contract';
import { cellTotals, lightingFigures, type CellDefinition, type LampForFigures, type RoadStretchForFigures } from './lighting-figures';

/** Sub-district S: community C1 (grids G1, G2) and community C2 (grid G3, no lamps, no roads). */
const CELLS: CellDefinition[] = [
  { code: 'S', level: 'subdistrict', name: '街道', parent: '' },
  { code: 'C1', level: 'community', name: '一社区', parent: 'S' },
  { code: 'C2', level: 'community', name: '二社区', parent: 'S' },
  { code: 'G1', level: 'l4', name: '一网格', parent: 'C1' },
  { code: 'G2', level: 'l4', name: '二网格', parent: 'C1' },
  { code: 'G3', level: 'l4', name: '三网格', parent: 'C2' },
];

const lamps = (grid: string, status: LampStatus, n: number, type: LampType = 'grid'): LampForFigures[] => Array.from({ length: n }, () => ({ grid, status, type }));

const LAMPS: LampForFigures[] = [
  ...lamps('G1', 'working', 3),
  ...lamps('G1', 'faulty', 1, 'solar'),
  ...lamps('G1', 'removed', 1),
  ...lamps('G2', 'working', 2),
  // A lamp the register puts in no grid still counts for the sub-district.
  ...lamps('', 'faulty', 1),
];

const ROADS: RoadStretchForFigures[] = [
  { grid: 'G1', class: 'main', lengthM: 200, darkM: 50 },
  { grid: 'G1', class: 'back_street', lengthM: 100, darkM: 100 },
  { grid: 'G2', class: 'branch', lengthM: 300, darkM: 0 },
  { grid: '', class: 'secondary', lengthM: 100, darkM: 20 },
];

describe('lighting figures per cell (hand-worked)', () => {
  const figures = new Map(lightingFigures(CELLS, LAMPS, ROADS).map((f) => [f.code, f]));

  it('gives a grid its 亮灯率, 设施完好率 and lamps per km', () => {
    // G1: 5 positions, 4 standing, 3 working → 亮灯率 3/4, 完好率 3/5; 4 lamps on 0.3 km → 13.3 per km.
    expect(figures.get('G1')).toMatchObject({
      lampsRegistered: 5,
      lampsInstalled: 4,
      lampsWorking: 3,
      lampsFaulty: 1,
      lampsSolar: 1,
      lightingRate: 0.75,
      intactRate: 0.6,
      lampsPerKm: 13.3,
      roadM: { main: 200, secondary: 0, branch: 0, back_street: 100 },
      darkM: { main: 50, secondary: 0, branch: 0, back_street: 100 },
    });
  });

  it('rolls grids up into their community', () => {
    // C1 = G1 + G2: 7 positions, 6 standing, 5 working; 6 lamps on 0.6 km.
    expect(figures.get('C1')).toMatchObject({ lampsRegistered: 7, lampsInstalled: 6, lampsWorking: 5, lightingRate: 0.8333, intactRate: 0.7143, lampsPerKm: 10 });
    expect(cellTotals(figures.get('C1')!)).toEqual({ roadM: 600, darkM: 150, darkShare: 0.25 });
  });

  it('counts what lies in no grid for the sub-district only', () => {
    // S: 8 positions, 7 standing, 5 working; 700 m of road, 170 m dark, back streets 100 of 100 m dark.
    const s = figures.get('S')!;
    expect(s).toMatchObject({ lampsRegistered: 8, lampsInstalled: 7, lampsWorking: 5, lampsFaulty: 2, lightingRate: 0.7143, intactRate: 0.625, lampsPerKm: 10 });
    expect(s.darkM).toEqual({ main: 50, secondary: 20, branch: 0, back_street: 100 });
    expect(cellTotals(s)).toEqual({ roadM: 700, darkM: 170, darkShare: 170 / 700 });
  });

  it('has no rate where there is nothing to divide by', () => {
    expect(figures.get('G3')).toMatchObject({ lampsInstalled: 0, lightingRate: null, intactRate: null, lampsPerKm: null });
    expect(cellTotals(figures.get('G3')!).darkShare).toBeNull();
  });

  it('keeps the order of the cells it is given and needs the sub-district among them', () => {
    expect(lightingFigures(CELLS, [], []).map((f) => f.code)).toEqual(['S', 'C1', 'C2', 'G1', 'G2', 'G3']);
    expect(() => lightingFigures(CELLS.slice(1), [], [])).toThrow(/sub-district/);
  });
});
