/**
 * The renovation workspace (?ws=renovation) in headless Chromium, on the production build and the
 * demo tiles (TEST_PATHS): the timeline moves the figures and the map, drill-down, the compare view,
 * the charts (chart.js loaded only when their tab opens), the gap CSV, the cut-off setting, and an
 * office whose compound and project names are markup. Expected numbers are worked out here from the
 * office's own files (compounds.geojson, projects.csv), not from the app's analysis code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Papa from 'papaparse';
import { pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Browser } from 'playwright-core';
import { MANIFEST_FILE, RENOVATION_PRODUCT_FILE, type DatasetConfig, type Manifest, type RenovationProduct } from '../../src/contract';
import { startServer, type RunningServer } from '../../scripts/serve';
import { buildData } from '../../scripts/build-data';
import { URL_STATE_EVENT } from '../../src/app/url-state';
import { launchBrowser, moveMap, openDashboard, pagePointOf, screenshot, TEST_PATHS, waitForMapIdle, waitForReady, type Dashboard } from './harness';
import { writeXssOffice, XSS_PAYLOAD } from './xss-fixture';

const WALL_SCREEN = { width: 1920, height: 1080 };
/** The month the timeline test stops at; its expected figures are counted from the files below. */
const FIXTURE_MONTH = '2022-12';

/** The office's files, as the pipeline read them. */
interface OfficeFiles {
  compounds: Feature<Polygon | MultiPolygon, { id: string; name: string; built_year: number; households: number }>[];
  projects: Record<string, string>[];
  oldBefore: number;
}

