/**
 * `node --import tsx bench/lighting.ts <case>` — the dark-segment derivation (segment the roads,
 * find lit and dark parts against a KDBush of working lamps, join the dark stretches, credit the
 * faulty lamps, share road and dark length out over the grids), timed on one dataset. Prints one
 * JSON line: wall time of the derivation (not of reading or generating the data), peak RSS, and
 * each step. Cases:
 *   sample       the demo sub-district (data/sample: roads.geojson, lamps.geojson, grids_l4.geojson);
 *   cambridge    Cambridge, MA (data/realdata/cambridge-ma through the mapping adapter);
 *   seeded:N     a seeded city of N lamps on a street lattice cut into ≈ N/2 segments of ≈ 50 m
 *                (N = 100,000: 2,500 km of streets, 50,000 segments, 40 lamps per km, 5 % faulty).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import { ROAD_GRADES, type LampStatus, type RoadGrade } from '../src/contract';
import { darkStreets, type LampInput } from '../src/analysis/lighting/dark-streets';
import { lightingFigures, type CellDefinition, type RoadStretchForFigures } from '../src/analysis/lighting/lighting-figures';
import { metricFrame, toLonLat } from '../src/analysis/lighting/metric-frame';
import type { BoundaryClip, RoadInput } from '../src/analysis/lighting/road-segments';
import { GridLocator } from '../src/analysis/grid-locator';
import { writeMappedOffice } from '../scripts/pipeline/lighting/mapped-office';
import { REPO_ROOT } from './datasets';

interface Dataset {
  roads: RoadInput[];
  lamps: LampInput[];
  grids: { code: string; name: string; geometry: Polygon | MultiPolygon }[];
  clip: BoundaryClip;
  darkDistanceM: Record<RoadGrade, number>;
  segmentLengthM: number;
}

const everyClass = (m: number): Record<RoadGrade, number> => Object.fromEntries(ROAD_GRADES.map((g) => [g, m])) as Record<RoadGrade, number>;

function readFc<G extends Point | LineString | MultiLineString | Polygon | MultiPolygon>(path: string): FeatureCollection<G, Record<string, unknown>> {
  return JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection<G, Record<string, unknown>>;
}

/** An office folder's roads, lamps, grids and boundary, as the lighting stage sees them. */
function officeDataset(dir: string, darkDistanceM: Record<RoadGrade, number>): Dataset {
  const roads = readFc<LineString | MultiLineString>(join(dir, 'roads.geojson')).features.map((f) => ({
    id: String(f.properties.id),
    name: String(f.properties.name),
    class: f.properties.class as RoadGrade,
    lines: f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates,
  }));
  const lamps = readFc<Point>(join(dir, 'lamps.geojson')).features.map((f) => ({ lon: f.geometry.coordinates[0]!, lat: f.geometry.coordinates[1]!, status: f.properties.status as LampStatus }));
  const grids = readFc<Polygon | MultiPolygon>(join(dir, 'grids_l4.geojson')).features.map((f) => ({ code: String(f.properties.code), name: String(f.properties.name), geometry: f.geometry }));
  const boundary = readFc<Polygon | MultiPolygon>(join(dir, 'boundary.geojson')).features[0]!.geometry;
  return { roads, lamps, grids, clip: { polygon: boundary, toleranceM: 10 }, darkDistanceM, segmentLengthM: 25 };
}

/** mulberry32: a small seeded generator, so two runs time the same city. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A street lattice (100 m blocks, vertices jittered a few metres) of about N/40 km, N lamps along it
 * at random positions and kerb offsets, 5 % faulty and 2 % removed, and a 1 km grid of cells.
 */
