/**
 * Ledger benchmarks, one measurement per process (bench/run.ts runs each three times, fresh):
 *
 *   tsx bench/ledger.ts derive <config> <outDir> [--base <tiles>]
 *     read → validate → normalise → derive → the ledger stage → its files, no tiles. Prints the
 *     stage times and peak RSS. With --base, <outDir> becomes a copy of <tiles> (a full build of the
 *     demo) whose ledger is replaced by this one, for the browser run at 100k and 1M problems.
 *   tsx bench/ledger.ts engine <tiles>
 *     the worker's engine in Node on the table: load, the first query (the full per-row pass), a
 *     filter change (median of 8 different filters) and an as-of change.
 *   tsx bench/ledger.ts worker <tiles> [dist]
 *     the built ledger worker (dist/assets/ledger.worker-*.js) alone in headless Chromium, asked
 *     what the workspace asks: the first query, then the same 8 filter changes; round trip and
 *     the engine's share, without the map competing for the 2 cores.
 *   tsx bench/ledger.ts browser <tiles> [dist]
 *     headless Chromium on ?ws=ledger: time to first map idle, and for 6 filter changes the median
 *     time to the KPI panel updated and to the map repainted (window.__guatuLedger).
 *
 * Each prints one JSON line: { wallMs, maxRssMb, stages } (stages in ms).
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { MANIFEST_FILE, type Manifest } from '../src/contract';
import { emptyFilter, type LedgerFilter } from '../src/analysis/ledger/filters';
import { ENGINE_DEFAULTS, LedgerEngine, type LedgerQuery } from '../src/analysis/ledger/ledger-engine';
import { decodeLedgerTable } from '../src/analysis/ledger/ledger-table';
import { deriveFigures } from '../scripts/pipeline/derive';
import { deriveLedger } from '../scripts/pipeline/ledger/derive-ledger';
import { ledgerInputs } from '../scripts/pipeline/ledger/ledger-inputs';
import { writeLedger } from '../scripts/pipeline/ledger/write-ledger';
import { normaliseInputs } from '../scripts/pipeline/normalise';
import { readInputs } from '../scripts/pipeline/read';
import { RejectLedger, validateInputs } from '../scripts/pipeline/validate';

const rssMb = (): number => process.resourceUsage().maxRSS / 1024;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Filters a clerk clicks through, each different from the one before. */
export const BENCH_FILTERS: Partial<LedgerFilter>[] = [
  { majors: ['03'] },
  { majors: ['01', '05'] },
  { statuses: ['disposing', 'verifying'] },
  { natures: ['rebound'] },
  { sources: ['hotline'] },
  { departments: ['BM04'] },
  { from: '2026-01-01', to: '2026-06-30' },
  { majors: ['04'], statuses: ['closed'] },
];

async function derive(config: string, outDir: string, base: string | null): Promise<void> {
  const stages: Record<string, number> = {};
  const time = async <T>(name: string, work: () => T | Promise<T>): Promise<T> => {
    const t = performance.now();
    const r = await work();
    stages[name] = Math.round(performance.now() - t);
    return r;
  };
  const start = performance.now();
  const raw = await time('read', () => readInputs(config));
  const rejects = new RejectLedger();
  const valid = await time('validate', () => validateInputs(raw, rejects));
  const normal = await time('normalise', () => normaliseInputs(valid, rejects));
  const derived = await time('derive', () => deriveFigures(normal));
  const inputs = ledgerInputs(config, valid.config);
  const product = await time('ledger', () => deriveLedger(normal, derived, inputs, normal.ledgerCompletion));
  if (base) {
    rmSync(outDir, { recursive: true, force: true });
    cpSync(base, outDir, { recursive: true });
  }
  const summary = await time('ledgerWrite', () => writeLedger(outDir, product, inputs, normal.ledgerCompletion));
  if (base) {
    const manifestPath = join(outDir, MANIFEST_FILE);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, ledger: summary }, null, 2));
  }
  console.log(JSON.stringify({ wallMs: performance.now() - start, maxRssMb: rssMb(), stages, tableBytes: summary.table.bytes, textBytes: summary.text.bytes, rows: summary.table.rows }));
}

