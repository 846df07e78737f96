/**
 * Tile stage, second half: pack tiles into one PMTiles v3 archive.
 *
 * npm has no PMTiles writer (the `pmtiles` package only reads), so this is a small one, written
 * from the spec: https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md
 * The directory layout follows go-pmtiles' `optimizeDirectories` (pmtiles/directory.go): one root
 * directory when it fits, otherwise a root of leaf pointers with leaves grown ×1.2 until it fits.
 * Tile ids come from the `pmtiles` package's own `zxyToTileId`, so writer and reader cannot disagree.
 *
 * Layout: header (127 bytes) | root directory | JSON metadata | leaf directories | tile data.
 * Tile data is in tile-id order (clustered), gzip-compressed here or beforehand by packTile (which
 * the tile stage uses, so a whole archive's uncompressed tiles are never in memory); identical tiles are stored once
 * and consecutive identical tiles share one run-length entry (the ocean-tile trick, here empty
 * grid cells and repeated fills).
 *
 * The archive is built in memory: a sub-district's archives are tens of MB even for 1M problem
 * points, and the header needs the directory sizes before the tile data anyway, which a streaming
 * writer can only do with a temporary file for the tile data (as go-pmtiles does).
 */
import { createHash } from 'node:crypto';
import { gzip as gzipAsync, gzipSync } from 'node:zlib';
import { Compression, TileType, zxyToTileId } from 'pmtiles';

export interface ArchiveTile {
  z: number;
  x: number;
  y: number;
  /** Uncompressed tile bytes (MVT). */
  data: Uint8Array;
}

export interface PmtilesOptions {
  minzoom: number;
  maxzoom: number;
  /** [west, south, east, north] in WGS-84 degrees. */
  bounds: readonly [number, number, number, number];
  /** [longitude, latitude, zoom]: where a viewer opens the archive. */
  center: readonly [number, number, number];
  /** JSON metadata; for MVT it should hold TileJSON `vector_layers` (see describeVectorLayers). */
  metadata: Record<string, unknown>;
}

/** Writer constants; the spec fixes the header size and the root budget. */
export const PMTILES_LIMITS = {
  /** Fixed v3 header size in bytes. */
  headerBytes: 127,
  /** Header plus root directory must fit in the first 16 KiB, which readers fetch in one request. */
  firstRequestBytes: 16_384,
  /** Zoom limit of the `pmtiles` package's tile ids (numbers, not 64-bit integers). */
  maxZoom: 26,
  /** zlib level for directories and metadata (small): the zlib default. */
  gzipLevel: 6,
  /**
   * zlib level for tile data. The 1M-problem archive's 590 MB of MVT took 20.6 s at level 6 and
   * 7.5 s at level 4 for 2% more bytes (200.1 → 204.7 MB); level 1 was 5.6 s for 9% more.
   */
  tileGzipLevel: 4,
} as const;

interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

/**
 * A tile ready for the archive: gzipped, with a hash of its uncompressed bytes so that repeats are
 * stored once. The tile stage packs each tile as it is cut (packTile), so the uncompressed MVT of a
 * whole archive (590 MB for 1M problems) is never held at once.
 */
export interface PackedTile {
  z: number;
  x: number;
  y: number;
  gzipped: Uint8Array;
  /** sha256 of the uncompressed bytes, base64. */
  contentHash: string;
}

/**
 * A packed tile whose gzipped bytes wait on disk until the archive is written (tiling/tile-spill.ts):
 * at 1M problems the archive's tiles are 200 MB, which need not sit in memory through the stages.
 */
export interface SpilledTile {
  z: number;
  x: number;
  y: number;
  /** Length of the gzipped bytes. */
  byteLength: number;
  /** The gzipped bytes, read back. */
  read: () => Uint8Array;
  contentHash: string;
}

/** A tile as the tile stage hands it to the writer: in memory or on disk. */
export type StoredTile = PackedTile | SpilledTile;

/** An archive as its parts in file order: header, directories, metadata, then each tile's bytes. */
export interface ArchiveParts {
  byteLength: number;
  /** Tile bytes are read (a spilled tile's from disk) as the parts are taken. */
  parts(): Generator<Uint8Array>;
}

