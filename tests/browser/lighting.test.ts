/**
 * The lighting workspace in headless Chromium, on the demo tiles (TEST_PATHS), on a copy of the demo
 * office whose road and lamp names are markup, and on Cambridge, MA built through the same pipeline.
 * The night view's lamp counts are checked against the pure schedule function (night-view.ts) and
 * against the glowing lamps MapLibre actually draws.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import type { FeatureCollection } from 'geojson';
import { MANIFEST_FILE, type DatasetConfig, type Manifest } from '../../src/contract';
import { faultyRows } from '../../src/app/lighting/faulty-list';
import { LT_LAYERS } from '../../src/app/lighting/lighting-style';
import { asOfNight, nightState } from '../../src/app/lighting/night-view';
import { buildData } from '../../scripts/build-data';
import { buildMapped } from '../../scripts/pipeline/lighting/build-mapped';
import { startServer, type RunningServer } from '../../scripts/serve';
import { launchBrowser, moveMap, openDashboard, pagePointOf, screenshot, TEST_PATHS, waitForMapIdle, waitForReady, type Dashboard } from './harness';
import { XSS_PAYLOAD } from './xss-fixture';
import type {} from '../../src/app/lighting/test-hook';

const WALL_SCREEN = { width: 1920, height: 1080 };
const LAPTOP = { width: 1366, height: 768 };

function readManifest(tilesDir: string): Manifest {
  const path = join(tilesDir, MANIFEST_FILE);
  if (!existsSync(path)) throw new Error(`${path} is missing: build the tiles first (npm run test:browser does)`);
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

async function openLighting(browser: Browser, server: RunningServer, query = '', viewport = WALL_SCREEN): Promise<Dashboard> {
  const d = await openDashboard(browser, `${server.url}?ws=lighting${query}`, { viewport });
  await waitForReady(d.page);
  await d.page.waitForFunction(() => window.__guatuLighting?.layersReady === true, null, { timeout: 30_000 });
  await waitForMapIdle(d.page);
  return d;
}

/** Distinct features MapLibre draws in a layer over the whole view (a point near a tile edge is in two tiles). */
async function drawn(d: Dashboard, layer: string): Promise<number> {
  return d.page.evaluate((id) => {
    const map = window.__guatu!.map!;
    return new Set(map.queryRenderedFeatures({ layers: [id] }).map((f) => String(f.id))).size;
  }, layer);
}

/**
 * Waits for the map's next 'idle' (a repaint is forced so one comes). After a filter change MapLibre
 * re-lays the layer's tiles in its worker, while `loaded()` can still say true for a moment, so the
 * harness's "already idle?" shortcut is not enough here.
 */
async function settle(d: Dashboard): Promise<void> {
  await d.page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__guatu!.map!;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
  await waitForMapIdle(d.page);
}

/** The layer draws `n` distinct features once the map has caught up (polled: software WebGL is slow). */
async function expectDrawn(d: Dashboard, layer: string, n: number): Promise<void> {
  await settle(d);
  await expect.poll(() => drawn(d, layer), { timeout: 60_000, interval: 1_000, message: `${layer} should draw ${n} features` }).toBe(n);
}

