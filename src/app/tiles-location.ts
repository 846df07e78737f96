/**
 * Where the manifest and archives are, relative to the page. Built from Vite's BASE_URL and resolved
 * against the page's address, so the site works at any path of an intranet web server.
 */
import { ARCHIVES, MANIFEST_FILE, type ArchiveName, type Manifest } from '../contract';

/** `?data=sf311`: another data set built into a sub-folder of tiles/ (its own manifest and archives). */
export const DATASET_QUERY_PARAM = 'data';
const DATASET_ID = /^[a-z0-9][a-z0-9_-]{0,40}$/;

/** The data set named in the address, or null for the main one in tiles/ itself. */
export function datasetOf(pageHref: string): string | null {
  const id = new URL(pageHref).searchParams.get(DATASET_QUERY_PARAM);
  return id !== null && DATASET_ID.test(id) ? id : null;
}

/** `base` is import.meta.env.BASE_URL ('/', '/guatu/' or './'); `pageHref` is location.href. */
export function tilesDirectory(base: string, pageHref: string): URL {
  const withSlash = base.endsWith('/') ? base : `${base}/`;
  const dataset = datasetOf(pageHref);
  return new URL(`${withSlash}tiles/${dataset === null ? '' : `${dataset}/`}`, pageHref);
}

export function manifestUrl(base: string, pageHref: string): string {
  return new URL(MANIFEST_FILE, tilesDirectory(base, pageHref)).href;
}

/**
 * The archive's http(s) URL. The manifest's checksum goes in the query, so a rebuilt archive is
 * never mixed with cached byte ranges of the old one.
 */
export function archiveUrl(name: ArchiveName, manifest: Pick<Manifest, 'archives'>, base: string, pageHref: string): string {
  const url = new URL(ARCHIVES[name].file, tilesDirectory(base, pageHref));
  const sha = manifest.archives.find((a) => a.name === name)?.sha256;
  if (sha) url.searchParams.set('v', sha.slice(0, 12));
  return url.href;
}

/** What a MapLibre source `url` needs for the pmtiles protocol. */
export function pmtilesSourceUrl(httpUrl: string): string {
  return `pmtiles://${httpUrl}`;
}
