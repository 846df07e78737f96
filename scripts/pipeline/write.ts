/**
 * Stage 6, write: lay out each archive (its tiles come gzipped from the tile stage), then the
 * rejects report, then the manifest, each written atomically. The manifest goes last, so a
 * dashboard that sees a new manifest finds every archive it names already in place.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Papa from 'papaparse';
import { ARCHIVES, MANIFEST_FILE, type ArchiveSummary, type Manifest } from '../../src/contract';
import { writeFileAtomic } from '../tiling/atomic-write';
import { pmtilesParts } from '../tiling/pmtiles-writer';
import type { Reject } from './errors';
import type { ArchiveTiles } from './tile';

export const REJECTS_FILE = 'rejects.csv';
/** Excel opens a UTF-8 CSV as UTF-8 only when it starts with a byte-order mark. */
const BOM = '\ufeff';

export async function writeArchive(
  outDir: string,
  archive: ArchiveTiles,
  bounds: [number, number, number, number],
  center: [number, number],
  attribution: string[],
): Promise<ArchiveSummary> {
  const file = ARCHIVES[archive.name].file;
  const layout = pmtilesParts(archive.tiles, {
    minzoom: archive.minzoom,
    maxzoom: archive.maxzoom,
    bounds,
    center: [center[0], center[1], Math.max(archive.minzoom, Math.min(13, archive.maxzoom))],
    // No build time here: the same inputs must give byte-identical archives.
    metadata: { name: archive.name, format: 'pbf', attribution: attribution.join(' · '), vector_layers: archive.vectorLayers },
  });
  // Streamed part by part (a spilled tile is read from disk as it is written) and hashed on the way.
  const sha256 = createHash('sha256');
  function* hashed(): Generator<Uint8Array> {
    for (const part of layout.parts()) {
      sha256.update(part);
      yield part;
    }
  }
  try {
    await writeFileAtomic(join(outDir, file), hashed());
  } finally {
    archive.release?.();
  }
  return {
    name: archive.name,
    file,
    bytes: layout.byteLength,
    sha256: sha256.digest('hex'),
    tiles: archive.tiles.length,
    minzoom: archive.minzoom,
    maxzoom: archive.maxzoom,
    layers: archive.vectorLayers.map((l) => ({ id: l.id, features: archive.featureCounts[l.id] ?? 0, minzoom: l.minzoom, maxzoom: l.maxzoom })),
  };
}

/** The rejects report: one row per bad input row, readable in Excel. */
export function rejectsCsv(rejects: readonly Reject[]): string {
  return (
    BOM +
    Papa.unparse({
      fields: ['file', 'row', 'id', 'field', 'value', 'reason'],
      data: rejects.map((r) => [r.file, r.row, r.id, r.field, r.value, r.reason]),
    }) +
    '\r\n'
  );
}

export async function writeRejects(outDir: string, rejects: readonly Reject[]): Promise<void> {
  await writeFileAtomic(join(outDir, REJECTS_FILE), rejectsCsv(rejects));
}

export async function writeManifest(outDir: string, manifest: Manifest): Promise<void> {
  await writeFileAtomic(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}