function readOffice(configPath: string): OfficeFiles {
  const dir = dirname(configPath);
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as DatasetConfig;
  const compounds = (JSON.parse(readFileSync(join(dir, config.files.compounds), 'utf8')) as FeatureCollection<Polygon | MultiPolygon, OfficeFiles['compounds'][number]['properties']>).features;
  const projects = Papa.parse<Record<string, string>>(readFileSync(join(dir, config.files.projects), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
  return { compounds, projects, oldBefore: config.oldCompoundBefore };
}

/** Last millisecond of a month in China time. */
function monthEndMs(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Date.UTC(y, m, 1) - 8 * 3_600_000 - 1;
}

/** Compound ids of projects that had reached one of `fields` by `t` (an empty cell is "not yet"). */
function compoundsWith(files: OfficeFiles, fields: string[], t: number): Set<string> {
  const out = new Set<string>();
  for (const p of files.projects) {
    if (!fields.some((f) => p[f] && Date.parse(p[f]!) <= t)) continue;
    for (const id of (p.compound_ids ?? '').split(';')) if (id) out.add(id);
  }
  return out;
}

function numbersIn(text: string): number[] {
  return [...text.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replaceAll(',', '')));
}

async function figure(d: Dashboard, name: string): Promise<string> {
  const card = d.page.locator(`[data-figure="${name}"]`);
  await card.waitFor({ state: 'visible', timeout: 15_000 });
  return card.innerText();
}

/** Sets the timeline slider to a month, as a user dragging it would (an `input` event). */
async function setMonth(d: Dashboard, months: string[], month: string): Promise<void> {
  const index = months.indexOf(month);
  expect(index, `${month} is on the timeline`).toBeGreaterThanOrEqual(0);
  await d.page.locator('[data-testid="rn-month-slider"]').evaluate((el, i) => {
    const input = el as HTMLInputElement;
    input.value = String(i);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, index);
  await expect.poll(() => d.page.evaluate(() => window.__guatuRenovation?.month), { timeout: 10_000 }).toBe(month);
  await waitForMapIdle(d.page);
}

/** Distinct compound ids a layer draws in the current view. */
async function drawnIds(d: Dashboard, layer: string): Promise<string[]> {
  return d.page.evaluate((id) => {
    const map = window.__guatu!.map!;
    return [...new Set(map.queryRenderedFeatures({ layers: [id] }).map((f) => String(f.properties?.id)))].sort();
  }, layer);
}

async function openWorkspace(browser: Browser, url: string): Promise<Dashboard> {
  const d = await openDashboard(browser, url, { viewport: WALL_SCREEN });
  await waitForReady(d.page);
  await d.page.waitForFunction(() => window.__guatuRenovation?.mainReady === true, null, { timeout: 60_000 });
  await waitForMapIdle(d.page);
  return d;
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('the renovation workspace on the demo tiles', () => {
  let manifest: Manifest;
  let product: RenovationProduct;
  let files: OfficeFiles;
  let months: string[];
  let server: RunningServer;
  let d: Dashboard;

  beforeAll(async () => {
    if (!existsSync(join(TEST_PATHS.dist, 'index.html'))) throw new Error(`${TEST_PATHS.dist}/index.html is missing: run \`npx vite build\` first`);
    manifest = JSON.parse(readFileSync(join(TEST_PATHS.tiles, MANIFEST_FILE), 'utf8')) as Manifest;
    if (!manifest.renovation) throw new Error(`${TEST_PATHS.tiles}/${MANIFEST_FILE} has no renovation section: rebuild the tiles`);
    product = JSON.parse(readFileSync(join(TEST_PATHS.tiles, RENOVATION_PRODUCT_FILE), 'utf8')) as RenovationProduct;
    files = readOffice(TEST_PATHS.config);
    months = [];
    for (let [y, m] = product.firstMonth.split('-').map(Number) as [number, number]; `${y}-${String(m).padStart(2, '0')}` <= product.lastMonth; m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
      months.push(`${y}-${String(m).padStart(2, '0')}`);
    }
    server = await startServer({ distDir: TEST_PATHS.dist, tilesDir: TEST_PATHS.tiles, port: 0 });
    d = await openWorkspace(browser, `${server.url}?ws=renovation`);
  });

  afterAll(async () => {
    await d?.close();
    await server?.close();
  });

  it('opens from ?ws=renovation with its tab active and no error', async () => {
    await screenshot(d.page, 'renovation-1920x1080');
    expect(await d.page.locator('[data-ws="renovation"]').getAttribute('aria-current')).toBe('page');
    await expect.poll(() => d.page.locator('[data-testid="rn-panel"]').isVisible()).toBe(true);
    expect(d.pageErrors).toEqual([]);
    expect(d.consoleErrors).toEqual([]);
    expect(await d.page.evaluate(() => window.__guatu?.errors ?? null)).toEqual([]);
  });

  it('shows the sub-district figures of the as-of month, as the manifest has them', async () => {
    const h = manifest.renovation!.atAsOf;
    expect(numbersIn(await figure(d, 'rn-old'))).toEqual(expect.arrayContaining([h.oldCompounds, h.oldHouseholds]));
    expect(numbersIn(await figure(d, 'rn-coverage'))).toContain(Math.round(h.coverage! * 1000) / 10);
    expect(numbersIn(await figure(d, 'rn-start'))).toEqual(expect.arrayContaining([h.startedCompounds, h.planCompounds]));
    expect(numbersIn(await figure(d, 'rn-benefited'))).toContain(h.benefitedHouseholds);
    expect(numbersIn(await figure(d, 'rn-funds'))).toContain(Math.round(h.fundsRate! * 1000) / 10);
    expect(numbersIn(await figure(d, 'rn-sites'))).toContain(h.demonstrationSites);
  });

  it('hatches exactly the old compounds that no project lists', async () => {
    const t = product.asOf;
    const planned = compoundsWith(files, ['planned_at'], t);
    const expected = files.compounds.filter((c) => c.properties.built_year < files.oldBefore && !planned.has(c.properties.id)).map((c) => c.properties.id).sort();
    expect(expected.length).toBe(manifest.renovation!.atAsOf.gapCompounds);
    expect(await drawnIds(d, 'rn-compound-hatch')).toEqual(expected);
  });

  it(`moves the figures and the map with the timeline: ${FIXTURE_MONTH}, counted from projects.csv`, async () => {
    await setMonth(d, months, FIXTURE_MONTH);
    const t = monthEndMs(FIXTURE_MONTH);
    const plan = compoundsWith(files, ['planned_at', 'approved_at', 'started_at', 'completed_at', 'accepted_at'], t);
    const started = compoundsWith(files, ['started_at', 'completed_at', 'accepted_at'], t);
    const finished = compoundsWith(files, ['completed_at', 'accepted_at'], t);
    expect(await d.page.locator('[data-testid="rn-month"]').innerText()).toBe('2022年12月');
    expect(numbersIn(await figure(d, 'rn-start'))).toEqual(expect.arrayContaining([started.size, plan.size]));
    expect(numbersIn(await figure(d, 'rn-completion'))).toEqual(expect.arrayContaining([finished.size, plan.size]));
    // Funds are known at asOf only.
    expect(await figure(d, 'rn-funds')).toContain('—');
    // The map follows: old compounds without a project planned by the end of 2022 are hatched.
    const notPlanned = files.compounds.filter((c) => c.properties.built_year < files.oldBefore && !plan.has(c.properties.id)).map((c) => c.properties.id).sort();
    expect(notPlanned.length).toBeGreaterThan(manifest.renovation!.atAsOf.gapCompounds);
    expect(await drawnIds(d, 'rn-compound-hatch')).toEqual(notPlanned);
    expect(new URL(d.page.url()).searchParams.get('rnMonth')).toBe(FIXTURE_MONTH);
    await screenshot(d.page, 'renovation-2022-12');
  });

  it('plays the timeline month by month and pauses', async () => {
    await setMonth(d, months, '2020-01');
    const before = await figure(d, 'rn-start');
    await d.page.locator('[data-testid="rn-play"]').click();
    await expect.poll(() => d.page.evaluate(() => window.__guatuRenovation?.month ?? ''), { timeout: 30_000, interval: 200 }).toMatch(/^2020-(0[4-9]|1[0-2])$/);
    await d.page.locator('[data-testid="rn-play"]').click();
    const stoppedAt = await d.page.evaluate(() => window.__guatuRenovation?.month ?? '');
    await d.page.waitForTimeout(1_500);
    expect(await d.page.evaluate(() => window.__guatuRenovation?.month ?? '')).toBe(stoppedAt);
    expect(stoppedAt > '2020-03').toBe(true);
    // By the time the first projects start (2020), the start-rate card has changed.
    await setMonth(d, months, '2021-06');
    expect(await figure(d, 'rn-start')).not.toBe(before);
    await setMonth(d, months, product.lastMonth);
  });

  it('applies a view a tour step or briefing scene puts in the address', async () => {
    await d.page.evaluate((event) => {
      const url = new URL(location.href);
      url.search = '?ws=renovation&rnMonth=2021-06';
      history.replaceState(history.state, '', url.href);
      window.dispatchEvent(new Event(event));
    }, URL_STATE_EVENT);
    await expect.poll(() => d.page.locator('[data-testid="rn-month"]').innerText()).toBe('2021年6月');
    await waitForMapIdle(d.page);
    await setMonth(d, months, product.lastMonth);
  });

  it('drills into a community: flies there and lists its grids and compounds', async () => {
    // The community with the most old compounds.
    const counts = product.communities.map((_, i) => product.compounds.filter((c) => c.grid >= 0 && product.grids[c.grid]!.community === i && c.built_year < product.oldCompoundBefore).length);
    const ci = counts.indexOf(Math.max(...counts));
    const community = product.communities[ci]!;
    await d.page.locator('[data-testid="rn-community-list"]').getByText(community.name, { exact: true }).click();
    await expect.poll(() => d.page.locator('[data-testid="rn-scope"]').innerText()).toBe(community.name);
    expect(new URL(d.page.url()).searchParams.get('rnCommunity')).toBe(community.code);
    await waitForMapIdle(d.page);
    await d.page.waitForTimeout(900); // the fly-to animation
    const center = await d.page.evaluate(() => window.__guatu!.map!.getCenter().toArray());
    const [w, s, e, n] = community.bbox;
    expect(center[0]).toBeGreaterThan(w);
    expect(center[0]).toBeLessThan(e);
    expect(center[1]).toBeGreaterThan(s);
    expect(center[1]).toBeLessThan(n);
    const grids = product.grids.filter((g) => g.community === ci);
    await expect.poll(() => d.page.locator('[data-testid="rn-grid-list"] tbody tr').count()).toBe(grids.length);
    const compounds = product.compounds.filter((c) => c.grid >= 0 && product.grids[c.grid]!.community === ci);
    expect(await d.page.locator('[data-testid="rn-compound-list"] li').count()).toBe(compounds.length);
    expect(numbersIn(await figure(d, 'rn-old'))).toContain(counts[ci]);
    await waitForMapIdle(d.page);
    await screenshot(d.page, 'renovation-community');

    // …then into a compound that has projects: its projects and items.
    const compound = compounds.filter((c) => c.projects.length > 0).sort((a, b) => b.projects.length - a.projects.length)[0]!;
    await d.page.locator('[data-testid="rn-compound-list"]').getByText(compound.name, { exact: true }).click();
    await expect.poll(() => d.page.locator('[data-testid="rn-scope"]').innerText()).toBe(compound.name);
    expect(await d.page.locator('[data-testid="rn-project"]').count()).toBe(compound.projects.length);
    const project = product.projects[compound.projects[0]!]!;
    const firstItem = product.items[project.items[0]![0]]!;
    expect(await d.page.locator('[data-testid="rn-project"]').first().innerText()).toContain(firstItem.name);
    await waitForMapIdle(d.page);
    await d.page.waitForTimeout(900);
    await screenshot(d.page, 'renovation-compound');
    await d.page.locator('[data-testid="rn-back"]').click();
    await d.page.locator('[data-testid="rn-back"]').click();
    await expect.poll(() => d.page.locator('[data-testid="rn-scope"]').innerText()).toBe(manifest.subDistrict.name);
  });

  it('opens a compound clicked on the map', async () => {
    // A big compound without a demonstration site on it (a click there would open the site's popup).
    const showcased = new Set(product.demonstrationSites.map((s) => product.compounds[s.compound]?.id));
    const target = files.compounds.filter((c) => (c.properties.households ?? 0) > 150 && !showcased.has(c.properties.id)).sort((a, b) => (a.properties.id < b.properties.id ? -1 : 1))[0]!;
    const inside = pointOnFeature(target).geometry.coordinates as [number, number];
    await moveMap(d.page, { center: inside, zoom: 17 });
    const ids = await d.page.evaluate((p) => {
      const map = window.__guatu!.map!;
      return map.queryRenderedFeatures(map.project(p), { layers: ['rn-compound-fill'] }).map((f) => String(f.properties?.id));
    }, inside);
    expect(ids).toContain(target.properties.id);
    const at = await pagePointOf(d.page, inside);
    await d.page.mouse.click(at.x, at.y);
    await expect.poll(() => d.page.locator('[data-testid="rn-scope"]').innerText()).toBe(target.properties.name);
    expect(new URL(d.page.url()).searchParams.get('rnCompound')).toBe(target.properties.id);
    await d.page.locator('[data-testid="rn-back"]').click();
    await d.page.locator('[data-testid="rn-back"]').click();
  });

  it('compares two dates side by side with a swipe', async () => {
    await d.page.evaluate((b) => window.__guatu!.map!.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: 32, duration: 0 }), manifest.bounds);
    await waitForMapIdle(d.page);
    await d.page.locator('[data-testid="rn-compare-toggle"]').click();
    await d.page.waitForFunction(() => window.__guatuRenovation?.compareReady === true, null, { timeout: 90_000 });
    const compareMonth = new URL(d.page.url()).searchParams.get('rnCompare');
    expect(compareMonth).toBe(`${Number(product.lastMonth.slice(0, 4)) - 3}-12`);
    expect(await d.page.locator('[data-testid="rn-compare-left"]').innerText()).toBe(`${compareMonth!.slice(0, 4)}年12月`);
    // The compare map draws the same area with fewer compounds reached than the main map.
    const hatched = await d.page.evaluate(() => {
      const compare = window.__guatuRenovation!.compareMap!;
      const main = window.__guatu!.map!;
      const ids = (m: typeof main) => new Set(m.queryRenderedFeatures({ layers: ['rn-compound-hatch'] }).map((f) => String(f.properties?.id))).size;
      return { compare: ids(compare), main: ids(main), sameCenter: compare.getCenter().distanceTo(main.getCenter()) < 1, sameZoom: Math.abs(compare.getZoom() - main.getZoom()) < 1e-6 };
    });
    expect(hatched.sameCenter && hatched.sameZoom).toBe(true);
    expect(hatched.compare).toBeGreaterThan(hatched.main);
    // Drag the divider to a third of the way across.
    const handle = d.page.locator('[data-testid="rn-compare-handle"]');
    const box = (await handle.boundingBox())!;
    const frame = (await d.page.locator('[data-testid="rn-compare"]').boundingBox())!;
    await d.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await d.page.mouse.down();
    await d.page.mouse.move(frame.x + frame.width / 3, box.y + box.height / 2, { steps: 8 });
    await d.page.mouse.up();
    const clip = await d.page.evaluate(() => (document.querySelector('[data-testid="rn-compare"] .compare-map') as HTMLElement).style.clipPath);
    const right = Number(/inset\(0(?:px)? ([\d.]+)%/.exec(clip)?.[1]);
    expect(right).toBeGreaterThan(60);
    expect(right).toBeLessThan(72);
    // The two maps stay together when the main one moves.
    await moveMap(d.page, { center: manifest.center, zoom: 15 });
    expect(await d.page.evaluate(() => window.__guatuRenovation!.compareMap!.getZoom())).toBeCloseTo(15, 5);
    await d.page.waitForFunction(() => window.__guatuRenovation?.compareMap?.loaded() === true && window.__guatuRenovation.compareMap.areTilesLoaded(), null, { timeout: 60_000 });
    await screenshot(d.page, 'renovation-compare');
    await d.page.locator('[data-testid="rn-compare-toggle"]').click();
    await expect.poll(() => d.page.evaluate(() => window.__guatuRenovation?.compareMap ?? null)).toBeNull();
    expect(new URL(d.page.url()).searchParams.get('rnCompare')).toBeNull();
  });

  it('loads chart.js only when the charts tab opens, and draws the three charts', async () => {
    expect(d.requests.filter((u) => u.includes('chart-setup'))).toEqual([]);
    await d.page.locator('[data-tab="charts"]').click();
    await d.page.waitForFunction(() => (window.__guatuRenovation?.charts.progress ?? 0) > 0 && (window.__guatuRenovation?.charts.items ?? 0) > 0, null, { timeout: 30_000 });
    expect(d.requests.filter((u) => u.includes('chart-setup')).length).toBeGreaterThan(0);
    const hook = await d.page.evaluate(() => window.__guatuRenovation!.charts);
    expect(hook.progress).toBe(months.length);
    expect(hook.funds).toBe(new Set(product.projects.map((p) => p.batch_year)).size);
    for (const id of ['rn-chart-progress', 'rn-chart-funds', 'rn-chart-items']) {
      const inked = await d.page.locator(`[data-testid="${id}"]`).evaluate((canvas) => {
        const c = canvas as HTMLCanvasElement;
        const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
        return n;
      });
      expect(inked, id).toBeGreaterThan(2_000);
    }
    await screenshot(d.page, 'renovation-charts');
  });

  it('exports the gap list as UTF-8 CSV with a BOM, one row per old compound without a project', async () => {
    await d.page.locator('[data-tab="gaps"]').click();
    const [download] = await Promise.all([d.page.waitForEvent('download'), d.page.locator('[data-testid="rn-gap-export"]').click()]);
    const path = await download.path();
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(download.suggestedFilename()).toMatch(/^老旧小区改造缺口_.+_\d{8}\.csv$/);
    const parsed = Papa.parse<string[]>(bytes.toString('utf8').slice(1), { skipEmptyLines: true });
    const [header, ...rows] = parsed.data;
    expect(header?.slice(0, 3)).toEqual(['序号', '小区编号', '小区名称']);
    const planned = compoundsWith(files, ['planned_at'], product.asOf);
    const expected = files.compounds.filter((c) => c.properties.built_year < files.oldBefore && !planned.has(c.properties.id));
    expect(rows.map((r) => r[1]).sort()).toEqual(expected.map((c) => c.properties.id).sort());
    expect(rows.map((r) => Number(r[0]))).toEqual(rows.map((_, i) => i + 1));
    // Households as in compounds.geojson.
    const households = new Map(expected.map((c) => [c.properties.id, c.properties.households]));
    for (const r of rows) expect(Number(r[6]), r[1]).toBe(households.get(r[1]!));
    await screenshot(d.page, 'renovation-gaps');
  });

  it('follows the old-compound cut-off a planner tries', async () => {
    await d.page.locator('[data-tab="figures"]').click();
    await d.page.locator('[data-testid="rn-cutoff"]').selectOption('1990');
    const old1990 = files.compounds.filter((c) => c.properties.built_year < 1990).length;
    await expect.poll(async () => numbersIn(await figure(d, 'rn-old'))[0]).toBe(old1990);
    expect(new URL(d.page.url()).searchParams.get('rnCutoff')).toBe('1990');
    await d.page.locator('[data-testid="rn-cutoff"]').selectOption(String(files.oldBefore));
    await expect.poll(async () => numbersIn(await figure(d, 'rn-old'))[0]).toBe(manifest.renovation!.atAsOf.oldCompounds);
  });

  it('speaks English on the toggle, with the same figures', async () => {
    const before = numbersIn(await figure(d, 'rn-old'));
    await d.page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect.poll(() => d.page.locator('[data-tab="figures"]').innerText()).toBe('Coverage');
    expect(await d.page.locator('[data-testid="rn-month"]').innerText()).toBe('Nov 2026');
    expect(numbersIn(await figure(d, 'rn-old'))).toEqual(before);
    await screenshot(d.page, 'renovation-en');
    await d.page.getByRole('button', { name: '中文', exact: true }).click();
    await expect.poll(() => d.page.locator('[data-tab="figures"]').innerText()).toBe('覆盖概况');
  });

  it('asks nothing of any host but this machine and raised no error', () => {
    expect(d.nonLocalRequests()).toEqual([]);
    expect(d.pageErrors).toEqual([]);
    expect(d.consoleErrors).toEqual([]);
  });
});

describe('an office whose compound and project names hold markup', () => {
  let workDir: string;
  let server: RunningServer;
  let d: Dashboard;
  let compoundId: string;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'guatu-rn-xss-'));
    const office = writeXssOffice(TEST_PATHS.config, join(workDir, 'office'));
    compoundId = office.compound.id;
    // One project gets the payload as its name and lists the payload compound.
    const config = JSON.parse(readFileSync(office.configPath, 'utf8')) as DatasetConfig;
    const projectsPath = join(dirname(office.configPath), config.files.projects);
    const parsed = Papa.parse<Record<string, string>>(readFileSync(projectsPath, 'utf8'), { header: true, skipEmptyLines: true });
    const project = parsed.data.find((p) => p.compound_ids?.split(';').includes(compoundId)) ?? parsed.data[0]!;
    project.name = XSS_PAYLOAD;
    if (!project.compound_ids!.split(';').includes(compoundId)) project.compound_ids = `${project.compound_ids};${compoundId}`;
    writeFileSync(projectsPath, Papa.unparse({ fields: parsed.meta.fields!, data: parsed.data.map((r) => parsed.meta.fields!.map((f) => r[f] ?? '')) }));
    const tilesDir = join(workDir, 'tiles');
    await buildData({ config: office.configPath, outDir: tilesDir, quiet: true });
    const product = JSON.parse(readFileSync(join(tilesDir, RENOVATION_PRODUCT_FILE), 'utf8')) as RenovationProduct;
    const compound = product.compounds.find((c) => c.id === compoundId)!;
    const community = product.communities[product.grids[compound.grid]!.community]!.code;
    server = await startServer({ distDir: TEST_PATHS.dist, tilesDir, port: 0 });
    d = await openWorkspace(browser, `${server.url}?ws=renovation&rnCommunity=${community}&rnCompound=${encodeURIComponent(compoundId)}`);
  });

  afterAll(async () => {
    await d?.close();
    await server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('shows the compound and project names as text, running no markup', async () => {
    await expect.poll(() => d.page.locator('[data-testid="rn-scope"]').innerText(), { timeout: 15_000 }).toBe(XSS_PAYLOAD);
    expect(await d.page.locator('[data-testid="rn-project"]').first().innerText()).toContain(XSS_PAYLOAD);
    await waitForMapIdle(d.page);
    await d.page.waitForTimeout(900);
    await screenshot(d.page, 'renovation-xss');
    // Back in the community list the name is text too.
    await d.page.locator('[data-testid="rn-back"]').click();
    expect(await d.page.locator('[data-testid="rn-compound-list"]').innerText()).toContain(XSS_PAYLOAD);
    expect(await d.page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
    expect(d.dialogs).toEqual([]);
    expect(d.pageErrors).toEqual([]);
    expect(d.nonLocalRequests()).toEqual([]);
  });
});
