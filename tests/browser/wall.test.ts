/**
 * Wall mode (`?mode=wall`) on the demo tiles in headless Chromium: the layout at the four screen
 * sizes of the issue (screenshots plus a DOM check that nothing leaves the screen or overflows), the
 * map at the screen's own pixels, the tour advancing, the hidden controls and Esc, an in-place
 * refresh when the data is rebuilt, and an archive that fails and comes back.
 *
 * Run: GUATU_TEST_DIST=.tmp/wall/dist GUATU_TEST_TILES=.tmp/wall/tiles npx vitest run --config vitest.browser.config.ts tests/browser/wall.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { MANIFEST_FILE, type Manifest } from '../../src/contract';
import { parseTour } from '../../src/analysis/presentation/tour';
import { BASEMAP } from '../../src/app/map/palette';
import { DARK } from '../../src/app/wall/dark-theme';
import type { WallHook } from '../../src/app/wall/wall-hook';
import { buildData } from '../../scripts/build-data';
import { startServer, type RunningServer } from '../../scripts/serve';
import { HARNESS_DEFAULTS, launchBrowser, openDashboard, screenshot, TEST_PATHS, waitForMapIdle, type Dashboard } from './harness';
import { copyTiles, writeLaterOffice } from './wall-fixture';
import { XSS_PAYLOAD } from './xss-fixture';

const SCREENS = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
  { width: 7680, height: 2160 },
  { width: 1366, height: 768 },
] as const;

/** Big screens and whole tour loops in software WebGL on two shared cores. */
const SLOW_TEST_MS = 400_000;
/** Long enough that the first stop stays put while a test looks at it. */
const HOLD = 'wall.dwell=3600';
const TOUR = parseTour(JSON.parse(readFileSync(new URL('../../data/tour.json', import.meta.url), 'utf8')), 'data/tour.json');

function requireBuilt(): Manifest {
  if (!existsSync(join(TEST_PATHS.dist, 'index.html'))) throw new Error(`${TEST_PATHS.dist}/index.html is missing: run \`npx vite build\` first (npm run test:browser does)`);
  const path = join(TEST_PATHS.tiles, MANIFEST_FILE);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`tsx scripts/ensure-demo.ts\` first (npm run test:browser does)`);
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

function wallHook(page: Page): Promise<WallHook | null> {
  return page.evaluate(() => window.__guatuWall ?? null);
}

/** Waits until the wall has its full tour (community stops need the lists read) and the map is drawn. */
async function waitForWall(page: Page, manifest: Manifest, options: { full?: boolean } = {}): Promise<void> {
  const stops = TOUR.steps.length - 1 + manifest.communities.length;
  await page.waitForFunction(
    ({ stops, full }) => {
      const w = window.__guatuWall;
      // The app's loading notice goes at its first settled frame (App.svelte), errors or not.
      return w !== null && w !== undefined && document.querySelector('.loading') === null && (!full || (w.stops === stops && w.redItems !== null));
    },
    { stops, full: options.full ?? true },
    { timeout: 120_000, polling: 250 },
  );
  await waitForMapIdle(page);
}

async function openWall(browser: Browser, url: string, viewport: { width: number; height: number }, deviceScaleFactor = 1): Promise<Dashboard> {
  return openDashboard(browser, url, { viewport, deviceScaleFactor });
}

