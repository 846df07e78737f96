/**
 * The import fixture office (tests/fixtures/import/office/, written by make-fixtures.ts): one
 * community of the demo as a real office sends it — a GBK CSV with Chinese headers in GCJ-02, an
 * XLSX of BD-09 lamps, a second-sheet XLSX, zipped shapefiles in EPSG:4549 and EPSG:4528, a
 * CGCS2000 GeoJSON — built into tiles. Then each format malformed, and CRS mistakes, each of
 * which must stop the build with a message naming the file, leaving the previous tiles alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Position } from 'geojson';
import iconv from 'iconv-lite';
import { buildData, type BuildReport } from '../../scripts/build-data';
import { InputFileError } from '../../scripts/pipeline/errors';
import { normaliseInputs } from '../../scripts/pipeline/normalise';
import { readInputs } from '../../scripts/pipeline/read';
import { RejectLedger, validateInputs, type ValidInputs } from '../../scripts/pipeline/validate';
import type { Manifest } from '../../src/contract';
import { makeFixtures, type FixtureExpectations } from '../fixtures/import/make-fixtures';

const OFFICE = resolve('tests/fixtures/import/office');

/** The first line of the office's problems file (saved as GBK from Excel). */
function officeProblemsHeader(): string {
  return iconv.decode(readFileSync(join(OFFICE, 'problems.csv')), 'gb18030').split(/\r?\n/)[0]!;
}
const expected = JSON.parse(readFileSync(join(OFFICE, 'expected.json'), 'utf8')) as FixtureExpectations;
const work = mkdtempSync(join(tmpdir(), 'guatu-import-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Metres between two lon/lat positions (equirectangular; exact enough below 1 km). */
function metres(a: Position, b: Position): number {
  const lat = ((a[1]! + b[1]!) / 2) * (Math.PI / 180);
  return Math.hypot((a[0]! - b[0]!) * 111_320 * Math.cos(lat), (a[1]! - b[1]!) * 111_320);
}

/** The parts of the fixture's config the cases below change. */
interface EditableConfig {
  basemap: { osm: string };
  files: Record<string, { crs?: string; sheet?: string; columns?: Record<string, string> }>;
}

/** A copy of the fixture office with some files or config keys changed. */
function variant(name: string, change: { files?: Record<string, string | Uint8Array>; config?: (c: EditableConfig) => void }): string {
  const dir = join(work, name);
  cpSync(OFFICE, dir, { recursive: true });
  const configPath = join(dir, 'guatu.config.json');
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as EditableConfig;
  // The copy sits elsewhere: point the basemap at the repository's extract again.
  config.basemap.osm = resolve('data/osm/nanjing-central.osm.xml');
  change.config?.(config);
  writeFileSync(configPath, JSON.stringify(config));
  for (const [file, content] of Object.entries(change.files ?? {})) writeFileSync(join(dir, file), content);
  return configPath;
}

describe('the fixture office in every awkward form', () => {
  let report: BuildReport;
  let manifest: Manifest;
  let normal: ValidInputs;
  const out = join(work, 'tiles');

  beforeAll(async () => {
    report = await buildData({ config: join(OFFICE, 'guatu.config.json'), outDir: out, quiet: true });
    manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    const ledger = new RejectLedger();
    normal = normaliseInputs(validateInputs(await readInputs(join(OFFICE, 'guatu.config.json')), ledger), ledger);
  }, 120_000);

  it('counts every layer as the fixture script worked them out, read = kept + rejected', () => {
    for (const [layer, counts] of Object.entries(expected.counts)) expect(manifest.inputs[layer], layer).toMatchObject(counts);
    for (const [layer, c] of Object.entries(manifest.inputs)) expect(c.read, layer).toBe(c.kept + c.rejected);
  });

  it('says how each file was read: format, detected encoding, CRS (declared, from the .prj or the GeoJSON)', () => {
    expect(manifest.import?.layers).toMatchObject({
      problems: { format: 'csv', encoding: 'gb18030', crs: 'GCJ02' },
      lamps: { format: 'xlsx', crs: 'BD09' },
      projects: { format: 'xlsx' },
      gridsL4: { format: 'shapefile', encoding: 'gbk', crs: 'EPSG:4549' },
      gridsL5: { format: 'shapefile', encoding: 'UTF-8', crs: 'EPSG:4528' },
      communities: { format: 'geojson', crs: 'CGCS2000' },
      boundary: { format: 'geojson', crs: 'WGS84' },
    });
  });

  it('converts BD-09 lamps back to their WGS-84 positions within 0.5 m', () => {
    expect(normal.lamps).toHaveLength(Object.keys(expected.lamps).length);
    for (const lamp of normal.lamps) expect(metres(lamp.geometry.coordinates, expected.lamps[lamp.value.id]!), lamp.value.id).toBeLessThan(0.5);
  });

  it('converts GCJ-02 problems back to their WGS-84 positions within 0.5 m', () => {
    expect([...normal.problems].map((p) => p.value.id).sort()).toEqual(Object.keys(expected.problems).sort());
    for (const p of normal.problems) expect(metres([p.value.lon, p.value.lat], expected.problems[p.value.id]!), p.value.id).toBeLessThan(0.5);
  });

  it('converts the Gauss-Krüger shapefiles (EPSG:4549 and EPSG:4528) to within 1 cm', () => {
    for (const [layer, grids] of [['gridsL4', normal.gridsL4], ['gridsL5', normal.gridsL5]] as const) {
      expect(grids, layer).toHaveLength(Object.keys(expected[layer]).length);
      for (const g of grids) {
        const first = g.geometry.type === 'Polygon' ? g.geometry.coordinates[0]![0]! : g.geometry.coordinates[0]![0]![0]!;
        expect(metres(first, expected[layer][g.value.code]!), g.value.code).toBeLessThan(0.01);
      }
    }
  });

  it('reads Chinese headers, names and values: 问题类型 by name → code, 办理状态 结案 → closed, GBK attribute text', () => {
    const p = [...normal.problems].find((x) => x.value.id === 'HT001')!.value;
    expect(p.category_code).toMatch(/^\d{5}$/);
    expect(p.department_code).toMatch(/^BM\d{2}$/);
    expect([...normal.problems].find((x) => x.value.id === 'HT006')!.value.status).toBe('closed');
    expect(normal.gridsL4[0]!.value.name).toMatch(/^海棠社区第.+网格$/);
    expect(normal.projects.length).toBe(expected.counts.projects!.kept);
    expect(normal.projects.every((p) => p.value.planned_at !== null && p.value.planned_at > Date.UTC(2015, 0, 1))).toBe(true);
  });

  it('rejects each bad row naming its file, field and reason', () => {
    for (const bad of expected.rejects) {
      const reject = report.rejects.find((r) => r.id === bad.id);
      expect(reject, bad.id).toBeDefined();
      expect(reject!.field, bad.id).toBe(bad.field);
      expect(reject!.file).toMatch(bad.layer === 'lamps' ? /lamps\.xlsx$/ : /problems\.csv$/);
    }
    expect(report.rejects.find((r) => r.id === 'HTBAD2')!.reason).toMatch(/not a real date/);
    expect(report.rejects.find((r) => r.id === 'HTBAD3')!.reason).toMatch(/outside the sub-district/);
    expect(report.rejects.find((r) => r.id === 'LDBAD1')!.reason).toMatch(/not two finite numbers/);
  });

  it('warns about a row whose 网格编码 contradicts its position and one that breaks the 15/17-digit scheme', () => {
    const warnings = readFileSync(join(out, 'warnings.csv'), 'utf8');
    expect(warnings.charCodeAt(0)).toBe(0xfeff);
    for (const id of expected.gridCodeMismatch) expect(warnings).toMatch(new RegExp(`grid-code-mismatch,[^\\n]*problems\\.csv,\\d+,${id},grid_code`));
    for (const id of expected.gridCodeScheme) expect(warnings).toMatch(new RegExp(`grid-code-scheme,[^\\n]*,${id},grid_code,320102099006,expected a 15-digit`));
    expect(manifest.import?.warningCounts).toMatchObject({ 'grid-code-mismatch': expected.gridCodeMismatch.length, 'grid-code-scheme': expected.gridCodeScheme.length });
  });

  it('writes the rejects report with file,row,id,field,value,reason and a BOM', () => {
    const text = readFileSync(join(out, 'rejects.csv'), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\r\n')[0]).toBe('file,row,id,field,value,reason');
  });
});

describe('a fatal input error names the file and leaves the previous tiles as they were', () => {
  const out = join(work, 'kept-tiles');
  const snapshot = (): Record<string, string> =>
    Object.fromEntries(
      readdirSync(out, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name))
        .map((f) => [f, createHash('sha256').update(readFileSync(f)).digest('hex')]),
    );
  let before: Record<string, string>;

  beforeAll(async () => {
    await buildData({ config: join(OFFICE, 'guatu.config.json'), outDir: out, quiet: true });
    before = snapshot();
  }, 120_000);

  const liechtensteinPbf = resolve('data/realdata/liechtenstein-osm/liechtenstein-2013-08-03.osm.pbf');
  const cases: [string, Parameters<typeof variant>[1], RegExp][] = [
    ['malformed GeoJSON', { files: { 'compounds.geojson': '{"type":"FeatureCollection","features":[{"type":' } }, /compounds\.geojson: line 1, column \d+: is not valid JSON/],
    ['malformed CSV (bytes in no Chinese encoding)', { files: { 'problems.csv': Uint8Array.from([0xb1, 0xe0, 0x0a, 0x81, 0x20, 0x0a]) } }, /problems\.csv: line 2: is neither UTF-8 nor GBK\/GB18030 text/],
    // The office's own header, so the rows are what is wrong: the ledger is read in pieces, and a
    // header without the mapped columns fails on its first piece (line 1) before any row is parsed.
    ['malformed CSV (an unclosed quote)', { files: { 'problems.csv': `${officeProblemsHeader()}\nHT0,118,32\n"HT1,118\n` } }, /problems\.csv: line 3.*unreadable CSV/],
    ['malformed XLSX (a text file named .xlsx)', { files: { 'lamps.xlsx': '编号,经度,纬度\n' } }, /lamps\.xlsx: is not a readable \.xlsx workbook/],
    ['XLSX without the named sheet', { config: (c) => (c.files.projects!.sheet = '不存在') }, /projects\.xlsx: has no sheet "不存在"/],
    ['malformed zipped shapefile (cut short)', { files: { 'grids_l4.zip': readFileSync(join(OFFICE, 'grids_l4.zip')).subarray(0, 900) } }, /grids_l4\.zip: .*expected a \.zip holding a shapefile/],
    ['a missing column', { config: (c) => (c.files.problems!.columns = { ...c.files.problems!.columns, 经纬度: 'lon' }) }, /problems\.csv: line 1: has no column "经纬度"/],
    ['an unknown CRS', { config: (c) => (c.files.lamps!.crs = 'Xian80') }, /guatu\.config\.json: "files\.lamps\.crs" must be WGS84/],
    ['a declared CRS the .prj contradicts', { config: (c) => (c.files.gridsL4!.crs = 'EPSG:4528') }, /grids_l4\.zip: files\.gridsL4\.crs declares EPSG:4528 .* but its \.prj says EPSG:4549/],
    ['GCJ-02 problems declared WGS-84', { config: (c) => delete c.files.problems!.crs }, /problems\.csv: CRS check failed for files\.problems: .*looks like GCJ02/i],
    ['BD-09 lamps declared GCJ-02', { config: (c) => (c.files.lamps!.crs = 'GCJ02') }, /lamps\.xlsx: CRS check failed for files\.lamps: .*looks like BD09/],
    ['a truncated .osm.pbf basemap', { config: (c) => (c.basemap.osm = 'cut.osm.pbf'), files: { 'cut.osm.pbf': existsSync(liechtensteinPbf) ? readFileSync(liechtensteinPbf).subarray(0, 5000) : Uint8Array.from([0, 0, 0, 9]) } }, /cut\.osm\.pbf: block \d+ at byte \d+: .*expected an OpenStreetMap \.osm\.pbf extract/],
  ];

  it.each(cases)('%s', async (name, change, message) => {
    const config = variant(name.replace(/\W+/g, '-'), change);
    const error = await buildData({ config, outDir: out, quiet: true }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as Error).message).toMatch(message);
    expect(snapshot()).toEqual(before);
  });

  it('the command line prints the message without a stack trace and exits 1', () => {
    const config = variant('cli', { files: { 'lamps.xlsx': 'not a workbook' } });
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-data.ts', '--config', config, '--out', out], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/构建失败 Build failed: .*lamps\.xlsx: is not a readable \.xlsx workbook/);
    expect(run.stderr).toMatch(/The previous tiles were left unchanged/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(snapshot()).toEqual(before);
  });
});

describe('the fixture script', () => {
  it('writes the same bytes every time (regenerate: npx tsx tests/fixtures/import/make-fixtures.ts)', () => {
    const [a, b] = [join(work, 'fixture-a'), join(work, 'fixture-b')];
    makeFixtures(a);
    makeFixtures(b);
    for (const name of readdirSync(a)) expect(readFileSync(join(b, name)).equals(readFileSync(join(a, name))), name).toBe(true);
  });
});
