/**
 * Soak test of the wall screen: the built app in headless Chromium (software WebGL) at 1920×1080,
 * touring the demo data with a short dwell. After a warm-up (SOAK.warmupTransitions), N transitions
 * (default 500); JS heap (after a forced garbage collection) and DOM node count at their start and
 * end, and every 50 transitions; growth over 10% fails the run (exit code 1), since a wall screen
 * tours for weeks. Also reported: the heap when the page has loaded and after the first loop.
 * Prints one JSON line (bench/run.ts reads the last line).
 *
 *   npx tsx bench/wall-soak.ts [transitions=500]
 *
 * Serves GUATU_TEST_DIST (default dist/) and GUATU_TEST_TILES (default public/tiles/), like the
 * browser tests: build both first (`npm run build`, `npm run build:data`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { startServer } from '../scripts/serve';
import { launchBrowser, openDashboard, TEST_PATHS } from '../tests/browser/harness';
import type {} from '../src/app/wall/wall-hook';

const SOAK = {
  /** Transitions to run; the issue asks for 500. */
  transitions: Number(process.argv[2] ?? 500),
  /** Seconds per stop and per flight: short, so 500 transitions take minutes, not hours. */
  dwellSeconds: 0.05,
  flySeconds: 0.1,
  viewport: { width: 1920, height: 1080 },
  /**
   * Transitions before the soak's start. Over the first ~10 loops the heap grows by a few MB and
   * then holds (MapLibre's tile and glyph caches, each workspace's data and layers, compiled code
   * and the browser's bounded performance-entry buffers fill up): the soak measures what touring
   * keeps adding after that, not the one-off warm-up, which the output reports as well.
   */
  warmupTransitions: 100,
  /** Snapshots taken a few transitions apart, their median used: one GC snapshot swings by ±1 MB. */
  snapshotsPerPoint: 3,
  /** Allowed growth of heap and DOM nodes from start to end. */
  maxGrowth: 0.1,
} as const;

interface Snapshot {
  transitions: number;
  heapMb: number;
  domNodes: number;
  listeners: number;
}

async function snapshot(page: Page, cdp: CDPSession): Promise<Snapshot> {
  // Twice: the first pass can leave garbage that only a second pass frees (weak maps, finalizers).
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  const transitions = await page.evaluate(() => window.__guatuWall?.transitions ?? 0);
  return { transitions, heapMb: metric('JSHeapUsedSize') / 2 ** 20, domNodes: metric('Nodes'), listeners: metric('JSEventListeners') };
}

async function waitForTransitions(page: Page, n: number): Promise<void> {
  await page.waitForFunction((target) => (window.__guatuWall?.transitions ?? 0) >= target, n, { timeout: 0, polling: 500 });
}

/** The median of a few snapshots two transitions apart (heap and nodes separately). */
async function steadySnapshot(page: Page, cdp: CDPSession): Promise<Snapshot> {
  const shots: Snapshot[] = [];
  for (let i = 0; i < SOAK.snapshotsPerPoint; i++) {
    if (i > 0) await waitForTransitions(page, shots[i - 1]!.transitions + 2);
    shots.push(await snapshot(page, cdp));
  }
  const median = (f: (s: Snapshot) => number) => shots.map(f).sort((a, b) => a - b)[shots.length >> 1]!;
  return { transitions: shots[0]!.transitions, heapMb: median((s) => s.heapMb), domNodes: median((s) => s.domNodes), listeners: median((s) => s.listeners) };
}

async function main(): Promise<void> {
  if (!existsSync(join(TEST_PATHS.dist, 'index.html'))) throw new Error(`${TEST_PATHS.dist}/index.html is missing: run \`npm run build\` first`);
  if (!existsSync(join(TEST_PATHS.tiles, 'manifest.json'))) throw new Error(`${TEST_PATHS.tiles}/manifest.json is missing: run \`npm run build:data\` first`);
  const server = await startServer({ distDir: TEST_PATHS.dist, tilesDir: TEST_PATHS.tiles, port: 0 });
  const browser = await launchBrowser();
  const started = Date.now();
  try {
    // WALL_SOAK_EXTRA adds knobs (e.g. `&wall.tour=…` to soak another tour while looking for a leak).
    const query = `?mode=wall&wall.dwell=${SOAK.dwellSeconds}&wall.fly=${SOAK.flySeconds}${process.env.WALL_SOAK_EXTRA ?? ''}`;
    const wall = await openDashboard(browser, `${server.url}${query}`, { viewport: SOAK.viewport });
    const page = wall.page;
    // The tour is already running (the map never idles at this dwell): wait for its full playlist.
    await page.waitForFunction(() => (window.__guatuWall?.stops ?? 0) > 4 && window.__guatuWall?.redItems !== null, null, { timeout: 180_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const stops = await page.evaluate(() => window.__guatuWall!.stops);

    const loaded = await snapshot(page, cdp);
    await waitForTransitions(page, loaded.transitions + stops);
    const firstLoop = await snapshot(page, cdp);
    await waitForTransitions(page, loaded.transitions + SOAK.warmupTransitions);
    const start = await steadySnapshot(page, cdp);
    const soakStarted = Date.now();
    // A sample every 50 transitions, to tell a leak (steady growth) from caches filling (a plateau).
    const series: Snapshot[] = [];
    for (let n = 50; n < SOAK.transitions; n += 50) {
      await waitForTransitions(page, start.transitions + n);
      series.push(await snapshot(page, cdp));
    }
    await waitForTransitions(page, start.transitions + SOAK.transitions);
    const end = await steadySnapshot(page, cdp);
    const soakMs = Date.now() - soakStarted;

    if (wall.pageErrors.length > 0) throw new Error(`page errors during the soak: ${wall.pageErrors.slice(0, 3).join(' | ')}`);
    if (wall.nonLocalRequests().length > 0) throw new Error(`requests off this machine: ${wall.nonLocalRequests().slice(0, 3).join(' ')}`);
    const growth = { heap: end.heapMb / start.heapMb - 1, domNodes: end.domNodes / start.domNodes - 1 };
    const result = {
      wallMs: Date.now() - started,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      transitions: end.transitions - start.transitions,
      stops,
      msPerTransition: soakMs / (end.transitions - start.transitions),
      warmupTransitions: SOAK.warmupTransitions,
      loaded,
      firstLoop,
      start,
      series: series.map((x) => [x.transitions, Number(x.heapMb.toFixed(2)), x.domNodes]),
      end,
      growth,
      pass: growth.heap < SOAK.maxGrowth && growth.domNodes < SOAK.maxGrowth,
    };
    console.log(JSON.stringify(result));
    if (!result.pass) {
      process.stderr.write(`wall-soak: growth over ${SOAK.maxGrowth * 100}% (heap ${(growth.heap * 100).toFixed(1)}%, DOM nodes ${(growth.domNodes * 100).toFixed(1)}%)\n`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
