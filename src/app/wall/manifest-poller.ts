/**
 * Asks the server whether manifest.json changed, cheaply: with the ETag of the last copy in
 * `If-None-Match`, an unchanged manifest is a bodiless 304 (scripts/serve.ts sends strong ETags;
 * any intranet web server does). A server without ETags gets the whole file each time and the
 * caller compares `builtAt`. `no-store` keeps the browser's cache out of it, so a 304 reaches us.
 */
import type { Manifest } from '../../contract';
import { ManifestError, parseManifest } from '../manifest-loader';

export type PollResult = { status: 'unchanged' } | { status: 'fetched'; manifest: Manifest; etag: string | null };

export async function pollManifest(url: string, etag: string | null, fetchFn: typeof fetch = fetch): Promise<PollResult> {
  let response: Response;
  try {
    response = await fetchFn(url, { cache: 'no-store', headers: etag ? { 'If-None-Match': etag } : {} });
  } catch (e) {
    throw new ManifestError(url, `could not be fetched (${(e as Error).message})`);
  }
  if (response.status === 304) return { status: 'unchanged' };
  if (!response.ok) throw new ManifestError(url, `HTTP ${response.status} ${response.statusText}`.trim());
  if ((response.headers.get('content-type') ?? '').includes('text/html')) {
    throw new ManifestError(url, 'is missing (the server answered with a web page, not JSON)');
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch (e) {
    throw new ManifestError(url, `is not valid JSON (${(e as Error).message})`);
  }
  return { status: 'fetched', manifest: parseManifest(json, url), etag: response.headers.get('etag') };
}
