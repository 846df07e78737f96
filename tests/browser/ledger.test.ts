/**
 * The problem ledger workspace (?ws=ledger) in headless Chromium, on the production build and the
 * demo tiles (TEST_PATHS): filters from the address, figures that follow a filter change, counts that
 * agree with the drawn clusters and points, clusters that expand on click, the timeline, the red/black
 * lists of a fixture month, the weekly plan, the supervision list, the CSV exports (with BOM), the
 * San Francisco 311 sample as a second data set, and an office whose ledger holds markup.
 *
 * Expected counts are taken from the office's own problems.csv (minus the rows in rejects.csv), not
 * from the app's analysis code, wherever a filter can be counted that way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { MANIFEST_FILE, type DatasetConfig, type LedgerTextChunk, type Manifest } from '../../src/contract';
import { emptyFilter } from '../../src/analysis/ledger/filters';
import { ENGINE_DEFAULTS, LedgerEngine } from '../../src/analysis/ledger/ledger-engine';
import { decodeLedgerTable } from '../../src/analysis/ledger/ledger-table';
import { startServer, type RunningServer } from '../../scripts/serve';
import { buildData } from '../../scripts/build-data';
import { writeDatasetIndex } from '../../scripts/pipeline/ledger/dataset-index';
import { SF311_DEFAULTS } from '../../scripts/pipeline/ledger/sf311/make-office';
import { launchBrowser, moveMap, openDashboard, pagePointOf, screenshot, TEST_PATHS, waitForMapIdle, waitForReady, type Dashboard } from './harness';
import { writeXssOffice, XSS_PAYLOAD } from './xss-fixture';

const WALL_SCREEN = { width: 1920, height: 1080 };
/** The red/black month the list test checks. */
const FIXTURE_MONTH = '2026-10';

interface ProblemRow {
  id: string;
  lon: string;
  lat: string;
  category_code: string;
  status: string;
  reported_at: string;
  [k: string]: string;
}