/** Gzips one tile (at PMTILES_LIMITS.tileGzipLevel) and hashes its uncompressed bytes. */
export function packTile(tile: ArchiveTile): PackedTile {
  if (!(tile.data instanceof Uint8Array)) throw new Error(`packTile: ${tile.z}/${tile.x}/${tile.y}: data must be a Uint8Array`);
  return { z: tile.z, x: tile.x, y: tile.y, gzipped: gzip(tile.data, PMTILES_LIMITS.tileGzipLevel), contentHash: contentHash(tile.data) };
}

/**
 * packTile on libuv's thread pool: the tile stage compresses one tile while it cuts the next, so
 * a second core does the gzip. Same bytes as packTile (zlib's output depends only on input and level).
 */
export function packTileAsync(tile: ArchiveTile): Promise<PackedTile> {
  if (!(tile.data instanceof Uint8Array)) return Promise.reject(new Error(`packTile: ${tile.z}/${tile.x}/${tile.y}: data must be a Uint8Array`));
  return new Promise((resolve, reject) => {
    gzipAsync(tile.data, { level: PMTILES_LIMITS.tileGzipLevel }, (error, compressed) => {
      if (error) return reject(error);
      compressed[9] = 0xff; // as gzip() below: no OS byte
      resolve({ z: tile.z, x: tile.x, y: tile.y, gzipped: new Uint8Array(compressed.buffer, compressed.byteOffset, compressed.byteLength), contentHash: contentHash(tile.data) });
    });
  });
}

/**
 * Writes a PMTiles v3 archive: MVT tiles, gzip tile and internal compression, clustered.
 * The same tiles and options always give byte-identical output, whatever order the tiles come in.
 * Throws on no tiles (PMTiles 3.1 forbids an empty directory), a duplicate tile, or a tile outside
 * the zoom range or outside its zoom's grid.
 */
export function writePmtiles(tiles: readonly ArchiveTile[], options: PmtilesOptions): Uint8Array {
  const ordered = orderTiles(tiles, options, (tile, where) => {
    if (!(tile.data instanceof Uint8Array)) throw new Error(`writePmtiles: ${where}: data must be a Uint8Array`);
  });
  // A repeat is compressed only once: assemble asks for the bytes of the first of each content.
  return concat([...assemble(
    ordered.map(({ tileId, tile }) => ({ tileId, hash: contentHash(tile.data), gzipped: () => gzip(tile.data, PMTILES_LIMITS.tileGzipLevel) })),
    options,
  ).parts()]);
}

/** writePmtiles for tiles packed by packTile: the same archive, byte for byte, as from the raw tiles. */
export function writePackedPmtiles(tiles: readonly StoredTile[], options: PmtilesOptions): Uint8Array {
  return concat([...pmtilesParts(tiles, options).parts()]);
}

/**
 * writePackedPmtiles as the archive's parts, for a writer that streams them to disk: at 1M
 * problems the archive is 200 MB, and one buffer of it beside its tiles would be 200 MB more.
 */
