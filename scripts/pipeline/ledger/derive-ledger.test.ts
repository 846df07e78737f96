/**
 * The ledger stage on the demo sub-district: the figures the pipeline puts in the manifest are the
 * ones the browser's engine computes from the table it writes, and a rebuild gives the same bytes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerTextChunk, Manifest } from '../../../src/contract';
import { emptyFilter } from '../../../src/analysis/ledger/filters';
import { ENGINE_DEFAULTS, LedgerEngine } from '../../../src/analysis/ledger/ledger-engine';
import { decodeLedgerTable } from '../../../src/analysis/ledger/ledger-table';
import { buildData } from '../../build-data';
import { oneMonthBefore } from './derive-ledger';

const CONFIG = 'data/sample/guatu.config.json';

describe('one month before', () => {
  const cst = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h) - 8 * 3_600_000;
  it('is the same local day and time a month earlier, or the month’s last day', () => {
    expect(oneMonthBefore(cst(2026, 11, 20, 17), 480)).toBe(cst(2026, 10, 20, 17));
    expect(oneMonthBefore(cst(2026, 3, 31, 9), 480)).toBe(cst(2026, 2, 28, 9));
    expect(oneMonthBefore(cst(2026, 1, 15), 480)).toBe(cst(2025, 12, 15));
  });
});

// data/sample/problems.csv is generated before the unit tests (tests/setup/demo-inputs.ts).
describe('the ledger stage on the demo sub-district', () => {
  let out: string;
  let again: string;
  let manifest: Manifest;
  let engine: LedgerEngine;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'guatu-ledger-'));
    again = mkdtempSync(join(tmpdir(), 'guatu-ledger-'));
    await buildData({ config: CONFIG, outDir: out, quiet: true });
    await buildData({ config: CONFIG, outDir: again, quiet: true });
    manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    const bytes = gunzipSync(readFileSync(join(out, manifest.ledger!.table.file)));
    const { header, columns } = decodeLedgerTable(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    engine = new LedgerEngine(header, columns);
  }, 180_000);

  afterAll(() => {
    for (const d of [out, again]) if (d) rmSync(d, { recursive: true, force: true });
  });

  const at = (asOf: number) =>
    engine.query({ filter: emptyFilter(), asOf, reboundWindowDays: 30, window: { from: null, to: null }, month: '2026-11', week: asOf, binMetres: ENGINE_DEFAULTS.binMetres, listLimit: 10 });

  it('writes one row per kept problem, with its text', () => {
    expect(manifest.ledger!.table.rows).toBe(manifest.inputs.problems!.kept);
    const chunk = JSON.parse(gunzipSync(readFileSync(join(out, manifest.ledger!.text.files[0]!))).toString('utf8')) as LedgerTextChunk;
    expect(chunk.first).toBe(0);
    expect(chunk.id).toHaveLength(manifest.ledger!.text.rowsPerChunk);
    expect(chunk.description.every((d) => typeof d === 'string')).toBe(true);
  });

  it('puts in the manifest the figures the browser computes from the table', () => {
    const r = at(engine.header.asOf);
    const h = manifest.headline;
    expect(r.matched).toBe(h.problemsTotal);
    expect(r.total.counts.open).toBe(h.problemsOpen);
    expect(r.total.counts.overdue).toBe(h.problemsOverdue);
    expect(r.supervision.red).toBe(h.problemsRed);
    expect(r.total.kpis.onTimeClosureRate).toBeCloseTo(h.onTimeClosureRate, 12);
    expect(r.total.kpis.closureRate).toBeCloseTo(h.closureRate, 12);
  });

  it('fills previousMonth with the same figures a month before', () => {
    const before = at(oneMonthBefore(engine.header.asOf, 480));
    const p = manifest.headline.previousMonth!;
    expect(before.matched).toBe(p.problemsTotal);
    expect(before.total.counts.open).toBe(p.problemsOpen);
    expect(before.supervision.red).toBe(p.problemsRed);
    expect(before.total.kpis.onTimeClosureRate).toBeCloseTo(p.onTimeClosureRate!, 12);
  });

  it('ranks the last whole month for screens without the worker, as the workspace does', () => {
    const rb = manifest.ledger!.redBlack;
    expect(rb.month).toBe('2026-10');
    const r = engine.query({ filter: emptyFilter(), asOf: engine.header.asOf, reboundWindowDays: 30, window: { from: null, to: null }, month: '2026-10', week: engine.header.asOf, binMetres: ENGINE_DEFAULTS.binMetres, listLimit: 0 });
    expect(rb.communities.map((u) => [u.code, u.score, u.list])).toEqual(r.redBlack.communities.map((u) => [u.code, u.score, u.list]));
    expect(rb.communities.filter((u) => u.list === 'red')).toHaveLength(5);
  });

  it('uses the dataset’s settings and calendar files', () => {
    expect(manifest.ledger!.settingsFile).toMatch(/ledger-settings\.json$/);
    expect(manifest.ledger!.calendar.file).toMatch(/cn-workdays\.csv$/);
    expect(manifest.ledger!.calendar.holidays).toBeGreaterThan(50);
  });

  it('writes the same bytes on a rebuild', () => {
    for (const f of [manifest.ledger!.table.file, ...manifest.ledger!.text.files]) {
      expect(readFileSync(join(again, f)).equals(readFileSync(join(out, f))), f).toBe(true);
    }
  });
});
