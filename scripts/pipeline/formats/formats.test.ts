import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { encodeGbk, writeDbf, writePolygonShapefile, writeXlsx } from '../../../tests/fixtures/import/writers';
import { InputFileError } from '../errors';
import { mapFeatureProperties, mapTableColumns } from './columns';
import { readCsvFile } from './csv';
import { crsNameOfGeoJson, readGeoJson } from './geojson';
import { codeLookup, isoFromOfficeDate, resolveNamedCodesInTable } from './office-cells';
import { featuresToTable, tableToPoints } from './read-layer';
import { readShapefile } from './shapefile';
import { gzipSync } from 'node:zlib';
import { decodeText } from './text-encoding';
import { cellText, readXlsxTable } from './xlsx';
import { readZip, writeZip } from './zip';

const dir = mkdtempSync(join(tmpdir(), 'guatu-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const ZH_HEADER = '经度,纬度,问题类型,上报时间,责任部门,网格编码\n118.79,32.05,暴露垃圾,2026/11/18 9:05,环卫所,320102099006001\n';

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(bytes('\ufeff经度\n'), 'auto', 'a.csv')).toEqual({ text: '经度\n', encoding: 'utf-8-bom' });
    expect(decodeText(bytes('经度\n'), 'auto', 'a.csv')).toEqual({ text: '经度\n', encoding: 'utf-8' });
  });
  it('detects GBK from Chinese Windows and reads it as GB18030', () => {
    expect(decodeText(encodeGbk(ZH_HEADER), 'auto', 'a.csv')).toEqual({ text: ZH_HEADER, encoding: 'gb18030' });
  });
  it('reads declared GBK and GB18030 (whose four-byte sequences GBK lacks)', () => {
    expect(decodeText(encodeGbk(ZH_HEADER), 'gbk', 'a.csv').text).toBe(ZH_HEADER);
    const rare = '𠀀街道'; // U+20000: only GB18030's four-byte form can hold it
    expect(decodeText(new Uint8Array(iconv.encode(rare, 'gb18030')), 'gb18030', 'a.csv').text).toBe(rare);
  });
  it('refuses GBK under the UTF-8 default, naming the line and how to declare it', () => {
    const gbk = encodeGbk('id,name\nD01,城管\n');
    expect(() => decodeText(gbk, 'utf-8', 'gbk.csv')).toThrow(/gbk\.csv: line 2: is not valid UTF-8.*declare "encoding": "gbk"/);
  });
  it('refuses a UTF-8 BOM file declared as GBK instead of reading mojibake', () => {
    expect(() => decodeText(bytes('\ufeff经度\n'), 'gbk', 'x.csv')).toThrow(/byte-order mark but the config declares "encoding": "gbk"/);
  });
  it('refuses bytes that are neither UTF-8 nor GB18030, with the line', () => {
    expect(() => decodeText(Uint8Array.from([0x61, 0x0a, 0x81, 0x20, 0x0a]), 'auto', 'bin.csv')).toThrow(/bin\.csv: line 2: is neither UTF-8 nor GBK\/GB18030/);
  });
});