/** Moves the evening slider as a user would (an input event), then waits for the map. */
async function setSlider(d: Dashboard, minute: number): Promise<void> {
  await d.page.locator('[data-testid="night-slider"]').evaluate((el, value) => {
    const input = el as HTMLInputElement;
    input.value = String(value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, minute);
  await d.page.waitForFunction((m) => document.querySelector('[data-testid="night-clock"]')?.textContent?.includes(`${String(Math.floor((m % 1440) / 60)).padStart(2, '0')}:`) ?? false, minute);
  await waitForMapIdle(d.page);
}

async function litShown(d: Dashboard): Promise<{ lit: number; should: number }> {
  const el = d.page.locator('[data-testid="lit-count"]');
  return { lit: Number(await el.getAttribute('data-lit')), should: Number(await el.getAttribute('data-should')) };
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('the lighting workspace on the demo tiles', () => {
  let manifest: Manifest;
  let server: RunningServer;
  let d: Dashboard;
  const lighting = () => manifest.lighting!;

  beforeAll(async () => {
    manifest = readManifest(TEST_PATHS.tiles);
    server = await startServer({ distDir: TEST_PATHS.dist, tilesDir: TEST_PATHS.tiles, port: 0 });
    d = await openLighting(browser, server);
  });

  afterAll(async () => {
    await d?.close();
    await server?.close();
  });

  it('shows the figures, the 亮灯率 choropleth and the dark segments, without an error', async () => {
    await screenshot(d.page, 'lighting-day-1920');
    expect(d.pageErrors).toEqual([]);
    expect(d.consoleErrors).toEqual([]);
    expect(await d.page.evaluate(() => window.__guatu?.errors ?? null)).toEqual([]);
    const darkText = await d.page.locator('[data-figure="lt-dark"] .value').innerText();
    expect(Number(darkText.replace(/[^\d]/g, ''))).toBe(manifest.headline.darkLengthM);
    expect(await drawn(d, LT_LAYERS.choropleth)).toBe(lighting().cells.filter((c) => c.level === 'l4').length);
    expect(await drawn(d, LT_LAYERS.dark)).toBeGreaterThan(10);
    // The overview's problem heat map and choropleth are put away while this workspace is shown.
    expect(await d.page.evaluate(() => window.__guatu!.map!.getLayoutProperty('problems-heat', 'visibility'))).toBe('none');
    expect(await d.page.evaluate(() => window.__guatu!.map!.getLayoutProperty('grid-choropleth', 'visibility'))).toBe('none');
  });

  it('glows, at 21:00 and at 00:30, exactly the lamps the schedule has on', async () => {
    await d.page.locator('[data-testid="night-toggle"]').click();
    await d.page.waitForFunction(() => window.__guatuLighting?.night === true);
    const night = asOfNight(manifest.asOf, lighting().settings.timeZone);
    const counts: number[] = [];
    for (const [minute, name] of [
      [21 * 60, 'lighting-night-2100'],
      [24 * 60 + 30, 'lighting-night-0030'],
    ] as const) {
      await setSlider(d, minute);
      const expected = nightState(lighting(), night, minute, new Set());
      await expect.poll(() => litShown(d)).toEqual({ lit: expected.lit, should: expected.shouldLight });
      await expectDrawn(d, LT_LAYERS.glow, expected.lit);
      await screenshot(d.page, name);
      counts.push(expected.lit);
    }
    // The branch roads' half-night lamps go off at 00:30; main roads and the extended back streets stay on.
    expect(counts[1]).toBeLessThan(counts[0]!);
    expect(new URL(d.page.url()).searchParams.get('ltTime')).toBe('00:30');
  });

  it('turns the back streets off at 23:30 when the "two hours later" override is switched off', async () => {
    const night = asOfNight(manifest.asOf, lighting().settings.timeZone);
    await setSlider(d, 23 * 60 + 30);
    const withOverride = nightState(lighting(), night, 23 * 60 + 30, new Set());
    expect(withOverride.groupsOn).toContain('back_street');
    await expectDrawn(d, LT_LAYERS.glow, withOverride.lit);
    await d.page.locator('[data-override="back-2h-later"]').uncheck();
    const without = nightState(lighting(), night, 23 * 60 + 30, new Set(['back-2h-later']));
    expect(without.groupsOn).not.toContain('back_street');
    await expect.poll(() => litShown(d)).toEqual({ lit: without.lit, should: without.shouldLight });
    await expectDrawn(d, LT_LAYERS.glow, without.lit);
    expect(withOverride.lit - without.lit).toBe(lighting().groups.find((g) => g.group === 'back_street')!.working);
    expect(new URL(d.page.url()).searchParams.get('ltOff')).toBe('back-2h-later');
    await screenshot(d.page, 'lighting-night-2330-override-off');
    await d.page.locator('[data-override="back-2h-later"]').check();
    await expectDrawn(d, LT_LAYERS.glow, withOverride.lit);
  });

  it('opens the faulty-lamp list, most dark metres first, and exports it as CSV with a BOM', async () => {
    await d.page.locator('[data-testid="night-toggle"]').click();
    await d.page.locator('[data-testid="faulty-open"]').click();
    const dialog = d.page.locator('[data-testid="faulty-list"]');
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    const expected = faultyRows(lighting().faulty, new Map(lighting().cells.map((c) => [c.code, c.name])), Number(manifest.asOf.slice(0, 4)));
    expect(await dialog.locator('tbody tr').count()).toBe(expected.length);
    expect(await dialog.locator('tbody tr').first().getAttribute('data-lamp')).toBe(expected[0]!.id);
    await screenshot(d.page, 'lighting-faulty-list');
    const [download] = await Promise.all([d.page.waitForEvent('download'), dialog.locator('[data-testid="faulty-export"]').click()]);
    const file = await download.path();
    const bytes = readFileSync(file!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^序号,路灯编号,所在道路,网格编码,网格名称/);
    expect(lines[1]).toContain(expected[0]!.id);
    expect(lines.filter((l) => l !== '')).toHaveLength(1 + expected.length);
    expect(download.suggestedFilename()).toMatch(/^故障路灯清单_.*\.csv$/);
    await d.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', timeout: 5_000 });
  });

  it('asks nothing of any host but this machine and raised no error', () => {
    expect(d.nonLocalRequests()).toEqual([]);
    expect(d.pageErrors).toEqual([]);
    expect(d.consoleErrors).toEqual([]);
  });

  it('fits a 1366×768 laptop screen in English, night view from the address', async () => {
    const laptop = await openLighting(browser, server, '&lang=en&ltNight=1&ltTime=22:00', LAPTOP);
    try {
      await screenshot(laptop.page, 'lighting-night-1366-en');
      const night = asOfNight(manifest.asOf, lighting().settings.timeZone);
      expect((await litShown(laptop)).lit).toBe(nightState(lighting(), night, 22 * 60, new Set()).lit);
      expect(await laptop.page.locator('[data-testid="lighting-panel"] h2').first().innerText()).toContain('Lighting figures');
      expect(laptop.pageErrors).toEqual([]);
      expect(laptop.nonLocalRequests()).toEqual([]);
    } finally {
      await laptop.close();
    }
  });
});

describe('an office whose road and lamp names are markup', () => {
  let work: string;
  let server: RunningServer;
  let d: Dashboard;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'guatu-lighting-xss-'));
    // The whole data folder, so the config's paths outside the office folder (the OSM extract, the
    // working calendar) still resolve.
    const sampleDir = dirname(resolve(TEST_PATHS.config));
    cpSync(dirname(sampleDir), join(work, 'data'), { recursive: true });
    const office = join(work, 'data', basename(sampleDir));
    const configPath = join(office, basename(TEST_PATHS.config));
    const config = JSON.parse(readFileSync(configPath, 'utf8')) as DatasetConfig;
    // The payload becomes the road of the faulty lamp at the top of the repair list, and the name of
    // a street the demo left without lamps (so it has dark stretches to click).
    const manifest = readManifest(TEST_PATHS.tiles);
    const topFaulty = manifest.lighting!.faulty[0]!.id;
    const lampsPath = join(office, config.files.lamps);
    const roadsPath = join(office, config.files.roads!);
    const lamps = JSON.parse(readFileSync(lampsPath, 'utf8')) as FeatureCollection;
    const roads = JSON.parse(readFileSync(roadsPath, 'utf8')) as FeatureCollection;
    const lampRoads = new Set(lamps.features.map((f) => String(f.properties?.road)));
    const unlit = roads.features.map((f) => String(f.properties?.name)).filter((n) => n !== '无名路' && !lampRoads.has(n)).sort()[0];
    if (!unlit) throw new Error(`${roadsPath}: no street without lamps to plant the payload in`);
    for (const f of lamps.features) if (f.properties?.id === topFaulty) f.properties.road = XSS_PAYLOAD;
    for (const f of roads.features) if (f.properties?.name === unlit) f.properties.name = XSS_PAYLOAD;
    writeFileSync(lampsPath, JSON.stringify(lamps));
    writeFileSync(roadsPath, JSON.stringify(roads));
    await buildData({ config: configPath, outDir: join(work, 'tiles'), quiet: true });
    server = await startServer({ distDir: TEST_PATHS.dist, tilesDir: join(work, 'tiles'), port: 0 });
    d = await openLighting(browser, server, '&ltFaulty=1');
  });

  afterAll(async () => {
    await d?.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('shows the names as text in the faulty list and in a dark segment popup, running no markup', async () => {
    const dialog = d.page.locator('[data-testid="faulty-list"]');
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await dialog.locator('tbody tr').first().innerText()).toContain(XSS_PAYLOAD);
    expect(await dialog.locator('img').count()).toBe(0);
    await screenshot(d.page, 'lighting-xss-faulty-list');
    await d.page.keyboard.press('Escape');

    const stretch = await d.page.evaluate((payload) => {
      const map = window.__guatu!.map!;
      const features = map.querySourceFeatures('lamps', { sourceLayer: 'dark_segments' }).filter((f) => f.properties?.name === payload && f.geometry.type === 'LineString');
      features.sort((a, b) => Number(b.properties?.length_m) - Number(a.properties?.length_m));
      const line = features[0]?.geometry as { coordinates: [number, number][] } | undefined;
      if (!line) return null;
      return line.coordinates[Math.floor(line.coordinates.length / 2)] ?? null;
    }, XSS_PAYLOAD);
    expect(stretch, 'a dark stretch of the renamed road').not.toBeNull();
    await moveMap(d.page, { center: stretch!, zoom: 18 });
    const at = await pagePointOf(d.page, stretch!);
    await d.page.mouse.click(at.x, at.y);
    const popup = d.page.locator('.maplibregl-popup').last();
    await popup.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await popup.textContent()).toContain(XSS_PAYLOAD);
    expect(await popup.locator('img').count()).toBe(0);
    await screenshot(d.page, 'lighting-xss-dark-popup');
    expect(await d.page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
    expect(d.dialogs).toEqual([]);
    expect(d.pageErrors).toEqual([]);
    expect(d.nonLocalRequests()).toEqual([]);
  });
});

