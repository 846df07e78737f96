import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOsmXml } from '../osm/read-osm-xml';
import { chinaTime } from './calendar';
import { deadlineFor, generateProblems, PROBLEM_COLUMNS, writeProblemsCsv } from './problems';
import { CATEGORIES } from './tables';
import type { DemoWorld } from './world';
import { buildDemoWorld } from './world';

let world: DemoWorld;
const dir = mkdtempSync(join(tmpdir(), 'guatu-problems-'));
beforeAll(() => {
  world = buildDemoWorld({ seed: 5 });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generateProblems', () => {
  it('makes exactly the asked number of rows, the same for the same seed', () => {
    const a = generateProblems({ count: 3000, seed: 1, world });
    const b = generateProblems({ count: 3000, seed: 1, world });
    expect(a.rows).toHaveLength(3000);
    expect(b.rows).toEqual(a.rows);
    expect(generateProblems({ count: 3000, seed: 2, world }).rows).not.toEqual(a.rows);
  });

  it('makes nothing for a count of 0', () => {
    expect(generateProblems({ count: 0, seed: 1, world })).toEqual({ rows: [], badRows: [] });
  });

  it('mixes in bad rows only when asked, ≈ 0.06% by default', () => {
    expect(generateProblems({ count: 2000, seed: 1, world, badRows: 0 }).badRows).toEqual([]);
    expect(generateProblems({ count: 20_000, seed: 1, world }).badRows).toHaveLength(12);
  });

  it('writes rows in ledger order: by report time, ids by day', () => {
    const { rows } = generateProblems({ count: 3000, seed: 3, world, badRows: 0 });
    for (let i = 1; i < rows.length; i++) {
      expect(Date.parse(rows[i]?.reported_at ?? '')).toBeGreaterThanOrEqual(Date.parse(rows[i - 1]?.reported_at ?? ''));
      expect((rows[i]?.id ?? '') > (rows[i - 1]?.id ?? '')).toBe(true);
    }
    expect(rows[0]?.id).toMatch(/^WT\d{8}\d{4}$/);
  });

  it('covers the months before asOf, and no later', () => {
    const { rows } = generateProblems({ count: 3000, seed: 3, world, badRows: 0, asOf: '2025-06-30T12:00:00+08:00', months: 6 });
    const times = rows.map((r) => Date.parse(r.reported_at));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(chinaTime(2024, 12, 30));
    expect(Math.max(...times)).toBeLessThanOrEqual(chinaTime(2025, 6, 30, 12));
  });

  it('refuses an asOf it cannot read, naming the option and the expected form', () => {
    expect(() => generateProblems({ count: 10, seed: 1, world, asOf: '2026/11/20' })).toThrow(/asOf "2026\/11\/20" must look like 2026-11-20T17:00:00\+08:00/);
  });
});

describe('writeProblemsCsv', () => {
  it('streams the same rows that generateProblems returns (CSV round trip)', () => {
    const path = join(dir, 'problems.csv');
    const written = writeProblemsCsv(path, { count: 4000, seed: 8, world });
    const { rows, badRows } = generateProblems({ count: 4000, seed: 8, world });
    const text = readFileSync(path, 'utf8');
    expect(written.rows).toBe(4000);
    expect(written.bytes).toBe(Buffer.byteLength(text, 'utf8'));
    expect(written.badRows).toEqual(badRows);
    const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true });
    expect(parsed.meta.fields).toEqual([...PROBLEM_COLUMNS]);
    expect(parsed.data).toEqual(rows);
  });
});

describe('deadlineFor', () => {
  const byCode = (code: string) => CATEGORIES.find((c) => c.code === code)!;
  it('gives exposed garbage two hours and a dark lamp one working day, skipping the weekend', () => {
    const friday = chinaTime(2026, 11, 20, 10);
    expect(deadlineFor(byCode('01001'), friday) - friday).toBe(2 * 3_600_000);
    expect(deadlineFor(byCode('05001'), friday)).toBe(chinaTime(2026, 11, 23, 10));
  });
});

describe('buildDemoWorld', () => {
  it('names what is missing when the extract has no streets', () => {
    const empty = parseOsmXml('<osm version="0.6"><node id="1" lat="32" lon="118"/></osm>');
    expect(() => buildDemoWorld({ seed: 1, osm: empty })).toThrow(/OSM extract has no streets/);
  });
});
