import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseByteRange, startServer, startServerOnFreePort, type RunningServer } from './serve';

const INDEX_HTML = '<!doctype html><title>Guatu</title><div id="app"></div>';
/** 256 distinct bytes, so a wrong offset shows up as wrong content. */
const ARCHIVE = Uint8Array.from({ length: 256 }, (_, i) => i);

let root: string;
let server: RunningServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'guatu-serve-'));
  mkdirSync(join(root, 'dist', 'assets'), { recursive: true });
  mkdirSync(join(root, 'tiles'));
  writeFileSync(join(root, 'dist', 'index.html'), INDEX_HTML);
  writeFileSync(join(root, 'dist', 'assets', 'index-abc123.js'), 'console.log(1);');
  writeFileSync(join(root, 'tiles', 'lamps.pmtiles'), ARCHIVE);
  writeFileSync(join(root, 'secret.txt'), 'outside the served folders');
  server = await startServer({ distDir: join(root, 'dist'), tilesDir: join(root, 'tiles'), port: 0 });
});

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(new URL(path, server.url), { headers, cache: 'no-store' });

const bytesOf = async (response: Response): Promise<number[]> => [...new Uint8Array(await response.arrayBuffer())];

describe('startServer', () => {
  it('binds 127.0.0.1 on a free port when asked for port 0', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.port).toBeGreaterThan(0);
  });

  it('answers a Range request for a tile archive with 206 and exactly those bytes', async () => {
    const response = await get('/tiles/lamps.pmtiles', { Range: 'bytes=10-19' });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 10-19/256');
    expect(response.headers.get('content-length')).toBe('10');
    expect(await bytesOf(response)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });

  it('clamps a range that runs past the end, as PMTiles asks for a 16 KiB header of a small file', async () => {
    const response = await get('/tiles/lamps.pmtiles', { Range: 'bytes=0-16383' });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 0-255/256');
    expect(await bytesOf(response)).toEqual([...ARCHIVE]);
  });

  it('answers a suffix range with the last bytes of the file', async () => {
    const response = await get('/tiles/lamps.pmtiles', { Range: 'bytes=-3' });
    expect(response.status).toBe(206);
    expect(await bytesOf(response)).toEqual([253, 254, 255]);
  });

  it('answers a range starting past the end with 416 and the file size', async () => {
    const response = await get('/tiles/lamps.pmtiles', { Range: 'bytes=300-400' });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe('bytes */256');
  });

  it('ignores a reversed range and sends the whole archive with 200', async () => {
    const response = await get('/tiles/lamps.pmtiles', { Range: 'bytes=9-5' });
    expect(response.status).toBe(200);
    expect(await bytesOf(response)).toEqual([...ARCHIVE]);
  });

  it('sends the whole archive with 200 when there is no Range header', async () => {
    const response = await get('/tiles/lamps.pmtiles');
    expect(response.status).toBe(200);
    expect(await bytesOf(response)).toEqual([...ARCHIVE]);
  });

  it('marks tiles no-cache with a strong ETag, which pmtiles needs to notice a rebuilt archive', async () => {
    const response = await get('/tiles/lamps.pmtiles', { Range: 'bytes=0-1' });
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('etag')).toMatch(/^"[^"]+"$/);
  });

  it('serves an archive written after the server started, and its new content once rewritten', async () => {
    const before = await get('/tiles/problems.pmtiles');
    expect(before.status).toBe(404);
    writeFileSync(join(root, 'tiles', 'problems.pmtiles'), 'first build');
    const first = await get('/tiles/problems.pmtiles');
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('first build');
    const firstEtag = first.headers.get('etag');

    // The pipeline writes beside the target and renames, as an atomic replace.
    writeFileSync(join(root, 'tiles', 'problems.pmtiles.tmp'), 'second, longer build');
    renameSync(join(root, 'tiles', 'problems.pmtiles.tmp'), join(root, 'tiles', 'problems.pmtiles'));
    const second = await get('/tiles/problems.pmtiles', { Range: 'bytes=0-5' });
    expect(second.status).toBe(206);
    expect(await second.text()).toBe('second');
    expect(second.headers.get('etag')).not.toBe(firstEtag);
  });

  it('answers a missing tile archive with 404, not the app page', async () => {
    const response = await get('/tiles/basemap.pmtiles');
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('<title>Guatu</title>');
  });

  it('answers a missing manifest with 404, so the app can say the tiles were never built', async () => {
    const response = await get('/tiles/manifest.json');
    expect(response.status).toBe(404);
  });

  it('falls back to index.html for an unknown app route', async () => {
    const response = await get('/grid/320102099001001');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('serves index.html at the root', async () => {
    const response = await get('/');
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('caches content-hashed assets for good, and not the page that names them', async () => {
    const asset = await get('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const page = await get('/');
    expect(page.headers.get('cache-control') ?? '').not.toContain('immutable');
  });

  it('answers a missing asset with 404, not the app page', async () => {
    const response = await get('/assets/missing-0000.js');
    expect(response.status).toBe(404);
  });

  it('does not serve files outside its folders through ../', async () => {
    // node:http sends the path as written; fetch() would normalise the dots away client-side.
    const rawGet = (path: string): Promise<string> =>
      new Promise((done, fail) => {
        request({ host: '127.0.0.1', port: server.port, path }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => done(body));
        })
          .on('error', fail)
          .end();
      });
    for (const path of ['/tiles/../secret.txt', '/tiles/%2e%2e/secret.txt', '/../secret.txt', '/%2e%2e/secret.txt', '/tiles/..%2fsecret.txt']) {
      expect(await rawGet(path), path).not.toContain('outside the served folders');
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await fetch(new URL('/tiles/lamps.pmtiles', server.url), { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
  });

  it('rejects when the asked port is taken', async () => {
    await expect(
      startServer({ distDir: join(root, 'dist'), tilesDir: join(root, 'tiles'), port: server.port }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});

describe('startServerOnFreePort', () => {
  it('moves to the next port when the asked one is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const address = blocker.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const next = await startServerOnFreePort({ distDir: join(root, 'dist'), tilesDir: join(root, 'tiles'), port: address.port });
    try {
      expect(next.port).toBeGreaterThan(address.port);
      expect((await fetch(next.url)).status).toBe(200);
    } finally {
      await next.close();
      await new Promise<void>((done) => blocker.close(() => done()));
    }
  });
});

describe('parseByteRange', () => {
  it('reads an explicit range and clamps its end to the file', () => {
    expect(parseByteRange('bytes=5-9', 100)).toEqual({ start: 5, end: 9 });
    expect(parseByteRange('bytes=90-200', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
  });

  it('reads a suffix range as the last bytes', () => {
    expect(parseByteRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
  });

  it('calls a range past the end, or of an empty file, unsatisfiable', () => {
    expect(parseByteRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=0-10', 0)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=-0', 100)).toBe('unsatisfiable');
  });

  it('ignores no header, malformed, reversed and multi-range headers', () => {
    expect(parseByteRange(undefined, 100)).toBe('none');
    expect(parseByteRange('bytes=9-5', 100)).toBe('none');
    expect(parseByteRange('bytes=0-1,5-6', 100)).toBe('none');
    expect(parseByteRange('items=0-1', 100)).toBe('none');
    expect(parseByteRange('bytes=-', 100)).toBe('none');
  });
});
