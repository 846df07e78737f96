import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { ChunkedFile, csvLines, csvText, featureCollectionText } from './write';

const dir = mkdtempSync(join(tmpdir(), 'guatu-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('csvText', () => {
  it('round-trips text with commas, quotes and Chinese through papaparse', () => {
    const rows = [
      { id: 'a', text: '中山东路128号门前占道经营，早高峰影响通行', n: 3 },
      { id: 'b', text: 'say "hi", twice', n: null },
    ];
    const text = csvText(['id', 'text', 'n'], rows);
    expect(text.endsWith('\n')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true });
    expect(parsed.data).toEqual([
      { id: 'a', text: rows[0]?.text, n: '3' },
      { id: 'b', text: 'say "hi", twice', n: '' },
    ]);
  });

  it('writes only the header for no rows', () => {
    expect(csvText(['code', 'name'], [])).toBe('code,name\n');
  });

  it('keeps the column order it is given, not the objects’ key order', () => {
    expect(csvLines(['b', 'a'], [{ a: 1, b: 2 }])).toBe('2,1');
  });
});

describe('featureCollectionText', () => {
  it('writes valid GeoJSON, one feature per line', () => {
    const text = featureCollectionText([
      { properties: { id: 1 }, geometry: { type: 'Point', coordinates: [118.78, 32.04] } },
      { properties: { id: 2 }, geometry: null },
    ]);
    const parsed = JSON.parse(text) as { features: unknown[] };
    expect(parsed.features).toHaveLength(2);
    expect(text.split('\n')).toHaveLength(5);
    expect(JSON.parse(featureCollectionText([]))).toEqual({ type: 'FeatureCollection', features: [] });
  });
});

describe('ChunkedFile', () => {
  it('writes everything it is given, counting the UTF-8 bytes', () => {
    const path = join(dir, 'out.txt');
    const file = new ChunkedFile(path);
    for (let i = 0; i < 3000; i++) file.write(`第${i}行 ${'x'.repeat(500)}\n`);
    file.close();
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n')).toHaveLength(3001);
    expect(file.bytes).toBe(Buffer.byteLength(text, 'utf8'));
  });
});
