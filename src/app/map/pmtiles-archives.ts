/**
 * PMTiles glue: registers the `pmtiles://` protocol with MapLibre once, and opens each archive up
 * front (reading its header) so that a missing or corrupt file is reported by name before the map
 * asks it for tiles, and the map is built only with the archives that opened.
 */
import { addProtocol } from 'maplibre-gl';
import { PMTiles, Protocol, TileType } from 'pmtiles';
import type { ArchiveName } from '../../contract';
import { pmtilesSourceUrl } from '../tiles-location';

let protocol: Protocol | null = null;

export function pmtilesProtocol(): Protocol {
  if (!protocol) {
    protocol = new Protocol();
    addProtocol('pmtiles', protocol.tile);
  }
  return protocol;
}

export interface ArchiveFailure {
  name: ArchiveName;
  url: string;
  message: string;
}

export interface OpenedArchives {
  /** `pmtiles://` source URL per archive that opened. */
  sourceUrls: Partial<Record<ArchiveName, string>>;
  failures: ArchiveFailure[];
}

async function openOne(name: ArchiveName, url: string): Promise<string> {
  const archive = new PMTiles(url);
  // Reading the header fetches the first 16 KiB: it fails on a 404, on an HTML error page served in
  // place of the file ("Wrong magic number") and on a server without HTTP Range support.
  const header = await archive.getHeader().catch((e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    // A web server answers a missing file with its index page; say so in words an admin can act on.
    throw new Error(/magic number/i.test(message) ? `missing, or not a PMTiles archive (${message})` : message);
  });
  if (header.tileType !== TileType.Mvt) {
    throw new Error(`${name}: tile type ${header.tileType}; expected vector tiles (MVT)`);
  }
  pmtilesProtocol().add(archive);
  return pmtilesSourceUrl(url);
}

export async function openArchives(urls: Record<ArchiveName, string>): Promise<OpenedArchives> {
  const entries = Object.entries(urls) as [ArchiveName, string][];
  const results = await Promise.allSettled(entries.map(([name, url]) => openOne(name, url)));
  const opened: OpenedArchives = { sourceUrls: {}, failures: [] };
  results.forEach((r, i) => {
    const [name, url] = entries[i] as [ArchiveName, string];
    if (r.status === 'fulfilled') opened.sourceUrls[name] = r.value;
    else opened.failures.push({ name, url, message: r.reason instanceof Error ? r.reason.message : String(r.reason) });
  });
  return opened;
}
