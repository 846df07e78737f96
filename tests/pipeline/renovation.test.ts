/**
 * The renovation stage end to end on the hand-worked mini office (./mini-office.ts), extended with
 * what issue 4 adds: a compound straddling two grids, an old compound no project lists, dated road
 * works, a public-space work, a demonstration site, and the bad rows that must be rejected while
 * the build goes on. Every expected figure is worked out in the comments from the geometry below.
 *
 *        W             W+D/2           W+D        (W = 118.78, S = 32.04, D = 0.01)
 *   S+D  ┌───────────────┬───────────────┐
 *        │  nw    XQ4 ◄──┼──► (25% / 75%)│        XQ4: W+0.0045 … W+0.0065 × S+0.0091 … S+0.0099,
 *        │  XQ1          │     ne   XQ3  │        0.0005° of its 0.002° in nw, 0.0015° in ne
 *  S+D/2 ├───────────────┼───────────────┤
 *        │  sw   DL1 ────┼──── DL1   GG1 │        DL1 along S+0.0025, W+0.001 … W+0.009: half in each
 *        │  XQ2          │  se  XQ5      │
 *   S    └───────────────┴───────────────┘
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PMTiles } from 'pmtiles';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { buildData, type BuildReport } from '../../scripts/build-data';
import { fileSource } from '../../scripts/tiling/archive-sources';
import { RENOVATION_PRODUCT_FILE, type Manifest, type RenovationProduct } from '../../src/contract';
import { coverageAt, prepareModel } from '../../src/analysis/renovation';
import { G, rect, writeMiniOffice } from './mini-office';

const W = 118.78;
const S = 32.04;
/** Metres per degree of longitude and latitude at 32.04°N on turf's sphere (R = 6,371,008.8 m). */
const M_PER_DEG_LAT = (Math.PI / 180) * 6_371_008.8;
const mPerDegLon = (lat: number) => M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);

const fc = (features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });
const f = (properties: object, geometry: object) => ({ type: 'Feature', properties, geometry });
const line = (coordinates: number[][]) => ({ type: 'LineString', coordinates });
const ts = (iso: string) => Math.floor(Date.parse(iso) / 1000);

