import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Compression, PMTiles, TileType, tileIdToZxy, zxyToTileId, type Entry } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { memorySource } from './archive-sources';
import { TileSpill } from './tile-spill';
import { pmtilesParts, packTile, packTileAsync, PMTILES_LIMITS, writePackedPmtiles, writePmtiles, type ArchiveTile, type PmtilesOptions } from './pmtiles-writer';

const OPTIONS: PmtilesOptions = {
  minzoom: 10,
  maxzoom: 16,
  bounds: [118.75, 32.02, 118.81, 32.06],
  center: [118.78, 32.04, 13],
  metadata: { name: 'problems', vector_layers: [{ id: 'problems', fields: { cat: 'String' }, minzoom: 10, maxzoom: 16 }] },
};

const text = (value: string) => new TextEncoder().encode(value);

/** Distinct tiles at z10–16 around Nanjing, in scrambled order. */
function sampleTiles(): ArchiveTile[] {
  const tiles: ArchiveTile[] = [];
  for (let z = 10; z <= 16; z++) {
    const x0 = Math.floor(((118.78 + 180) / 360) * 2 ** z);
    const y0 = Math.floor(0.41 * 2 ** z);
    for (let i = 0; i < 3; i++) tiles.push({ z, x: x0 + i, y: y0 + (i % 2), data: text(`tile ${z}/${x0 + i}/${y0 + (i % 2)}`) });
  }
  return tiles.reverse();
}

async function readEveryTile(archive: Uint8Array, tiles: readonly ArchiveTile[]) {
  const reader = new PMTiles(memorySource(archive));
  const found: string[] = [];
  for (const { z, x, y } of tiles) {
    const response = await reader.getZxy(z, x, y);
    found.push(response ? new TextDecoder().decode(response.data) : `missing ${z}/${x}/${y}`);
  }
  return found;
}

/** Root directory entries, read through the pmtiles reader's own directory parser. */
async function rootEntries(archive: Uint8Array): Promise<Entry[]> {
  const reader = new PMTiles(memorySource(archive));
  const header = await reader.getHeader();
  return reader.cache.getDirectory(reader.source, header.rootDirectoryOffset, header.rootDirectoryLength, header);
}

