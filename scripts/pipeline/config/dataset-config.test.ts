import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATASET_FILE_KEYS } from '../../../src/contract';
import { readDatasetConfig, DEFAULT_CHECKS } from './dataset-config';
import { checkAgainstSchema } from './json-schema';
import { configSchemaJson, SCHEMA_FILE } from './write-config-schema';

const dir = mkdtempSync(join(tmpdir(), 'guatu-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const base = {
  name: '测试',
  demo: false,
  subDistrict: { code: '320102099', name: '测试街道' },
  crs: 'WGS84',
  oldCompoundBefore: 2000,
  basemap: { osm: 'city.osm.pbf' },
  files: Object.fromEntries(DATASET_FILE_KEYS.map((k) => [k, `${k}.csv`])) as Record<string, unknown>,
};
let n = 0;
const read = (config: object) => readDatasetConfig(((path) => (writeFileSync(path, JSON.stringify(config)), path))(join(dir, `c${n++}.json`)));
const withFile = (key: string, value: unknown) => ({ ...base, files: { ...base.files, [key]: value } });

describe('readDatasetConfig', () => {
  it('keeps the string shorthand: format from the extension, UTF-8, the dataset CRS, no mapping', () => {
    const c = read(withFile('lamps', 'lamps.geojson'));
    expect(c.sources.lamps).toEqual({ file: 'lamps.geojson', format: 'geojson', encoding: 'utf-8', crs: null, columns: {}, values: {} });
    expect(c.files.lamps).toBe('lamps.geojson');
    expect(c.checks).toEqual(DEFAULT_CHECKS);
    expect(read(withFile('problems', 'problems.csv.gz')).sources.problems).toMatchObject({ file: 'problems.csv.gz', format: 'csv' });
  });
  it('reads the object form with format, encoding, CRS, sheet, columns and values', () => {
    const c = read(withFile('problems', { file: '台账.xlsx', sheet: '问题', crs: 'GCJ-02', columns: { 经度: 'lon' }, values: { status: { 结案: 'closed' } } }));
    expect(c.sources.problems).toEqual({ file: '台账.xlsx', format: 'xlsx', encoding: 'utf-8', crs: 'GCJ02', sheet: '问题', columns: { 经度: 'lon' }, values: { status: { 结案: 'closed' } } });
    expect(read(withFile('gridsL4', { file: 'grids.zip', crs: 'epsg:4549' })).sources.gridsL4).toMatchObject({ format: 'shapefile', crs: 'EPSG:4549' });
  });
  it('normalises the dataset CRS name', () => {
    expect(read({ ...base, crs: 'cgcs2000' }).crs).toBe('CGCS2000');
    expect(read({ ...base, crs: 'EPSG:4528' }).crs).toBe('EPSG:4528');
  });
  it('names the key and what was expected for each kind of mistake', () => {
    const cases: [object, RegExp][] = [
      [{ ...base, crs: 'EPSG:3857' }, /"crs" must be WGS84 \(or EPSG:4326\), GCJ02.*EPSG:4513–4533.*; got "EPSG:3857"/],
      [withFile('lamps', { file: 'l.csv', crs: 'Xian80' }), /"files\.lamps\.crs" must be WGS84.*got "Xian80"/],
      [withFile('lamps', { file: 'l.csv', encoding: 'big5' }), /"files\.lamps\.encoding" must be one of "auto", "utf-8", "gbk", "gb18030"; got "big5"/],
      [withFile('lamps', { file: 'l.csv', colums: {} }), /"files\.lamps\.colums" is not a key Guatu knows here; expected one of file, format, encoding, crs, sheet, columns, values/],
      [withFile('lamps', { path: 'l.csv' }), /"files\.lamps\.file" must name a file \(relative to the config\); it is missing/],
      [withFile('lamps', 42), /"files\.lamps" must name a file \(relative to the config\), or be an object/],
      [withFile('lamps', { file: 'l.csv', columns: { 经度: 3 } }), /"files\.lamps\.columns\.经度" must be the name of a contract field/],
      [withFile('lamps', { file: 'l.geojson', encoding: 'gbk' }), /"files\.lamps\.encoding" applies to CSV files only/],
      [withFile('lamps', 'lamps.xls'), /"files\.lamps" names lamps\.xls, an old Excel\/WPS workbook; save it as \.xlsx/],
      [{ ...base, subDistrict: { code: '3201', name: 'x' } }, /"subDistrict\.code" must be a 9-digit code \(6 county \+ 3 street\), e\.g\. "320102099"; got "3201"/],
      [{ ...base, basemap: { osm: 'city.shp' } }, /"basemap\.osm" must name an OpenStreetMap extract \(\.osm, \.osm\.xml or \.osm\.pbf\)/],
      [{ ...base, oldCompoundBefore: '2000' }, /"oldCompoundBefore" must be a year such as 2000; got "2000"/],
      [{ ...base, checks: { crs: 'no' } }, /"checks\.crs" must be true or false/],
      [{ ...base, asOf: 'yesterday' }, /"asOf" must be an ISO-8601 date-time/],
      [{ ...base, nmae: 'x' }, /"nmae" is not a key Guatu knows here/],
      [(({ demo: _d, ...rest }) => rest)(base), /"demo" must be true or false; it is missing/],
    ];
    for (const [config, message] of cases) expect(() => read(config), String(message)).toThrow(message);
  });
  it('accepts the demo config', () => {
    expect(readDatasetConfig('data/sample/guatu.config.json').sources.problems?.format).toBe('csv');
  });
});

describe('the config schema file for editors', () => {
  it('is what config-schema.ts says (regenerate: npx tsx scripts/pipeline/config/write-config-schema.ts)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(configSchemaJson());
  });
  it('accepts the demo and fixture configs', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object;
    for (const path of ['data/sample/guatu.config.json', 'tests/fixtures/import/office/guatu.config.json']) {
      expect(checkAgainstSchema(JSON.parse(readFileSync(path, 'utf8')), schema), path).toBeNull();
    }
  });
});