/**
 * Everything on the page that leaves the screen, overflows sideways, or clips its content: the
 * layout check at each screen size. Rows inside an auto-scrolling list ([data-marquee]) move by
 * design, and one-line descriptions ([data-clamp]) are cut on purpose.
 */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = innerWidth;
    const vh = innerHeight;
    const out: string[] = [];
    const label = (el: HTMLElement) => {
      const classes = typeof el.className === 'string' ? el.className.split(/\s+/).filter((c) => c && !c.startsWith('svelte-')) : [];
      return `${el.tagName.toLowerCase()}${classes.map((c) => `.${c}`).join('')}${el.dataset.testid ? `[${el.dataset.testid}]` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    };
    const root = document.documentElement;
    if (root.scrollWidth > vw || root.scrollHeight > vh) out.push(`the page scrolls: ${root.scrollWidth}×${root.scrollHeight} in ${vw}×${vh}`);
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const cs = getComputedStyle(el);
      if (cs.display === 'none' || cs.visibility === 'hidden') continue;
      if (el.closest('[data-marquee]') && !el.hasAttribute('data-marquee')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1) {
        out.push(`${label(el)} leaves the screen: ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) out.push(`${label(el)} overflows sideways: scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
      const clips = cs.overflowY !== 'visible' && !el.hasAttribute('data-marquee') && !el.hasAttribute('data-clamp');
      if (clips && el.clientHeight > 0 && el.scrollHeight > el.clientHeight + 1) out.push(`${label(el)} clips its content: scrollHeight ${el.scrollHeight} > clientHeight ${el.clientHeight}`);
    }
    return out;
  });
}

/**
 * A screenshot with time to spare: a 7680×2160 page in software WebGL on two shared cores takes
 * longer than the harness's default 30 s. The scrolling list is stopped for the picture.
 */
async function wallScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(HARNESS_DEFAULTS.screenshotsDir, { recursive: true });
  await page.screenshot({ path: join(HARNESS_DEFAULTS.screenshotsDir, `${name}.png`), timeout: 180_000, animations: 'disabled' });
}

/** The map canvas's pixel size against its box on screen and the device pixel ratio. */
async function canvasPixels(page: Page): Promise<{ width: number; height: number; cssWidth: number; cssHeight: number; dpr: number; scaled: boolean }> {
  return page.evaluate(() => {
    const canvas = window.__guatu!.map!.getCanvas();
    const r = canvas.getBoundingClientRect();
    let scaled = false;
    for (let el: Element | null = canvas; el; el = el.parentElement) if (getComputedStyle(el).transform !== 'none') scaled = true;
    return { width: canvas.width, height: canvas.height, cssWidth: r.width, cssHeight: r.height, dpr: devicePixelRatio, scaled };
  });
}

let browser: Browser;
let manifest: Manifest;

beforeAll(async () => {
  manifest = requireBuilt();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('the wall screen at the four screen sizes', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ distDir: TEST_PATHS.dist, tilesDir: TEST_PATHS.tiles, port: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });

  for (const screen of SCREENS) {
    it(`fits ${screen.width}×${screen.height}: nothing leaves the screen or overflows, the map at native pixels`, async () => {
      const wall = await openWall(browser, `${server.url}?mode=wall&${HOLD}`, screen);
      try {
        await waitForWall(wall.page, manifest);
        await wallScreenshot(wall.page, `wall-${screen.width}x${screen.height}`);
        expect(await layoutProblems(wall.page)).toEqual([]);

        const c = await canvasPixels(wall.page);
        expect(c.scaled).toBe(false);
        expect([c.cssWidth, c.cssHeight]).toEqual([screen.width, screen.height]);
        expect([c.width, c.height]).toEqual([screen.width * c.dpr, screen.height * c.dpr]);

        // Header: the sub-district, a running clock, the data time.
        const header = await wall.page.locator('.w-header').innerText();
        expect(header).toContain(manifest.subDistrict.name);
        expect(await wall.page.getByTestId('wall-clock').innerText()).toMatch(/^\d{2}:\d{2}:\d{2}$/);
        expect(await wall.page.getByTestId('wall-asof').innerText()).toMatch(/2026/);
        // Seven KPI tiles, each coloured by a level; the map is the dark theme.
        expect(await wall.page.locator('[data-kpi]').count()).toBe(7);
        expect(await wall.page.evaluate(() => window.__guatu!.map!.getPaintProperty('basemap-background', 'background-color'))).toBe(DARK.background);
        expect(wall.pageErrors).toEqual([]);
        expect(wall.consoleErrors).toEqual([]);
        expect(wall.nonLocalRequests()).toEqual([]);
      } finally {
        await wall.close();
      }
    }, SLOW_TEST_MS);
  }

  it('draws the map at twice the pixels on a screen with device pixel ratio 2', async () => {
    const wall = await openWall(browser, `${server.url}?mode=wall&${HOLD}`, { width: 1366, height: 768 }, 2);
    try {
      await waitForWall(wall.page, manifest, { full: false });
      const c = await canvasPixels(wall.page);
      expect([c.dpr, c.width, c.height]).toEqual([2, 2732, 1536]);
      expect(await layoutProblems(wall.page)).toEqual([]);
    } finally {
      await wall.close();
    }
  });
});

describe('the wall screen at work', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ distDir: TEST_PATHS.dist, tilesDir: TEST_PATHS.tiles, port: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("shows each headline figure with last month's value when the manifest has it", async () => {
    const wall = await openWall(browser, `${server.url}?mode=wall&${HOLD}`, { width: 1920, height: 1080 });
    try {
      await waitForWall(wall.page, manifest);
      const tile = wall.page.locator('[data-kpi="problemsOpen"]');
      expect(await tile.locator('.num').innerText()).toBe(manifest.headline.problemsOpen.toLocaleString('zh-CN'));
      const lastMonth = manifest.headline.previousMonth?.problemsOpen;
      if (lastMonth === undefined) expect(await tile.locator('[data-ref="lastMonth"]').count()).toBe(0);
      else expect(await tile.locator('[data-ref="lastMonth"]').innerText()).toContain(lastMonth.toLocaleString('zh-CN'));
      // 亮灯率 always has its target; its level follows it.
      expect(await wall.page.locator('[data-kpi="lightingRate"] [data-ref="target"]').innerText()).toContain('98%');
      // Today's red items: the ledger's red supervision count when the data has the ledger's table
      // (the same figure as the 红色督办 tile), else the open overdue problems of the tiles.
      const basis = manifest.ledger ? 'supervision' : 'overdue';
      expect(await wall.page.getByTestId('wall-red-basis').getAttribute('data-basis')).toBe(basis);
      const redCount = Number((await wall.page.getByTestId('wall-red-count').innerText()).replace(/\D/g, ''));
      expect(redCount).toBe(manifest.ledger ? manifest.headline.problemsRed : manifest.headline.problemsOverdue);
      expect(await wall.page.locator('[data-red-item]').count()).toBe(Math.min(60, redCount));
      // The 红黑榜: both lists, no community on both, the month's score when there is a ledger.
      const red = await wall.page.locator('[data-rank="red"] .name').allInnerTexts();
      const black = await wall.page.locator('[data-rank="black"] .name').allInnerTexts();
      expect(red.length).toBeGreaterThan(0);
      expect(black.length).toBeGreaterThan(0);
      expect(red.filter((n) => black.includes(n))).toEqual([]);
      expect(await wall.page.getByTestId('wall-rank-basis').getAttribute('data-basis')).toBe(manifest.ledger ? 'score' : 'load');
    } finally {
      await wall.close();
    }
  });

  it('tours: each stop puts its view in the address and flies the camera, looping round', async () => {
    const wall = await openWall(browser, `${server.url}?mode=wall&wall.dwell=1.5&wall.fly=0.4`, { width: 1920, height: 1080 });
    try {
      await waitForWall(wall.page, manifest);
      // The whole loop: the tour file's steps, the last one once per community.
      const cycle = [...TOUR.steps.slice(0, -1).map((s) => s.id), ...manifest.communities.map((c) => `communities:${c.code}`)];
      /** Stops in the order seen, each with the address and camera at the end of its dwell. */
      const seen: { key: string; search: string; center: number[]; zoom: number }[] = [];
      const started = Date.now();
      while (seen.length <= cycle.length && Date.now() - started < 170_000) {
        const now = await wall.page.evaluate(() => ({
          key: window.__guatuWall?.stopKey ?? '',
          search: location.search,
          center: window.__guatu!.map!.getCenter().toArray(),
          zoom: window.__guatu!.map!.getZoom(),
        }));
        if (seen.at(-1)?.key === now.key) seen[seen.length - 1] = now;
        else seen.push(now);
        await wall.page.waitForTimeout(250);
      }
      console.log('wall tour stops seen:', seen.map((s) => `${s.key} z${s.zoom.toFixed(2)} ${s.search}`).join(' | '));
      // Every stop of the loop, in the tour's order from wherever the test came in, round again.
      const first = cycle.indexOf(seen[0]!.key);
      expect(first).toBeGreaterThanOrEqual(0);
      expect(seen.map((s) => s.key)).toEqual(seen.map((_, i) => cycle[(first + i) % cycle.length]));
      const stop = (key: string) => seen.find((s) => s.key === key)!;
      for (const s of seen) expect(new URLSearchParams(s.search).get('mode'), s.key).toBe('wall');
      expect(new URLSearchParams(stop('red-items').search).get('ws')).toBe('ledger');
      expect(new URLSearchParams(stop('renovation').search).get('layers')?.split(',').sort()).toEqual(['grids', 'renovation']);
      const community = manifest.communities[0]!.code;
      expect(new URLSearchParams(stop(`communities:${community}`).search).get('lcom')).toBe(community);
      // The red-items stop is a street-level close-up; a community is closer than the whole sub-district.
      expect(stop('red-items').zoom).toBeGreaterThan(stop('heat').zoom + 0.5);
      expect(stop(`communities:${community}`).zoom).toBeGreaterThan(stop('heat').zoom);
      expect(stop('renovation').zoom).toBeCloseTo(stop('heat').zoom, 1);
      expect(await wall.page.getByTestId('wall-stop').getAttribute('data-stop')).toBe((await wallHook(wall.page))?.stopKey);
      await screenshot(wall.page, 'wall-touring');
      expect(wall.pageErrors).toEqual([]);
      expect(wall.nonLocalRequests()).toEqual([]);
    } finally {
      await wall.close();
    }
  }, SLOW_TEST_MS);

  it('shows its controls only after a mouse move or key, steps with →, and Esc leaves wall mode in place', async () => {
    const wall = await openWall(browser, `${server.url}?mode=wall&${HOLD}&wall.fly=0.2`, { width: 1920, height: 1080 });
    try {
      await waitForWall(wall.page, manifest);
      await wall.page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 42));
      const controls = wall.page.getByTestId('wall-controls');
      expect(await controls.isVisible()).toBe(false);
      const shownAt = wall.page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const el = document.querySelector('[data-testid="wall-controls"]')!;
            new MutationObserver(() => el.classList.contains('shown') && resolve(performance.now())).observe(el, { attributes: true });
          }),
      );
      await wall.page.mouse.move(600, 400);
      await wall.page.mouse.move(640, 420, { steps: 4 });
      await shownAt;
      await wall.page.waitForTimeout(400); // the fade-in
      await screenshot(wall.page, 'wall-controls');
      await controls.waitFor({ state: 'hidden', timeout: 20_000 });

      await wall.page.keyboard.press('ArrowRight');
      await expect.poll(async () => (await wallHook(wall.page))?.stopKey, { timeout: 10_000 }).toBe('red-items');

      await wall.page.keyboard.press('Escape');
      await wall.page.locator('header.header').waitFor({ state: 'visible', timeout: 10_000 });
      expect(await wall.page.getByTestId('wall').count()).toBe(0);
      expect(new URL(wall.page.url()).searchParams.get('mode')).toBeNull();
      expect(await wall.page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(42);
      expect(await wall.page.evaluate(() => window.__guatuWall ?? null)).toBeNull();
      // Back to the light map, interactive again.
      expect(await wall.page.evaluate(() => window.__guatu!.map!.getPaintProperty('basemap-background', 'background-color'))).toBe(BASEMAP.background);
      expect(await wall.page.evaluate(() => window.__guatu!.map!.dragPan.isEnabled())).toBe(true);
      await waitForMapIdle(wall.page);
      await screenshot(wall.page, 'wall-left');
      expect(wall.pageErrors).toEqual([]);
    } finally {
      await wall.close();
    }
  });
});

describe('the wall screen when the data changes under it', () => {
  let workDir: string;
  let tilesDir: string;
  let server: RunningServer;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'guatu-wall-'));
    tilesDir = join(workDir, 'tiles');
    copyTiles(TEST_PATHS.tiles, tilesDir);
    server = await startServer({ distDir: TEST_PATHS.dist, tilesDir, port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('picks up a rebuilt manifest in place: new archives, figures and lists, no reload, no blank frame', async () => {
    const wall = await openWall(browser, `${server.url}?mode=wall&${HOLD}&wall.poll=1`, { width: 1920, height: 1080 });
    try {
      await waitForWall(wall.page, manifest);
      await wall.page.evaluate(() => {
        const w = window as unknown as { __marker: number; __fewest: number };
        w.__marker = 42;
        w.__fewest = Infinity;
        // On every frame from here on, how many grid outlines are drawn: a reload that dropped the
        // tiles before the new ones came would draw a frame with none.
        window.__guatu!.map!.on('render', () => {
          w.__fewest = Math.min(w.__fewest, window.__guatu!.map!.queryRenderedFeatures({ layers: ['grid-l4-outline'] }).length);
        });
      });
      const before = (await wallHook(wall.page))!;

      const office = writeLaterOffice(TEST_PATHS.config, join(workDir, 'office'), '2026-11-27T17:00:00+08:00');
      const rebuilt = (await buildData({ config: office.configPath, outDir: tilesDir, quiet: true })).manifest;
      expect(rebuilt.headline.problemsOverdue).not.toBe(manifest.headline.problemsOverdue);

      await wall.page.waitForFunction((builtAt) => window.__guatuWall?.builtAt === builtAt && window.__guatuWall.refreshes >= 1, rebuilt.builtAt, { timeout: 60_000 });
      const redNow = rebuilt.ledger ? rebuilt.headline.problemsRed : rebuilt.headline.problemsOverdue;
      await wall.page.waitForFunction((n) => window.__guatuWall?.redItems === n, redNow, { timeout: 60_000 });
      await waitForMapIdle(wall.page);
      await screenshot(wall.page, 'wall-refreshed');

      expect(before.refreshes).toBe(0);
      expect(await wall.page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(42);
      expect(await wall.page.evaluate(() => (window as unknown as { __fewest: number }).__fewest)).toBeGreaterThan(0);
      // The problems source now reads the rebuilt archive (its checksum is in the URL).
      const sha = rebuilt.archives.find((a) => a.name === 'problems')!.sha256.slice(0, 12);
      expect(await wall.page.evaluate(() => (window.__guatu!.map!.getSource('problems') as unknown as { url: string }).url)).toContain(`v=${sha}`);
      expect(await wall.page.locator('[data-kpi="problemsOpen"] .num').innerText()).toBe(rebuilt.headline.problemsOpen.toLocaleString('zh-CN'));
      expect(await wall.page.getByTestId('wall-asof').innerText()).toContain('2026/11/27');
      expect(await wall.page.getByTestId('wall-refreshed').isVisible()).toBe(true);
      // The most overdue problem now describes itself with markup: its red row shows it as text.
      const row = wall.page.locator(`[data-red-item="${office.payloadProblemId}"]`);
      expect(await row.innerText()).toContain(XSS_PAYLOAD);
      expect(await wall.page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
      expect(wall.dialogs).toEqual([]);
      expect(wall.pageErrors).toEqual([]);
      expect(wall.nonLocalRequests()).toEqual([]);
    } finally {
      await wall.close();
    }
  });

  it('marks an archive that fails, keeps touring, and picks it up when it is back', async () => {
    const lamps = join(tilesDir, 'lamps.pmtiles');
    renameSync(lamps, `${lamps}.away`);
    let restored = false;
    const wall = await openWall(browser, `${server.url}?mode=wall&wall.dwell=1&wall.fly=0.3&wall.retry=0.5`, { width: 1920, height: 1080 });
    try {
      await wall.page.waitForFunction(() => window.__guatuWall?.failing.includes('lamps') === true, null, { timeout: 120_000 });
      const mark = wall.page.locator('[data-failing="lamps"]');
      await mark.waitFor({ state: 'visible', timeout: 10_000 });
      await screenshot(wall.page, 'wall-archive-failing');
      expect(await wall.page.evaluate(() => window.__guatu!.map!.getSource('lamps') === undefined)).toBe(true);

      const transitions = (await wallHook(wall.page))!.transitions;
      await wall.page.waitForFunction((n) => (window.__guatuWall?.transitions ?? 0) >= n + 3, transitions, { timeout: 60_000 });
      expect((await wallHook(wall.page))!.failing).toContain('lamps');

      renameSync(`${lamps}.away`, lamps);
      restored = true;
      await wall.page.waitForFunction(() => window.__guatuWall?.failing.includes('lamps') === false, null, { timeout: 60_000 });
      expect(await mark.count()).toBe(0);
      expect(await wall.page.evaluate(() => window.__guatu!.map!.getLayer('lamps') !== undefined && window.__guatu!.map!.getSource('lamps') !== undefined)).toBe(true);
      // Its layers came back dark-themed and in the builders' order (under the problem points).
      expect(await wall.page.evaluate(() => {
        const ids = window.__guatu!.map!.getStyle().layers.map((l) => l.id);
        return ids.indexOf('lamps') < ids.indexOf('problems-points');
      })).toBe(true);
      expect(wall.pageErrors).toEqual([]);
      expect(wall.nonLocalRequests()).toEqual([]);
    } finally {
      if (!restored && existsSync(`${lamps}.away`)) renameSync(`${lamps}.away`, lamps);
      await wall.close();
    }
  });
});
