import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PMTiles } from 'pmtiles';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { buildData, type BuildReport } from '../../scripts/build-data';
import { fileSource } from '../../scripts/tiling/archive-sources';
import { ARCHIVES, PROBLEM_DETAIL_MINZOOM, type Manifest } from '../../src/contract';
import { BAD_PROBLEMS, C1, C2, G, GOOD_PROBLEMS, SUB, writeMiniOffice } from './mini-office';

const work = mkdtempSync(join(tmpdir(), 'guatu-pipeline-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function decodeTile(archive: PMTiles, z: number, x: number, y: number): Promise<VectorTile | null> {
  const tile = await archive.getZxy(z, x, y);
  if (!tile) return null;
  return new VectorTile(new PbfReader(new Uint8Array(tile.data)));
}

describe('build:data on a hand-worked office', () => {
  let report: BuildReport;
  let manifest: Manifest;
  const out = join(work, 'tiles');

  beforeAll(async () => {
    const config = writeMiniOffice(join(work, 'office'), { faults: true });
    report = await buildData({ config, outDir: out, quiet: true });
    manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
  });

  it('writes every archive of the contract and a manifest naming them', () => {
    for (const { file } of Object.values(ARCHIVES)) expect(existsSync(join(out, file)), file).toBe(true);
    expect(manifest.archives.map((a) => a.file).sort()).toEqual(Object.values(ARCHIVES).map((a) => a.file).sort());
    expect(manifest.subDistrict).toEqual({ code: SUB, name: '测试街道' });
    expect(manifest.asOf).toBe('2026-11-20T17:00:00+08:00');
  });

  it('counts read = kept + rejected for every layer', () => {
    for (const [layer, c] of Object.entries(manifest.inputs)) expect(c.read, layer).toBe(c.kept + c.rejected);
    expect(manifest.inputs.problems).toMatchObject({ read: 11, kept: 6, rejected: 5 });
    expect(manifest.inputs.projects).toMatchObject({ read: 5, kept: 2, rejected: 3 });
    expect(manifest.inputs.lamps).toMatchObject({ read: 6, kept: 4, rejected: 2 });
  });

  it('rejects each bad problem row naming its field and a reason', () => {
    for (const bad of BAD_PROBLEMS) {
      const reject = report.rejects.find((r) => r.id === bad.row[0]);
      expect(reject, String(bad.row[0])).toBeDefined();
      expect(reject!.field).toBe(bad.field);
      expect(reject!.file).toMatch(/problems\.csv$/);
      expect(reject!.reason.length).toBeGreaterThan(10);
    }
    expect(report.rejects.find((r) => r.id === 'B4')!.reason).toMatch(/not a real date/);
    expect(report.rejects.find((r) => r.id === 'B2')!.reason).toMatch(/outside the sub-district/);
  });

  it('rejects a project naming a missing compound, dates out of order and a negative budget', () => {
    const byId = (id: string) => report.rejects.find((r) => r.id === id)!;
    expect(byId('GB1')).toMatchObject({ field: 'compound_ids', value: 'XQ9' });
    expect(byId('GB2').field).toBe('completed_at');
    expect(byId('GB3').field).toBe('budget_wan');
  });

  it('writes the rejects report as UTF-8 CSV with a BOM, one row per reject', () => {
    const text = readFileSync(join(out, 'rejects.csv'), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\r\n')[0]).toBe('file,row,id,field,value,reason');
    expect(text.trim().split('\r\n')).toHaveLength(1 + report.rejects.length);
  });

  it('computes the headline figures worked by hand', () => {
    // previousMonth (a month before asOf) is filled by each feature; each checks its own fields.
    const { previousMonth, ...now } = manifest.headline;
    // Renovation: at the end of October 2026 XQ1 was already completed (2022) and XQ2 only approved.
    expect(previousMonth).toMatchObject({ compoundsOld: 2, compoundsRenovated: 1, compoundsUnderWay: 0 });
    expect(now).toEqual({
      problemsTotal: 6,
      problemsOpen: 4,
      // P3 only: P4 is past its deadline (20th 10:00) but was disposed before it (19th 15:00) and
      // waits for 核查 — the limit is the department's disposal limit (src/analysis/ledger/lifecycle.ts).
      problemsOverdue: 1,
      closureRate: 0.4,
      // Red: P3 (overdue) and P4 (marked 反弹 by the office). On time: P1 and P2, of the four due
      // (P1, P2 closed; P3, P4 past their deadlines) — src/analysis/ledger/.
      problemsRed: 2,
      onTimeClosureRate: 0.5,
      compoundsOld: 2,
      compoundsRenovated: 1,
      compoundsUnderWay: 0,
      lampsInstalled: 3,
      lampsWorking: 2,
      // No road register, so the basemap's two streets: 汉中路 0.01° of longitude at 32.045° N = 942.5 m,
      // 中山路 0.01° of latitude = 1,112.0 m (turf's sphere); working lamps L1 and L3 stand on them and
      // each lights 2 × 25 m. Dark: 942.52 + 1,111.95 − 100 = 1,954.48 → 1,954 m (pipeline/lighting/).
      darkLengthM: 1954,
    });
  });

  it('puts per-grid figures worked by hand into the grid tiles', async () => {
    const archive = new PMTiles(fileSource(join(out, 'grids.pmtiles')));
    const header = await archive.getHeader();
    // z14 tile holding the office centre.
    const z = 14;
    const [lon, lat] = manifest.center;
    const x = Math.floor(((lon + 180) / 360) * 2 ** z);
    const y = Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * 2 ** z);
    expect(header.maxZoom).toBeGreaterThanOrEqual(z);
    const tile = (await decodeTile(archive, z, x, y))!;
    const l4 = tile.layers.grids_l4!;
    const props = new Map<string, Record<string, unknown>>();
    for (let i = 0; i < l4.length; i++) {
      const p = l4.feature(i).properties as Record<string, unknown>;
      props.set(String(p.code), p);
    }
    expect(props.get(G.nw)).toMatchObject({ open_problems: 0, problems_per_100hh: 0.67, old_households: 200, renovation_coverage: 1 });
    expect(props.get(G.sw)).toMatchObject({ open_problems: 1, problems_per_100hh: 0.5, old_households: 100, renovation_coverage: 0 });
    expect(props.get(G.ne)).toMatchObject({ open_problems: 1, problems_per_100hh: 1 });
    expect(props.get(G.se)).toMatchObject({ open_problems: 2, problems_per_100hh: 0 });
    const communities = tile.layers.communities!;
    const open = new Map<string, unknown>();
    for (let i = 0; i < communities.length; i++) {
      const p = communities.feature(i).properties;
      open.set(String(p.code), p.open_problems);
    }
    expect(open.get(C1)).toBe(1);
    expect(open.get(C2)).toBe(3);
  });

  it('keeps the XSS description as plain text in the street-zoom problem tiles', async () => {
    const archive = new PMTiles(fileSource(join(out, 'problems.pmtiles')));
    const z = PROBLEM_DETAIL_MINZOOM;
    const p3 = GOOD_PROBLEMS[2]!; // the row whose description is markup
    const layer = (await decodeTile(archive, z, ...tileOf([Number(p3[1]), Number(p3[2])], z)))!.layers.problems!;
    const descs = Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties.desc);
    expect(descs).toContain('<img src=x onerror=alert(1)>');
  });

  it('carries every problem in the lean heat layer from the lowest zoom, without descriptions', async () => {
    const archive = new PMTiles(fileSource(join(out, 'problems.pmtiles')));
    const header = await archive.getHeader();
    const tile = (await decodeTile(archive, header.minZoom, ...tileOf(manifest.center, header.minZoom)))!;
    expect(tile.layers.problems).toBeUndefined();
    const heat = tile.layers.problems_heat!;
    expect(heat.length).toBe(6);
    expect(Object.keys(heat.feature(0).properties).sort()).toEqual(['major', 'overdue', 'reported', 'severity', 'status']);
  });

  it('gives byte-identical archives on a rebuild of the same files', async () => {
    const again = join(work, 'tiles-again');
    const second = await buildData({ config: join(work, 'office', 'guatu.config.json'), outDir: again, quiet: true });
    for (const { file } of Object.values(ARCHIVES)) {
      expect(readFileSync(join(again, file)).equals(readFileSync(join(out, file))), file).toBe(true);
    }
    expect(second.manifest.archives.map((a) => a.sha256)).toEqual(manifest.archives.map((a) => a.sha256));
  });
});

