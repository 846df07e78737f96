/**
 * The production build (dist/, from `vite build`) on the demo tiles (public/tiles/), served by
 * scripts/serve.ts on a free local port and driven in headless Chromium. Run with
 * `npm run test:browser`, which builds both first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { MANIFEST_FILE, type Manifest } from '../../src/contract';
import { OVERLAY_GROUPS, OVERLAY_LAYER_IDS, SOURCE_IDS, type OverlayGroup } from '../../src/app/map/layer-ids';
import { en } from '../../src/app/i18n/en';
import { zhCN } from '../../src/app/i18n/zh-CN';
import { startServer, type RunningServer } from '../../scripts/serve';
import { buildData } from '../../scripts/build-data';
import {
  launchBrowser,
  moveMap,
  openDashboard,
  pagePointOf,
  screenshot,
  TEST_PATHS,
  waitForMapIdle,
  waitForReady,
  type Dashboard,
} from './harness';
import { writeXssOffice, XSS_PAYLOAD, type XssOffice } from './xss-fixture';

const DIST_DIR = TEST_PATHS.dist;
// Overridable to try the dashboard on another office's data; the defaults are the demo's.
const DEMO_TILES_DIR = TEST_PATHS.tiles;
const SAMPLE_CONFIG = TEST_PATHS.config;

const WALL_SCREEN = { width: 1920, height: 1080 };
const LAPTOP = { width: 1366, height: 768 };

/** Where the app puts things the tests read. */
const SELECTORS = {
  /** A card of the side panel's headline figures (src/app/ui/HeadlinePanel.svelte). */
  figure: (name: string) => `[data-figure="${name}"]`,
  /** The language toggle's buttons (src/app/ui/AppHeader.svelte). */
  englishButton: 'EN',
  chineseButton: '中文',
  popup: '.maplibregl-popup',
} as const;

/** Layers a test can query: heatmaps draw no features to query (MapLibre skips them). */
const UNQUERYABLE_LAYERS = new Set<string>(['problems-heat']);

/** One vector layer per group to find a feature to zoom to, when the first view shows none. */
const GROUP_PROBE: Record<OverlayGroup, { source: string; sourceLayer: string }> = {
  grids: { source: SOURCE_IDS.grids, sourceLayer: 'grids_l4' },
  renovation: { source: SOURCE_IDS.renovation, sourceLayer: 'compounds' },
  lamps: { source: SOURCE_IDS.lamps, sourceLayer: 'lamps' },
  problems: { source: SOURCE_IDS.problems, sourceLayer: 'problems' },
};

/** Close enough to see single lamps and problem points (ZOOM.problemPoints is 15). */
const STREET_ZOOM = 16.5;

function requireBuilt(): Manifest {
  if (!existsSync(join(DIST_DIR, 'index.html'))) throw new Error(`${DIST_DIR}/index.html is missing: run \`npx vite build\` first (npm run test:browser does)`);
  const manifestPath = join(DEMO_TILES_DIR, MANIFEST_FILE);
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: run \`tsx scripts/ensure-demo.ts\` first (npm run test:browser does)`);
  return JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
}

/** Every number written in a text, grouping commas removed; percentages as they read (86.7 for "86.7%"). */
function numbersIn(text: string): number[] {
  return [...text.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replaceAll(',', '')));
}

/** Rendered feature count per layer id, after checking that every id is in the style. */
async function renderedPerLayer(dashboard: Dashboard, layers: readonly string[]): Promise<Record<string, number>> {
  return dashboard.page.evaluate((ids) => {
    const map = window.__guatu?.map;
    if (!map) throw new Error('window.__guatu.map is not set');
    const missing = ids.filter((id) => map.getLayer(id) === undefined);
    if (missing.length > 0) throw new Error(`style has no layer ${missing.join(', ')}`);
    return Object.fromEntries(ids.map((id) => [id, map.queryRenderedFeatures({ layers: [id] }).length]));
  }, layers);
}

/** Position of some feature of the probe layer in the loaded tiles (open problems first). */
async function somewhereWith(dashboard: Dashboard, probe: { source: string; sourceLayer: string }): Promise<[number, number] | null> {
  return dashboard.page.evaluate(({ source, sourceLayer }) => {
    const map = window.__guatu?.map;
    if (!map) throw new Error('window.__guatu.map is not set');
    const features = map.querySourceFeatures(source, { sourceLayer });
    const preferred = features.find((f) => f.properties?.status !== 'closed') ?? features[0];
    const geometry = preferred?.geometry;
    if (!geometry) return null;
    if (geometry.type === 'Point') return geometry.coordinates as [number, number];
    if (geometry.type === 'Polygon') return geometry.coordinates[0]?.[0] as [number, number];
    if (geometry.type === 'MultiPolygon') return geometry.coordinates[0]?.[0]?.[0] as [number, number];
    if (geometry.type === 'LineString') return geometry.coordinates[0] as [number, number];
    return null;
  }, probe);
}

