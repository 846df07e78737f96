/**
 * The dashboard's local web server: the built app from dist/ and the tile archives from
 * public/tiles/, on 127.0.0.1 unless told otherwise.
 *
 * Why each choice:
 * - PMTiles reads an archive by HTTP byte ranges, so /tiles must answer `Range` with 206.
 * - The pipeline may rewrite an archive while the server runs. /tiles is therefore looked up on
 *   disk at every request (sirv's `dev` mode, no file table built at start), sent with
 *   `Cache-Control: no-cache` and a *strong* ETag: pmtiles' FetchSource ignores weak (`W/`) ETags,
 *   and with a strong one it notices that the archive changed between its header read and a tile
 *   read, drops its cached header and reads again (EtagMismatch in pmtiles/js/src/index.ts).
 * - A missing archive is a 404, never index.html: the app must see "archive missing", not try to
 *   parse HTML as PMTiles.
 * - Everything else is the single-page app: unknown extension-less routes fall back to index.html.
 *
 * Run: `tsx scripts/serve.ts [--port N] [--host H] [--tiles dir] [--dist dir]`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { statSync, type Stats } from 'node:fs';
import { resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import sirv from 'sirv';

export interface ServeOptions {
  /** The Vite build (index.html, assets/). */
  distDir: string;
  /** Where manifest.json and *.pmtiles live, served under /tiles/. */
  tilesDir: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
}

export interface RunningServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:5173/`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export const SERVE_DEFAULTS = {
  // Only this machine: the ledger names residents' complaints; exposing it to the LAN is a choice.
  host: '127.0.0.1',
  // Any free port; the CLI and `npm start` ask for 5173 instead.
  port: 0,
  // URL prefix of the tile archives; the app fetches `tiles/manifest.json` and `tiles/*.pmtiles`.
  tilesPrefix: '/tiles/',
  // Vite puts content-hashed files here; they never change under the same name.
  hashedAssetsPrefix: '/assets/',
  // How many ports above the asked one startServerOnFreePort tries.
  portAttempts: 20,
} as const;

/** One satisfiable `bytes=start-end` range, both ends inclusive, or why there is none. */
export type ByteRange = { start: number; end: number } | 'none' | 'unsatisfiable';

/**
 * Reads a `Range` header (RFC 9110 §14.2) for a file of `size` bytes. A header that is malformed,
 * asks for several ranges, or has start > end is ignored ('none': the whole file with 200, which
 * the RFC allows); a start at or past the end of the file is 'unsatisfiable' (416).
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange {
  if (header === undefined) return 'none';
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return 'none';
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return 'none';
  if (first === '') {
    // Suffix range: the last N bytes.
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return 'none';
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

/**
 * sirv's own Range parser (its `send()`) reads `bytes=-N` as `0-N` and chokes on multi-range or
 * reversed headers. Rewrite the header into the one form it reads right, before it sends.
 * Its one remaining slip: `bytes=0-0` is answered with the whole file (honestly labelled by
 * Content-Range); PMTiles never asks for that.
 */
function normaliseRangeFor(req: IncomingMessage, stats: Stats): void {
  const header = req.headers.range;
  if (header === undefined) return;
  const range = parseByteRange(header, stats.size);
  if (range === 'none') delete req.headers.range;
  else if (range === 'unsatisfiable') req.headers.range = `bytes=${stats.size}-`;
  else req.headers.range = `bytes=${range.start}-${range.end}`;
}

/** Strong validator from inode, size and mtime: changes whenever the pipeline rewrites the file. */
function strongEtag(stats: Stats): string {
  return `"${stats.ino.toString(36)}-${stats.size.toString(36)}-${Math.round(stats.mtimeMs * 1000).toString(36)}"`;
}

