/**
 * Issue 7 in a real browser:
 * - a basemap built from a real `.osm.pbf` (Liechtenstein, osm2pgsql's test extract) renders;
 * - the production build plus tiles, as one folder, works from a plain Range-capable static
 *   server (sirv, no Guatu code) in a sub-folder, and from Debian's nginx with the config of
 *   docs/DEPLOY.md (skipped only when nginx is not installed).
 * Run: GUATU_TEST_DIST=.tmp/import/dist npx vitest run --config vitest.browser.config.ts tests/browser/import.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sirv from 'sirv';
import type { Browser } from 'playwright-core';
import type { Manifest } from '../../src/contract';
import { SOURCE_IDS } from '../../src/app/map/layer-ids';
import { buildData } from '../../scripts/build-data';
import { startServer, type RunningServer } from '../../scripts/serve';
import { launchBrowser, openDashboard, screenshot, TEST_PATHS, waitForMapIdle, waitForReady, type Dashboard } from './harness';

const DIST_DIR = TEST_PATHS.dist;
const work = mkdtempSync(join(tmpdir(), 'guatu-import-browser-'));
const LIECHTENSTEIN = resolve('tests/fixtures/import/liechtenstein/guatu.config.json');
const OFFICE = resolve('tests/fixtures/import/office/guatu.config.json');

let browser: Browser;
/** dist/ with the fixture office's tiles in tiles/: what `npm run build` leaves for a web server. */
const site = join(work, 'site');