/** The kept rows of an office's problems.csv: every row not named in rejects.csv. */
function keptProblems(configPath: string, tilesDir: string): ProblemRow[] {
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as DatasetConfig;
  const file = join(dirname(configPath), config.files.problems);
  const rows = Papa.parse<ProblemRow>(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
  const rejects = Papa.parse<Record<string, string>>(readFileSync(join(tilesDir, 'rejects.csv'), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
  const rejected = new Set(rejects.filter((r) => (r.file ?? '').endsWith(config.files.problems)).map((r) => Number(r.row)));
  return rows.filter((_, i) => !rejected.has(i + 1));
}

function engineOf(tilesDir: string, manifest: Manifest): { engine: LedgerEngine; text: LedgerTextChunk[] } {
  const bytes = gunzipSync(readFileSync(join(tilesDir, manifest.ledger!.table.file)));
  const { header, columns } = decodeLedgerTable(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const text = manifest.ledger!.text.files.map((f) => JSON.parse(gunzipSync(readFileSync(join(tilesDir, f))).toString('utf8')) as LedgerTextChunk);
  return { engine: new LedgerEngine(header, columns), text };
}

function numbersIn(text: string): number[] {
  return [...text.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replaceAll(',', '')));
}

async function hook(page: Page) {
  return page.evaluate(() => window.__guatuLedger!);
}

/** Waits until the map has drawn an answer newer than `after` answers. */
async function waitForRepaint(page: Page, after: number): Promise<void> {
  await page.waitForFunction((n) => (window.__guatuLedger?.repaints ?? 0) > n && window.__guatuLedger?.pendingRepaint === null, after, { timeout: 120_000, polling: 100 });
  await waitForMapIdle(page);
}

async function openLedger(browser: Browser, url: string): Promise<Dashboard> {
  const d = await openDashboard(browser, url, { viewport: WALL_SCREEN });
  await waitForReady(d.page);
  await waitForRepaint(d.page, 0);
  return d;
}

async function matchedShown(page: Page): Promise<number> {
  return numbersIn(await page.getByTestId('ledger-matched').innerText())[0]!;
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('the ledger workspace on the demo tiles', () => {
  let manifest: Manifest;
  let server: RunningServer;
  let problems: ProblemRow[];

  beforeAll(async () => {
    if (!existsSync(join(TEST_PATHS.dist, 'index.html'))) throw new Error(`${TEST_PATHS.dist}/index.html is missing: run \`npx vite build\` first`);
    manifest = JSON.parse(readFileSync(join(TEST_PATHS.tiles, MANIFEST_FILE), 'utf8')) as Manifest;
    if (!manifest.ledger) throw new Error(`${TEST_PATHS.tiles}/manifest.json has no ledger section: rebuild the tiles (build:data)`);
    problems = keptProblems(TEST_PATHS.config, TEST_PATHS.tiles);
    server = await startServer({ distDir: TEST_PATHS.dist, tilesDir: TEST_PATHS.tiles, port: 0 });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('opens from ?ws=ledger with the filters in the address, and counts what the files count', async () => {
    const d = await openLedger(browser, `${server.url}?ws=ledger&lmaj=04&lst=closed`);
    try {
      await screenshot(d.page, 'ledger-filtered-04-closed');
      // Major class 04, closed at the data's as-of: counted straight from problems.csv.
      const expected = problems.filter((p) => p.category_code.startsWith('04') && p.status === 'closed').length;
      expect(expected).toBeGreaterThan(100);
      expect(await matchedShown(d.page)).toBe(expected);
      expect((await hook(d.page)).matched).toBe(expected);
      // The filter shows as set in the panel.
      expect(await d.page.locator('input[data-major="04"]').isChecked()).toBe(true);
      expect(await d.page.locator('input[data-status="closed"]').isChecked()).toBe(true);
      expect(d.pageErrors).toEqual([]);
      expect(d.consoleErrors).toEqual([]);
      expect(d.nonLocalRequests()).toEqual([]);
    } finally {
      await d.close();
    }
  });

  it('changes the figures, the address and the map when a filter changes', async () => {
    const d = await openLedger(browser, `${server.url}?ws=ledger`);
    try {
      const all = await matchedShown(d.page);
      expect(all).toBe(problems.length);
      const kpiBefore = await d.page.locator('[data-kpi="onTimeClosureRate"] .value').innerText();
      const binsBefore = (await hook(d.page)).drawn.bins;
      const repaints = (await hook(d.page)).repaints;

      await d.page.locator('input[data-major="03"]').check();
      await waitForRepaint(d.page, repaints);
      const expected = problems.filter((p) => p.category_code.startsWith('03')).length;
      expect(await matchedShown(d.page)).toBe(expected);
      expect(new URL(d.page.url()).searchParams.get('lmaj')).toBe('03');
      expect(await d.page.locator('[data-count="total"] strong').innerText()).toBe(expected.toLocaleString('zh-CN'));
      expect(await d.page.locator('[data-kpi="onTimeClosureRate"] .value').innerText()).not.toBe(kpiBefore);
      // The heat-map is drawn from fewer bins.
      expect((await hook(d.page)).drawn.bins).toBeLessThan(binsBefore);
      const h = await hook(d.page);
      console.log(`ledger: filter → KPIs ${h.kpiMs.toFixed(0)} ms, → repaint ${h.repaintMs.toFixed(0)} ms (worker ${h.workerMs.toFixed(0)} ms) at ${h.rows} problems`);

      // A category from the select narrows it further.
      const repaints2 = (await hook(d.page)).repaints;
      await d.page.getByTestId('ledger-filter-category').selectOption('03001');
      await waitForRepaint(d.page, repaints2);
      expect(await matchedShown(d.page)).toBe(problems.filter((p) => p.category_code === '03001').length);
      expect(new URL(d.page.url()).searchParams.get('lcat')).toBe('03001');
      await screenshot(d.page, 'ledger-filter-03001');
    } finally {
      await d.close();
    }
  });

  it('keeps one repaint timer waiting, not one per answer, while the map never idles (the wall soak\'s leak)', async () => {
    const d = await openLedger(browser, `${server.url}?ws=ledger`);
    try {
      // MapLibre's own list of 'once' listeners: each one left waiting held a whole LedgerMap.
      const waitingForIdle = () => d.page.evaluate(() => (window.__guatu!.map as unknown as { _oneTimeListeners: Record<string, unknown[]> })._oneTimeListeners.idle?.length ?? 0);
      // A long, slow turn: the map draws every frame and never idles, like a tour flying on.
      await d.page.evaluate(() => window.__guatu!.map!.easeTo({ bearing: 40, duration: 120_000 }));
      const answers = 8;
      for (let i = 0; i < answers; i++) {
        const queries = (await hook(d.page)).queries;
        await d.page.locator('input[data-major="03"]').setChecked(i % 2 === 0);
        await d.page.waitForFunction((n) => (window.__guatuLedger?.queries ?? 0) > n, queries, { timeout: 30_000 });
      }
      expect(await d.page.evaluate(() => window.__guatu!.map!.isMoving())).toBe(true);
      expect(await waitingForIdle()).toBeLessThanOrEqual(2);
      // Once it stops, the one waiting timer fires and takes the repaint.
      const repaints = (await hook(d.page)).repaints;
      await d.page.evaluate(() => window.__guatu!.map!.stop());
      await d.page.waitForFunction((n) => (window.__guatuLedger?.repaints ?? 0) > n, repaints, { timeout: 30_000 });
      await waitForMapIdle(d.page);
      expect(await waitingForIdle()).toBe(0);
    } finally {
      await d.close();
    }
  });

  it('draws clusters whose counts add up to the matched problems, and expands one on click', async () => {
    const d = await openLedger(browser, `${server.url}?ws=ledger&llayer=clusters&lmaj=01`);
    try {
      await d.page.waitForFunction(() => document.querySelectorAll('.ledger-cluster').length > 0, null, { timeout: 30_000 });
      const counts = await d.page.$$eval('.ledger-cluster', (els) => els.map((e) => Number((e as HTMLElement).dataset.count)));
      const matched = await matchedShown(d.page);
      // The whole sub-district is in the first view, so every matched problem is in some cluster.
      expect(counts.reduce((s, n) => s + n, 0)).toBe(matched);
      expect((await hook(d.page)).drawn.clusterProblems).toBe(matched);
      // Each donut has its status mix: the closed share is drawn.
      expect(await d.page.locator('.ledger-cluster path[data-status="closed"]').count()).toBeGreaterThan(0);
      await screenshot(d.page, 'ledger-clusters');

      const zoomBefore = await d.page.evaluate(() => window.__guatu!.map!.getZoom());
      const biggest = counts.indexOf(Math.max(...counts));
      await d.page.locator('.ledger-cluster').nth(biggest).click();
      await d.page.waitForFunction((z) => window.__guatu!.map!.getZoom() > z + 0.5, zoomBefore, { timeout: 10_000 });
      await waitForMapIdle(d.page);
      await d.page.waitForTimeout(500);
      const after = await d.page.$$eval('.ledger-cluster', (els) => els.map((e) => Number((e as HTMLElement).dataset.count)));
      // Split: the biggest cluster's problems are now spread over several markers.
      expect(Math.max(...after)).toBeLessThan(Math.max(...counts));
      await screenshot(d.page, 'ledger-clusters-expanded');
    } finally {
      await d.close();
    }
  });

  it('draws at street zoom exactly the matching problems in view, and shows a popup as text', async () => {
    const d = await openLedger(browser, `${server.url}?ws=ledger&lmaj=03,05`);
    try {
      // The busiest spot of the filtered ledger, by the files.
      const pts = problems.filter((p) => /^0[35]/.test(p.category_code)).map((p) => [Number(p.lon), Number(p.lat)] as [number, number]);
      const center = pts[Math.floor(pts.length / 2)]!;
      await moveMap(d.page, { center, zoom: 17 });
      await d.page.waitForFunction(() => (window.__guatuLedger?.drawn.points ?? 0) > 0, null, { timeout: 30_000 });
      await waitForMapIdle(d.page);
      const bounds = await d.page.evaluate(() => window.__guatu!.map!.getBounds().toArray().flat());
      const [w, s, e, n] = bounds as [number, number, number, number];
      // Positions are stored to ≈ 5 cm, so a point on the very edge may fall either side: allow it.
      const inside = pts.filter(([x, y]) => x >= w && x <= e && y >= s && y <= n).length;
      const drawn = (await hook(d.page)).drawn.points;
      expect(Math.abs(drawn - inside)).toBeLessThanOrEqual(1);
      const rendered = await d.page.evaluate(() => new Set(window.__guatu!.map!.queryRenderedFeatures({ layers: ['ledger-points'] }).map((f) => f.properties?.row)).size);
      expect(Math.abs(rendered - inside)).toBeLessThanOrEqual(1);
      const at = await pagePointOf(d.page, center);
      await d.page.mouse.click(at.x, at.y);
      const popup = d.page.locator('[data-testid="ledger-popup"]');
      await popup.waitFor({ state: 'visible', timeout: 10_000 });
      expect(await popup.innerText()).toMatch(/WT\d{12}/);
      await screenshot(d.page, 'ledger-street-popup');
    } finally {
      await d.close();
    }
  });

  it('runs the timeline: the as-of steps back to the first month and plays forward', async () => {
    const d = await openLedger(browser, `${server.url}?ws=ledger&ltm=moving`);
    try {
      const date = d.page.getByTestId('ledger-timeline-date');
      const end = await date.innerText();
      const allNow = await matchedShown(d.page);
      await d.page.locator('.timeline button[data-speed="4"]').click();
      await d.page.getByTestId('ledger-play').click();
      await d.page.waitForFunction((e) => document.querySelector('[data-testid="ledger-timeline-date"]')?.textContent !== e, end, { timeout: 20_000 });
      // Playing: the as-of is in the address and the figures are those of that moment.
      await d.page.waitForFunction(() => new URL(location.href).searchParams.has('lasof'), null, { timeout: 20_000 });
      await d.page.waitForTimeout(1500);
      await d.page.getByTestId('ledger-play').click(); // pause
      await waitForMapIdle(d.page);
      const asOf = new URL(d.page.url()).searchParams.get('lasof')!;
      expect(asOf).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
      // Moving window of a month: only the month before the as-of.
      const until = Date.parse(`${asOf}:00+08:00`);
      const expected = problems.filter((p) => {
        const t = Date.parse(p.reported_at);
        return t < until && t >= until - 30 * 86_400_000;
      }).length;
      await d.page.waitForFunction((n) => window.__guatuLedger?.matched === n, expected, { timeout: 30_000 });
      expect(await matchedShown(d.page)).toBe(expected);
      // The window really narrows: a month holds fewer than the whole ledger, and the as-of
      // is not past the end. (Not fewer than the last month: an earlier month may be busier.)
      expect(expected).toBeGreaterThan(0);
      expect(expected).toBeLessThan(problems.length);
      expect(allNow).toBeLessThan(problems.length);
      expect(asOf.slice(0, 10) <= end.trim()).toBe(true);
      await screenshot(d.page, 'ledger-timeline');
    } finally {
      await d.close();
    }
  });

  it(`ranks the communities of ${FIXTURE_MONTH} on the red and black lists and outlines them on the map`, async () => {
    const d = await openLedger(browser, `${server.url}?ws=ledger&ltab=lists&lmonth=${FIXTURE_MONTH}`);
    try {
      const { engine } = engineOf(TEST_PATHS.tiles, manifest);
      const expected = engine.query({
        filter: emptyFilter(),
        asOf: engine.header.asOf,
        reboundWindowDays: engine.settings.reboundWindowDays,
        window: { from: null, to: null },
        month: FIXTURE_MONTH,
        week: engine.header.asOf,
        binMetres: ENGINE_DEFAULTS.binMetres,
        listLimit: 10,
      }).redBlack.communities;
      const red = expected.filter((u) => u.list === 'red');
      const black = expected.filter((u) => u.list === 'black');
      expect(red).toHaveLength(Math.min(5, expected.length));
      const shownRed = await d.page.$$eval('[data-testid="ledger-red-list"] tbody tr', (rows) => rows.map((r) => (r as HTMLElement).dataset.unit));
      const shownBlack = await d.page.$$eval('[data-testid="ledger-black-list"] tbody tr', (rows) => rows.map((r) => (r as HTMLElement).dataset.unit));
      expect(shownRed).toEqual(red.map((u) => u.code));
      expect(shownBlack).toEqual(black.map((u) => u.code).reverse());
      // Found in the month, counted from the files: the first red unit's count.
      const first = red[0]!;
      const found = (await d.page.locator(`[data-testid="ledger-red-list"] tr[data-unit="${first.code}"] td`).nth(3).innerText()).replaceAll(',', '');
      expect(Number(found)).toBe(first.found);
      // The score is explained where it is shown, with the dataset's weights.
      expect(await d.page.getByTestId('ledger-score-formula').innerText()).toContain('×1.5');
      const filter = await d.page.evaluate(() => JSON.stringify(window.__guatu!.map!.getFilter('ledger-red-line')));
      for (const u of red) expect(filter).toContain(u.code);
      await screenshot(d.page, 'ledger-red-black');
    } finally {
      await d.close();
    }
  });

  it('lists the weekly plan and the supervision orders, and exports both as CSV with a BOM', async () => {
    const d = await openLedger(browser, `${server.url}?ws=ledger&ltab=plan`);
    try {
      const due = numbersIn(await d.page.getByTestId('ledger-plan-due').innerText())[0]!;
      const overdue = numbersIn(await d.page.getByTestId('ledger-plan-overdue').innerText())[0]!;
      expect(overdue).toBe(manifest.headline.problemsOverdue);
      expect(await d.page.locator('[data-testid="ledger-overdue-list"] li').count()).toBe(Math.min(overdue, ENGINE_DEFAULTS.listLimit));
      await screenshot(d.page, 'ledger-weekly-plan');

      const [planDownload] = await Promise.all([d.page.waitForEvent('download'), d.page.getByTestId('ledger-export-plan').click()]);
      const plan = readFileSync((await planDownload.path())!);
      expect([...plan.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const planText = plan.toString('utf8').slice(1);
      expect(planText.split('\r\n')[0]).toContain('责任部门');
      expect(planText.trimEnd().split('\r\n')).toHaveLength(1 + due + overdue);

      await d.page.locator('[data-tab="supervision"]').click();
      const list = d.page.getByTestId('ledger-supervision-list');
      await list.waitFor();
      expect(await list.locator('li').count()).toBeGreaterThan(0);
      expect(new URL(d.page.url()).searchParams.get('ltab')).toBe('supervision');
      await screenshot(d.page, 'ledger-supervision-list');

      await d.page.locator('[data-tab="ledger"]').click();
      const [ledgerDownload] = await Promise.all([d.page.waitForEvent('download'), d.page.getByTestId('ledger-export-ledger').click()]);
      const csv = readFileSync((await ledgerDownload.path())!);
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = csv.toString('utf8').slice(1).trimEnd().split('\r\n');
      expect(lines[0]!.startsWith('问题编号,')).toBe(true);
      expect(lines).toHaveLength(1 + problems.length);
      expect(d.nonLocalRequests()).toEqual([]);
    } finally {
      await d.close();
    }
  });
});

describe('an office whose ledger holds markup, shown in the ledger workspace', () => {
  let workDir: string;
  let server: RunningServer;
  let target: { id: string; lngLat: [number, number]; grid: string; category: string; week: string | null };

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'guatu-ledger-xss-'));
    const office = writeXssOffice(TEST_PATHS.config, join(workDir, 'office'));
    // Two returns make the planted problem a red order, so it is on the supervision list too; and it
    // is put back to 处置 (not yet disposed), so the weekly plan holds it: overdue, or due that week.
    const config = JSON.parse(readFileSync(office.configPath, 'utf8')) as DatasetConfig;
    const file = join(dirname(office.configPath), config.files.problems);
    const parsed = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true });
    const row = parsed.data.find((r) => r.id === office.problem.id)!;
    row.returns = '2';
    if (row.status === 'verifying') Object.assign(row, { status: 'disposing', disposed_at: '', verified_at: '' });
    writeFileSync(file, Papa.unparse({ fields: parsed.meta.fields!, data: parsed.data.map((r) => parsed.meta.fields!.map((f) => r[f] ?? '')) }));
    const tilesDir = join(workDir, 'tiles');
    await buildData({ config: office.configPath, outDir: tilesDir, quiet: true });
    const manifest = JSON.parse(readFileSync(join(tilesDir, MANIFEST_FILE), 'utf8')) as Manifest;
    const { engine, text } = engineOf(tilesDir, manifest);
    const chunkRows = engine.header.textRowsPerChunk;
    const index = text.flatMap((c) => c.id).indexOf(office.problem.id);
    expect(text[Math.floor(index / chunkRows)]!.description[index % chunkRows]).toBe(XSS_PAYLOAD);
    const detail = engine.detail(index);
    const overdue = detail.deadline < engine.header.asOf;
    target = { id: office.problem.id, lngLat: office.problem.lngLat, grid: detail.grid, category: detail.category, week: overdue ? null : new Date(detail.deadline + 8 * 3_600_000).toISOString().slice(0, 10) };
    server = await startServer({ distDir: TEST_PATHS.dist, tilesDir, port: 0 });
  });

  afterAll(async () => {
    await server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('shows the description as text in the popup, the ledger list, the supervision list and the weekly plan', async () => {
    const week = target.week === null ? '' : `&lweek=${target.week}`;
    const d = await openLedger(browser, `${server.url}?ws=ledger&lgrid=${target.grid}&lcat=${target.category}&ltab=ledger${week}`);
    try {
      const places: string[] = [];
      const expectText = async (testid: string, name: string): Promise<void> => {
        const list = d.page.getByTestId(testid);
        await list.waitFor();
        const item = list.locator(`li[data-id="${target.id}"]`);
        await item.first().waitFor({ timeout: 10_000 });
        expect(await item.first().locator('[data-testid="ledger-description"]').innerText()).toBe(XSS_PAYLOAD);
        places.push(name);
      };
      await expectText('ledger-problem-list', 'ledger list');
      await screenshot(d.page, 'ledger-xss-list');

      await d.page.locator('[data-tab="supervision"]').click();
      await expectText('ledger-supervision-list', 'supervision list');

      await d.page.locator('[data-tab="plan"]').click();
      // Overdue, or due in the week of the address (the week holding its deadline).
      const inPlan = d.page.locator(`li[data-id="${target.id}"]`);
      await inPlan.first().waitFor({ timeout: 10_000 });
      expect(await inPlan.first().locator('[data-testid="ledger-description"]').innerText()).toBe(XSS_PAYLOAD);
      places.push('weekly plan');
      await screenshot(d.page, 'ledger-xss-plan');

      await moveMap(d.page, { center: target.lngLat, zoom: 18 });
      await d.page.waitForFunction(() => (window.__guatuLedger?.drawn.points ?? 0) > 0, null, { timeout: 30_000 });
      await waitForMapIdle(d.page);
      const at = await pagePointOf(d.page, target.lngLat);
      await d.page.mouse.click(at.x, at.y);
      const popup = d.page.locator('[data-testid="ledger-popup"]');
      await popup.waitFor({ state: 'visible', timeout: 10_000 });
      expect(await popup.innerText()).toContain(XSS_PAYLOAD);
      places.push('popup');
      await screenshot(d.page, 'ledger-xss-popup');

      expect(places).toEqual(['ledger list', 'supervision list', 'weekly plan', 'popup']);
      expect(await d.page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
      expect(d.dialogs).toEqual([]);
      expect(d.pageErrors).toEqual([]);
      expect(d.nonLocalRequests()).toEqual([]);
    } finally {
      await d.close();
    }
  });
});

describe('the San Francisco 311 sample as a second ledger data set', () => {
  let workDir: string;
  let server: RunningServer;
  let manifest: Manifest;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'guatu-ledger-sf-'));
    const tilesDir = join(workDir, 'tiles');
    cpSync(TEST_PATHS.tiles, tilesDir, { recursive: true });
    await buildData({ config: join(SF311_DEFAULTS.out, 'guatu.config.json'), outDir: join(tilesDir, 'sf311'), quiet: true });
    await writeDatasetIndex(tilesDir);
    manifest = JSON.parse(readFileSync(join(tilesDir, 'sf311', MANIFEST_FILE), 'utf8')) as Manifest;
    server = await startServer({ distDir: TEST_PATHS.dist, tilesDir, port: 0 });
  });

  afterAll(async () => {
    await server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('opens it with ?data=sf311 and offers it beside the main ledger', async () => {
    const d = await openLedger(browser, `${server.url}?ws=ledger&data=sf311&llayer=clusters`);
    try {
      expect(await matchedShown(d.page)).toBe(manifest.inputs.problems!.kept);
      expect(manifest.inputs.problems!.kept + manifest.inputs.problems!.rejected).toBe(4984);
      const picker = d.page.getByTestId('ledger-dataset');
      expect(await picker.inputValue()).toBe('sf311');
      expect(await picker.locator('option').count()).toBe(2);
      await d.page.waitForFunction(() => document.querySelectorAll('.ledger-cluster').length > 0, null, { timeout: 30_000 });
      await screenshot(d.page, 'ledger-sf311');
      expect(d.pageErrors).toEqual([]);
      expect(d.nonLocalRequests()).toEqual([]);
    } finally {
      await d.close();
    }
  });
});