function tileOf([lon, lat]: [number, number], z: number): [number, number] {
  const x = Math.floor(((lon + 180) / 360) * 2 ** z);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
  return [x, y];
}

describe('build:data on bad files', () => {
  it.each([
    ['broken JSON', 'grids_l4.geojson', '{"type": "FeatureCollection", "features": [\n{"type": "Feature",, }\n]}', /grids_l4\.geojson: line 2, column \d+: is not valid JSON/],
    ['a CSV that is not UTF-8', 'problems.csv', Buffer.from([0x69, 0x64, 0x0a, 0xb9, 0xfa, 0xb6, 0xc8, 0x0a]).toString('latin1'), /problems\.csv: line 2: is not valid UTF-8/],
    ['a CSV missing a column', 'departments.csv', 'code,name\nD01,城管\n', /departments\.csv: line 1: missing column\(s\) level/],
    ['an unclosed quote', 'areas.csv', 'code,name\nPQ01,"一片区\n', /areas\.csv: .*unreadable CSV/],
    ['a boundary with two polygons', 'boundary.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{}, {}] }), /boundary\.geojson: has 2 features; expected exactly one/],
  ])('stops on %s, naming the file, and leaves the previous tiles untouched', async (_label, file, text, message) => {
    const dir = join(work, `bad-${file}`);
    const out = join(dir, 'tiles');
    const config = writeMiniOffice(dir);
    await buildData({ config, outDir: out, quiet: true });
    const before = statSync(join(out, 'manifest.json')).mtimeMs;
    const badConfig = writeMiniOffice(dir, { override: { [file]: file === 'problems.csv' ? undefined : text } });
    if (file === 'problems.csv') (await import('node:fs')).writeFileSync(join(dir, file), Buffer.from(text, 'latin1'));
    await expect(buildData({ config: badConfig, outDir: out, quiet: true })).rejects.toThrow(message);
    expect(statSync(join(out, 'manifest.json')).mtimeMs).toBe(before);
  });

  it('builds an office whose ledger is empty', async () => {
    const dir = join(work, 'empty-ledger');
    const config = writeMiniOffice(dir, { override: { 'problems.csv': 'id,lon,lat,category_code,status,nature,source,department_code,description,address,reported_at,registered_at,dispatched_at,disposed_at,verified_at,closed_at,deadline,returns\n' } });
    const { manifest } = await buildData({ config, outDir: join(dir, 'tiles'), quiet: true });
    expect(manifest.inputs.problems).toMatchObject({ read: 0, kept: 0, rejected: 0 });
    expect(manifest.headline.problemsOpen).toBe(0);
  });
});