describe('readCsvFile with an office\'s Chinese headers', () => {
  it('reads a GBK file with 经度/纬度/问题类型/上报时间/责任部门/网格编码 and maps them to the contract', () => {
    const { table, encoding } = readCsvFile(file('zh.csv', encodeGbk(ZH_HEADER)), 'auto');
    expect(encoding).toBe('gb18030');
    const mapped = mapTableColumns(table, { columns: { 经度: 'lon', 纬度: 'lat', 问题类型: 'category_code', 上报时间: 'reported_at', 责任部门: 'department_code', 网格编码: 'grid_code' }, values: {} }, 'files.problems');
    expect(mapped.header).toEqual(['lon', 'lat', 'category_code', 'reported_at', 'department_code', 'grid_code']);
    expect(mapped.rows[0]).toEqual(['118.79', '32.05', '暴露垃圾', '2026/11/18 9:05', '环卫所', '320102099006001']);
  });
  it('names a mapped column the file does not have, and the header it has', () => {
    const { table } = readCsvFile(file('zh2.csv', ZH_HEADER), 'utf-8');
    expect(() => mapTableColumns(table, { columns: { 经纬度: 'lon' }, values: {} }, 'files.problems')).toThrow(/zh2\.csv: line 1: has no column "经纬度" \(mapped in files\.problems\.columns to lon\); the header has 经度,/);
  });
  it('refuses two columns for one field after mapping', () => {
    const { table } = readCsvFile(file('dup.csv', 'lon,经度\n1,2\n'), 'utf-8');
    expect(() => mapTableColumns(table, { columns: { 经度: 'lon' }, values: {} }, 'files.lamps')).toThrow(/two columns for "lon"/);
  });
  it('maps values per field and leaves unknown values for validate', () => {
    const { table } = readCsvFile(file('status.csv', 'status\n结案\n办结\n'), 'utf-8');
    const mapped = mapTableColumns(table, { columns: {}, values: { status: { 结案: 'closed' } } }, 'files.problems');
    expect(mapped.rows).toEqual([['closed'], ['办结']]);
  });
  it('reads a gzipped CSV (`.csv.gz`) as the CSV inside, and names a .gz that is not gzip', () => {
    const { table, encoding } = readCsvFile(file('zh.csv.gz', gzipSync(encodeGbk(ZH_HEADER))), 'auto');
    expect(encoding).toBe('gb18030');
    expect(table.header[0]).toBe('经度');
    expect(() => readCsvFile(file('plain.csv.gz', ZH_HEADER), 'utf-8')).toThrow(/plain\.csv\.gz: the name ends in \.gz but the file is not gzip data/);
  });
  it('refuses an unclosed quote, naming the line', () => {
    expect(() => readCsvFile(file('quote.csv', 'id,name\n1,"broken\n'), 'utf-8')).toThrow(/quote\.csv: line 2.*unreadable CSV/);
  });
});

describe('office cells', () => {
  it('turns Excel-style dates into ISO-8601 and leaves other text alone', () => {
    expect(isoFromOfficeDate('2026/11/18 9:05')).toBe('2026-11-18T09:05:00');
    expect(isoFromOfficeDate('2026.3.1')).toBe('2026-03-01');
    expect(isoFromOfficeDate('2026年11月18日 09:05:30')).toBe('2026-11-18T09:05:30');
    expect(isoFromOfficeDate('2026-11-18T09:05:00+08:00')).toBe('2026-11-18T09:05:00+08:00');
    expect(isoFromOfficeDate('中山路12号')).toBe('中山路12号');
    // Spaces around (a full-width one too) do not hide a date; short cells and ids are left as they are.
    expect(isoFromOfficeDate('\u3000 2026/11/18 9:05 ')).toBe('2026-11-18T09:05:00');
    expect(isoFromOfficeDate('2026-1-8')).toBe('2026-01-08');
    expect(isoFromOfficeDate('2026/1/1')).toBe('2026-01-01');
    expect(isoFromOfficeDate('WT202611180001')).toBe('WT202611180001');
    expect(isoFromOfficeDate('118.78')).toBe('118.78');
  });
  it('resolves a category or department given by its unique name to its code', () => {
    const categories = { file: 'c', header: ['code', 'name'], rows: [['01001', '暴露垃圾'], ['01002', '重名'], ['01003', '重名']], lines: [2, 3, 4] };
    const departments = { file: 'd', header: ['code', 'name'], rows: [['BM06', '环卫所']], lines: [2] };
    const table = { file: 'p', header: ['category_code', 'department_code', 'description'], rows: [['暴露垃圾', '环卫所', '暴露垃圾'], ['01002', 'BM06', ''], ['重名', '未知', '']], lines: [2, 3, 4] };
    const out = resolveNamedCodesInTable(table, { categories: codeLookup(categories), departments: codeLookup(departments) });
    // Names become codes; codes stay; an ambiguous or unknown name is left for validate to reject.
    expect(out.rows).toEqual([['01001', 'BM06', '暴露垃圾'], ['01002', 'BM06', ''], ['重名', '未知', '']]);
  });
});

