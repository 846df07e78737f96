/**
 * Loads renovation.json (the pipeline's coverage product) named by `manifest.renovation`, and checks
 * the fields the workspace relies on, so a stale or hand-edited file fails with a message naming
 * the file and field rather than a blank panel.
 */
import type { Manifest, RenovationProduct } from '../../contract';
import { isMonthKey } from '../../analysis/renovation';
import { tilesDirectory } from '../tiles-location';

export class RenovationProductError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'RenovationProductError';
  }
}

/** Where the product is: beside the manifest, its checksum in the query so a rebuild is never mixed with a cached copy. */
export function renovationProductUrl(manifest: Pick<Manifest, 'renovation'>, base: string, pageHref: string): string | null {
  if (!manifest.renovation) return null;
  const url = new URL(manifest.renovation.file, tilesDirectory(base, pageHref));
  url.searchParams.set('v', manifest.renovation.sha256.slice(0, 12));
  return url.href;
}

const LISTS = ['items', 'communities', 'grids', 'compounds', 'projects', 'roadWorks', 'publicSpaceWorks', 'demonstrationSites'] as const;

export function parseRenovationProduct(json: unknown, file: string): RenovationProduct {
  const fail = (field: string, expected: string): never => {
    throw new RenovationProductError(file, `field "${field}" ${expected}`);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('(root)', 'must be an object');
  const p = json as Record<string, unknown>;
  if (p.schemaVersion !== 1) fail('schemaVersion', 'must be 1 (rebuild the data with this version of Guatu)');
  if (typeof p.asOf !== 'number' || !Number.isFinite(p.asOf)) fail('asOf', 'must be epoch milliseconds');
  for (const key of ['firstMonth', 'lastMonth'] as const) {
    if (typeof p[key] !== 'string' || !isMonthKey(p[key])) fail(key, 'must be a month such as 2020-01');
  }
  if (typeof p.oldCompoundBefore !== 'number') fail('oldCompoundBefore', 'must be a year');
  for (const key of LISTS) if (!Array.isArray(p[key])) fail(key, 'must be an array');
  return json as RenovationProduct;
}

export async function loadRenovationProduct(url: string, fetchFn: typeof fetch = fetch): Promise<RenovationProduct> {
  let response: Response;
  try {
    response = await fetchFn(url, { cache: 'no-cache' });
  } catch (e) {
    throw new RenovationProductError(url, `could not be fetched (${(e as Error).message})`);
  }
  if (!response.ok) throw new RenovationProductError(url, `HTTP ${response.status} ${response.statusText}`.trim());
  let json: unknown;
  try {
    json = await response.json();
  } catch (e) {
    throw new RenovationProductError(url, `is not valid JSON (${(e as Error).message})`);
  }
  return parseRenovationProduct(json, url);
}
