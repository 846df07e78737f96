/**
 * The briefing at the desk, in headless Chromium on the demo tiles: scenes saved from the live
 * view, reordered, edited, deleted, kept over a reload; the deck as a JSON file (downloaded, loaded
 * back, a bad one refused with the field named); presenter mode stepping with the keys a clicker
 * sends; the PNG figure at exactly 1×, 2× and 4×; the PPTX opened by LibreOffice, its first page
 * rendered and not blank. Markup in a title or caption stays text on screen and in the slides.
 *
 * Needs LibreOffice Impress and poppler-utils (Debian: apt-get install -y --no-install-recommends
 * libreoffice-impress poppler-utils; .ci/run installs them). Without them the PPTX test fails and
 * says so.
 *
 * Run: GUATU_TEST_DIST=.tmp/wall/dist GUATU_TEST_TILES=.tmp/wall/tiles npx vitest run --config vitest.browser.config.ts tests/browser/briefing.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { MANIFEST_FILE, type Manifest } from '../../src/contract';
import { parseDeck, type Deck } from '../../src/analysis/presentation/deck';
import { startServer, type RunningServer } from '../../scripts/serve';
import { HARNESS_DEFAULTS, launchBrowser, moveMap, openDashboard, screenshot, TEST_PATHS, waitForMapIdle, waitForReady, type Dashboard } from './harness';
import { decodePng, inkStats, pngSize } from './png';
import { XSS_PAYLOAD } from './xss-fixture';

const SAMPLE_DECK = parseDeck(JSON.parse(readFileSync(new URL('../../data/sample/briefing-deck.json', import.meta.url), 'utf8')), 'data/sample/briefing-deck.json');
/** Rendering a 4× figure in software WebGL on two shared cores takes a minute or more. */
const EXPORT_TIMEOUT_MS = 400_000;

function requireBuilt(): Manifest {
  if (!existsSync(join(TEST_PATHS.dist, 'index.html'))) throw new Error(`${TEST_PATHS.dist}/index.html is missing: run \`npx vite build\` first (npm run test:browser does)`);
  const path = join(TEST_PATHS.tiles, MANIFEST_FILE);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`tsx scripts/ensure-demo.ts\` first (npm run test:browser does)`);
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/** A command the PPTX check needs, or a failure that says how to install it (never a silent skip). */
function requireCommand(command: string, args: string[], pkg: string): void {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 60_000 });
  } catch {
    throw new Error(`\`${command}\` is not available: install it with \`apt-get install -y --no-install-recommends ${pkg}\` (Debian), as .ci/run does`);
  }
}

async function openDrawer(page: Page): Promise<void> {
  if (await page.getByTestId('briefing-drawer').isVisible()) return;
  await page.getByTestId('briefing-toggle').click();
  await page.getByTestId('briefing-drawer').waitFor({ state: 'visible' });
}

async function saveScene(page: Page, title: string, caption: string): Promise<void> {
  await page.getByTestId('save-scene').click();
  await page.getByTestId('draft-title').fill(title);
  await page.getByTestId('draft-caption').fill(caption);
  await page.getByTestId('draft-save').click();
}

function sceneTitles(page: Page): Promise<string[]> {
  return page.getByTestId('scene-title').allInnerTexts();
}

async function download(page: Page, click: () => Promise<void>, timeout = EXPORT_TIMEOUT_MS): Promise<{ name: string; bytes: Buffer }> {
  const pending = page.waitForEvent('download', { timeout });
  await click();
  const d = await pending;
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: readFileSync(path) };
}

async function loadDeckFile(page: Page, name: string, text: string, dir: string): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const status = page.getByTestId('briefing-status');
  const before = (await status.count()) > 0 ? await status.innerText() : null;
  await page.getByTestId('deck-file').setInputFiles(path);
  // Reading the file is asynchronous: wait for this file's words, not the last action's.
  await expect.poll(async () => ((await status.count()) > 0 ? await status.innerText() : before), { timeout: 10_000 }).not.toBe(before);
  return status.innerText();
}

let browser: Browser;
let manifest: Manifest;
let server: RunningServer;
let workDir: string;

beforeAll(async () => {
  manifest = requireBuilt();
  browser = await launchBrowser();
  server = await startServer({ distDir: TEST_PATHS.dist, tilesDir: TEST_PATHS.tiles, port: 0 });
  workDir = mkdtempSync(join(tmpdir(), 'guatu-briefing-'));
});

