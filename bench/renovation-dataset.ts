/**
 * A seeded office for the renovation benchmark, made in memory at the scale issue 4 names: 2,000
 * level-4 grids (a 50 × 40 lattice of ~120 m cells in 20 communities), 5,000 compounds (a third of
 * them drawn across a grid line, so the area split really clips), ~2,000 projects of 1–3
 * compounds with lifecycle dates since 2020, 200 road works, 200 public-space works, 50
 * demonstration sites and 200,000 ledger problems for the problems-per-compound join. Same seed,
 * same office, so two runs compare.
 */
import type { LineString, Point, Polygon } from 'geojson';
import type { Community, Compound, GridL4, ProblemRecord, ProjectRecord, ProjectStatus } from '../src/contract';
import { PROJECT_STATUSES, PUBLIC_SPACE_KINDS, type DemonstrationSiteRecord, type PublicSpaceWorkRecord, type RoadWorkRecord } from '../src/contract';
import { Rng } from '../scripts/demo/random';
import { RENOVATION_ITEMS } from '../scripts/demo/tables';
import type { Areal, Located, ValidInputs } from '../scripts/pipeline/validate';

export const RENOVATION_BENCH = {
  seed: 7,
  gridColumns: 50,
  gridRows: 40,
  /** Grid cell size in degrees (≈ 120 m × 130 m at 32°N). */
  cellDeg: 0.0013,
  compounds: 5_000,
  projects: 2_000,
  roadWorks: 200,
  publicSpaceWorks: 200,
  sites: 50,
  problems: 200_000,
  /** The as-of instant: 2026-11-20 17:00 China time. */
  asOf: Date.UTC(2026, 10, 20, 9),
};

const W = 118.7;
const S = 32.0;

