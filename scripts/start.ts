/**
 * `npm start`: one command from a fresh clone to a dashboard in the browser. Builds the demo tiles
 * if there are none, builds the site if dist/ is missing or older than its sources, then serves
 * both on PORT (default 5173, the next free port if that one is taken).
 *
 * Env: PORT, HOST (default 127.0.0.1; set HOST=0.0.0.0 to show the dashboard on a wall screen
 * driven by another computer).
 */
import { existsSync, statSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeFailure, ensureDemoTiles, DEMO_DEFAULTS } from './ensure-demo';
import { newestModification } from './freshness';

export { newestModification };
import { SERVE_DEFAULTS, startServerOnFreePort, type RunningServer } from './serve';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export const START_DEFAULTS = {
  port: 5173,
  distDir: join(repoRoot, 'dist'),
  // What `vite build` reads: a change to any of these makes dist/ stale.
  siteSources: ['src', 'index.html', 'public', 'vite.config.ts', 'svelte.config.js', 'package.json', 'package-lock.json'].map(
    (path) => join(repoRoot, path),
  ),
  // Served live from disk by scripts/serve.ts; a rebuilt archive must not trigger a site rebuild.
  notSiteSources: [DEMO_DEFAULTS.tilesDir],
} as const;

/** dist/ needs a build: it has no index.html, or a source changed after that index.html was written. */
export function siteIsStale(distDir: string, sources: readonly string[], skip: readonly string[] = []): boolean {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) return true;
  return newestModification(sources, skip) > statSync(index).mtimeMs;
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((address) => address !== undefined && address.family === 'IPv4' && !address.internal)
    .map((address) => address!.address);
}

function announce(server: RunningServer, host: string): void {
  const lines = ['挂图 Guatu 已启动 / is running', '', `请在浏览器中打开 / Open in your browser:`, `    ${server.url}`];
  if (host === '0.0.0.0') {
    const lan = lanAddresses().map((address) => `    http://${address}:${server.port}/`);
    if (lan.length > 0) lines.push('', '局域网内其他电脑（如指挥室大屏）/ From other computers on this network:', ...lan);
  }
  lines.push('', '按 Ctrl+C 停止 / Press Ctrl+C to stop');
  const rule = '='.repeat(64);
  console.log(['', rule, ...lines.map((line) => `  ${line}`), rule, ''].join('\n'));
}

export async function start(): Promise<RunningServer> {
  await ensureDemoTiles();

  if (siteIsStale(START_DEFAULTS.distDir, START_DEFAULTS.siteSources, START_DEFAULTS.notSiteSources)) {
    console.log('正在构建网页 / Building the site (vite build) …');
    // Imported only when needed: Vite is heavy and most starts reuse dist/.
    const { build } = await import('vite');
    await build({ root: repoRoot, logLevel: 'warn' });
  }

  const portSetting = process.env.PORT ?? String(START_DEFAULTS.port);
  const port = Number(portSetting);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`start: PORT must be an integer from 0 to 65535, got "${portSetting}"`);
  }
  const host = process.env.HOST ?? SERVE_DEFAULTS.host;
  const server = await startServerOnFreePort({ distDir: START_DEFAULTS.distDir, tilesDir: DEMO_DEFAULTS.tilesDir, port, host });
  announce(server, host);
  return server;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  start()
    .then((server) => {
      const stop = (): void => void server.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error: unknown) => {
      console.error('启动失败 / Start failed:');
      console.error(describeFailure(error));
      process.exit(1);
    });
}