describe('writePmtiles', () => {
  it('writes an archive from which pmtiles reads every tile back', async () => {
    const tiles = sampleTiles();
    const archive = writePmtiles(tiles, OPTIONS);
    expect(await readEveryTile(archive, tiles)).toEqual(tiles.map((t) => new TextDecoder().decode(t.data)));
    // A tile that was never written is absent, not an error.
    expect(await new PMTiles(memorySource(archive)).getZxy(16, 0, 0)).toBeUndefined();
  });

  it('fills the header: MVT, gzip, clustered, zooms, bounds, center and tile counts', async () => {
    const tiles = sampleTiles();
    const header = await new PMTiles(memorySource(writePmtiles(tiles, OPTIONS))).getHeader();
    expect(header).toMatchObject({
      specVersion: 3,
      rootDirectoryOffset: 127,
      clustered: true,
      internalCompression: Compression.Gzip,
      tileCompression: Compression.Gzip,
      tileType: TileType.Mvt,
      minZoom: 10,
      maxZoom: 16,
      minLon: 118.75,
      minLat: 32.02,
      maxLon: 118.81,
      maxLat: 32.06,
      centerLon: 118.78,
      centerLat: 32.04,
      centerZoom: 13,
      numAddressedTiles: tiles.length,
      numTileEntries: tiles.length,
      numTileContents: tiles.length,
      leafDirectoryLength: 0,
    });
  });

  it('stores tile data gzip-compressed, in tile-id order', async () => {
    const tiles = sampleTiles();
    const archive = writePmtiles(tiles, OPTIONS);
    const entries = await rootEntries(archive);
    const header = await new PMTiles(memorySource(archive)).getHeader();
    expect(entries.map((e) => e.tileId)).toEqual(tiles.map((t) => zxyToTileId(t.z, t.x, t.y)).sort((a, b) => a - b));
    let expectedOffset = 0;
    for (const entry of entries) {
      expect(entry.offset).toBe(expectedOffset); // contiguous: clustered
      const blob = archive.subarray(header.tileDataOffset + entry.offset, header.tileDataOffset + entry.offset + entry.length);
      expect([blob[0], blob[1]]).toEqual([0x1f, 0x8b]);
      const [z, x, y] = tileIdToZxy(entry.tileId);
      expect(new TextDecoder().decode(gunzipSync(blob))).toBe(`tile ${z}/${x}/${y}`);
      expectedOffset += entry.length;
    }
  });

  it('stores identical tiles once and run-length encodes consecutive ones', async () => {
    // 10 consecutive tile ids with the same bytes, then a different tile, then the same bytes again.
    const first = zxyToTileId(14, 13_597, 6_651);
    const water = text('water');
    const tiles: ArchiveTile[] = [];
    for (let i = 0; i < 10; i++) {
      const [z, x, y] = tileIdToZxy(first + i);
      tiles.push({ z, x, y, data: water });
    }
    const [zl, xl, yl] = tileIdToZxy(first + 10);
    tiles.push({ z: zl, x: xl, y: yl, data: text('land') });
    const [za, xa, ya] = tileIdToZxy(first + 20);
    tiles.push({ z: za, x: xa, y: ya, data: new Uint8Array(water) });

    const archive = writePmtiles(tiles, { ...OPTIONS, minzoom: 14, maxzoom: 14, center: [118.78, 32.04, 14] });
    const header = await new PMTiles(memorySource(archive)).getHeader();
    expect(header).toMatchObject({ numAddressedTiles: 12, numTileEntries: 3, numTileContents: 2 });
    const entries = await rootEntries(archive);
    expect(entries.map((e) => [e.tileId - first, e.runLength])).toEqual([
      [0, 10],
      [10, 1],
      [20, 1],
    ]);
    expect(entries[2]!.offset).toBe(entries[0]!.offset);
    expect(await readEveryTile(archive, tiles)).toEqual([...Array(10).fill('water'), 'land', 'water']);
  });

  it('writes byte-identical archives for the same tiles, in any input order', () => {
    const tiles = sampleTiles();
    const once = writePmtiles(tiles, OPTIONS);
    const again = writePmtiles([...tiles].reverse(), OPTIONS);
    expect(Buffer.from(again).equals(Buffer.from(once))).toBe(true);
  });

  it('builds leaf directories when the root would not fit in 16 KiB, and every tile still reads back', async () => {
    // 24,576 distinct tiles at z16 with varied sizes and gaps, so the directory cannot compress
    // into the root.
    const tiles: ArchiveTile[] = [];
    const base = zxyToTileId(16, 0, 0);
    let tileId = base;
    for (let i = 0; i < 24_576; i++) {
      tileId += 1 + ((i * 7919) % 13);
      const [z, x, y] = tileIdToZxy(tileId);
      tiles.push({ z, x, y, data: text(`${i}:${'x'.repeat((i * 31) % 97)}`) });
    }
    const archive = writePmtiles(tiles, { ...OPTIONS, minzoom: 16, maxzoom: 16, bounds: [-180, -85, 180, 85], center: [0, 0, 16] });
    const reader = new PMTiles(memorySource(archive));
    const header = await reader.getHeader();
    expect(header.leafDirectoryLength).toBeGreaterThan(0);
    expect(header.rootDirectoryOffset + header.rootDirectoryLength).toBeLessThanOrEqual(PMTILES_LIMITS.firstRequestBytes);
    expect(header).toMatchObject({ numAddressedTiles: tiles.length, numTileEntries: tiles.length, numTileContents: tiles.length });
    const root = await rootEntries(archive);
    expect(root.length).toBeGreaterThan(1);
    expect(root.every((e) => e.runLength === 0)).toBe(true);

    const found = await readEveryTile(archive, tiles);
    const wrong = found.filter((value, i) => value !== new TextDecoder().decode(tiles[i]!.data));
    expect(wrong).toEqual([]);
  });

  it('writes metadata JSON that pmtiles reads back', async () => {
    const metadata = { ...OPTIONS.metadata, attribution: '© OpenStreetMap contributors', description: '挂图 问题点' };
    const reader = new PMTiles(memorySource(writePmtiles(sampleTiles(), { ...OPTIONS, metadata })));
    expect(await reader.getMetadata()).toEqual(metadata);
    const tileJson = (await reader.getTileJson('https://example.invalid/problems')) as Record<string, unknown>;
    expect(tileJson).toMatchObject({ vector_layers: OPTIONS.metadata.vector_layers, minzoom: 10, maxzoom: 16, center: [118.78, 32.04, 13] });
  });

  it('rejects an empty tile list, since PMTiles 3.1 forbids an empty directory', () => {
    expect(() => writePmtiles([], OPTIONS)).toThrow(/no tiles to write; a PMTiles v3\.1 archive needs at least one tile/);
  });

  it('rejects a duplicate tile, naming both positions', () => {
    const tiles = sampleTiles();
    tiles.push({ ...tiles[4]!, data: text('other') });
    expect(() => writePmtiles(tiles, OPTIONS)).toThrow(
      new RegExp(`duplicate tile ${tiles[4]!.z}/${tiles[4]!.x}/${tiles[4]!.y} at tiles\\[4\\] and tiles\\[${tiles.length - 1}\\]`),
    );
  });

  it('rejects a tile outside the zoom range or outside its zoom grid', () => {
    const data = text('t');
    expect(() => writePmtiles([{ z: 9, x: 0, y: 0, data }], OPTIONS)).toThrow(/tiles\[0\] \(9\/0\/0\): z must be an integer from 10 to 16/);
    expect(() => writePmtiles([{ z: 10.5, x: 0, y: 0, data }], OPTIONS)).toThrow(/z must be an integer/);
    expect(() => writePmtiles([{ z: 10, x: 1024, y: 0, data }], OPTIONS)).toThrow(/tiles\[0\] \(10\/1024\/0\): x and y must be integers from 0 to 1023 at zoom 10/);
    expect(() => writePmtiles([{ z: 10, x: 0, y: -1, data }], OPTIONS)).toThrow(/x and y must be integers from 0 to 1023/);
    expect(() => writePmtiles([{ z: 10, x: 0, y: 0, data: 'text' as unknown as Uint8Array }], OPTIONS)).toThrow(/data must be a Uint8Array/);
  });

  it('rejects bad zooms, bounds, center and metadata', () => {
    const tiles = sampleTiles();
    expect(() => writePmtiles(tiles, { ...OPTIONS, minzoom: 17 })).toThrow(/options\.minzoom \(17\) is above options\.maxzoom \(16\)/);
    expect(() => writePmtiles(tiles, { ...OPTIONS, maxzoom: 27 })).toThrow(/options\.maxzoom must be an integer from 0 to 26/);
    expect(() => writePmtiles(tiles, { ...OPTIONS, bounds: [118.81, 32.02, 118.75, 32.06] })).toThrow(/options\.bounds must be \[west, south, east, north\]/);
    expect(() => writePmtiles(tiles, { ...OPTIONS, bounds: [500_000, 3_500_000, 510_000, 3_510_000] })).toThrow(/options\.bounds/);
    expect(() => writePmtiles(tiles, { ...OPTIONS, center: [118.78, 32.04, 9] })).toThrow(/options\.center must be \[longitude, latitude, zoom\] with an integer zoom from 10 to 16/);
    expect(() => writePmtiles(tiles, { ...OPTIONS, metadata: [] as unknown as Record<string, unknown> })).toThrow(/options\.metadata must be a JSON object/);
  });
});