afterAll(async () => {
  await server?.close();
  await browser?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('scenes and the deck file', () => {
  let desk: Dashboard;

  beforeAll(async () => {
    desk = await openDashboard(browser, server.url, { viewport: HARNESS_DEFAULTS.viewport });
    await waitForReady(desk.page);
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('saves the current view as scenes; reorders, edits and deletes them; keeps them over a reload', async () => {
    const page = desk.page;
    await openDrawer(page);
    // Scene A: the first view with the lamps switched off (the switch lands in the address).
    await page.getByRole('checkbox', { name: '路灯' }).uncheck();
    await expect.poll(() => new URL(page.url()).searchParams.get('layers')).toBe('grids,renovation,problems');
    await saveScene(page, '场景甲', '全街道，不含路灯');
    // Scene B: closer in, with markup in its title and caption.
    await moveMap(page, { center: [manifest.center[0] + 0.004, manifest.center[1] - 0.002], zoom: 16 });
    await saveScene(page, XSS_PAYLOAD, `说明 ${XSS_PAYLOAD}`);
    await page.getByRole('checkbox', { name: '路灯' }).check();
    await saveScene(page, '场景丙', '');
    expect(await sceneTitles(page)).toEqual(['场景甲', XSS_PAYLOAD, '场景丙']);

    const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('guatu.briefing.deck'))) ?? '{}') as Deck;
    expect(stored.scenes[0]).toMatchObject({ search: '?layers=grids,renovation,problems', asOf: manifest.asOf });
    expect(stored.scenes[1]!.camera.zoom).toBeCloseTo(16, 2);
    expect(stored.scenes[1]!.camera.mapSize).toEqual({ width: expect.any(Number), height: expect.any(Number) });
    expect(stored.scenes[0]!.figures.map((f) => f.key)).toContain('problemsOpen');

    const card = (title: string) => page.locator('[data-scene-id]').filter({ has: page.getByTestId('scene-title').getByText(title, { exact: true }) });
    await card('场景甲').locator('[data-action="down"]').click();
    expect(await sceneTitles(page)).toEqual([XSS_PAYLOAD, '场景甲', '场景丙']);
    await card('场景丙').locator('[data-action="up"]').click();
    expect(await sceneTitles(page)).toEqual([XSS_PAYLOAD, '场景丙', '场景甲']);

    await card('场景丙').locator('[data-action="edit"]').click();
    await page.getByTestId('edit-caption').fill('改过的说明');
    await page.getByTestId('edit-save').click();
    expect(await card('场景丙').getByTestId('scene-caption').innerText()).toBe('改过的说明');

    await card('场景甲').locator('[data-action="delete"]').click();
    expect(await sceneTitles(page)).toHaveLength(3); // the first click only asks
    await card('场景甲').locator('[data-action="delete"]').click();
    expect(await sceneTitles(page)).toEqual([XSS_PAYLOAD, '场景丙']);

    // Markup in a title or caption is text on screen.
    expect(await page.getByTestId('scene-caption').first().innerText()).toBe(`说明 ${XSS_PAYLOAD}`);
    expect(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
    await screenshot(page, 'briefing-drawer');

    await page.reload();
    await waitForReady(page);
    await openDrawer(page);
    expect(await sceneTitles(page)).toEqual([XSS_PAYLOAD, '场景丙']);
    expect(desk.dialogs).toEqual([]);
    expect(desk.pageErrors).toEqual([]);
  });

  it('downloads the deck as JSON and loads it back; a bad file is refused naming the field', async () => {
    const page = desk.page;
    await openDrawer(page);
    const file = await download(page, () => page.getByTestId('download-json').click());
    expect(file.name).toMatch(/\.json$/);
    const deck = parseDeck(JSON.parse(file.bytes.toString('utf8')), file.name, manifest.subDistrict);
    expect(deck.scenes.map((s) => s.title)).toEqual([XSS_PAYLOAD, '场景丙']);

    const bad = JSON.parse(file.bytes.toString('utf8')) as { scenes: { camera: { zoom: unknown } }[] };
    bad.scenes[1]!.camera.zoom = 'abc';
    expect(await loadDeckFile(page, 'bad-deck.json', JSON.stringify(bad), workDir)).toContain('bad-deck.json: scenes[1].camera.zoom is "abc"; expected a number from 0 to 24');
    expect(await page.getByTestId('briefing-status').getAttribute('role')).toBe('alert');
    expect(await loadDeckFile(page, 'notes.json', '会议记录：本周…', workDir)).toContain('notes.json: is not valid JSON');
    const other = { ...deck, subDistrict: { code: '320102001', name: '别的街道' } };
    expect(await loadDeckFile(page, 'other.json', JSON.stringify(other), workDir)).toContain('subDistrict.code is "320102001"');
    expect(await sceneTitles(page)).toEqual([XSS_PAYLOAD, '场景丙']); // nothing replaced by a bad file

    await page.getByTestId('load-sample').click();
    expect(await sceneTitles(page)).toEqual(SAMPLE_DECK.scenes.map((s) => s.title));
    expect(await loadDeckFile(page, 'deck.json', file.bytes.toString('utf8'), workDir)).toContain('2');
    expect(await sceneTitles(page)).toEqual([XSS_PAYLOAD, '场景丙']);
    expect(desk.pageErrors).toEqual([]);
  });
});

describe('presenting', () => {
  it('shows one scene at a time full screen; ←/→ and PageUp/PageDown fly between them; Esc returns', async () => {
    const desk = await openDashboard(browser, server.url, { viewport: HARNESS_DEFAULTS.viewport });
    try {
      const page = desk.page;
      await waitForReady(page);
      await openDrawer(page);
      await page.getByTestId('load-sample').click();
      await page.getByTestId('present').click();
      const presenter = page.getByTestId('presenter');
      await presenter.waitFor({ state: 'visible' });
      expect(await page.locator('header.header').count()).toBe(0);
      expect(await page.getByTestId('briefing-drawer').count()).toBe(0);

      const scenes = SAMPLE_DECK.scenes;
      const at = async (i: number) => {
        await expect.poll(() => page.getByTestId('presenter-count').innerText(), { timeout: 10_000 }).toBe(`${i + 1} / ${scenes.length}`);
        expect(await page.getByTestId('presenter-title').innerText()).toBe(scenes[i]!.title);
        // The scene's view is in the address (the overview writes its layers in its own order). The
        // address follows the counter within a frame or two; on a loaded machine, later: poll it.
        const saved = new URLSearchParams(scenes[i]!.search);
        const shownView = () => {
          const shown = new URL(page.url()).searchParams;
          return { ws: shown.get('ws'), layers: shown.get('layers')?.split(',').sort() };
        };
        await expect.poll(shownView, { timeout: 10_000 }).toEqual({ ws: saved.get('ws'), layers: saved.get('layers')?.split(',').sort() });
        // After the flight the camera is on the scene's centre.
        await page.waitForFunction(() => !window.__guatu!.map!.isMoving(), null, { timeout: 20_000 });
        const center = await page.evaluate(() => window.__guatu!.map!.getCenter().toArray());
        expect(center[0]).toBeCloseTo(scenes[i]!.camera.center[0], 4);
        expect(center[1]).toBeCloseTo(scenes[i]!.camera.center[1], 4);
      };
      await at(0);
      await waitForMapIdle(page);
      await screenshot(page, 'briefing-presenter-1');
      await page.keyboard.press('ArrowRight');
      await at(1);
      await page.keyboard.press('PageDown');
      await at(2);
      await page.keyboard.press('PageUp');
      await at(1);
      await page.keyboard.press('ArrowLeft');
      await at(0);
      await page.keyboard.press('ArrowLeft'); // already first: stays
      await at(0);
      await page.keyboard.press('End');
      await at(scenes.length - 1);
      await waitForMapIdle(page);
      await screenshot(page, 'briefing-presenter-last');

      await page.keyboard.press('Escape');
      await page.locator('header.header').waitFor({ state: 'visible' });
      expect(await presenter.count()).toBe(0);
      expect(desk.pageErrors).toEqual([]);
      expect(desk.nonLocalRequests()).toEqual([]);
    } finally {
      await desk.close();
    }
  });

  it('shows markup in a title and caption as text in the lower third', async () => {
    const desk = await openDashboard(browser, server.url, { viewport: HARNESS_DEFAULTS.viewport });
    try {
      const page = desk.page;
      await waitForReady(page);
      await openDrawer(page);
      await saveScene(page, XSS_PAYLOAD, XSS_PAYLOAD);
      await page.getByTestId('present').click();
      await page.getByTestId('presenter').waitFor({ state: 'visible' });
      expect(await page.getByTestId('presenter-title').innerText()).toBe(XSS_PAYLOAD);
      expect(await page.getByTestId('presenter-caption').innerText()).toBe(XSS_PAYLOAD);
      expect(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
      expect(desk.dialogs).toEqual([]);
      await page.keyboard.press('Escape');
    } finally {
      await desk.close();
    }
  });
});

describe('exports', () => {
  let desk: Dashboard;

  beforeAll(async () => {
    desk = await openDashboard(browser, server.url, { viewport: HARNESS_DEFAULTS.viewport });
    await waitForReady(desk.page);
    await openDrawer(desk.page);
  });
  afterAll(async () => {
    await desk?.close();
  });

  for (const scale of [1, 2, 4] as const) {
    it(
      `exports the view as a PNG figure of exactly ${1280 * scale}×${720 * scale} pixels`,
      async () => {
        const page = desk.page;
        await page.getByTestId('png-title').fill('全街道问题分布');
        const file = await download(page, () => page.getByTestId(`png-${scale}`).click());
        expect(file.name).toBe(`全街道问题分布-${scale}x.png`);
        expect(pngSize(file.bytes)).toEqual({ width: 1280 * scale, height: 720 * scale });
        if (scale === 1) {
          mkdirSync(HARNESS_DEFAULTS.screenshotsDir, { recursive: true });
          writeFileSync(join(HARNESS_DEFAULTS.screenshotsDir, 'briefing-figure-1x.png'), file.bytes);
          const png = decodePng(file.bytes);
          const ink = inkStats(png);
          expect(ink.inkShare).toBeGreaterThan(0.3);
          expect(ink.colours).toBeGreaterThan(100);
          // The title band is the figure's navy (#13315c) at its top-left.
          const o = (5 * png.width + 5) * png.channels;
          expect([...png.data.slice(o, o + 3)]).toEqual([0x13, 0x31, 0x5c]);
        }
        expect(await page.getByTestId('briefing-status').innerText()).toContain(`${scale}x.png`);
        expect(desk.pageErrors).toEqual([]);
      },
      EXPORT_TIMEOUT_MS + 30_000,
    );
  }

  it(
    'exports the deck as PPTX that LibreOffice opens and renders, one slide per scene, markup as text',
    async () => {
      requireCommand('libreoffice', ['--version'], 'libreoffice-impress');
      requireCommand('pdftoppm', ['-v'], 'poppler-utils');
      const page = desk.page;
      const deck: Deck = { ...SAMPLE_DECK, scenes: [SAMPLE_DECK.scenes[0]!, { ...SAMPLE_DECK.scenes[2]!, title: XSS_PAYLOAD, caption: `说明：${XSS_PAYLOAD}` }] };
      expect(await loadDeckFile(page, 'two-scenes.json', JSON.stringify(deck), workDir)).toContain('2');
      const file = await download(page, () => page.getByTestId('pptx').click());
      expect(file.name).toMatch(/\.pptx$/);
      const pptxPath = join(workDir, 'deck.pptx');
      writeFileSync(pptxPath, file.bytes);

      const zip = await JSZip.loadAsync(file.bytes);
      expect(Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))).toHaveLength(2);
      const slide2 = await zip.file('ppt/slides/slide2.xml')!.async('string');
      expect(slide2).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(slide2).not.toContain(XSS_PAYLOAD);

      // LibreOffice in its own profile folder, so a desktop session's profile lock cannot block it.
      const profile = pathToFileURL(join(workDir, 'lo-profile')).href;
      execFileSync('libreoffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', workDir, pptxPath], { stdio: 'pipe', timeout: 180_000 });
      const pdfPath = join(workDir, 'deck.pdf');
      expect(existsSync(pdfPath), 'LibreOffice wrote no PDF').toBe(true);
      expect(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' })).toMatch(/Pages:\s+2\b/);
      execFileSync('pdftoppm', ['-png', '-r', '96', '-f', '1', '-l', '1', pdfPath, join(workDir, 'page')], { timeout: 120_000 });
      const pagePng = [join(workDir, 'page-1.png'), join(workDir, 'page-01.png')].find((p) => existsSync(p));
      expect(pagePng, 'pdftoppm wrote no page image').toBeDefined();
      copyFileSync(pagePng!, join(HARNESS_DEFAULTS.screenshotsDir, 'briefing-pptx-page1.png'));
      const ink = inkStats(decodePng(readFileSync(pagePng!)));
      // A slide with a map on it: a good part of the page is drawn (the light basemap counts as
      // paper), in many colours; a blank page has neither.
      expect(ink.inkShare).toBeGreaterThan(0.1);
      expect(ink.colours).toBeGreaterThan(100);
      // The first slide's title and the second's markup, as text in the PDF.
      const text1 = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdfPath, '-'], { encoding: 'utf8' });
      expect(text1).toContain(deck.scenes[0]!.title);
      const text2 = execFileSync('pdftotext', ['-f', '2', '-l', '2', pdfPath, '-'], { encoding: 'utf8' });
      expect(text2).toContain(XSS_PAYLOAD);
      expect(desk.dialogs).toEqual([]);
      expect(desk.pageErrors).toEqual([]);
      expect(desk.nonLocalRequests()).toEqual([]);
    },
    EXPORT_TIMEOUT_MS + 200_000,
  );
});
