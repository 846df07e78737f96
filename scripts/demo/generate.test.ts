/**
 * The whole demo, generated once from the real OSM extract, checked as the office's files:
 * tiling of the grid levels, codes, counts, lifecycles, everything inside the boundary.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { area, booleanPointInPolygon, featureCollection, intersect } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import Flatbush from 'flatbush';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetConfig } from '../../src/contract';
import { isCode, parentCode, PROJECT_STATUSES } from '../../src/contract';
import type { DemoResult } from './generate';
import { generateDemo, parseDemoArgs } from './generate';

const config = JSON.parse(readFileSync('data/sample/guatu.config.json', 'utf8')) as DatasetConfig;
const ASOF = Date.parse(config.asOf ?? '');
const SEED = 7;

type Poly = Feature<Polygon | MultiPolygon, Record<string, string | number>>;
let demo: DemoResult;
let boundary: Poly;
let communities: Poly[];
let gridsL4: Poly[];
let gridsL5: Poly[];
let compounds: Poly[];
let lamps: Feature<Point, Record<string, string | number>>[];
let problems: Record<string, string>[];
let projects: Record<string, string>[];

const features = <T>(text: string): T[] => (JSON.parse(text) as FeatureCollection).features as T[];
const csv = (text: string): Record<string, string>[] => Papa.parse<Record<string, string>>(text.trim(), { header: true }).data;

beforeAll(() => {
  demo = generateDemo({ seed: SEED, config });
  boundary = features<Poly>(demo.texts.boundary)[0] as Poly;
  communities = features<Poly>(demo.texts.communities);
  gridsL4 = features<Poly>(demo.texts.gridsL4);
  gridsL5 = features<Poly>(demo.texts.gridsL5);
  compounds = features<Poly>(demo.texts.compounds);
  lamps = features(demo.texts.lamps);
  problems = csv(demo.texts.problems);
  projects = csv(demo.texts.projects);
}, 60_000);

function bbox(f: Poly): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const poly of polys) {
    for (const [x, y] of poly[0] ?? []) {
      minX = Math.min(minX, x as number);
      minY = Math.min(minY, y as number);
      maxX = Math.max(maxX, x as number);
      maxY = Math.max(maxY, y as number);
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Sum of the areas where any two of the polygons overlap (candidates from a Flatbush index). */
function overlapArea(polys: readonly Poly[]): number {
  const index = new Flatbush(polys.length);
  for (const p of polys) index.add(...bbox(p));
  index.finish();
  let total = 0;
  polys.forEach((p, i) => {
    for (const j of index.search(...bbox(p))) {
      if (j <= i) continue;
      const shared = intersect(featureCollection([p, polys[j] as Poly]));
      if (shared) total += area(shared);
    }
  });
  return total;
}

function expectTiles(parent: Poly, children: readonly Poly[]): void {
  const sum = children.reduce((s, c) => s + area(c), 0);
  expect(Math.abs(sum - area(parent)) / area(parent)).toBeLessThan(0.005);
}