const CAMBRIDGE = 'data/cambridge-ma/lighting-import.json';
const cambridgeSource = existsSync('data/realdata/cambridge-ma/INFRA_StreetLights.geojson');

describe.runIf(cambridgeSource)('Cambridge, MA as a lighting dataset', () => {
  let work: string;
  let manifest: Manifest;
  let server: RunningServer;
  let d: Dashboard;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'guatu-cambridge-browser-'));
    manifest = (await buildMapped(CAMBRIDGE, join(work, 'tiles'), join(work, 'office'), true)).manifest;
    server = await startServer({ distDir: TEST_PATHS.dist, tilesDir: join(work, 'tiles'), port: 0 });
    d = await openLighting(browser, server);
  });

  afterAll(async () => {
    await d?.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('renders its neighbourhoods, dark segments and lamps, and lights them all from dusk to dawn', async () => {
    await screenshot(d.page, 'lighting-cambridge-day');
    expect(d.pageErrors).toEqual([]);
    expect(await d.page.evaluate(() => window.__guatu?.errors ?? null)).toEqual([]);
    expect(await drawn(d, LT_LAYERS.choropleth)).toBe(13);
    expect(await drawn(d, LT_LAYERS.dark)).toBeGreaterThan(100);
    await d.page.locator('[data-testid="night-toggle"]').click();
    await setSlider(d, 22 * 60);
    const expected = nightState(manifest.lighting!, asOfNight(manifest.asOf, 'America/New_York'), 22 * 60, new Set());
    expect(expected.lit).toBe(manifest.inputs.lamps!.kept);
    expect((await litShown(d)).lit).toBe(expected.lit);
    await expectDrawn(d, LT_LAYERS.glow, expected.lit);
    await screenshot(d.page, 'lighting-cambridge-night');
    // Late June in Boston: still light at 20:00, so nothing glows yet.
    await setSlider(d, 20 * 60);
    await expectDrawn(d, LT_LAYERS.glow, 0);
    expect(d.nonLocalRequests()).toEqual([]);
  });
});