describe('writePackedPmtiles', () => {
  it('writes byte for byte the archive writePmtiles writes from the same tiles unpacked, repeats included', () => {
    const tiles = sampleTiles();
    // Two tiles with the bytes of a third: stored once, as writePmtiles stores them.
    const repeated = [...tiles, { z: 16, x: 1, y: 1, data: tiles[0]!.data }, { z: 16, x: 1, y: 2, data: tiles[0]!.data }];
    const packed = writePackedPmtiles(repeated.map(packTile), OPTIONS);
    expect(Buffer.from(packed).equals(Buffer.from(writePmtiles(repeated, OPTIONS)))).toBe(true);
  });

  it('gives the same bytes as parts (header, directories, metadata, each tile) as whole', () => {
    const tiles = sampleTiles().map(packTile);
    const layout = pmtilesParts(tiles, OPTIONS);
    const parts = [...layout.parts()];
    expect(parts.length).toBe(4 + tiles.length);
    expect(Buffer.concat(parts).equals(Buffer.from(writePackedPmtiles(tiles, OPTIONS)))).toBe(true);
    expect(layout.byteLength).toBe(Buffer.concat(parts).byteLength);
  });

  it('writes tiles spilled to disk byte for byte as the same tiles in memory, reading each once', () => {
    const packed = sampleTiles().map(packTile);
    const spill = new TileSpill('test');
    try {
      let reads = 0;
      const spilled = packed.map((t) => {
        const s = spill.store(t);
        return { ...s, read: () => (reads++, s.read()) };
      });
      expect(spill.bytes).toBe(packed.reduce((n, t) => n + t.gzipped.byteLength, 0));
      const layout = pmtilesParts(spilled, OPTIONS);
      expect(reads).toBe(0);
      expect(Buffer.concat([...layout.parts()]).equals(Buffer.from(writePackedPmtiles(packed, OPTIONS)))).toBe(true);
      expect(reads).toBe(packed.length);
      // A spilled tile whose bytes are not what was laid out is an error, not a corrupt archive.
      const short = { ...spilled[0]!, read: () => new Uint8Array(1) };
      expect(() => [...pmtilesParts([short, ...spilled.slice(1)], OPTIONS).parts()]).toThrow(/has 1 bytes; \d+ were laid out/);
      expect(statSync(spill.file).size).toBe(spill.bytes);
    } finally {
      spill.close();
    }
    expect(existsSync(dirname(spill.file))).toBe(false);
    expect(() => spill.store(packed[0]!)).toThrow(/used after close/);
  });

  it('reads back every packed tile through pmtiles', async () => {
    const tiles = sampleTiles();
    expect(await readEveryTile(writePackedPmtiles(tiles.map(packTile), OPTIONS), tiles)).toEqual(tiles.map((t) => new TextDecoder().decode(t.data)));
  });

  it('packs on the thread pool exactly what packTile packs (the tile stage uses both)', async () => {
    // Long enough to compress, and a few shapes of content, so the gzip level and header byte matter.
    const tiles = [...sampleTiles(), { z: 12, x: 3, y: 4, data: text('问题 '.repeat(2000)) }];
    const sync = tiles.map(packTile);
    const pooled = await Promise.all(tiles.map(packTileAsync));
    pooled.forEach((p, i) => {
      expect(p.contentHash).toBe(sync[i]!.contentHash);
      expect(Buffer.from(p.gzipped).equals(Buffer.from(sync[i]!.gzipped))).toBe(true);
    });
    await expect(packTileAsync({ z: 10, x: 0, y: 0, data: 'a' as unknown as Uint8Array })).rejects.toThrow(/data must be a Uint8Array/);
  });

  it('refuses no tiles and a duplicate tile as writePmtiles does', () => {
    expect(() => writePackedPmtiles([], OPTIONS)).toThrow(/no tiles to write/);
    const tile = packTile({ z: 10, x: 0, y: 0, data: text('a') });
    expect(() => writePackedPmtiles([tile, tile], OPTIONS)).toThrow(/duplicate tile 10\/0\/0 at tiles\[0\] and tiles\[1\]/);
  });
});
