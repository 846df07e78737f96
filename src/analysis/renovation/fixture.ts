/**
 * A renovation product small enough to work every figure by hand (coverage.test.ts works them).
 *
 *   community 东社区 (0): grids G0, G1        community 西社区 (1): grid G2
 *
 *   compound  built  hh   grid shares          problems  projects
 *   A         1985   100  G0 1.0               3         P0, P3
 *   B         1990   200  G0 0.6 / G1 0.4      10        P0        ← straddles G0 and G1
 *   C         1995    50  G2 1.0               0         P1
 *   D         2005    80  G2 1.0               1         P2        ← not old (cut-off 2000)
 *   E         1970    40  (in no grid)         2         —
 *   F         1998   120  G1 1.0               10        —
 *
 *   project  compounds  planned     approved    started     completed   accepted    budget funds items
 *   P0       A, B       2021-01-15  2021-03-01  2021-06-01  2022-03-01  —           300    240   B01 300, I01 30
 *   P1       C          2022-02-01  2022-05-01  —           —           —            50     10   I01 6
 *   P2       D          2021-02-01  2021-04-01  2021-08-01  2021-12-01  2022-01-10   80     80   U04 400
 *   P3       A          2023-01-01  2023-02-01  2023-04-01  —           —            60     30   I01 10, U04 100
 *
 *   road work W0 500 m (G0 300, G2 200) completed 2022-06-30; W1 200 m (G1) unfinished.
 *   public space S0 1,000 m² (G1) completed 2021-10-01.
 *   demonstration sites: one in G0 opened 2022-05-01, one in no grid opened 2023-01-01.
 *   asOf 2023-06-30 12:00 (China time).
 */
import type { RenovationProduct } from '../../contract';

/** Epoch ms of a China-time date (and hour). */
export function cst(date: string, hour = 9): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d, hour - 8);
}

const bbox: [number, number, number, number] = [118.78, 32.04, 118.8, 32.05];

export function handWorkedProduct(): RenovationProduct {
  const compound = (id: string, built_year: number, households: number, grid: number, shares: [number, number][], problems12m: number, projects: number[]) => ({
    id,
    name: `${id}小区`,
    built_year,
    households,
    buildings: 2,
    pm: 'none' as const,
    bbox,
    grid,
    shares,
    problems12m,
    projects,
  });
  const work = (id: string, amount: number, shares: [number, number][], completed: number | null) => ({
    id,
    name: id,
    year: 2022,
    status: completed === null ? ('under_construction' as const) : ('completed' as const),
    budget_wan: 10,
    started: cst('2022-03-01'),
    completed,
    amount,
    shares,
    bbox,
  });
  return {
    schemaVersion: 1,
    asOf: cst('2023-06-30', 12),
    firstMonth: '2020-01',
    lastMonth: '2023-06',
    oldCompoundBefore: 2000,
    items: [
      { code: 'B01', name: '供水管网改造', class: 'basic', unit: '米' },
      { code: 'I01', name: '电动车充电桩', class: 'improve', unit: '个' },
      { code: 'U04', name: '口袋公园', class: 'upgrade', unit: '平方米' },
    ],
    communities: [
      { code: '320102099001', name: '东社区', bbox },
      { code: '320102099002', name: '西社区', bbox },
    ],
    grids: [
      { code: '320102099001001', name: 'G0', community: 0, bbox },
      { code: '320102099001002', name: 'G1', community: 0, bbox },
      { code: '320102099002001', name: 'G2', community: 1, bbox },
    ],
    compounds: [
      compound('A', 1985, 100, 0, [[0, 1]], 3, [0, 3]),
      compound('B', 1990, 200, 0, [[0, 0.6], [1, 0.4]], 10, [0]),
      compound('C', 1995, 50, 2, [[2, 1]], 0, [1]),
      compound('D', 2005, 80, 2, [[2, 1]], 1, [2]),
      compound('E', 1970, 40, -1, [], 2, []),
      compound('F', 1998, 120, 1, [[1, 1]], 10, []),
    ],
    projects: [
      { id: 'P0', name: 'A、B改造', compounds: [0, 1], batch_year: 2021, status: 'completed', times: [cst('2021-01-15'), cst('2021-03-01'), cst('2021-06-01'), cst('2022-03-01'), null], items: [[0, 300], [1, 30]], budget_wan: 300, funds_received_wan: 240 },
      { id: 'P1', name: 'C改造', compounds: [2], batch_year: 2022, status: 'approved', times: [cst('2022-02-01'), cst('2022-05-01'), null, null, null], items: [[1, 6]], budget_wan: 50, funds_received_wan: 10 },
      { id: 'P2', name: 'D改造', compounds: [3], batch_year: 2021, status: 'accepted', times: [cst('2021-02-01'), cst('2021-04-01'), cst('2021-08-01'), cst('2021-12-01'), cst('2022-01-10')], items: [[2, 400]], budget_wan: 80, funds_received_wan: 80 },
      { id: 'P3', name: 'A二期', compounds: [0], batch_year: 2023, status: 'under_construction', times: [cst('2023-01-01'), cst('2023-02-01'), cst('2023-04-01'), null, null], items: [[1, 10], [2, 100]], budget_wan: 60, funds_received_wan: 30 },
    ],
    roadWorks: [work('W0', 500, [[0, 300], [2, 200]], cst('2022-06-30')), work('W1', 200, [[1, 200]], null)],
    publicSpaceWorks: [{ ...work('S0', 1000, [[1, 1000]], cst('2021-10-01')), kind: 'pocket_park' }],
    demonstrationSites: [
      { id: 'S1', name: '示范点一', theme: '人居环境', opened: cst('2022-05-01'), lonLat: [118.785, 32.045], grid: 0, compound: 0 },
      { id: 'S2', name: '示范点二', theme: '垃圾分类', opened: cst('2023-01-01'), lonLat: [118.81, 32.045], grid: -1, compound: -1 },
    ],
  };
}
