/**
 * Against the real static server (scripts/serve.ts) on a temporary tiles folder: the first poll
 * fetches, the next one is a 304, a rewritten manifest is fetched again, a missing one fails
 * naming the URL.
 */
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../scripts/serve';
import { sampleManifest } from '../test-fixtures/manifest';
import { pollManifest } from './manifest-poller';

let dir: string;
let server: RunningServer;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'guatu-poll-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(sampleManifest()));
  server = await startServer({ distDir: dir, tilesDir: dir, port: 0 });
  url = `${server.url}tiles/manifest.json`;
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('polling the manifest', () => {
  it('fetches it, then hears "unchanged" for the same ETag, then fetches a rewritten one', async () => {
    const first = await pollManifest(url, null);
    if (first.status !== 'fetched') throw new Error('first poll should fetch');
    expect(first.manifest.builtAt).toBe(sampleManifest().builtAt);
    expect(first.etag).toMatch(/^"/);

    expect(await pollManifest(url, first.etag)).toEqual({ status: 'unchanged' });

    // The pipeline writes a temp file and renames it over the old one (atomic-write.ts): a new inode.
    const next = { ...sampleManifest(), builtAt: '2026-11-27T18:00:00+08:00' };
    writeFileSync(join(dir, 'manifest.json.tmp'), JSON.stringify(next));
    renameSync(join(dir, 'manifest.json.tmp'), join(dir, 'manifest.json'));
    const third = await pollManifest(url, first.etag);
    expect(third.status).toBe('fetched');
    expect(third.status === 'fetched' && third.manifest.builtAt).toBe('2026-11-27T18:00:00+08:00');
    expect(third.status === 'fetched' && third.etag).not.toBe(first.etag);
  });

  it('answers a byte-range request with its bytes even when the ETag matches (never a 304)', async () => {
    // Chromium revalidates cached ranges with If-None-Match while holding only part of the range;
    // a 304 there fails the archive read (scripts/serve.ts, tilesNotModified).
    const first = await fetch(url);
    const etag = first.headers.get('etag')!;
    const ranged = await fetch(url, { headers: { Range: 'bytes=0-9', 'If-None-Match': etag } });
    expect(ranged.status).toBe(206);
    expect((await ranged.arrayBuffer()).byteLength).toBe(10);
    expect((await fetch(url, { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });

  it('fails naming the URL and the field of a broken manifest', async () => {
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...sampleManifest(), asOf: 'soon' }));
    await expect(pollManifest(url, null)).rejects.toThrow(`${url}: field "asOf" is "soon"; expected an ISO-8601 time`);
    const original = readFileSync(join(dir, 'manifest.json'));
    rmSync(join(dir, 'manifest.json'));
    await expect(pollManifest(url, null)).rejects.toThrow(`${url}: HTTP 404`);
    writeFileSync(join(dir, 'manifest.json'), original);
  });
});
