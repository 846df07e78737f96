/**
 * Headless Chromium for the browser tests, offline: the machine's own chromium when there is one,
 * else the binary inside the @sparticuz/chromium npm package. Nothing is ever downloaded.
 *
 * MapLibre 6 needs WebGL2; headless Chromium has no GPU here, so WebGL runs on SwiftShader (ANGLE's
 * software Vulkan), which `--enable-unsafe-swiftshader` allows since Chromium 139 disabled the
 * silent fallback (https://chromium.googlesource.com/chromium/src/+/main/docs/gpu/swiftshader.md).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium as playwright, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type {} from '../../src/app/test-hook';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export const HARNESS_DEFAULTS = {
  // Debian's chromium package; $CHROMIUM_PATH overrides.
  systemChromium: '/usr/bin/chromium',
  // Git-ignored (tests/output/ in .gitignore).
  screenshotsDir: join(repoRoot, 'tests', 'output', 'screenshots'),
  // Software WebGL on 2 shared cores: a first full render of every overlay takes tens of seconds.
  readyTimeoutMs: 120_000,
  viewport: { width: 1920, height: 1080 },
} as const;

/**
 * What the browser tests serve: the production build and a tile folder. Env overrides let several
 * builds be tested side by side (GUATU_TEST_DIST=.tmp/x/dist GUATU_TEST_TILES=.tmp/x/tiles) without
 * two `vite build`s writing into the same dist/.
 */
export const TEST_PATHS = {
  dist: process.env.GUATU_TEST_DIST ?? join(repoRoot, 'dist'),
  tiles: process.env.GUATU_TEST_TILES ?? join(repoRoot, 'public', 'tiles'),
  config: process.env.GUATU_TEST_CONFIG ?? join(repoRoot, 'data', 'sample', 'guatu.config.json'),
} as const;

/** Software WebGL through ANGLE on SwiftShader. */
const SWIFTSHADER_ARGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

/**
 * Background services try to reach Google at start and keep retrying on a closed network, filling
 * the log with refused connections; none of them is needed to render a page.
 */
const QUIET_NETWORK_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface ChromiumBinary {
  executablePath: string;
  source: 'system' | 'sparticuz';
  /** Launch flags for this binary (before SwiftShader and quiet-network flags). */
  args: string[];
}

export async function findChromium(): Promise<ChromiumBinary> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return { executablePath: fromEnv, source: 'system', args: ['--no-sandbox'] };
  }
  if (existsSync(HARNESS_DEFAULTS.systemChromium)) {
    // Tests run as root in CI containers, where Chromium's sandbox cannot start.
    return { executablePath: HARNESS_DEFAULTS.systemChromium, source: 'system', args: ['--no-sandbox'] };
  }
  // Inflates the bundled, brotli-compressed binary into the temp folder on first use; no network.
  const { default: sparticuz } = await import('@sparticuz/chromium');
  // Its --single-process suits AWS Lambda (no prctl there) but makes the browser die when a page or
  // context closes and another opens, which every test here does.
  const args = sparticuz.args.filter((arg) => arg !== '--single-process');
  return { executablePath: await sparticuz.executablePath(), source: 'sparticuz', args };
}

/** Throws unless a fresh page can create a WebGL2 context, naming the binary and its flags. */
async function assertWebgl2(browser: Browser, binary: ChromiumBinary, args: string[]): Promise<void> {
  const page = await browser.newPage();
  try {
    const renderer = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      return gl === null ? null : `${String(gl.getParameter(gl.VERSION))} / ${String(gl.getParameter(gl.RENDERER))}`;
    });
    if (renderer === null) {
      throw new Error(`WebGL2 is unavailable in ${binary.executablePath} (${binary.source}) with flags ${args.join(' ')}; MapLibre 6 cannot render without it`);
    }
  } finally {
    await page.close();
  }
}

export async function launchBrowser(): Promise<Browser> {
  const binary = await findChromium();
  const args = [...binary.args, ...SWIFTSHADER_ARGS, ...QUIET_NETWORK_ARGS];
  const browser = await playwright.launch({ executablePath: binary.executablePath, headless: true, args });
  try {
    await assertWebgl2(browser, binary, args);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return browser;
}

export function isLocalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'about:') return true;
  return ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
}

export interface Dashboard {
  page: Page;
  context: BrowserContext;
  /** Every request URL the page and its workers made, in order. */
  requests: string[];
  /** Uncaught exceptions in the page (`pageerror`). */
  pageErrors: string[];
  /** `console.error` lines from the page. */
  consoleErrors: string[];
  /** Messages of alert/confirm/prompt dialogs that opened (and were dismissed). */
  dialogs: string[];
  /** Requests to anything but this machine. */
  nonLocalRequests(): string[];
  close(): Promise<void>;
}