export function pmtilesParts(tiles: readonly StoredTile[], options: PmtilesOptions): ArchiveParts {
  const ordered = orderTiles(tiles, options, (tile, where) => {
    if ('gzipped' in tile) {
      if (!(tile.gzipped instanceof Uint8Array)) throw new Error(`writePmtiles: ${where}: gzipped must be a Uint8Array`);
    } else if (typeof tile.read !== 'function' || !Number.isInteger(tile.byteLength) || tile.byteLength < 0) {
      throw new Error(`writePmtiles: ${where}: a spilled tile needs read() and a byteLength`);
    }
  });
  return assemble(
    ordered.map(({ tileId, tile }) =>
      'gzipped' in tile ? { tileId, hash: tile.contentHash, byteLength: tile.gzipped.byteLength, gzipped: () => tile.gzipped } : { tileId, hash: tile.contentHash, byteLength: tile.byteLength, gzipped: tile.read },
    ),
    options,
  );
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** sha256 of the uncompressed bytes: a collision is not a practical concern. */
function contentHash(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('base64');
}

/**
 * The archive's parts in file order: header, root directory, metadata, leaf directories, tile data.
 * A tile's bytes are asked for once, when its parts are taken, unless its length is not known
 * before (writePmtiles gzips as it lays out).
 */
function assemble(ordered: readonly { tileId: number; hash: string; byteLength?: number; gzipped: () => Uint8Array }[], options: PmtilesOptions): ArchiveParts {
  // Tile data in tile-id order; a repeat of earlier bytes points back at their offset.
  const blobs: (() => Uint8Array)[] = [];
  const lengths: number[] = [];
  const offsetByHash = new Map<string, { offset: number; length: number }>();
  const entries: Entry[] = [];
  let dataLength = 0;
  for (const { tileId, hash, byteLength, gzipped } of ordered) {
    let blob = offsetByHash.get(hash);
    if (!blob) {
      let length = byteLength;
      if (length === undefined) {
        const compressed = gzipped();
        length = compressed.byteLength;
        blobs.push(() => compressed);
      } else {
        blobs.push(gzipped);
      }
      lengths.push(length);
      blob = { offset: dataLength, length };
      offsetByHash.set(hash, blob);
      dataLength += length;
    }
    const last = entries[entries.length - 1];
    if (last && last.offset === blob.offset && last.tileId + last.runLength === tileId) {
      last.runLength += 1;
    } else {
      entries.push({ tileId, offset: blob.offset, length: blob.length, runLength: 1 });
    }
  }

  const { root, leaves } = optimizeDirectories(entries);
  const metadata = gzip(new TextEncoder().encode(JSON.stringify(options.metadata)));

  const rootOffset = PMTILES_LIMITS.headerBytes;
  const metadataOffset = rootOffset + root.byteLength;
  const leavesOffset = metadataOffset + metadata.byteLength;
  const dataOffset = leavesOffset + leaves.byteLength;
  const header = headerBytes({
    rootOffset,
    rootLength: root.byteLength,
    metadataOffset,
    metadataLength: metadata.byteLength,
    leavesOffset,
    leavesLength: leaves.byteLength,
    dataOffset,
    dataLength,
    addressedTiles: ordered.length,
    tileEntries: entries.length,
    tileContents: blobs.length,
    options,
  });

  return {
    byteLength: dataOffset + dataLength,
    *parts() {
      yield* [header, root, metadata, leaves];
      for (const [k, blob] of blobs.entries()) {
        const bytes = blob();
        if (bytes.byteLength !== lengths[k]) throw new Error(`writePmtiles: tile content ${k} has ${bytes.byteLength} bytes; ${lengths[k]} were laid out`);
        yield bytes;
      }
    },
  };
}

function checkOptions(options: PmtilesOptions): void {
  const { minzoom, maxzoom, bounds, center, metadata } = options;
  for (const [name, zoom] of [
    ['minzoom', minzoom],
    ['maxzoom', maxzoom],
  ] as const) {
    if (!Number.isInteger(zoom) || zoom < 0 || zoom > PMTILES_LIMITS.maxZoom) {
      throw new Error(`writePmtiles: options.${name} must be an integer from 0 to ${PMTILES_LIMITS.maxZoom}, got ${zoom}`);
    }
  }
  if (minzoom > maxzoom) throw new Error(`writePmtiles: options.minzoom (${minzoom}) is above options.maxzoom (${maxzoom})`);

  const [west, south, east, north] = bounds ?? [];
  if (
    !isDegrees(west, 180) ||
    !isDegrees(east, 180) ||
    !isDegrees(south, 90) ||
    !isDegrees(north, 90) ||
    west > east ||
    south > north
  ) {
    throw new Error(
      `writePmtiles: options.bounds must be [west, south, east, north] in WGS-84 degrees with west <= east and south <= north, got ${JSON.stringify(bounds)}`,
    );
  }
  const [lon, lat, zoom] = center ?? [];
  if (!isDegrees(lon, 180) || !isDegrees(lat, 90) || !Number.isInteger(zoom) || zoom! < minzoom || zoom! > maxzoom) {
    throw new Error(
      `writePmtiles: options.center must be [longitude, latitude, zoom] with an integer zoom from ${minzoom} to ${maxzoom}, got ${JSON.stringify(center)}`,
    );
  }
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new Error('writePmtiles: options.metadata must be a JSON object');
  }
}