describe('the demo sub-district', () => {
  it('is byte-identical for the same seed and differs for another seed', () => {
    const digest = (r: DemoResult): string =>
      createHash('sha256')
        .update(Object.values(r.texts).join('\u0000'))
        .digest('hex');
    const small = { config, problems: 1500 };
    const a = generateDemo({ ...small, seed: 99 });
    const b = generateDemo({ ...small, seed: 99 });
    const c = generateDemo({ ...small, seed: 100, world: a.world });
    expect(digest(b)).toBe(digest(a));
    expect(c.texts.problems).not.toBe(a.texts.problems);
    // The ground does not depend on the seed: same boundary, same grid outlines.
    expect(c.texts.boundary).toBe(a.texts.boundary);
  }, 60_000);

  it('is one polygon of 4–8 km² with the configured code and name', () => {
    expect(boundary.geometry.type).toBe('Polygon');
    expect(boundary.properties).toEqual({ code: '320102099', name: '梧桐街道' });
    const km2 = area(boundary) / 1e6;
    expect(km2).toBeGreaterThan(4);
    expect(km2).toBeLessThan(8);
  });

  it('has 2–3 片区, 6–8 communities, about 100 level-4 and 250 level-5 grids', () => {
    expect(demo.counts.areas).toBeGreaterThanOrEqual(2);
    expect(demo.counts.areas).toBeLessThanOrEqual(3);
    expect(communities.length).toBeGreaterThanOrEqual(6);
    expect(communities.length).toBeLessThanOrEqual(8);
    expect(gridsL4.length).toBeGreaterThanOrEqual(90);
    expect(gridsL4.length).toBeLessThanOrEqual(110);
    expect(gridsL5.length).toBeGreaterThanOrEqual(225);
    expect(gridsL5.length).toBeLessThanOrEqual(275);
  });
});

describe('grid levels tile their parents', () => {
  it('communities cover the sub-district: areas add up, no overlaps', () => {
    expectTiles(boundary, communities);
    expect(overlapArea(communities)).toBeLessThan(1);
  });

  it('level-4 grids tile their community and do not overlap', () => {
    for (const c of communities) expectTiles(c, gridsL4.filter((g) => g.properties.community_code === c.properties.code));
    expect(overlapArea(gridsL4)).toBeLessThan(5);
  });

  it('level-5 grids tile their level-4 grid, with no gap or overlap at any sampled point', () => {
    for (const g of gridsL4) expectTiles(g, gridsL5.filter((c) => c.properties.grid_code === g.properties.code));
    // A lattice of points every ~25 m: each inside the boundary must fall in exactly one level-5 grid.
    const index = new Flatbush(gridsL5.length);
    for (const g of gridsL5) index.add(...bbox(g));
    index.finish();
    const [x0, y0, x1, y1] = bbox(boundary);
    let inside = 0;
    let wrong = 0;
    for (let x = x0; x < x1; x += 0.00026) {
      for (let y = y0; y < y1; y += 0.00022) {
        if (!booleanPointInPolygon([x, y], boundary)) continue;
        inside++;
        const hits = index.search(x, y, x, y).filter((i) => booleanPointInPolygon([x, y], gridsL5[i] as Poly)).length;
        if (hits !== 1) wrong++;
      }
    }
    expect(inside).toBeGreaterThan(5000);
    expect(wrong / inside).toBeLessThan(0.001);
  });
});