export async function openDashboard(
  browser: Browser,
  url: string,
  options: { viewport?: { width: number; height: number }; deviceScaleFactor?: number } = {},
): Promise<Dashboard> {
  const context = await browser.newContext({ viewport: options.viewport ?? HARNESS_DEFAULTS.viewport, deviceScaleFactor: options.deviceScaleFactor ?? 1 });
  const requests: string[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  const dialogs: string[] = [];
  // Context-level, so requests from MapLibre's web workers are seen too.
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url}:${message.location().lineNumber})`);
  });
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(url, { waitUntil: 'load' });
  return {
    page,
    context,
    requests,
    pageErrors,
    consoleErrors,
    dialogs,
    nonLocalRequests: () => requests.filter((requestUrl) => !isLocalUrl(requestUrl)),
    close: () => context.close(),
  };
}

/** What the app reported, for timeout messages. */
async function hookErrors(page: Page): Promise<string> {
  const errors = await page.evaluate(() => window.__guatu?.errors ?? null).catch((error: unknown) => `(unreadable: ${String(error)})`);
  return JSON.stringify(errors);
}

/** Resolves once the map has no tiles loading and nothing left to draw. */
export async function waitForMapIdle(page: Page, timeoutMs: number = HARNESS_DEFAULTS.readyTimeoutMs): Promise<void> {
  const idle = page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const map = window.__guatu?.map;
        if (!map) {
          reject(new Error('window.__guatu.map is not set'));
          return;
        }
        if (map.loaded() && map.areTilesLoaded()) {
          resolve();
          return;
        }
        map.once('idle', () => resolve());
        // 'idle' fires after a frame; make sure one is coming even if nothing else moves the map.
        map.triggerRepaint();
      }),
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => void hookErrors(page).then((errors) => reject(new Error(`map did not become idle within ${timeoutMs} ms; window.__guatu.errors = ${errors}`))),
      timeoutMs,
    );
  });
  try {
    await Promise.race([idle, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Waits for `window.__guatu.ready`, then for the map to be idle. Gives up early when the app
 * reports an error (it never turns ready after one), naming the errors.
 */
export async function waitForReady(page: Page, timeoutMs: number = HARNESS_DEFAULTS.readyTimeoutMs): Promise<void> {
  const started = Date.now();
  try {
    await page.waitForFunction(() => window.__guatu?.ready === true || (window.__guatu?.errors.length ?? 0) > 0, null, {
      timeout: timeoutMs,
      polling: 250,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`dashboard not ready within ${timeoutMs} ms (${reason}); window.__guatu.errors = ${await hookErrors(page)}`);
  }
  if (!(await page.evaluate(() => window.__guatu?.ready === true))) {
    throw new Error(`dashboard reported errors instead of turning ready; window.__guatu.errors = ${await hookErrors(page)}`);
  }
  await waitForMapIdle(page, Math.max(1_000, timeoutMs - (Date.now() - started)));
}

/** Saves a full-viewport PNG as tests/output/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(HARNESS_DEFAULTS.screenshotsDir, { recursive: true });
  const path = join(HARNESS_DEFAULTS.screenshotsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

export interface Camera {
  center: [number, number];
  zoom: number;
}

/**
 * Jumps the map and resolves after the next 'idle', i.e. once the tiles of the new view are drawn.
 * (Checking map.loaded() right after jumpTo would be wrong: tiles of the new view are only requested
 * at the next frame, so the old view's "all loaded" would still hold.)
 */
export async function moveMap(page: Page, camera: Camera, timeoutMs: number = HARNESS_DEFAULTS.readyTimeoutMs): Promise<void> {
  await page.evaluate(
    ({ center, zoom, timeout }) =>
      new Promise<void>((resolve, reject) => {
        const map = window.__guatu?.map;
        if (!map) {
          reject(new Error('window.__guatu.map is not set'));
          return;
        }
        const timer = setTimeout(() => reject(new Error(`map did not become idle within ${timeout} ms after moving to ${JSON.stringify(center)} z${zoom}`)), timeout);
        map.once('idle', () => {
          clearTimeout(timer);
          resolve();
        });
        map.jumpTo({ center, zoom, bearing: 0, pitch: 0 });
        map.triggerRepaint();
      }),
    { ...camera, timeout: timeoutMs },
  );
}

/** Page coordinates (CSS pixels) of a longitude/latitude on the map canvas. */
export async function pagePointOf(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  return page.evaluate((position) => {
    const map = window.__guatu?.map;
    if (!map) throw new Error('window.__guatu.map is not set');
    const point = map.project(position);
    const rect = map.getCanvas().getBoundingClientRect();
    return { x: rect.left + point.x, y: rect.top + point.y };
  }, lngLat);
}
