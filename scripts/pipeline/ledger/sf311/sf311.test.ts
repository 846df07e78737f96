/**
 * A real ledger from elsewhere: the San Francisco 311 sample (4,984 real cases) built through the
 * same pipeline as the demo, via data/sf311/guatu.config.json (column and value mapping) and
 * problems-mapping.json (time zone, derived fields). The cases are vendored (data/realdata/sf311), so
 * this always runs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_NULL, type LedgerTextChunk, type Manifest } from '../../../../src/contract';
import { decodeLedgerTable } from '../../../../src/analysis/ledger/ledger-table';
import { buildData, type BuildReport } from '../../../build-data';
import { readUtf8File } from '../../formats/text-encoding';
import { SF311_DEFAULTS } from './make-office';

const CONFIG = join(SF311_DEFAULTS.out, 'guatu.config.json');
describe(`San Francisco 311 sample built as a second ledger (${SF311_DEFAULTS.cases})`, () => {
  let out: string;
  let report: BuildReport;
  let manifest: Manifest;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'guatu-sf311-'));
    report = await buildData({ config: CONFIG, outDir: out, quiet: true });
    manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
  }, 120_000);

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('imports or rejects every one of the 4,984 cases, each reject with a reason', () => {
    const counts = manifest.inputs.problems!;
    expect(counts.read).toBe(4984);
    expect(counts.kept + counts.rejected).toBe(4984);
    expect(counts.kept).toBeGreaterThan(4800);
    const rejects = report.rejects.filter((r) => r.file.endsWith('cases_sample.csv.gz'));
    expect(rejects).toHaveLength(counts.rejected);
    for (const r of rejects) {
      expect(r.reason.trim().length, JSON.stringify(r)).toBeGreaterThan(10);
      expect(r.field).not.toBe('');
    }
    // The real data's own fault: cases closed before they were opened.
    expect(rejects.every((r) => /before|expected/.test(r.reason))).toBe(true);
  });

  it('turns categories into codes, statuses into lifecycle states, and routes each case', () => {
    const buf = gunzipSync(readFileSync(join(out, manifest.ledger!.table.file)));
    const { header, columns } = decodeLedgerTable(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    expect(header.rows).toBe(manifest.inputs.problems!.kept);
    const codes = new Set(Array.from(columns.category, (i) => header.categories[i]!.code));
    expect(codes.has('01003')).toBe(true); // Street and Sidewalk Cleaning
    expect(codes.has('03002')).toBe(true); // Abandoned Vehicle
    const statuses = new Set(Array.from(columns.status, (i) => header.statuses[i]));
    expect([...statuses].sort()).toEqual(['closed', 'dispatched']);
    // Departments and deadlines came from categories.csv, for every case.
    expect(manifest.ledger!.routedDepartments).toBe(header.rows);
    expect(manifest.ledger!.computedDeadlines).toBe(header.rows);
    expect(Array.from(columns.deadline).every((d) => d !== LEDGER_NULL && d > 0)).toBe(true);
  });

  it('keeps the WGS-84 positions and reads Pacific times with daylight saving', () => {
    const source = Papa.parse<Record<string, string>>(readUtf8File(SF311_DEFAULTS.cases), { header: true, skipEmptyLines: true }).data;
    const text = JSON.parse(gunzipSync(readFileSync(join(out, manifest.ledger!.text.files[0]!))).toString('utf8')) as LedgerTextChunk;
    const buf = gunzipSync(readFileSync(join(out, manifest.ledger!.table.file)));
    const { header, columns } = decodeLedgerTable(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    const [w, s, e, n] = header.bounds;
    // CaseID 1757188: opened 2012-12-04 15:21 in San Francisco (PST, UTC−8) = 23:21 UTC.
    const winter = text.id.indexOf('1757188');
    expect(winter).toBeGreaterThanOrEqual(0);
    expect(new Date(columns.reported[winter]! * 60_000).toISOString()).toBe('2012-12-04T23:21:00.000Z');
    const row = source.find((r) => r.CaseID === '1757188')!;
    const lon = w + (columns.x[winter]! / 65535) * (e - w);
    const lat = s + (columns.y[winter]! / 65535) * (n - s);
    expect(Math.abs(lon - Number(row.Long))).toBeLessThan(1e-5);
    expect(Math.abs(lat - Number(row.Lat))).toBeLessThan(1e-5);
    // CaseID 2643949: opened 2013-07-26 09:57:04 (PDT, UTC−7) = 16:57 UTC.
    const summer = text.id.indexOf('2643949');
    expect(new Date(columns.reported[summer]! * 60_000).toISOString()).toBe('2013-07-26T16:57:00.000Z');
  });

  it('fills the ledger headline figures', () => {
    expect(manifest.headline.problemsRed).toBeGreaterThan(0);
    expect(manifest.headline.onTimeClosureRate).toBeGreaterThan(0);
    expect(manifest.headline.onTimeClosureRate).toBeLessThanOrEqual(1);
    expect(manifest.headline.previousMonth?.problemsTotal).toBeLessThan(manifest.headline.problemsTotal);
  });
});