const work = mkdtempSync(join(tmpdir(), 'guatu-renovation-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function writeRenovationOffice(dir: string): string {
  const configPath = writeMiniOffice(dir, { faults: true });
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as { files: Record<string, string> };
  config.files.publicSpaceWorks = 'public_space_works.geojson';
  config.files.demonstrationSites = 'demonstration_sites.geojson';
  writeFileSync(configPath, JSON.stringify(config));

  const compounds = JSON.parse(readFileSync(join(dir, 'compounds.geojson'), 'utf8')) as { features: object[] };
  compounds.features.push(
    f({ id: 'XQ4', name: '跨网小区', built_year: 1992, households: 100, buildings: 3, property_management: 'none', address: '' }, rect(W + 0.0045, S + 0.0091, W + 0.0065, S + 0.0099)),
    f({ id: 'XQ5', name: '无人问津里', built_year: 1980, households: 60, buildings: 2, property_management: 'none', address: '' }, rect(W + 0.0065, S + 0.0005, W + 0.0095, S + 0.0008)),
  );
  writeFileSync(join(dir, 'compounds.geojson'), JSON.stringify(compounds));
  writeFileSync(
    join(dir, 'projects.csv'),
    readFileSync(join(dir, 'projects.csv'), 'utf8') +
      [
        'GZ3,跨网小区改造,XQ4,2025,under_construction,2025-01-10,2025-03-01,2025-05-01,,,I01:8,40,20',
        // Approved, yet a start date: the row contradicts itself.
        'GB4,状态与日期矛盾,XQ2,2024,approved,2024-01-10,2024-03-01,2024-05-01,,,B01:1,30,0',
      ].join('\n') +
      '\n',
  );
  writeFileSync(
    join(dir, 'road_works.geojson'),
    fc([
      f({ id: 'DL1', name: '南街整治', year: 2024, status: 'completed', budget_wan: 300, started_at: '2024-03-01', completed_at: '2024-06-30' }, line([[W + 0.001, S + 0.0025], [W + 0.009, S + 0.0025]])),
      // No dates: finished in its year, so it counts from the end of 2023.
      f({ id: 'DL2', name: '北巷整治', year: 2023, status: 'accepted', budget_wan: 50 }, line([[W + 0.001, S + 0.0095], [W + 0.003, S + 0.0095]])),
      f({ id: 'DLB1', name: '倒序日期', year: 2024, status: 'completed', budget_wan: 10, started_at: '2024-06-01', completed_at: '2024-05-01' }, line([[W + 0.001, S + 0.004], [W + 0.002, S + 0.004]])),
    ]),
  );
  writeFileSync(
    join(dir, 'public_space_works.geojson'),
    fc([
      f({ id: 'GG1', name: '街角口袋公园', kind: 'pocket_park', year: 2025, status: 'accepted', started_at: '2025-04-01', completed_at: '2025-10-01', budget_wan: 60 }, rect(W + 0.006, S + 0.001, W + 0.008, S + 0.002)),
      f({ id: 'GGB1', name: '计划却已完工', kind: 'greening', year: 2026, status: 'planned', started_at: '', completed_at: '2026-05-01', budget_wan: 10 }, rect(W + 0.006, S + 0.003, W + 0.007, S + 0.004)),
      f({ id: 'GGB2', name: '未知类型', kind: 'lake', year: 2026, status: 'planned', budget_wan: 10 }, rect(W + 0.006, S + 0.003, W + 0.007, S + 0.004)),
    ]),
  );
  writeFileSync(
    join(dir, 'demonstration_sites.geojson'),
    fc([
      f({ id: 'SF1', name: '梧桐新村示范点', theme: '人居环境', opened_at: '2023-03-01', compound_id: 'XQ1', description: '' }, { type: 'Point', coordinates: [W + 0.0025, S + 0.0075] }),
      f({ id: 'SFB1', name: '无此小区', theme: '人居环境', opened_at: '2023-03-01', compound_id: 'XQ99', description: '' }, { type: 'Point', coordinates: [W + 0.0025, S + 0.0075] }),
    ]),
  );
  return configPath;
}

async function tileAt(file: string, lon: number, lat: number, z = 14): Promise<VectorTile> {
  const x = Math.floor(((lon + 180) / 360) * 2 ** z);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
  const tile = await new PMTiles(fileSource(file)).getZxy(z, x, y);
  return new VectorTile(new PbfReader(new Uint8Array(tile!.data)));
}

function features(tile: VectorTile, layer: string): Record<string, unknown>[] {
  const l = tile.layers[layer];
  return l ? Array.from({ length: l.length }, (_, i) => l.feature(i).properties as Record<string, unknown>) : [];
}

describe('the renovation stage on the hand-worked office', () => {
  let report: BuildReport;
  let manifest: Manifest;
  let product: RenovationProduct;
  const out = join(work, 'tiles');

  beforeAll(async () => {
    report = await buildData({ config: writeRenovationOffice(join(work, 'office')), outDir: out, quiet: true });
    manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    product = JSON.parse(readFileSync(join(out, RENOVATION_PRODUCT_FILE), 'utf8')) as RenovationProduct;
  });

  it('rejects the bad renovation rows naming file, field and reason, and builds the rest', () => {
    const byId = (id: string) => report.rejects.find((r) => r.id === id);
    expect(byId('GB4')).toMatchObject({ field: 'started_at' });
    expect(byId('GB4')!.reason).toMatch(/status is approved/);
    expect(byId('DLB1')).toMatchObject({ field: 'completed_at' });
    expect(byId('DLB1')!.reason).toMatch(/before started_at/);
    expect(byId('GGB1')).toMatchObject({ field: 'status' });
    expect(byId('GGB2')).toMatchObject({ field: 'kind' });
    expect(byId('SFB1')).toMatchObject({ field: 'compound_id', value: 'XQ99' });
    expect(byId('SFB1')!.file).toMatch(/demonstration_sites\.geojson$/);
    // The mini office's own faults: a compound that does not exist, dates out of order, a negative budget.
    expect(byId('GB1')).toMatchObject({ field: 'compound_ids', value: 'XQ9' });
    expect(byId('GB2')!.field).toBe('completed_at');
    expect(byId('GB3')!.field).toBe('budget_wan');
    expect(manifest.inputs.publicSpaceWorks).toMatchObject({ read: 3, kept: 1, rejected: 2 });
    expect(manifest.inputs.demonstrationSites).toMatchObject({ read: 2, kept: 1, rejected: 1 });
    expect(manifest.inputs.roadWorks).toMatchObject({ read: 3, kept: 2, rejected: 1 });
    expect(manifest.inputs.projects).toMatchObject({ read: 7, kept: 3, rejected: 4 });
  });

  it('splits the straddling compound 25/75 by area and counts it in the grid with more of it', () => {
    const xq4 = product.compounds.find((c) => c.id === 'XQ4')!;
    const grid = (code: string) => product.grids.findIndex((g) => g.code === code);
    expect(xq4.shares).toEqual([[grid(G.ne), 0.75], [grid(G.nw), 0.25]]);
    expect(xq4.grid).toBe(grid(G.ne));
    expect(manifest.renovation!.straddlingCompounds).toBe(1);
  });

  it('counts the ledger problems inside each compound in the last 12 months', () => {
    // P1 and P2 lie in XQ1, P3 in XQ2, P4 in XQ3; P5 and P6 in no compound.
    expect(Object.fromEntries(product.compounds.map((c) => [c.id, c.problems12m]))).toEqual({ XQ1: 2, XQ2: 1, XQ3: 1, XQ4: 0, XQ5: 0 });
  });

  it('writes the sub-district headline worked by hand', () => {
    const lengthDL1 = 0.008 * mPerDegLon(S + 0.0025);
    const lengthDL2 = 0.002 * mPerDegLon(S + 0.0095);
    const h = manifest.renovation!.atAsOf;
    expect(h).toMatchObject({
      // Old: XQ1 200, XQ2 100, XQ4 100, XQ5 60.
      oldCompounds: 4,
      oldHouseholds: 460,
      // In a project: XQ1 (completed), XQ2 (approved), XQ4 (under way); started XQ1, XQ4; finished XQ1.
      planCompounds: 3,
      startedCompounds: 2,
      finishedCompounds: 1,
      startRate: 0.6667,
      startRateHouseholds: 0.75, // 300 / 400
      completionRate: 0.3333,
      completionRateHouseholds: 0.5, // 200 / 400
      benefitedHouseholds: 300,
      coverage: 0.6522, // 300 / 460
      fundsRate: 0.625, // (110 + 20 + 20) / (120 + 80 + 40)
      demonstrationSites: 1,
      gapCompounds: 1, // XQ5
    });
    expect(Math.abs(h.roadMetres - (lengthDL1 + lengthDL2))).toBeLessThan(2);
    expect(Math.abs(h.publicSpaceM2 - 0.002 * mPerDegLon(S + 0.0015) * 0.001 * M_PER_DEG_LAT) / h.publicSpaceM2).toBeLessThan(0.005);
    // A month earlier nothing moved, but funds are only known at asOf.
    expect(manifest.renovation!.previousMonth).toMatchObject({ startedCompounds: 2, fundsRate: null });
    expect(manifest.headline.previousMonth).toMatchObject({ compoundsOld: 4, compoundsRenovated: 1, compoundsUnderWay: 1 });
    expect(manifest.renovation!.firstMonth).toBe('2020-01');
    expect(manifest.renovation!.lastMonth).toBe('2026-11');
  });

  it('splits a road work over the grids it crosses, and dates an undated one at the end of its year', () => {
    const grid = (code: string) => product.grids.findIndex((g) => g.code === code);
    const dl1 = product.roadWorks.find((w) => w.id === 'DL1')!;
    const half = dl1.amount / 2;
    for (const code of [G.sw, G.se]) expect(Math.abs(dl1.shares.find(([g]) => g === grid(code))![1] - half)).toBeLessThan(5);
    const dl2 = product.roadWorks.find((w) => w.id === 'DL2')!;
    expect(dl2.completed).toBe(Date.parse('2023-12-31T23:59:59.999+08:00'));
    // At the end of 2023 only DL2 is finished; in mid-2024 both.
    const model = prepareModel(product);
    expect(coverageAt(model, Date.parse('2023-12-31T23:59:59.999+08:00')).subDistrict.roadMetres).toBeCloseTo(dl2.amount, 6);
    expect(coverageAt(model, Date.parse('2024-07-01T00:00:00+08:00')).subDistrict.roadMetres).toBeCloseTo(dl1.amount + dl2.amount, 6);
  });

  it("rolls the straddling compound's households into the grid choropleth by area", async () => {
    const tile = await tileAt(join(out, 'grids.pmtiles'), ...manifest.center);
    const grids = new Map(features(tile, 'grids_l4').map((p) => [String(p.code), p]));
    // nw: XQ1 200 + 25 of XQ4; ne: 75 of XQ4; both reached. sw: XQ2 approved only. se: XQ5, no project.
    expect(grids.get(G.nw)).toMatchObject({ old_households: 225, renovation_coverage: 1 });
    expect(grids.get(G.ne)).toMatchObject({ old_households: 75, renovation_coverage: 1 });
    expect(grids.get(G.sw)).toMatchObject({ old_households: 100, renovation_coverage: 0 });
    expect(grids.get(G.se)).toMatchObject({ old_households: 60, renovation_coverage: 0 });
  });

  it('puts the status dates, works and sites in the renovation tiles for the timeline', async () => {
    // Each feature read from the z14 tile where it lies.
    const at = (lon: number, lat: number) => tileAt(join(out, 'renovation.pmtiles'), lon, lat);
    const compounds = new Map([...features(await at(W + 0.0055, S + 0.0095), 'compounds'), ...features(await at(W + 0.008, S + 0.0006), 'compounds')].map((p) => [String(p.id), p]));
    expect(compounds.get('XQ4')).toMatchObject({ grid: G.ne, t_planned: ts('2025-01-10T00:00:00+08:00'), t_started: ts('2025-05-01T00:00:00+08:00') });
    expect(compounds.get('XQ4')!.t_completed).toBeUndefined();
    expect(compounds.get('XQ5')!.t_planned).toBeUndefined();
    const [gg1] = features(await at(W + 0.007, S + 0.0015), 'public_space_works');
    expect(gg1).toMatchObject({ id: 'GG1', kind: 'pocket_park', completed: ts('2025-10-01T00:00:00+08:00') });
    expect(features(await at(W + 0.0025, S + 0.0075), 'demonstration_sites')).toEqual([{ id: 'SF1', name: '梧桐新村示范点', theme: '人居环境', opened: ts('2023-03-01T00:00:00+08:00'), compound: 'XQ1' }]);
    const roads = new Map(features(await at(W + 0.002, S + 0.0095), 'road_works').map((p) => [String(p.id), p]));
    expect(roads.get('DL2')).toMatchObject({ completed: Math.floor(Date.parse('2023-12-31T23:59:59.999+08:00') / 1000) });
  });

  it('writes the same renovation.json on a rebuild of the same files', async () => {
    const again = join(work, 'tiles-again');
    await buildData({ config: join(work, 'office', 'guatu.config.json'), outDir: again, quiet: true });
    expect(readFileSync(join(again, RENOVATION_PRODUCT_FILE)).equals(readFileSync(join(out, RENOVATION_PRODUCT_FILE)))).toBe(true);
    expect(readFileSync(join(again, 'renovation.pmtiles')).equals(readFileSync(join(out, 'renovation.pmtiles')))).toBe(true);
  });
});

describe('the renovation stage on an office without the optional layers', () => {
  it('builds with no public-space works or demonstration sites named in the config', async () => {
    const dir = join(work, 'plain');
    const { manifest } = await buildData({ config: writeMiniOffice(dir), outDir: join(dir, 'tiles'), quiet: true });
    expect(manifest.renovation!.atAsOf).toMatchObject({ oldCompounds: 2, publicSpaceM2: 0, demonstrationSites: 0 });
    expect(manifest.inputs.publicSpaceWorks).toBeUndefined();
  });
});