function engineBench(tiles: string): void {
  const manifest = JSON.parse(readFileSync(join(tiles, MANIFEST_FILE), 'utf8')) as Manifest;
  const start = performance.now();
  let t = performance.now();
  const bytes = gunzipSync(readFileSync(join(tiles, manifest.ledger!.table.file)));
  const { header, columns } = decodeLedgerTable(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const engine = new LedgerEngine(header, columns);
  const load = performance.now() - t;
  const query = (filter: Partial<LedgerFilter>, asOf = header.asOf): LedgerQuery => ({
    filter: { ...emptyFilter(), ...filter },
    asOf,
    reboundWindowDays: header.settings.reboundWindowDays,
    window: { from: null, to: null },
    month: '2026-10',
    week: header.asOf,
    binMetres: ENGINE_DEFAULTS.binMetres,
    listLimit: ENGINE_DEFAULTS.listLimit,
  });
  t = performance.now();
  engine.query(query({}));
  const first = performance.now() - t;
  const filters: number[] = [];
  for (const f of BENCH_FILTERS) {
    t = performance.now();
    engine.query(query(f));
    filters.push(performance.now() - t);
  }
  const asOfs: number[] = [];
  for (const days of [7, 30, 90]) {
    t = performance.now();
    engine.query(query({}, header.asOf - days * 86_400_000));
    asOfs.push(performance.now() - t);
  }
  console.log(
    JSON.stringify({
      wallMs: performance.now() - start,
      maxRssMb: rssMb(),
      stages: { load: Math.round(load), firstQuery: Math.round(first), filterChange: Math.round(median(filters)), asOfChange: Math.round(median(asOfs)) },
      rows: header.rows,
    }),
  );
}

/** In-page code (a string: the test runner's transforms must not reach the page). */
const WORKER_PAGE_CODE = `(async ({ workerFile, filters }) => {
  const m = await (await fetch('/tiles/manifest.json')).json();
  const w = new Worker('/assets/' + workerFile, { type: 'module' });
  let id = 0;
  const pending = new Map();
  w.onmessage = (e) => pending.get(e.data.id)(e.data);
  const send = (body) => new Promise((r) => { const i = ++id; pending.set(i, r); w.postMessage({ ...body, id: i }); });
  const t0 = performance.now();
  await send({ kind: 'init', tableUrl: location.origin + '/tiles/' + m.ledger.table.file, textUrls: m.ledger.text.files.map((f) => location.origin + '/tiles/' + f) });
  const load = performance.now() - t0;
  const asOf = Date.parse(m.asOf);
  const empty = { majors: [], categories: [], statuses: [], natures: [], departments: [], sources: [], from: null, to: null, community: null, grid: null };
  const ask = async (filter) => {
    const t = performance.now();
    const a = await send({ kind: 'query', openPoints: false, query: { filter: { ...empty, ...filter }, asOf, reboundWindowDays: 30, window: { from: null, to: null }, month: '2026-10', week: asOf + 3 * 864e5, binMetres: 20, listLimit: 200 } });
    return { roundTrip: performance.now() - t, engine: a.answer.answer.ms };
  };
  const first = await ask({});
  const changes = [];
  for (const f of filters) changes.push(await ask(f));
  w.terminate();
  return { load, first, changes };
})`;

async function workerBench(tiles: string, dist: string): Promise<void> {
  const { launchBrowser } = await import('../tests/browser/harness');
  const { startServer } = await import('../scripts/serve');
  const { readdirSync } = await import('node:fs');
  const workerFile = readdirSync(join(dist, 'assets')).find((f) => f.startsWith('ledger.worker') && f.endsWith('.js'));
  if (!workerFile) throw new Error(`${dist}/assets has no ledger.worker-*.js: build the site first`);
  const browser = await launchBrowser();
  const server = await startServer({ distDir: dist, tilesDir: tiles, port: 0 });
  const start = performance.now();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}tiles/manifest.json`);
    const r = (await page.evaluate(`${WORKER_PAGE_CODE}(${JSON.stringify({ workerFile, filters: BENCH_FILTERS })})`)) as {
      load: number;
      first: { roundTrip: number; engine: number };
      changes: { roundTrip: number; engine: number }[];
    };
    console.log(
      JSON.stringify({
        wallMs: performance.now() - start,
        maxRssMb: rssMb(),
        stages: {
          workerLoad: Math.round(r.load),
          workerFirstQuery: Math.round(r.first.roundTrip),
          workerFilterChange: Math.round(median(r.changes.map((c) => c.roundTrip))),
          workerEngine: Math.round(median(r.changes.map((c) => c.engine))),
        },
      }),
    );
  } finally {
    await server.close();
    await browser.close();
  }
}

async function browserBench(tiles: string, dist: string): Promise<void> {
  const { launchBrowser, openDashboard, waitForReady, waitForMapIdle } = await import('../tests/browser/harness');
  const { startServer } = await import('../scripts/serve');
  const browser = await launchBrowser();
  const server = await startServer({ distDir: dist, tilesDir: tiles, port: 0 });
  const start = performance.now();
  try {
    const d = await openDashboard(browser, `${server.url}?ws=ledger`, { viewport: { width: 1920, height: 1080 } });
    await waitForReady(d.page, 600_000);
    await d.page.waitForFunction(() => (window.__guatuLedger?.repaints ?? 0) > 0, null, { timeout: 600_000 });
    await waitForMapIdle(d.page, 600_000);
    const firstIdle = performance.now() - start;
    const load = await d.page.evaluate(() => window.__guatuLedger!.loadMs);
    const kpi: number[] = [];
    const repaint: number[] = [];
    const worker: number[] = [];
    const engine: number[] = [];
    // Major-class chips, one after the other (each click is a filter change).
    for (const major of ['03', '01', '05', '03', '01', '05']) {
      const before = await d.page.evaluate(() => window.__guatuLedger!.repaints);
      await d.page.locator(`input[data-major="${major}"]`).click();
      await d.page.waitForFunction((n) => window.__guatuLedger!.repaints > n && window.__guatuLedger!.pendingRepaint === null, before, { timeout: 600_000, polling: 50 });
      const h = await d.page.evaluate(() => ({ kpi: window.__guatuLedger!.kpiMs, repaint: window.__guatuLedger!.repaintMs, worker: window.__guatuLedger!.workerMs, engine: window.__guatuLedger!.engineMs }));
      engine.push(h.engine);
      kpi.push(h.kpi);
      repaint.push(h.repaint);
      worker.push(h.worker);
    }
    if (d.nonLocalRequests().length > 0) throw new Error(`non-local requests: ${d.nonLocalRequests().join(', ')}`);
    await d.close();
    console.log(
      JSON.stringify({
        wallMs: performance.now() - start,
        maxRssMb: rssMb(),
        stages: { firstMapIdle: Math.round(firstIdle), tableLoad: Math.round(load), engine: Math.round(median(engine)), worker: Math.round(median(worker)), kpiUpdate: Math.round(median(kpi)), repaint: Math.round(median(repaint)) },
      }),
    );
  } finally {
    await server.close();
    await browser.close();
  }
}

const [mode, a, b] = process.argv.slice(2);
const baseAt = process.argv.indexOf('--base');
if (mode === 'derive' && a && b) await derive(a, b, baseAt > 0 ? process.argv[baseAt + 1]! : null);
else if (mode === 'engine' && a) engineBench(a);
else if (mode === 'worker' && a) await workerBench(a, resolve(b ?? process.env.GUATU_TEST_DIST ?? 'dist'));
else if (mode === 'browser' && a) await browserBench(a, resolve(b ?? process.env.GUATU_TEST_DIST ?? 'dist'));
else throw new Error('usage: tsx bench/ledger.ts derive <config> <outDir> [--base <tiles>] | engine <tiles> | worker <tiles> [dist] | browser <tiles> [dist]');