/**
 * True when a whole-file GET's If-None-Match is the strong ETag of the tiles file it asks for. sirv
 * compares If-None-Match with its own weak ETag, not the strong one set above, so without this a
 * conditional GET (the wall screen's manifest poll) would never get its 304. Range requests are
 * left to sirv (always 206): Chromium revalidates cached byte ranges with If-None-Match even when it
 * holds only part of the range, and a 304 then fails the fetch.
 */
function tilesNotModified(req: IncomingMessage, tilesDir: string): boolean {
  const asked = req.headers['if-none-match'];
  if (asked === undefined || req.headers.range !== undefined) return false;
  let path: string;
  try {
    path = resolve(tilesDir, `.${decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/')}`);
  } catch {
    return false; // malformed escape: let sirv answer it
  }
  if (!path.startsWith(tilesDir + sep)) return false;
  try {
    const stats = statSync(path);
    return stats.isFile() && asked.split(',').some((tag) => tag.trim() === strongEtag(stats));
  } catch {
    return false;
  }
}

function notFound(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
  res.end('Not found\n');
}

function requestHandler(options: ServeOptions) {
  const tiles = sirv(options.tilesDir, {
    dev: true,
    etag: true,
    onNoMatch: notFound,
    setHeaders(res, _pathname, stats) {
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('ETag', strongEtag(stats));
      res.setHeader('Accept-Ranges', 'bytes');
      normaliseRangeFor(res.req, stats);
    },
  });
  // dev mode here too, so a `vite build` while the server runs is served without a restart.
  const app = sirv(options.distDir, {
    dev: true,
    etag: true,
    single: true,
    onNoMatch: notFound,
    setHeaders(res, pathname, stats) {
      if (pathname.startsWith(SERVE_DEFAULTS.hashedAssetsPrefix)) {
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      }
      normaliseRangeFor(res.req, stats);
    },
  });

  return (req: IncomingMessage, res: ServerResponse): void => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return;
    }
    const url = req.url ?? '/';
    if (url.startsWith(SERVE_DEFAULTS.tilesPrefix)) {
      // sirv resolves the path against its own root, so hand it the part after /tiles.
      req.url = url.slice(SERVE_DEFAULTS.tilesPrefix.length - 1);
      if (tilesNotModified(req, options.tilesDir)) {
        res.writeHead(304, { 'Cache-Control': 'no-cache' });
        res.end();
        return;
      }
      tiles(req, res);
      return;
    }
    app(req, res);
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const onError = (error: Error): void => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolvePromise();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** A URL a browser on this machine can open, even when bound to every interface. */
function browsableUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? SERVE_DEFAULTS.host;
  const server = createServer(requestHandler({ ...options, distDir: resolve(options.distDir), tilesDir: resolve(options.tilesDir) }));
  await listen(server, options.port ?? SERVE_DEFAULTS.port, host);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error(`serve: no TCP address after listening on ${host}`);
  return {
    url: browsableUrl(host, address.port),
    port: address.port,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()));
        // Keep-alive connections from a browser would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

/** Like startServer, but when the port is taken tries the next ones (5173 → 5174 → …). */
export async function startServerOnFreePort(
  options: ServeOptions & { port: number },
  attempts: number = SERVE_DEFAULTS.portAttempts,
): Promise<RunningServer> {
  for (let offset = 0; ; offset++) {
    try {
      return await startServer({ ...options, port: options.port + offset });
    } catch (error) {
      const taken = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!taken || offset + 1 >= attempts || options.port === 0) throw error;
    }
  }
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      tiles: { type: 'string' },
      dist: { type: 'string' },
    },
  });
  const port = Number(values.port ?? process.env.PORT ?? 5173);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`serve: --port must be an integer from 0 to 65535, got "${values.port ?? process.env.PORT}"`);
  }
  const server = await startServerOnFreePort({
    distDir: resolve(values.dist ?? `${repoRoot}dist`),
    tilesDir: resolve(values.tiles ?? `${repoRoot}public/tiles`),
    port,
    host: values.host ?? process.env.HOST ?? SERVE_DEFAULTS.host,
  });
  console.log(server.url);
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