beforeAll(async () => {
  if (!existsSync(join(DIST_DIR, 'index.html'))) throw new Error(`${DIST_DIR}/index.html is missing: run \`npx vite build\` first`);
  await buildData({ config: OFFICE, outDir: join(work, 'office-tiles'), quiet: true });
  cpSync(DIST_DIR, site, { recursive: true });
  rmSync(join(site, 'tiles'), { recursive: true, force: true });
  cpSync(join(work, 'office-tiles'), join(site, 'tiles'), { recursive: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Rendered features of the basemap's layers, by layer id. */
async function basemapRendered(dashboard: Dashboard): Promise<Record<string, number>> {
  return dashboard.page.evaluate((source) => {
    const map = window.__guatu!.map!;
    const ids = map.getStyle().layers.filter((l) => 'source' in l && l.source === source).map((l) => l.id);
    return Object.fromEntries(ids.map((id) => [id, map.queryRenderedFeatures({ layers: [id] }).length]));
  }, SOURCE_IDS.basemap);
}

async function expectDashboardReady(url: string, name: string): Promise<Dashboard> {
  const dashboard = await openDashboard(browser, url, { viewport: { width: 1366, height: 768 } });
  await waitForReady(dashboard.page);
  await screenshot(dashboard.page, name);
  expect(dashboard.pageErrors).toEqual([]);
  expect(dashboard.nonLocalRequests()).toEqual([]);
  return dashboard;
}

/** A Range request for the first 16 KiB of an archive must come back as 206 with those bytes. */
async function expectRange(base: string): Promise<void> {
  const response = await fetch(new URL('tiles/basemap.pmtiles', base), { headers: { Range: 'bytes=0-16383' } });
  expect(response.status).toBe(206);
  expect(response.headers.get('content-range')).toMatch(/^bytes 0-16383\/\d+$/);
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect(bytes.length).toBe(16384);
  expect(new TextDecoder().decode(bytes.subarray(0, 7))).toBe('PMTiles');
}

describe('a basemap from a real .osm.pbf', () => {
  let server: RunningServer;
  let manifest: Manifest;
  beforeAll(async () => {
    const tiles = join(work, 'liechtenstein-tiles');
    manifest = (await buildData({ config: LIECHTENSTEIN, outDir: tiles, quiet: true })).manifest;
    server = await startServer({ distDir: DIST_DIR, tilesDir: tiles, port: 0 });
  });
  afterAll(async () => server?.close());

  it('builds from liechtenstein-2013-08-03.osm.pbf and renders Vaduz\'s streets and buildings', async () => {
    const basemap = manifest.archives.find((a) => a.name === 'basemap')!;
    const roads = basemap.layers.find((l) => /road/.test(l.id));
    expect(roads?.features, JSON.stringify(basemap.layers)).toBeGreaterThan(100);
    expect(manifest.center[0]).toBeCloseTo(9.52, 1);
    const dashboard = await expectDashboardReady(server.url, 'import-liechtenstein-basemap');
    const rendered = await basemapRendered(dashboard);
    const total = Object.values(rendered).reduce((a, b) => a + b, 0);
    console.log('Vaduz basemap rendered features per layer:', JSON.stringify(rendered));
    expect(total, JSON.stringify(rendered)).toBeGreaterThan(100);
    expect(Object.entries(rendered).filter(([id, n]) => /road|street|highway/.test(id) && n > 0).length, JSON.stringify(rendered)).toBeGreaterThan(0);
    // The grid fill covers the sub-district; without it the basemap itself is seen.
    await dashboard.page.getByRole('checkbox', { name: '网格' }).uncheck();
    await waitForMapIdle(dashboard.page);
    await screenshot(dashboard.page, 'import-liechtenstein-basemap-only');
    await dashboard.close();
  });
});

describe('dist/ with its tiles on a plain static server with Range support, in a sub-folder', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // sirv alone: no Guatu code between the files and the browser. Mounted at /guatu/ to prove
    // the relative paths of the build.
    const files = sirv(site, { dev: false, etag: true });
    server = createServer((req, res) => {
      if (!req.url?.startsWith('/guatu/')) {
        res.statusCode = 404;
        res.end();
        return;
      }
      req.url = req.url.slice('/guatu'.length);
      files(req, res, () => {
        res.statusCode = 404;
        res.end();
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    url = `http://127.0.0.1:${address.port}/guatu/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });

  it('answers Range requests with 206 and serves a dashboard that turns ready', async () => {
    await expectRange(url);
    const dashboard = await expectDashboardReady(url, 'import-static-subfolder');
    const basemap = await basemapRendered(dashboard);
    expect(Object.values(basemap).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    await dashboard.close();
  });
});

const nginx = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).stdout.trim();

describe.skipIf(nginx === '')('Debian\'s nginx with the config in docs/DEPLOY.md', () => {
  let child: ChildProcess;
  let url: string;
  const prefix = join(work, 'nginx');

  beforeAll(async () => {
    const block = /```nginx\n([\s\S]*?)```/.exec(readFileSync('docs/DEPLOY.md', 'utf8'))?.[1];
    if (!block) throw new Error('docs/DEPLOY.md has no ```nginx block');
    const port = await freePort();
    const server = block.replace('listen 8080;', `listen 127.0.0.1:${port};`).replace('root /srv/guatu/dist;', `root ${site};`);
    expect(server).toContain(`root ${site};`);
    mkdirSync(join(prefix, 'temp'), { recursive: true });
    const mime = existsSync('/etc/nginx/mime.types') ? 'include /etc/nginx/mime.types;' : '';
    // master_process off: one process as the current user, in the foreground, ended by its pid.
    writeFileSync(
      join(prefix, 'nginx.conf'),
      `daemon off;\nmaster_process off;\npid ${prefix}/nginx.pid;\nerror_log ${prefix}/error.log warn;\nevents {}\nhttp {\n${mime}\ndefault_type application/octet-stream;\naccess_log off;\nclient_body_temp_path ${prefix}/temp/body;\nproxy_temp_path ${prefix}/temp/proxy;\nfastcgi_temp_path ${prefix}/temp/fastcgi;\nuwsgi_temp_path ${prefix}/temp/uwsgi;\nscgi_temp_path ${prefix}/temp/scgi;\n${server}\n}\n`,
    );
    const test = spawnSync(nginx, ['-t', '-p', prefix, '-c', join(prefix, 'nginx.conf')], { encoding: 'utf8' });
    expect(test.status, test.stderr).toBe(0);
    child = spawn(nginx, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: 'ignore' });
    url = `http://127.0.0.1:${port}/`;
    await waitForHttp(url);
  });
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('answers Range requests with 206, keeps archives uncompressed, and serves the dashboard', async () => {
    await expectRange(url);
    const archive = await fetch(new URL('tiles/basemap.pmtiles', url), { headers: { 'Accept-Encoding': 'gzip' } });
    expect(archive.headers.get('content-encoding')).toBeNull();
    expect(archive.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(new URL('index.html', url));
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(await asset.text())?.[1];
    expect(script).toBeDefined();
    expect((await fetch(new URL(script!, url))).headers.get('cache-control')).toMatch(/immutable/);
    const dashboard = await expectDashboardReady(url, 'import-nginx');
    await dashboard.close();
  });
});

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createNetServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

async function waitForHttp(url: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
