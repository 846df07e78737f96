import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsvTable, readDatasetConfig, readGeoJsonFeatures } from './read';

const dir = mkdtempSync(join(tmpdir(), 'guatu-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('readCsvTable', () => {
  it('strips a UTF-8 BOM from the first header', () => {
    const t = readCsvTable(file('bom.csv', '\ufeffcode,name\nD01,城管\n'));
    expect(t.header).toEqual(['code', 'name']);
    expect(t.rows).toEqual([['D01', '城管']]);
  });
  it('keeps file line numbers right after a quoted cell that spans lines', () => {
    const t = readCsvTable(file('multi.csv', 'id,description\n1,"两行\n描述"\n2,普通\n'));
    expect(t.rows.map((r) => r[0])).toEqual(['1', '2']);
    expect(t.lines).toEqual([2, 4]);
  });
  it('skips blank lines but not their line numbers', () => {
    const t = readCsvTable(file('blank.csv', 'id\n1\n\n2\n'));
    expect(t.rows).toEqual([['1'], ['2']]);
    expect(t.lines).toEqual([2, 4]);
  });
  it('reads a header-only table as no rows', () => {
    expect(readCsvTable(file('empty.csv', 'id,name\n')).rows).toEqual([]);
  });
  it('refuses an empty file, naming it', () => {
    expect(() => readCsvTable(file('nothing.csv', ''))).toThrow(/nothing\.csv: is empty; expected a header row/);
  });
  it('refuses GBK bytes with the line where they start', () => {
    const gbk = Buffer.concat([Buffer.from('id,name\nD01,'), Buffer.from([0xb3, 0xc7, 0xb9, 0xdc]), Buffer.from('\n')]);
    expect(() => readCsvTable(file('gbk.csv', gbk))).toThrow(/gbk\.csv: line 2: is not valid UTF-8/);
  });
  it('names a missing file', () => {
    expect(() => readCsvTable(join(dir, 'absent.csv'))).toThrow(/absent\.csv: cannot read the file \(ENOENT\)/);
  });
});

describe('readGeoJsonFeatures', () => {
  it('keeps a feature with a null geometry for validate to judge', () => {
    const r = readGeoJsonFeatures(file('null.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'a' }, geometry: null }] })));
    expect(r.features).toEqual([{ properties: { id: 'a' }, geometry: null }]);
  });
  it('refuses JSON that is not a FeatureCollection', () => {
    expect(() => readGeoJsonFeatures(file('point.geojson', '{"type":"Point","coordinates":[0,0]}'))).toThrow(/expected a GeoJSON FeatureCollection/);
  });
  it('names the line and column of broken JSON', () => {
    expect(() => readGeoJsonFeatures(file('broken.geojson', '{\n  "type": "FeatureCollection",\n  "features": [,]\n}'))).toThrow(/broken\.geojson: line 3, column \d+: is not valid JSON/);
  });
});

describe('readDatasetConfig', () => {
  const valid = {
    name: 'x', demo: false, subDistrict: { code: '320102099', name: 'x' }, crs: 'WGS84', oldCompoundBefore: 2000, basemap: { osm: 'a.osm' },
    files: Object.fromEntries(['boundary', 'areas', 'communities', 'gridsL4', 'gridsL5', 'compounds', 'projects', 'renovationItems', 'roadWorks', 'lamps', 'problems', 'categories', 'departments'].map((k) => [k, `${k}.x`])),
  };
  it('accepts a complete config', () => {
    expect(readDatasetConfig(file('ok.json', JSON.stringify(valid))).subDistrict.code).toBe('320102099');
  });
  it('names the key that is wrong and what was expected', () => {
    expect(() => readDatasetConfig(file('crs.json', JSON.stringify({ ...valid, crs: 'EPSG:3857' })))).toThrow(/"crs" must be WGS84 .*; got "EPSG:3857"/);
    expect(() => readDatasetConfig(file('code.json', JSON.stringify({ ...valid, subDistrict: { code: '3201', name: 'x' } })))).toThrow(/"subDistrict.code" must be a 9-digit code/);
    const { lamps: _lamps, ...files } = valid.files;
    expect(() => readDatasetConfig(file('files.json', JSON.stringify({ ...valid, files })))).toThrow(/"files.lamps" must name a file/);
  });
});