function seededDataset(lamps: number): Dataset {
  const rnd = random(7);
  const frame = metricFrame(118.78, 32.04);
  const km = lamps / 40;
  // A k × k lattice of 100 m blocks has 2·k·(k + 1) · 0.1 km of street.
  const k = Math.max(2, Math.round((-1 + Math.sqrt(1 + (2 * km) / 0.1)) / 2));
  const size = k * 100;
  const ll = (x: number, y: number): [number, number] => toLonLat(frame, x - size / 2, y - size / 2);
  const roads: RoadInput[] = [];
  for (let i = 0; i <= k; i++) {
    for (const vertical of [false, true]) {
      const line: [number, number][] = [];
      for (let j = 0; j <= k; j++) {
        const jitter = () => (rnd() - 0.5) * 6;
        line.push(vertical ? ll(i * 100 + jitter(), j * 100) : ll(j * 100, i * 100 + jitter()));
      }
      roads.push({ id: `${vertical ? 'V' : 'H'}${i}`, name: `路${i}`, class: ROAD_GRADES[i % 4]!, lines: [line] });
    }
  }
  const out: LampInput[] = [];
  for (let n = 0; n < lamps; n++) {
    const road = roads[Math.floor(rnd() * roads.length)]!;
    const line = road.lines[0]!;
    const seg = Math.floor(rnd() * (line.length - 1));
    const t = rnd();
    const [x0, y0] = line[seg]!;
    const [x1, y1] = line[seg + 1]!;
    const offset = (3 + rnd() * 9) * (rnd() < 0.5 ? -1 : 1);
    const vertical = road.id.startsWith('V');
    const lon = x0! + (x1! - x0!) * t + (vertical ? offset / frame.kx : 0);
    const lat = y0! + (y1! - y0!) * t + (vertical ? 0 : offset / frame.ky);
    const r = rnd();
    out.push({ lon, lat, status: r < 0.02 ? 'removed' : r < 0.07 ? 'faulty' : 'working' });
  }
  const grids: Dataset['grids'] = [];
  const cells = Math.max(1, Math.round(size / 1000));
  const step = size / cells;
  for (let gx = 0; gx < cells; gx++) {
    for (let gy = 0; gy < cells; gy++) {
      const ring = [ll(gx * step, gy * step), ll((gx + 1) * step, gy * step), ll((gx + 1) * step, (gy + 1) * step), ll(gx * step, (gy + 1) * step), ll(gx * step, gy * step)];
      grids.push({ code: `G${gx}-${gy}`, name: `网格${gx}-${gy}`, geometry: { type: 'Polygon', coordinates: [ring] } });
    }
  }
  const boundary: Polygon = { type: 'Polygon', coordinates: [[ll(-1, -1), ll(size + 1, -1), ll(size + 1, size + 1), ll(-1, size + 1), ll(-1, -1)]] };
  // 55 m: each 100 m block edge (a little longer with the jitter) becomes two segments, ≈ 50 m each.
  return { roads, lamps: out, grids, clip: { polygon: boundary, toleranceM: 10 }, darkDistanceM: everyClass(25), segmentLengthM: 55 };
}

function datasetFor(name: string): Dataset {
  if (name === 'sample') return officeDataset(join(REPO_ROOT, 'data', 'sample'), { main: 25, secondary: 25, branch: 20, back_street: 15 });
  if (name === 'cambridge') {
    const staging = join(REPO_ROOT, '.tmp', 'bench', 'cambridge-office');
    writeMappedOffice(join(REPO_ROOT, 'data', 'cambridge-ma', 'lighting-import.json'), staging);
    return officeDataset(staging, everyClass(25));
  }
  const m = /^seeded:(\d+)$/.exec(name);
  if (m) return seededDataset(Number(m[1]));
  throw new Error(`unknown case "${name}"; expected sample, cambridge or seeded:N`);
}

function main(): void {
  const data = datasetFor(process.argv[2] ?? 'sample');
  const started = performance.now();
  const result = darkStreets({ roads: data.roads, lamps: data.lamps, darkDistanceM: data.darkDistanceM, segmentLengthM: data.segmentLengthM, clip: data.clip });
  const cellsStart = performance.now();
  const locator = new GridLocator(data.grids.map((g) => ({ code: g.code, geometry: g.geometry })));
  const seg = result.segments;
  const stretches: RoadStretchForFigures[] = [];
  for (let i = 0; i < seg.count; i++) {
    const [lon, lat] = toLonLat(seg.frame, (seg.ax[i]! + seg.bx[i]!) / 2, (seg.ay[i]! + seg.by[i]!) / 2);
    stretches.push({ class: data.roads[seg.road[i]!]!.class, grid: locator.locate(lon, lat) ?? '', lengthM: seg.length[i]!, darkM: result.dark.darkM[i]! });
  }
  const cells: CellDefinition[] = [{ code: 'S', level: 'subdistrict', name: 'S', parent: '' }, ...data.grids.map((g) => ({ code: g.code, level: 'l4' as const, name: g.name, parent: 'S' }))];
  const lampCells = data.lamps.map((l) => ({ status: l.status, type: 'grid' as const, grid: locator.locate(l.lon, l.lat) ?? '' }));
  const figures = lightingFigures(cells, lampCells, stretches);
  const ended = performance.now();
  const dark = result.roadDarkM.reduce((s, d) => s + d, 0);
  console.log(
    JSON.stringify({
      wallMs: ended - started,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      stages: { segment: result.timings.segment, derive: result.timings.derive, stretches: result.timings.stretches, cells: ended - cellsStart },
      lamps: data.lamps.length,
      segments: seg.count,
      roadKm: Math.round(result.roadLengthM.reduce((s, d) => s + d, 0) / 100) / 10,
      darkShare: Math.round((dark / Math.max(1, figures[0]!.roadM.main + figures[0]!.roadM.secondary + figures[0]!.roadM.branch + figures[0]!.roadM.back_street)) * 1000) / 1000,
    }),
  );
}

main();