describe('tables and points', () => {
  it('makes points of a table\'s lon/lat columns, NaN where a cell is not a number', () => {
    const points = tableToPoints({ file: 'l.csv', header: ['id', 'lon', 'lat'], rows: [['L1', '118.1', '32.2'], ['L2', '无', '']], lines: [2, 3] }, 'files.lamps');
    expect(points.features[0]).toEqual({ properties: { id: 'L1' }, geometry: { type: 'Point', coordinates: [118.1, 32.2] } });
    expect(points.features[1]!.geometry).toEqual({ type: 'Point', coordinates: [NaN, NaN] });
  });
  it('names the missing lon/lat columns of a table read as points', () => {
    expect(() => tableToPoints({ file: 'l.csv', header: ['id', 'x', 'y'], rows: [], lines: [] }, 'files.lamps')).toThrow(/l\.csv: line 1: is a table, so it needs "lon" and "lat" columns.*files\.lamps\.columns/);
  });
  it('makes a table of point features with lon/lat columns', () => {
    const table = featuresToTable({ file: 'p.geojson', features: [{ properties: { id: 'P1' }, geometry: { type: 'Point', coordinates: [118.1, 32.2] } }] });
    expect(table).toMatchObject({ header: ['id', 'lon', 'lat'], rows: [['P1', '118.1', '32.2']] });
  });
});

describe('GeoJSON', () => {
  it('returns the legacy "crs" member for the declared CRS to be checked against', () => {
    const path = file('c.geojson', JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } }, features: [] }));
    expect(readGeoJson(path).crsName).toBe('urn:ogc:def:crs:EPSG::4490');
    expect(crsNameOfGeoJson('urn:ogc:def:crs:EPSG::4490')).toBe('EPSG:4490');
    expect(crsNameOfGeoJson('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe('WGS84');
  });
  it('refuses malformed JSON with line and column', () => {
    expect(() => readGeoJson(file('bad.geojson', '{"type":"FeatureCollection",\n"features":[}'))).toThrow(/bad\.geojson: line 2, column \d+: is not valid JSON/);
  });
});

describe('ZIP', () => {
  it('round-trips entries, Chinese names included, deterministically', () => {
    const zip = writeZip([['网格.shp', bytes('a'.repeat(1000))], ['b.txt', bytes('')]]);
    expect(readZip(zip)).toEqual(new Map([['网格.shp', bytes('a'.repeat(1000))], ['b.txt', bytes('')]]));
    expect(writeZip([['网格.shp', bytes('a'.repeat(1000))], ['b.txt', bytes('')]])).toEqual(zip);
  });
  it('reads a GBK file name written without the UTF-8 flag (Chinese Windows)', () => {
    // Write "ab.shp", then put GBK "网格" (4 bytes) over "ab.s" in both headers and clear the flag.
    const zip = Buffer.from(writeZip([['ab.shp', bytes('x')]]));
    const central = zip.readUInt32LE(zip.length - 22 + 16);
    const gbk = iconv.encode('网格', 'gbk');
    gbk.copy(zip, 30);
    gbk.copy(zip, central + 46);
    zip.writeUInt16LE(0, 6);
    zip.writeUInt16LE(0, central + 8);
    expect([...readZip(new Uint8Array(zip)).keys()]).toEqual(['网格hp']);
  });
  it('refuses a file that is not a ZIP', () => {
    expect(() => readZip(bytes('not a zip at all, just text'))).toThrow(/not a ZIP archive/);
  });
});

describe('XLSX', () => {
  it('reads the first sheet or a named one, dates as wall-clock time', async () => {
    const path = file('book.xlsx', writeXlsx([{ name: '说明', rows: [['备注']] }, { name: '台账', rows: [['编号', '上报时间', '数量'], ['P1', { date: '2026-11-18T09:05:00' }, 3], [null, null, null], ['P2', null, 4]] }]));
    expect((await readXlsxTable(path)).header).toEqual(['备注']);
    const t = await readXlsxTable(path, '台账');
    expect(t.header).toEqual(['编号', '上报时间', '数量']);
    expect(t.rows).toEqual([['P1', '2026-11-18T09:05:00', '3'], ['P2', '', '4']]);
    // Excel's row numbers: the blank row 3 is skipped but P2 stays on row 4.
    expect(t.lines).toEqual([2, 4]);
    expect((await readXlsxTable(path, 2)).header).toEqual(['编号', '上报时间', '数量']);
  });
  it('shows a number longer than Excel\'s 15 digits as Excel does, so a 17-digit code fails its rule', () => {
    expect(cellText(32010209900100100)).toBe('3.20102099001001E+16');
    expect(cellText(320102099001001)).toBe('320102099001001');
    expect(cellText(12.5)).toBe('12.5');
  });
  it('names a missing sheet', async () => {
    const path = file('one.xlsx', writeXlsx([{ name: 'Sheet1', rows: [['a']] }]));
    await expect(readXlsxTable(path, '台账')).rejects.toThrow(/one\.xlsx: has no sheet "台账"/);
  });
  it('refuses a file that is not a workbook (an .xls renamed, a text file)', async () => {
    const path = file('fake.xlsx', 'id,name\n1,2\n');
    await expect(readXlsxTable(path)).rejects.toThrow(InputFileError);
    await expect(readXlsxTable(path)).rejects.toThrow(/fake\.xlsx: is not a readable \.xlsx workbook/);
  });
});