describe('grid codes and registers', () => {
  it('codes are 12, 15 and 17 digits under their parents, sequences without gaps', () => {
    for (const c of communities) {
      expect(isCode(String(c.properties.code), 12)).toBe(true);
      expect(parentCode(String(c.properties.code))).toBe('320102099');
    }
    for (const g of gridsL4) {
      expect(isCode(String(g.properties.code), 15)).toBe(true);
      expect(parentCode(String(g.properties.code))).toBe(g.properties.community_code);
    }
    for (const g of gridsL5) {
      expect(isCode(String(g.properties.code), 17)).toBe(true);
      expect(parentCode(String(g.properties.code))).toBe(g.properties.grid_code);
    }
    for (const c of communities) {
      const seq = gridsL4.filter((g) => g.properties.community_code === c.properties.code).map((g) => Number(String(g.properties.code).slice(12)));
      expect(seq).toEqual(seq.map((_, i) => i + 1));
    }
  });

  it('marks an undivided level-4 grid with a single level-5 child coded 00, and only then', () => {
    let undivided = 0;
    for (const g of gridsL4) {
      const children = gridsL5.filter((c) => c.properties.grid_code === g.properties.code);
      const suffixes = children.map((c) => String(c.properties.code).slice(15));
      if (children.length === 1) {
        undivided++;
        expect(suffixes).toEqual(['00']);
      } else {
        expect(suffixes).toEqual(children.map((_, i) => String(i + 1).padStart(2, '0')));
      }
    }
    expect(undivided).toBeGreaterThan(5);
  });

  it('numbers level-4 grids north→south: the first third lies north of the last third', () => {
    const lat = (g: Poly): number => (bbox(g)[1] + bbox(g)[3]) / 2;
    for (const c of communities) {
      const grids = gridsL4.filter((g) => g.properties.community_code === c.properties.code);
      const third = Math.max(1, Math.floor(grids.length / 3));
      const mean = (gs: Poly[]): number => gs.reduce((s, g) => s + lat(g), 0) / gs.length;
      expect(mean(grids.slice(0, third))).toBeGreaterThan(mean(grids.slice(-third)));
    }
  });

  it('adds households and merchants up: level-5 sums equal level 4', () => {
    for (const g of gridsL4) {
      const children = gridsL5.filter((c) => c.properties.grid_code === g.properties.code);
      expect(children.reduce((s, c) => s + Number(c.properties.households), 0)).toBe(g.properties.households);
      expect(children.reduce((s, c) => s + Number(c.properties.merchants), 0)).toBe(g.properties.merchants);
    }
    expect(demo.counts.households).toBeGreaterThan(10_000);
  });

  it('gives every grid a chief, every community an adopting department from the table', () => {
    const departments = new Set(csv(demo.texts.departments).map((d) => d.code));
    for (const g of [...gridsL4, ...gridsL5]) expect(String(g.properties.chief)).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
    for (const c of communities) expect(departments.has(String(c.properties.adopting_dept))).toBe(true);
  });
});