function rect(w: number, s: number, e: number, n: number): Polygon {
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

function located<T, G extends Polygon | LineString | Point | null>(value: T, geometry: G, row: number): Located<T, G> {
  return { value, geometry, file: 'bench', row };
}

/** The inputs the renovation derivation reads, for the seeded office (other layers empty). */
export function seededRenovationInputs(o = RENOVATION_BENCH): ValidInputs {
  const rng = new Rng(o.seed);
  const sub = '320102099';
  const communities: Located<Community, Areal>[] = [];
  const gridsL4: Located<GridL4, Areal>[] = [];
  const blockCols = 10;
  const blockRows = 10;
  for (let cy = 0; cy < o.gridRows / blockRows; cy++) {
    for (let cx = 0; cx < o.gridColumns / blockCols; cx++) {
      const code = `${sub}${String(communities.length + 1).padStart(3, '0')}`;
      const w = W + cx * blockCols * o.cellDeg;
      const s = S + cy * blockRows * o.cellDeg;
      communities.push(located({ code, name: `社区${communities.length + 1}`, area_code: 'PQ01', kind: 'community', adopting_dept: '' }, rect(w, s, w + blockCols * o.cellDeg, s + blockRows * o.cellDeg), communities.length + 1));
      for (let k = 0; k < blockCols * blockRows; k++) {
        const gx = cx * blockCols + (k % blockCols);
        const gy = cy * blockRows + Math.floor(k / blockCols);
        const gw = W + gx * o.cellDeg;
        const gs = S + gy * o.cellDeg;
        gridsL4.push(located({ code: `${code}${String(k + 1).padStart(3, '0')}`, community_code: code, name: `网格${gridsL4.length + 1}`, chief: '', households: 300, merchants: 10 }, rect(gw, gs, gw + o.cellDeg, gs + o.cellDeg), gridsL4.length + 1));
      }
    }
  }

  const width = o.gridColumns * o.cellDeg;
  const height = o.gridRows * o.cellDeg;
  const compounds: Located<Compound, Areal>[] = [];
  for (let i = 0; i < o.compounds; i++) {
    const size = rng.range(0.0003, 0.0008);
    // A third are centred on a grid line, so they straddle two (or four) grids.
    const straddle = rng.chance(1 / 3);
    let x = W + rng.range(0, width - size);
    let y = S + rng.range(0, height - size);
    if (straddle) x = W + Math.max(1, Math.round((x - W) / o.cellDeg)) * o.cellDeg - size * rng.range(0.2, 0.8);
    x = Math.min(x, W + width - size);
    y = Math.min(y, S + height - size);
    const built = rng.int(1960, 2020);
    compounds.push(
      located({ id: `XQ${String(i + 1).padStart(5, '0')}`, name: `小区${i + 1}`, built_year: built, households: rng.int(20, 900), buildings: rng.int(1, 20), property_management: rng.pick(['none', 'simple', 'professional'] as const), address: '' }, rect(x, y, x + size, y + size * rng.range(0.6, 1.4)), i + 1),
    );
  }

  const day = 86_400_000;
  const start2020 = Date.UTC(2020, 0, 10);
  const projects: Located<ProjectRecord, null>[] = [];
  const oldIds = compounds.filter((c) => c.value.built_year < 2000).map((c) => c.value.id);
  for (let i = 0; i < o.projects; i++) {
    const ids = new Set<string>();
    const n = rng.int(1, 3);
    while (ids.size < n) ids.add(rng.pick(oldIds));
    const planned = start2020 + rng.int(0, 2_400) * day;
    const steps = [planned];
    for (let k = 1; k < 5; k++) steps.push(steps[k - 1]! + rng.int(30, 200) * day);
    const times = steps.map((t) => (t <= o.asOf ? t : null));
    const status: ProjectStatus = PROJECT_STATUSES[times.filter((t) => t !== null).length - 1]!;
    const items = RENOVATION_ITEMS.filter(() => rng.chance(0.4)).map((it) => ({ code: it.code, quantity: rng.int(1, 500) }));
    const budget = rng.range(30, 400);
    projects.push(
      located(
        { id: `GZ${i + 1}`, name: `项目${i + 1}`, compound_ids: [...ids], batch_year: new Date(planned).getUTCFullYear(), status, planned_at: times[0]!, approved_at: times[1]!, started_at: times[2]!, completed_at: times[3]!, accepted_at: times[4]!, items, budget_wan: budget, funds_received_wan: budget * rng.range(0, 1) },
        null,
        i + 1,
      ),
    );
  }

  const roadWorks: Located<RoadWorkRecord, LineString>[] = [];
  for (let i = 0; i < o.roadWorks; i++) {
    const y = S + rng.range(0, height);
    const x = W + rng.range(0, width - 0.01);
    const year = rng.int(2020, 2026);
    roadWorks.push(located({ id: `DL${i + 1}`, name: `道路${i + 1}`, year, status: 'completed', budget_wan: 100, started_at: Date.UTC(year, 2, 1), completed_at: Math.min(o.asOf, Date.UTC(year, 8, 1)) }, { type: 'LineString', coordinates: [[x, y], [x + rng.range(0.002, 0.01), y + rng.range(-0.001, 0.001)]] }, i + 1));
  }
  const publicSpaceWorks: Located<PublicSpaceWorkRecord, Areal>[] = [];
  for (let i = 0; i < o.publicSpaceWorks; i++) {
    const x = W + rng.range(0, width - 0.001);
    const y = S + rng.range(0, height - 0.001);
    const year = rng.int(2020, 2026);
    publicSpaceWorks.push(located({ id: `GG${i + 1}`, name: `公共空间${i + 1}`, kind: rng.pick(PUBLIC_SPACE_KINDS), year, status: 'accepted', started_at: Date.UTC(year, 2, 1), completed_at: Math.min(o.asOf, Date.UTC(year, 9, 1)), budget_wan: 50 }, rect(x, y, x + rng.range(0.0002, 0.001), y + rng.range(0.0002, 0.001)), i + 1));
  }
  const demonstrationSites: Located<DemonstrationSiteRecord, Point>[] = [];
  for (let i = 0; i < o.sites; i++) {
    const c = compounds[rng.int(0, compounds.length - 1)]!;
    const ring = (c.geometry as Polygon).coordinates[0]!;
    demonstrationSites.push(located({ id: `SF${i + 1}`, name: `示范点${i + 1}`, theme: '人居环境', opened_at: Date.UTC(2023, 0, 1), compound_id: c.value.id, description: '' }, { type: 'Point', coordinates: [(ring[0]![0]! + ring[2]![0]!) / 2, (ring[0]![1]! + ring[2]![1]!) / 2] }, i + 1));
  }
  const problems: Located<ProblemRecord, null>[] = [];
  for (let i = 0; i < o.problems; i++) {
    const reported = o.asOf - rng.int(0, 700) * day;
    problems.push(
      located(
        { id: `P${i}`, lon: W + rng.range(0, width), lat: S + rng.range(0, height), category_code: '06001', status: 'closed', nature: 'prominent', source: 'inspection', department_code: 'BM01', description: '', address: '', reported_at: reported, registered_at: null, dispatched_at: null, disposed_at: null, verified_at: null, closed_at: reported, deadline: reported, returns: 0 } as ProblemRecord,
        null,
        i + 1,
      ),
    );
  }

  return {
    config: { oldCompoundBefore: 2000, subDistrict: { code: sub, name: '基准街道' } },
    asOf: o.asOf,
    communities,
    gridsL4,
    compounds,
    projects,
    roadWorks,
    publicSpaceWorks,
    demonstrationSites,
    problems,
    renovationItems: RENOVATION_ITEMS.map(({ code, name, class: c, unit }) => ({ code, name, class: c, unit })),
  } as unknown as ValidInputs;
}
