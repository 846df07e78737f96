/**
 * Import benchmark: one run in a fresh process, seeded (so runs compare). Writes N problems as an
 * office sends them — a GBK CSV with Chinese headers and GCJ-02 positions, and (up to 100k rows)
 * the same as an .xlsx — then times each import step on them. Prints one JSON line:
 * { wallMs, maxRssMb, stages: { writeFixtures, csvGbk, xlsx, gcj02ToWgs84, crsCheck } }.
 * Usage: tsx bench/import.ts <rows>
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import gcoord from 'gcoord';
import Papa from 'papaparse';
import type { FeatureCollection, Polygon, Position } from 'geojson';
import { readOsmXml } from '../scripts/osm/read-osm-xml';
import { converterToWgs84 } from '../scripts/pipeline/crs/convert';
import { resolveCrs } from '../scripts/pipeline/crs/definitions';
import { checkLayerCrs, CrsReference } from '../scripts/pipeline/crs/sanity-check';
import { mapTableColumns } from '../scripts/pipeline/formats/columns';
import { readCsvFile } from '../scripts/pipeline/formats/csv';
import { normaliseTableDates } from '../scripts/pipeline/formats/office-cells';
import { readXlsxTable } from '../scripts/pipeline/formats/xlsx';
import { boundaryTest } from '../scripts/pipeline/normalise';
import { encodeGbk, writeXlsx } from '../tests/fixtures/import/writers';

const rows = Number(process.argv[2] ?? '10000');
/** XLSX above this many rows is not what offices keep in one sheet, and slow to write here. */
const MAX_XLSX_ROWS = 100_000;

/** mulberry32, seed 7: the same rows on every run. */
function random(seed = 7): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const stages: Record<string, number> = {};
const time = async <T>(name: string, work: () => T | Promise<T>): Promise<T> => {
  const start = performance.now();
  const result = await work();
  stages[name] = Math.round(performance.now() - start);
  return result;
};

const start = performance.now();
const dir = mkdtempSync(join(tmpdir(), 'guatu-bench-import-'));
const boundary = (JSON.parse(readFileSync('data/sample/boundary.geojson', 'utf8')) as FeatureCollection<Polygon>).features[0]!.geometry;
const inside = boundaryTest(boundary);
const header = ['编号', '经度', '纬度', '问题类型', '办理状态', '上报时间', '责任部门', '网格编码', '问题描述'];
const columns = { 编号: 'id', 经度: 'lon', 纬度: 'lat', 问题类型: 'category_code', 办理状态: 'status', 上报时间: 'reported_at', 责任部门: 'department_code', 网格编码: 'grid_code', 问题描述: 'description' };
await time('writeFixtures', () => {
  const rand = random();
  const [w, s, e, n] = [118.775, 32.036, 118.803, 32.058];
  const data: (string | number)[][] = [];
  while (data.length < rows) {
    const wgs = [w + rand() * (e - w), s + rand() * (n - s)] as [number, number];
    if (!inside(wgs[0], wgs[1])) continue;
    const [lon, lat] = gcoord.transform(wgs, gcoord.WGS84, gcoord.GCJ02);
    data.push([`WT${data.length}`, lon.toFixed(6), lat.toFixed(6), '暴露垃圾', '结案', `2026/11/${1 + Math.floor(rand() * 19)} ${Math.floor(rand() * 24)}:05`, '环卫所', '320102099001001', '垃圾桶外散落垃圾，门前占道经营']);
  }
  writeFileSync(join(dir, 'problems.csv'), encodeGbk(Papa.unparse([header, ...data], { newline: '\r\n' })));
  if (rows <= MAX_XLSX_ROWS) writeFileSync(join(dir, 'problems.xlsx'), writeXlsx([{ name: '台账', rows: [header, ...data] }]));
});

const table = await time('csvGbk', () => normaliseTableDates(mapTableColumns(readCsvFile(join(dir, 'problems.csv'), 'auto').table, { columns, values: {} }, 'files.problems')));
if (rows <= MAX_XLSX_ROWS) await time('xlsx', async () => mapTableColumns(await readXlsxTable(join(dir, 'problems.xlsx')), { columns, values: {} }, 'files.problems'));
const positions: Position[] = table.rows.map((r) => [Number(r[1]), Number(r[2])]);
const gcj = resolveCrs('GCJ02')!;
await time('gcj02ToWgs84', () => positions.map(converterToWgs84(gcj)));
const reference = new CrsReference(inside, boundary, readOsmXml('data/osm/nanjing-central.osm.xml'));
const verdict = await time('crsCheck', () => checkLayerCrs({ layer: 'problems', declared: resolveCrs('WGS84')!, positions }, reference));
if (verdict.ok) throw new Error('the CRS check should have refused GCJ-02 positions declared WGS-84');
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ wallMs: performance.now() - start, maxRssMb: process.resourceUsage().maxRSS / 1024, stages }));
