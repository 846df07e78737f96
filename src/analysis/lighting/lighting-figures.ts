/**
 * Lighting figures per level-4 grid, community and the sub-district:
 *   亮灯率 (lighting rate)   = working lamps / installed lamps (working + faulty): of the lamps that
 *                              should light, how many do;
 *   设施完好率 (intact rate)  = working lamps / registered lamp positions (removed ones included: a
 *                              pole taken down is a facility no longer intact);
 *   lamps per km             = installed lamps / km of road in the cell;
 *   dark length              = metres of road farther than the dark distance from every working lamp,
 *                              by road class, back streets (背街小巷) reported on their own.
 * Lamps count in the grid the register or their position gives; road in the grid holding each
 * segment's middle. Grids roll up to their community and the sub-district.
 */
import { ROAD_GRADES, type LampStatus, type LampType, type LightingCellFigures, type RoadGrade } from '../../contract';

export interface CellDefinition {
  code: string;
  level: LightingCellFigures['level'];
  name: string;
  /** The community of a level-4 grid; the sub-district's code for a community; '' for the sub-district. */
  parent: string;
}

export interface LampForFigures {
  status: LampStatus;
  type: LampType;
  /** Level-4 grid code, '' when in no grid (still counts for the sub-district). */
  grid: string;
}

export interface RoadStretchForFigures {
  class: RoadGrade;
  /** Level-4 grid code, '' when in no grid. */
  grid: string;
  lengthM: number;
  darkM: number;
}

interface Tally {
  registered: number;
  installed: number;
  working: number;
  faulty: number;
  solar: number;
  roadM: Record<RoadGrade, number>;
  darkM: Record<RoadGrade, number>;
}

function emptyByClass(): Record<RoadGrade, number> {
  return Object.fromEntries(ROAD_GRADES.map((c) => [c, 0])) as Record<RoadGrade, number>;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const ratio = (num: number, den: number): number | null => (den > 0 ? Math.round((num / den) * 10_000) / 10_000 : null);

/**
 * Figures for every cell in `cells` (the sub-district first). Each lamp and road stretch adds to its
 * grid and every ancestor; one in no grid adds to the sub-district only.
 */
export function lightingFigures(cells: readonly CellDefinition[], lamps: Iterable<LampForFigures>, roads: Iterable<RoadStretchForFigures>): LightingCellFigures[] {
  const sub = cells.find((c) => c.level === 'subdistrict');
  if (!sub) throw new Error('lightingFigures: the cells must include the sub-district');
  const acc = new Map<string, Tally>(
    cells.map((c) => [c.code, { registered: 0, installed: 0, working: 0, faulty: 0, solar: 0, roadM: emptyByClass(), darkM: emptyByClass() }]),
  );
  const parentOf = new Map(cells.map((c) => [c.code, c.parent]));
  /** The cell and its ancestors, up to the sub-district (a grid in no known cell counts for the sub-district only). */
  const chain = (grid: string): Tally[] => {
    const out: Tally[] = [];
    for (let code = grid; code !== '' && acc.has(code) && code !== sub.code; code = parentOf.get(code) ?? '') out.push(acc.get(code)!);
    out.push(acc.get(sub.code)!);
    return out;
  };
  for (const lamp of lamps) {
    for (const c of chain(lamp.grid)) {
      c.registered++;
      if (lamp.status !== 'removed') c.installed++;
      if (lamp.status === 'working') c.working++;
      if (lamp.status === 'faulty') c.faulty++;
      if (lamp.type === 'solar' && lamp.status !== 'removed') c.solar++;
    }
  }
  for (const road of roads) {
    for (const c of chain(road.grid)) {
      c.roadM[road.class] += road.lengthM;
      c.darkM[road.class] += road.darkM;
    }
  }
  return cells.map((def) => {
    const c = acc.get(def.code)!;
    const roadTotal = ROAD_GRADES.reduce((s, k) => s + c.roadM[k], 0);
    return {
      code: def.code,
      level: def.level,
      name: def.name,
      lampsRegistered: c.registered,
      lampsInstalled: c.installed,
      lampsWorking: c.working,
      lampsFaulty: c.faulty,
      lampsSolar: c.solar,
      lightingRate: ratio(c.working, c.installed),
      intactRate: ratio(c.working, c.registered),
      lampsPerKm: roadTotal > 0 ? Math.round((c.installed / (roadTotal / 1000)) * 10) / 10 : null,
      roadM: Object.fromEntries(ROAD_GRADES.map((k) => [k, round1(c.roadM[k])])) as Record<RoadGrade, number>,
      darkM: Object.fromEntries(ROAD_GRADES.map((k) => [k, round1(c.darkM[k])])) as Record<RoadGrade, number>,
    };
  });
}

/** Total road and dark metres of a cell over all classes. */
export function cellTotals(cell: Pick<LightingCellFigures, 'roadM' | 'darkM'>): { roadM: number; darkM: number; darkShare: number | null } {
  const roadM = ROAD_GRADES.reduce((s, k) => s + cell.roadM[k], 0);
  const darkM = ROAD_GRADES.reduce((s, k) => s + cell.darkM[k], 0);
  return { roadM, darkM, darkShare: roadM > 0 ? darkM / roadM : null };
}
