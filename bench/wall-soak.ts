/**
 * Soak test of the wall screen: the built app in headless Chromium (software WebGL) at 1920×1080,
 * touring the demo data with a short dwell for N transitions (default 500). JS heap (after a forced
 * garbage collection) and DOM node count are taken when the tour has started, after its first full
 * loop, and at the end; growth over 10% from the start fails the run (exit code 1), since a wall
 * screen tours for weeks. Prints one JSON line (bench/run.ts reads the last line).
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
import { launchBrowser, openDashboard, TEST_PATHS, waitForMapIdle } from '../tests/browser/harness';
import type {} from '../src/app/wall/wall-hook';

const SOAK = {
  /** Transitions to run; the issue asks for 500. */
  transitions: Number(process.argv[2] ?? 500),
  /** Seconds per stop and per flight: short, so 500 transitions take minutes, not hours. */
  dwellSeconds: 0.05,
  flySeconds: 0.1,
  viewport: { width: 1920, height: 1080 },
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

async function main(): Promise<void> {
  if (!existsSync(join(TEST_PATHS.dist, 'index.html'))) throw new Error(`${TEST_PATHS.dist}/index.html is missing: run \`npm run build\` first`);
  if (!existsSync(join(TEST_PATHS.tiles, 'manifest.json'))) throw new Error(`${TEST_PATHS.tiles}/manifest.json is missing: run \`npm run build:data\` first`);
  const server = await startServer({ distDir: TEST_PATHS.dist, tilesDir: TEST_PATHS.tiles, port: 0 });
  const browser = await launchBrowser();
  const started = Date.now();
  try {
    const query = `?mode=wall&wall.dwell=${SOAK.dwellSeconds}&wall.fly=${SOAK.flySeconds}`;
    const wall = await openDashboard(browser, `${server.url}${query}`, { viewport: SOAK.viewport });
    const page = wall.page;
    await page.waitForFunction(() => (window.__guatuWall?.stops ?? 0) > 4 && window.__guatuWall?.redItems !== null, null, { timeout: 180_000 });
    await waitForMapIdle(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const stops = await page.evaluate(() => window.__guatuWall!.stops);

    const start = await snapshot(page, cdp);
    await waitForTransitions(page, start.transitions + stops);
    const afterLoop = await snapshot(page, cdp);
    const soakStarted = Date.now();
    await waitForTransitions(page, start.transitions + SOAK.transitions);
    const end = await snapshot(page, cdp);
    const soakMs = Date.now() - soakStarted;

    if (wall.pageErrors.length > 0) throw new Error(`page errors during the soak: ${wall.pageErrors.slice(0, 3).join(' | ')}`);
    if (wall.nonLocalRequests().length > 0) throw new Error(`requests off this machine: ${wall.nonLocalRequests().slice(0, 3).join(' ')}`);
    const growth = { heap: end.heapMb / start.heapMb - 1, domNodes: end.domNodes / start.domNodes - 1 };
    const result = {
      wallMs: Date.now() - started,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      transitions: end.transitions - start.transitions,
      stops,
      msPerTransition: soakMs / (end.transitions - afterLoop.transitions),
      start,
      afterLoop,
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