function isDegrees(value: number | undefined, limit: number): value is number {
  return typeof value === 'number' && value >= -limit && value <= limit;
}

/** Checks the options and every tile, and returns the tiles sorted by tile id. */
function orderTiles<T extends { z: number; x: number; y: number }>(
  tiles: readonly T[],
  options: PmtilesOptions,
  checkData: (tile: T, where: string) => void,
): { tileId: number; tile: T; index: number }[] {
  checkOptions(options);
  if (tiles.length === 0) {
    throw new Error(
      'writePmtiles: no tiles to write; a PMTiles v3.1 archive needs at least one tile (directories must be non-empty)',
    );
  }
  const ordered = tiles.map((tile, index) => {
    const { z, x, y } = tile;
    const where = `tiles[${index}] (${z}/${x}/${y})`;
    if (!Number.isInteger(z) || z < options.minzoom || z > options.maxzoom) {
      throw new Error(`writePmtiles: ${where}: z must be an integer from ${options.minzoom} to ${options.maxzoom}`);
    }
    const size = 2 ** z;
    if (!Number.isInteger(x) || x < 0 || x >= size || !Number.isInteger(y) || y < 0 || y >= size) {
      throw new Error(`writePmtiles: ${where}: x and y must be integers from 0 to ${size - 1} at zoom ${z}`);
    }
    checkData(tile, where);
    return { tileId: zxyToTileId(z, x, y), tile, index };
  });
  ordered.sort((a, b) => a.tileId - b.tileId);
  for (let i = 1; i < ordered.length; i++) {
    const previous = ordered[i - 1]!;
    const current = ordered[i]!;
    if (previous.tileId === current.tileId) {
      const { z, x, y } = current.tile;
      const [first, second] = [previous.index, current.index].sort((a, b) => a - b);
      throw new Error(`writePmtiles: duplicate tile ${z}/${x}/${y} at tiles[${first}] and tiles[${second}]`);
    }
  }
  return ordered;
}

/**
 * gzip with the header's OS byte set to 255 ("unknown", RFC 1952 §2.3.1): zlib writes the OS it was
 * built for there, which would make archives built on Windows and Linux differ by that one byte.
 * Node's gzip already writes mtime 0, so the rest is a function of the input bytes.
 */
function gzip(data: Uint8Array, level: number = PMTILES_LIMITS.gzipLevel): Uint8Array {
  const compressed = gzipSync(data, { level });
  compressed[9] = 0xff;
  return new Uint8Array(compressed.buffer, compressed.byteOffset, compressed.byteLength);
}

/** Root directory alone when it fits, otherwise leaf directories under it (go-pmtiles' rule). */
function optimizeDirectories(entries: readonly Entry[]): { root: Uint8Array; leaves: Uint8Array } {
  const rootBudget = PMTILES_LIMITS.firstRequestBytes - PMTILES_LIMITS.headerBytes;
  // go-pmtiles tries a root-only layout below 16,384 entries; above, the root would likely not
  // fit, and clients would decode one huge directory per archive open.
  if (entries.length < 16_384) {
    const root = gzip(serializeDirectory(entries));
    if (root.byteLength <= rootBudget) return { root, leaves: new Uint8Array(0) };
  }
  let leafSize = Math.max(4096, Math.floor(entries.length / 3500));
  for (;;) {
    const built = buildRootAndLeaves(entries, leafSize);
    // A single leaf gives a one-entry root, so this always ends.
    if (built.root.byteLength <= rootBudget) return built;
    leafSize = Math.ceil(leafSize * 1.2);
  }
}