async function figureText(dashboard: Dashboard, figure: string): Promise<string> {
  const card = dashboard.page.locator(SELECTORS.figure(figure));
  await card.waitFor({ state: 'visible', timeout: 10_000 });
  return card.innerText();
}

/**
 * Asserts that each overlay group draws features: in the first view, or else close up where the
 * group has a feature (lamps and problem points only appear at street zoom). Saves a screenshot of
 * each close-up and restores the first view.
 */
async function expectEveryGroupDrawn(dashboard: Dashboard, screenshotPrefix: string, manifest: Manifest): Promise<void> {
  const seen: Record<string, Record<string, number>> = {};
  const start = await dashboard.page.evaluate(() => {
    const map = window.__guatu!.map!;
    return { center: map.getCenter().toArray() as [number, number], zoom: map.getZoom() };
  });
  for (const group of OVERLAY_GROUPS) {
    const layers = OVERLAY_LAYER_IDS[group].filter((id) => !UNQUERYABLE_LAYERS.has(id));
    let counts = await renderedPerLayer(dashboard, layers);
    if (Object.values(counts).every((n) => n === 0)) {
      const place = (await somewhereWith(dashboard, GROUP_PROBE[group])) ?? manifest.center;
      await moveMap(dashboard.page, { center: place, zoom: STREET_ZOOM });
      counts = { ...(await renderedPerLayer(dashboard, layers)), closeUp: 1 };
      await screenshot(dashboard.page, `${screenshotPrefix}-${group}`);
      await moveMap(dashboard.page, start);
    }
    seen[group] = counts;
  }
  console.log(`${screenshotPrefix} rendered features per layer (closeUp: 1 = at z${STREET_ZOOM}):`, JSON.stringify(seen));
  for (const group of OVERLAY_GROUPS) {
    const total = Object.entries(seen[group] ?? {}).reduce((sum, [layer, n]) => (layer === 'closeUp' ? sum : sum + n), 0);
    expect(total, `${group}: ${JSON.stringify(seen[group])}`).toBeGreaterThan(0);
  }
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('the dashboard on the demo tiles', () => {
  let manifest: Manifest;
  let server: RunningServer;
  let wall: Dashboard;

  beforeAll(async () => {
    manifest = requireBuilt();
    server = await startServer({ distDir: DIST_DIR, tilesDir: DEMO_TILES_DIR, port: 0 });
    wall = await openDashboard(browser, server.url, { viewport: WALL_SCREEN });
    await waitForReady(wall.page);
  });

  afterAll(async () => {
    await wall?.close();
    await server?.close();
  });

  it('loads at 1920×1080 without a page error, a console error or an app error', async () => {
    await screenshot(wall.page, 'dashboard-1920x1080');
    expect(wall.pageErrors).toEqual([]);
    expect(wall.consoleErrors).toEqual([]);
    expect(await wall.page.evaluate(() => window.__guatu?.errors ?? null)).toEqual([]);
  });

  it('asks nothing of any host but this machine', () => {
    expect(wall.requests.length).toBeGreaterThan(0);
    expect(wall.nonLocalRequests()).toEqual([]);
  });

  it('shows the headline figures of manifest.json in the side panel', async () => {
    const h = manifest.headline;
    const percent = (ratio: number): number => Math.round(ratio * 1000) / 10; // one decimal, as src/app/format.ts
    const expected: Record<string, number[]> = {
      problemsOpen: [h.problemsOpen],
      problemsOverdue: [h.problemsOverdue],
      closureRate: [percent(h.closureRate), h.problemsTotal],
      lightingRate: [percent(h.lampsWorking / h.lampsInstalled), h.lampsWorking, h.lampsInstalled],
      renovation: [h.compoundsOld, h.compoundsRenovated, h.compoundsUnderWay],
    };
    for (const [figure, values] of Object.entries(expected)) {
      const shown = numbersIn(await figureText(wall, figure));
      for (const value of values) expect(shown, `figure ${figure}`).toContain(value);
    }
  });

  it('switches the interface to English and back to Chinese', async () => {
    const label = (): Promise<string> => wall.page.locator(`${SELECTORS.figure('problemsOpen')} > :first-child`).innerText();
    expect(await label()).toBe(zhCN['figure.problemsOpen']);

    await wall.page.getByRole('button', { name: SELECTORS.englishButton, exact: true }).click();
    await expect.poll(label, { timeout: 5_000 }).toBe(en['figure.problemsOpen']);
    expect(new URL(wall.page.url()).searchParams.get('lang')).toBe('en');
    expect(await wall.page.evaluate(() => document.documentElement.lang)).toBe('en');
    // The figures are the same numbers in either language.
    expect(numbersIn(await figureText(wall, 'problemsOpen'))).toContain(manifest.headline.problemsOpen);
    await screenshot(wall.page, 'dashboard-1920x1080-en');

    await wall.page.getByRole('button', { name: SELECTORS.chineseButton, exact: true }).click();
    await expect.poll(label, { timeout: 5_000 }).toBe(zhCN['figure.problemsOpen']);
    expect(new URL(wall.page.url()).searchParams.get('lang')).toBe('zh');
    expect(await wall.page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });

  it('draws features of every overlay group', async () => {
    await expectEveryGroupDrawn(wall, 'dashboard-1920x1080', manifest);
  });

  it('loads at 1366×768 without errors', async () => {
    const laptop = await openDashboard(browser, server.url, { viewport: LAPTOP });
    try {
      await waitForReady(laptop.page);
      await screenshot(laptop.page, 'dashboard-1366x768');
      expect(laptop.pageErrors).toEqual([]);
      expect(laptop.consoleErrors).toEqual([]);
      expect(laptop.nonLocalRequests()).toEqual([]);
      expect(numbersIn(await figureText(laptop, 'problemsOpen'))).toContain(manifest.headline.problemsOpen);
      // Here the first view is further out than street zoom, so points are found by zooming in.
      await expectEveryGroupDrawn(laptop, 'dashboard-1366x768', manifest);
      expect(laptop.pageErrors).toEqual([]);
    } finally {
      await laptop.close();
    }
  });
});

describe('an office whose ledger holds markup', () => {
  let workDir: string;
  let office: XssOffice;
  let server: RunningServer;
  let dashboard: Dashboard;

  beforeAll(async () => {
    requireBuilt();
    workDir = mkdtempSync(join(tmpdir(), 'guatu-xss-'));
    office = writeXssOffice(SAMPLE_CONFIG, join(workDir, 'office'));
    const tilesDir = join(workDir, 'tiles');
    await buildData({ config: office.configPath, outDir: tilesDir, quiet: true });
    server = await startServer({ distDir: DIST_DIR, tilesDir, port: 0 });
    dashboard = await openDashboard(browser, server.url, { viewport: WALL_SCREEN });
    await waitForReady(dashboard.page);
  });

  afterAll(async () => {
    await dashboard?.close();
    await server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  /** Clicks a position at street zoom, checking first that `layer` draws the feature `id` there. */
  async function clickFeature(lngLat: [number, number], layer: string, id: string): Promise<string> {
    await dashboard.page.keyboard.press('Escape');
    await moveMap(dashboard.page, { center: lngLat, zoom: 17.5 });
    const at = await pagePointOf(dashboard.page, lngLat);
    const ids = await dashboard.page.evaluate(
      ({ lngLat, layer }) => {
        const map = window.__guatu!.map!;
        const p = map.project(lngLat);
        return map.queryRenderedFeatures(p, { layers: [layer] }).map((f) => String(f.properties?.id));
      },
      { lngLat, layer },
    );
    expect(ids, `${layer} should draw ${id} at ${lngLat.join(',')}`).toContain(id);
    await dashboard.page.mouse.click(at.x, at.y);
    const popup = dashboard.page.locator(SELECTORS.popup).last();
    await popup.waitFor({ state: 'visible', timeout: 10_000 });
    await waitForMapIdle(dashboard.page);
    return (await popup.textContent()) ?? '';
  }

  async function imagesInPopup(): Promise<number> {
    return dashboard.page.evaluate((selector) => [...document.querySelectorAll(selector)].reduce((n, el) => n + el.querySelectorAll('img').length, 0), SELECTORS.popup);
  }

  it("shows a problem's description as text, running no markup", async () => {
    const text = await clickFeature(office.problem.lngLat, 'problems-points', office.problem.id);
    await screenshot(dashboard.page, 'xss-problem-popup');
    expect(text).toContain(XSS_PAYLOAD);
    expect(await imagesInPopup()).toBe(0);
    expect(dashboard.dialogs).toEqual([]);
  });

  it("shows a compound's name as text, running no markup", async () => {
    const text = await clickFeature(office.compound.lngLat, 'compound-fill', office.compound.id);
    await screenshot(dashboard.page, 'xss-compound-popup');
    expect(text).toContain(XSS_PAYLOAD);
    expect(await imagesInPopup()).toBe(0);
    expect(dashboard.dialogs).toEqual([]);
  });

  it('made no <img src=x> anywhere on the page and raised no error', async () => {
    expect(await dashboard.page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
    expect(dashboard.dialogs).toEqual([]);
    expect(dashboard.pageErrors).toEqual([]);
    expect(dashboard.nonLocalRequests()).toEqual([]);
  });
});