describe('shapefile', () => {
  const square = { type: 'Polygon' as const, coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]] };
  const fields = [{ name: '网格编码', type: 'C' as const, length: 15 }, { name: '户数', type: 'N' as const, length: 6 }];
  const shp = writePolygonShapefile([{ geometry: square, attributes: ['320102099006001', 120] }], fields, 'gbk');
  it('reads a zipped shapefile: GBK attributes by the DBF language driver, rings counter-clockwise, the .prj', () => {
    const path = file('grid.zip', writeZip([['g.shp', shp.shp], ['g.shx', shp.shx], ['g.dbf', shp.dbf], ['g.prj', bytes('GEOGCS["GCS_WGS_1984"]')]]));
    const read = readShapefile(path);
    expect(read.encoding).toBe('gbk');
    expect(read.prj).toBe('GEOGCS["GCS_WGS_1984"]');
    expect(read.features.features).toEqual([{ properties: { 网格编码: '320102099006001', 户数: 120 }, geometry: square }]);
  });
  it('reads the .cpg\'s encoding and a .shp with its files beside it', () => {
    const utf8 = writePolygonShapefile([{ geometry: square, attributes: ['A', 1] }], [{ name: 'NAME', type: 'C', length: 10 }, { name: 'N', type: 'N', length: 4 }], 'utf-8');
    const path = file('side.shp', utf8.shp);
    file('side.dbf', utf8.dbf);
    file('side.cpg', 'UTF-8');
    const read = readShapefile(path);
    expect(read.encoding).toBe('UTF-8');
    expect(read.prj).toBeNull();
    expect(read.features.features[0]!.properties).toEqual({ NAME: 'A', N: 1 });
  });
  it('refuses a zip with no .shp, naming what it holds', () => {
    expect(() => readShapefile(file('empty.zip', writeZip([['readme.txt', bytes('hi')]])))).toThrow(/empty\.zip: holds no \.shp file \(it has readme\.txt\)/);
  });
  it('refuses a damaged zip', () => {
    const zip = writeZip([['g.shp', shp.shp]]);
    expect(() => readShapefile(file('cut.zip', zip.slice(0, zip.length - 30)))).toThrow(/cut\.zip: .*expected a \.zip holding a shapefile/);
  });
  it('refuses a .dbf whose record count does not match the shapes', () => {
    const dbf = writeDbf([['a'], ['b']], [{ name: 'X', type: 'C', length: 2 }], 'utf-8');
    expect(() => readShapefile(file('count.zip', writeZip([['g.shp', shp.shp], ['g.dbf', dbf]])))).toThrow(/the \.shp has 1 shapes but the \.dbf 2 records/);
  });
  it('refuses a .shp that is not a shapefile', () => {
    expect(() => readShapefile(file('junk.zip', writeZip([['g.shp', bytes('not a shapefile, only forty bytes or so of text!!')]])))).toThrow(/junk\.zip: the \.shp is not a readable shapefile/);
  });
  it('maps property names through the config\'s columns', () => {
    const read = readShapefile(file('grid2.zip', writeZip([['g.shp', shp.shp], ['g.dbf', shp.dbf]])));
    const mapped = mapFeatureProperties(read.features, { columns: { 网格编码: 'code', 户数: 'households' }, values: {} }, 'files.gridsL4');
    expect(mapped.features[0]!.properties).toEqual({ code: '320102099006001', households: 120 });
    expect(() => mapFeatureProperties(read.features, { columns: { 编码: 'code' }, values: {} }, 'files.gridsL4')).toThrow(/has no property "编码"/);
  });
});