function buildRootAndLeaves(entries: readonly Entry[], leafSize: number): { root: Uint8Array; leaves: Uint8Array } {
  const rootEntries: Entry[] = [];
  const leaves: Uint8Array[] = [];
  let offset = 0;
  for (let start = 0; start < entries.length; start += leafSize) {
    const leaf = gzip(serializeDirectory(entries.slice(start, start + leafSize)));
    // runLength 0 marks a pointer to a leaf directory; offset is relative to the leaf section.
    rootEntries.push({ tileId: entries[start]!.tileId, offset, length: leaf.byteLength, runLength: 0 });
    leaves.push(leaf);
    offset += leaf.byteLength;
  }
  const joined = new Uint8Array(offset);
  let at = 0;
  for (const leaf of leaves) {
    joined.set(leaf, at);
    at += leaf.byteLength;
  }
  return { root: gzip(serializeDirectory(rootEntries)), leaves: joined };
}

/**
 * Spec "Directory Serialization": entry count, then columns of varints — tile id deltas, run
 * lengths, lengths, offsets (0 when contiguous with the previous entry, else offset + 1).
 */
function serializeDirectory(entries: readonly Entry[]): Uint8Array {
  const out = new VarintWriter(1 + entries.length * 4 * 3);
  out.write(entries.length);
  let lastId = 0;
  for (const entry of entries) {
    out.write(entry.tileId - lastId);
    lastId = entry.tileId;
  }
  for (const entry of entries) out.write(entry.runLength);
  for (const entry of entries) out.write(entry.length);
  entries.forEach((entry, i) => {
    const previous = entries[i - 1];
    out.write(previous && entry.offset === previous.offset + previous.length ? 0 : entry.offset + 1);
  });
  return out.finish();
}

/** Unsigned LEB128 varints of non-negative safe integers (tile ids pass 2^32 from zoom 16 on). */
class VarintWriter {
  private bytes: Uint8Array;
  private length = 0;

  constructor(initialCapacity: number) {
    this.bytes = new Uint8Array(Math.max(16, initialCapacity));
  }

  write(value: number): void {
    if (this.length + 10 > this.bytes.byteLength) {
      const grown = new Uint8Array(this.bytes.byteLength * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    let rest = value;
    while (rest >= 0x80) {
      this.bytes[this.length++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.bytes[this.length++] = rest;
  }

  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

function headerBytes(fields: {
  rootOffset: number;
  rootLength: number;
  metadataOffset: number;
  metadataLength: number;
  leavesOffset: number;
  leavesLength: number;
  dataOffset: number;
  dataLength: number;
  addressedTiles: number;
  tileEntries: number;
  tileContents: number;
  options: PmtilesOptions;
}): Uint8Array {
  const bytes = new Uint8Array(PMTILES_LIMITS.headerBytes);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode('PMTiles'), 0);
  view.setUint8(7, 3); // spec version
  const u64 = (offset: number, value: number) => view.setBigUint64(offset, BigInt(value), true);
  u64(8, fields.rootOffset);
  u64(16, fields.rootLength);
  u64(24, fields.metadataOffset);
  u64(32, fields.metadataLength);
  u64(40, fields.leavesOffset);
  u64(48, fields.leavesLength);
  u64(56, fields.dataOffset);
  u64(64, fields.dataLength);
  u64(72, fields.addressedTiles);
  u64(80, fields.tileEntries);
  u64(88, fields.tileContents);
  view.setUint8(96, 1); // clustered: tile data is in tile-id order
  view.setUint8(97, Compression.Gzip); // internal compression (directories, metadata)
  view.setUint8(98, Compression.Gzip); // tile compression
  view.setUint8(99, TileType.Mvt);
  const { minzoom, maxzoom, bounds, center } = fields.options;
  view.setUint8(100, minzoom);
  view.setUint8(101, maxzoom);
  const e7 = (degrees: number) => Math.round(degrees * 1e7);
  view.setInt32(102, e7(bounds[0]), true);
  view.setInt32(106, e7(bounds[1]), true);
  view.setInt32(110, e7(bounds[2]), true);
  view.setInt32(114, e7(bounds[3]), true);
  view.setUint8(118, center[2]);
  view.setInt32(119, e7(center[0]), true);
  view.setInt32(123, e7(center[1]), true);
  return bytes;
}