describe('compounds, projects, lamps, road works', () => {
  it('has about 200 compounds inside the boundary, none overlapping, ≈ 60% old', () => {
    expect(compounds.length).toBeGreaterThanOrEqual(180);
    expect(compounds.length).toBeLessThanOrEqual(240);
    expect(overlapArea(compounds)).toBeLessThan(1);
    for (const c of compounds) {
      const [x0, y0, x1, y1] = bbox(c);
      expect(booleanPointInPolygon([(x0 + x1) / 2, (y0 + y1) / 2], boundary) || area(c) < 2000).toBe(true);
      expect(Number(c.properties.buildings)).toBeGreaterThan(0);
    }
    const old = compounds.filter((c) => Number(c.properties.built_year) < 2000).length / compounds.length;
    expect(old).toBeGreaterThan(0.5);
    expect(old).toBeLessThan(0.7);
  });

  it('renovates only old compounds, most but not all of them, with consistent dates and funds', () => {
    const built = new Map(compounds.map((c) => [String(c.properties.id), Number(c.properties.built_year)]));
    const items = new Set(csv(demo.texts.renovationItems).map((i) => i.code));
    const reached = new Set<string>();
    expect(projects.length).toBeGreaterThanOrEqual(80);
    expect(projects.length).toBeLessThanOrEqual(100);
    for (const p of projects) {
      for (const id of (p.compound_ids ?? '').split(';')) {
        expect(built.get(id)).toBeLessThan(2000);
        reached.add(id);
      }
      const dates = [p.planned_at, p.approved_at, p.started_at, p.completed_at, p.accepted_at];
      const filled = dates.filter((d) => d !== '');
      // Filled up to the status and no further; each after the one before; none after asOf.
      expect(filled.length).toBe(PROJECT_STATUSES.indexOf(p.status as (typeof PROJECT_STATUSES)[number]) + 1);
      expect(dates.slice(0, filled.length)).toEqual(filled);
      for (let i = 1; i < filled.length; i++) expect(Date.parse(filled[i] as string)).toBeGreaterThan(Date.parse(filled[i - 1] as string));
      expect(Date.parse(filled[filled.length - 1] as string)).toBeLessThanOrEqual(ASOF);
      expect(Number(p.funds_received_wan)).toBeLessThanOrEqual(Number(p.budget_wan));
      for (const item of (p.items ?? '').split(';')) expect(items.has(item.split(':')[0] as string)).toBe(true);
    }
    const old = [...built.values()].filter((y) => y < 2000).length;
    expect(reached.size / old).toBeGreaterThan(0.6);
    expect(reached.size).toBeLessThan(old);
  });

  it('puts about 2,500 lamps inside the boundary, leaves the dark streets dark, ~92% working', () => {
    expect(lamps.length).toBeGreaterThan(2000);
    expect(lamps.length).toBeLessThan(3000);
    for (const l of lamps) expect(booleanPointInPolygon(l.geometry.coordinates, boundary)).toBe(true);
    const dark = new Set(demo.darkStreets);
    expect(dark.size).toBeGreaterThan(0);
    expect(lamps.some((l) => dark.has(String(l.properties.road)))).toBe(false);
    const working = lamps.filter((l) => l.properties.status === 'working').length / lamps.length;
    expect(working).toBeGreaterThan(0.88);
    expect(working).toBeLessThan(0.96);
  });

  it('renovates 10–15 real streets', () => {
    const works = features<Feature<{ type: 'LineString'; coordinates: number[][] }, Record<string, unknown>>>(demo.texts.roadWorks);
    expect(works.length).toBeGreaterThanOrEqual(10);
    expect(works.length).toBeLessThanOrEqual(15);
    for (const w of works) expect(w.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
  });
});

describe('the problem ledger', () => {
  const bad = (): Set<number> => new Set(demo.badRows.map((b) => b.line - 2));
  const good = (): Record<string, string>[] => problems.filter((_, i) => !bad().has(i));
  const STAGES = ['reported_at', 'registered_at', 'dispatched_at', 'disposed_at', 'verified_at', 'closed_at'];

  it('has exactly the asked number of rows, a dozen of them noted as bad', () => {
    expect(problems).toHaveLength(20_000);
    expect(demo.badRows.length).toBe(12);
    for (const b of demo.badRows) expect(problems[b.line - 2]?.id).toBe(b.id);
  });

  it('puts every good problem inside the sub-district', () => {
    for (const p of good()) expect(booleanPointInPolygon([Number(p.lon), Number(p.lat)], boundary)).toBe(true);
  });

  it('keeps each good lifecycle in order, filled up to its status, none after asOf', () => {
    const categories = new Set(csv(demo.texts.categories).map((c) => c.code));
    const departments = new Set(csv(demo.texts.departments).map((d) => d.code));
    const filledFor: Record<string, number> = { reported: 1, registered: 2, dispatched: 3, disposing: 3, verifying: 4, closed: 6 };
    for (const p of good()) {
      const times = STAGES.map((s) => p[s] ?? '');
      const filled = times.filter((t) => t !== '');
      expect(times.slice(0, filled.length)).toEqual(filled);
      if (p.status === 'verifying') expect(filled.length === 4 || filled.length === 5).toBe(true);
      else expect(filled.length).toBe(filledFor[p.status ?? '']);
      const ms = filled.map((t) => Date.parse(t));
      for (let i = 1; i < ms.length; i++) expect(ms[i]).toBeGreaterThanOrEqual(ms[i - 1] as number);
      expect(ms[ms.length - 1]).toBeLessThanOrEqual(ASOF);
      expect(Date.parse(p.deadline ?? '')).toBeGreaterThan(ms[0] as number);
      expect(Number(p.returns)).toBeGreaterThanOrEqual(0);
      expect(Number(p.returns)).toBeLessThanOrEqual(3);
      expect(categories.has(p.category_code ?? '')).toBe(true);
      expect(departments.has(p.department_code ?? '')).toBe(true);
    }
  });

  it('closes most old cases and keeps recent ones open at every stage, some overdue', () => {
    const rows = good();
    const old = rows.filter((p) => Date.parse(p.reported_at ?? '') < ASOF - 180 * 86_400_000);
    expect(old.filter((p) => p.status === 'closed').length / old.length).toBeGreaterThan(0.98);
    const recent = new Set(rows.filter((p) => Date.parse(p.reported_at ?? '') > ASOF - 30 * 86_400_000).map((p) => p.status));
    for (const s of ['reported', 'registered', 'dispatched', 'disposing', 'verifying', 'closed']) expect(recent.has(s)).toBe(true);
    const overdueOpen = rows.filter((p) => p.status !== 'closed' && Date.parse(p.deadline ?? '') < ASOF).length;
    expect(overdueOpen).toBeGreaterThan(10);
    const closedLate = rows.filter((p) => p.status === 'closed' && Date.parse(p.disposed_at ?? '') > Date.parse(p.deadline ?? '')).length;
    const closed = rows.filter((p) => p.status === 'closed').length;
    expect(closedLate / closed).toBeGreaterThan(0.05);
    expect(closedLate / closed).toBeLessThan(0.3);
  });

  it('uses every nature and source, and describes each case with its real address', () => {
    const rows = good();
    for (const n of ['prominent', 'stubborn', 'rebound']) expect(rows.some((p) => p.nature === n)).toBe(true);
    for (const s of ['inspection', 'hotline', 'resident', 'forum', 'questionnaire', 'evaluation']) expect(rows.some((p) => p.source === s)).toBe(true);
    const withAddress = rows.filter((p) => p.address !== '' && (p.description ?? '').includes(p.address ?? '')).length;
    expect(withAddress / rows.length).toBeGreaterThan(0.99);
  });

  it('has ids unique apart from the deliberate duplicate, in ledger (time) order', () => {
    const ids = problems.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length - demo.badRows.filter((b) => b.field === 'id').length);
  });

  it('makes each noted bad row fail a plain check a pipeline would run', () => {
    const categories = new Set(csv(demo.texts.categories).map((c) => c.code));
    const realDate = (t: string): boolean => {
      const m = /^(\d{4})-(\d{2})-(\d{2})T/.exec(t);
      if (!m) return false;
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return d.getUTCMonth() === Number(m[2]) - 1;
    };
    const seen = new Set<string>();
    problems.forEach((p, i) => {
      const problemsFound: string[] = [];
      const lon = Number(p.lon);
      const lat = Number(p.lat);
      if (p.lon === '' || p.lat === '' || !(lat >= -90 && lat <= 90)) problemsFound.push('coordinates');
      else if (!booleanPointInPolygon([lon, lat], boundary)) problemsFound.push('outside');
      if (!categories.has(p.category_code ?? '')) problemsFound.push('category');
      for (const s of [...STAGES, 'deadline']) if (p[s] && !realDate(p[s] as string)) problemsFound.push('date');
      if (p.closed_at && Date.parse(p.closed_at) < Date.parse(p.reported_at ?? '')) problemsFound.push('order');
      if (p.status === 'closed' && !p.closed_at) problemsFound.push('status');
      if (seen.has(p.id ?? '')) problemsFound.push('duplicate');
      seen.add(p.id ?? '');
      expect(problemsFound.length > 0).toBe(bad().has(i));
    });
  });
});

describe('the command line', () => {
  it('reads --seed and --out, and refuses what it does not know', () => {
    expect(parseDemoArgs([])).toEqual({ seed: 20261120, out: 'data/sample' });
    expect(parseDemoArgs(['--seed', '5', '--out', '/tmp/x'])).toEqual({ seed: 5, out: '/tmp/x' });
    expect(() => parseDemoArgs(['--seed', 'five'])).toThrow(/--seed expects a whole number ≥ 0, got "five"/);
    expect(() => parseDemoArgs(['--colour'])).toThrow(/unknown argument "--colour"; usage/);
  });
});
