/**
 * The whole tile stage end to end: GeoJSON layers → MVT → PMTiles → file on disk → the `pmtiles`
 * reader the dashboard uses → decoded features, checked against the input.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import type { Feature } from 'geojson';
import { PbfReader } from 'pbf';
import { PMTiles } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSource } from './archive-sources';
import { writeFileAtomic } from './atomic-write';
import { writePmtiles } from './pmtiles-writer';
import { describeVectorLayers, encodeVectorTiles, type EncodedTile, type TileLayerInput } from './vector-tiles';

const MINZOOM = 10;
const MAXZOOM = 16;
const WEST = 118.76;
const SOUTH = 32.02;
const EAST = 118.8; // ~4 km × 4 km
const NORTH = 32.056;

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildLayers(): TileLayerInput[] {
  const next = seeded(7);
  const lon = () => WEST + (EAST - WEST) * next();
  const lat = () => SOUTH + (NORTH - SOUTH) * next();
  const problems: Feature[] = Array.from({ length: 2000 }, (_, i) => ({
    type: 'Feature',
    id: i,
    geometry: { type: 'Point', coordinates: [lon(), lat()] },
    properties: { id: `P${i}`, cat: '03001', overdue: i % 5 === 0 ? 1 : 0, severity: 1 + (i % 3), reported: 1_740_000_000 + i },
  }));
  const roadClasses = [
    ['primary', undefined],
    ['minor', 14],
    ['path', 15],
  ] as const;
  const roads: Feature[] = Array.from({ length: 60 }, (_, i) => {
    const [cls, minzoom] = roadClasses[i % 3]!;
    const start = [lon(), lat()];
    return {
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [start, [start[0]! + 0.004, start[1]! + 0.002], [lon(), lat()]] },
      properties: minzoom === undefined ? { class: cls, name: `road ${i}` } : { class: cls, name: `road ${i}`, _minzoom: minzoom },
    };
  });
  const buildings: Feature[] = Array.from({ length: 200 }, (_, i) => {
    const [x, y] = [lon(), lat()];
    const d = 0.0002;
    return {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] },
      properties: { _minzoom: 14, levels: 1 + (i % 30) },
    };
  });
  const subdistrict: Feature = {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [[[WEST, SOUTH], [EAST, SOUTH], [EAST, NORTH], [WEST, NORTH], [WEST, SOUTH]]] },
    properties: { code: '320102001', name: '示范街道' },
  };
  return [
    { name: 'subdistrict', features: [subdistrict], maxzoom: 14 },
    { name: 'roads', features: roads, minzoom: 12 },
    { name: 'buildings', features: buildings, minzoom: 13 },
    { name: 'problems', features: problems },
  ];
}

function buildArchive(layers: TileLayerInput[]): { tiles: EncodedTile[]; archive: Uint8Array } {
  const options = { minzoom: MINZOOM, maxzoom: MAXZOOM };
  const tiles = encodeVectorTiles(layers, options);
  const archive = writePmtiles(tiles, {
    ...options,
    bounds: [WEST, SOUTH, EAST, NORTH],
    center: [(WEST + EAST) / 2, (SOUTH + NORTH) / 2, 14],
    metadata: { name: 'round trip', vector_layers: describeVectorLayers(layers, options) },
  });
  return { tiles, archive };
}

let dir: string;
let path: string;
let layers: TileLayerInput[];
let tiles: EncodedTile[];
let archive: Uint8Array;
/** Every tile as the pmtiles reader returns it from the file on disk. */
let readBack: { tile: EncodedTile; data: Uint8Array; decoded: VectorTile }[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'guatu-tiling-'));
  path = join(dir, 'tiles', 'demo.pmtiles');
  layers = buildLayers();
  ({ tiles, archive } = buildArchive(layers));
  await writeFileAtomic(path, archive);
  const reader = new PMTiles(fileSource(path));
  readBack = [];
  for (const tile of tiles) {
    const response = await reader.getZxy(tile.z, tile.x, tile.y);
    if (!response) throw new Error(`tile ${tile.z}/${tile.x}/${tile.y} missing from the archive`);
    const data = new Uint8Array(response.data);
    readBack.push({ tile, data, decoded: new VectorTile(new PbfReader(data)) });
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('tile stage round trip', () => {
  it('reads every tile back from disk through pmtiles, byte for byte as encoded', () => {
    expect(tiles.length).toBeGreaterThan(50);
    for (const { tile, data } of readBack) expect(Buffer.from(data).equals(Buffer.from(tile.data))).toBe(true);
  });

  it('has a header that matches what was written', async () => {
    const header = await new PMTiles(fileSource(path)).getHeader();
    expect(header).toMatchObject({
      minZoom: MINZOOM,
      maxZoom: MAXZOOM,
      minLon: WEST,
      minLat: SOUTH,
      maxLon: EAST,
      maxLat: NORTH,
      centerZoom: 14,
      clustered: true,
      numAddressedTiles: tiles.length,
    });
  });

  it('serves the vector_layers metadata', async () => {
    const metadata = (await new PMTiles(fileSource(path)).getMetadata()) as { vector_layers: { id: string; minzoom: number }[] };
    expect(metadata.vector_layers.map((l) => [l.id, l.minzoom])).toEqual([
      ['subdistrict', 10],
      ['roads', 12],
      ['buildings', 13],
      ['problems', 10],
    ]);
  });

  it('holds each layer only within its zoom range', () => {
    const zoomsOf = (name: string) => [...new Set(readBack.filter((r) => r.decoded.layers[name]).map((r) => r.tile.z))].sort((a, b) => a - b);
    expect(zoomsOf('subdistrict')).toEqual([10, 11, 12, 13, 14]);
    expect(zoomsOf('roads')).toEqual([12, 13, 14, 15, 16]);
    expect(zoomsOf('buildings')).toEqual([14, 15, 16]); // layer from 13, every building from 14
    expect(zoomsOf('problems')).toEqual([10, 11, 12, 13, 14, 15, 16]);
  });

  it('shows _minzoom roads only from their zoom on and never writes _minzoom', () => {
    for (const { tile, decoded } of readBack) {
      const roads = decoded.layers.roads;
      if (!roads) continue;
      for (let i = 0; i < roads.length; i++) {
        const { properties } = roads.feature(i);
        expect(properties).not.toHaveProperty('_minzoom');
        if (properties.class === 'minor') expect(tile.z).toBeGreaterThanOrEqual(14);
        if (properties.class === 'path') expect(tile.z).toBeGreaterThanOrEqual(15);
      }
    }
    const classesAt = (z: number) =>
      new Set(
        readBack
          .filter((r) => r.tile.z === z && r.decoded.layers.roads)
          .flatMap((r) => Array.from({ length: r.decoded.layers.roads!.length }, (_, i) => r.decoded.layers.roads!.feature(i).properties.class)),
      );
    expect(classesAt(13)).toEqual(new Set(['primary']));
    expect(classesAt(14)).toEqual(new Set(['primary', 'minor']));
    expect(classesAt(16)).toEqual(new Set(['primary', 'minor', 'path']));
  });

  it('has every problem exactly once per zoom inside a tile, with its id and properties', () => {
    const input = new Map(layers[3]!.features.map((f) => [f.id as number, f.properties]));
    for (let z = MINZOOM; z <= MAXZOOM; z++) {
      const seen = new Map<number, unknown>();
      for (const { tile, decoded } of readBack) {
        const problems = decoded.layers.problems;
        if (tile.z !== z || !problems) continue;
        for (let i = 0; i < problems.length; i++) {
          const feature = problems.feature(i);
          const p = feature.loadGeometry()[0]![0]!;
          // Copies in a neighbour's buffer lie outside 0–4095; count each point where it belongs.
          if (p.x < 0 || p.y < 0 || p.x >= 4096 || p.y >= 4096) continue;
          expect(seen.has(feature.id!), `problem ${feature.id} twice at z${z}`).toBe(false);
          seen.set(feature.id!, feature.properties);
        }
      }
      expect(seen.size, `problems at z${z}`).toBe(input.size);
      for (const [id, properties] of seen) expect(properties).toEqual(input.get(id));
    }
  });

  it('writes a byte-identical archive when rebuilt from the same input', async () => {
    const rebuilt = buildArchive(buildLayers()).archive;
    expect(Buffer.from(rebuilt).equals(Buffer.from(archive))).toBe(true);
    expect((await readFile(path)).equals(Buffer.from(archive))).toBe(true);
  });
});
