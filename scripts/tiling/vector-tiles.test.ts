import { VectorTile, type VectorTileLayer } from '@mapbox/vector-tile';
import type { Feature, Geometry } from 'geojson';
import { PbfReader } from 'pbf';
import { zxyToTileId } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { describeVectorLayers, encodeVectorTiles, type EncodedTile, type TileLayerInput } from './vector-tiles';

// Central Nanjing, where the repo's OSM extract is.
const LON = 118.78;
const LAT = 32.04;

function point(lon: number, lat: number, properties: Record<string, unknown> | null = {}, id?: number | string): Feature {
  const feature: Feature = { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties };
  if (id !== undefined) feature.id = id;
  return feature;
}

/** The tile that holds a position at zoom z (slippy-map formula, independent of the code under test). */
function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)];
}

/**
 * Every tile whose area plus 64-unit buffer holds the position at zoom z: what geojson-vt's
 * half-open clip [t - b, t + 1 + b) keeps, worked out here from the position alone.
 */
function tilesHolding(lon: number, lat: number, z: number): [number, number, number][] {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  const fx = ((lon + 180) / 360) * n;
  const fy = ((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n;
  const b = 64 / 4096;
  const range = (f: number) => {
    const out: number[] = [];
    for (let t = Math.floor(f - 1 - b) + 1; t <= Math.floor(f + b); t++) out.push(t);
    return out;
  };
  return range(fx).flatMap((x) => range(fy).map((y): [number, number, number] => [z, x, y]));
}

const byTileId = (a: readonly number[], b: readonly number[]) => zxyToTileId(a[0]!, a[1]!, a[2]!) - zxyToTileId(b[0]!, b[1]!, b[2]!);

function decode(tile: EncodedTile): Record<string, VectorTileLayer> {
  return new VectorTile(new PbfReader(tile.data)).layers;
}

function layerFeatures(tile: EncodedTile, name: string) {
  const layer = decode(tile)[name];
  if (!layer) return [];
  return Array.from({ length: layer.length }, (_, i) => layer.feature(i));
}

describe('encodeVectorTiles', () => {
  it('cuts one point into exactly the tile that holds it at every zoom', () => {
    const tiles = encodeVectorTiles([{ name: 'problems', features: [point(LON, LAT, { cat: '03001' })] }], {
      minzoom: 10,
      maxzoom: 16,
    });
    // This position is more than 64 units from every tile edge at z10–16: one tile per zoom.
    expect(tiles.map((t) => [t.z, t.x, t.y])).toEqual([10, 11, 12, 13, 14, 15, 16].map((z) => [z, ...tileOf(LON, LAT, z)]).sort(byTileId));
    expect(tiles.map((t) => [t.z, t.x, t.y])).toEqual([10, 11, 12, 13, 14, 15, 16].flatMap((z) => tilesHolding(LON, LAT, z)).sort(byTileId));
    for (const tile of tiles) {
      const [feature] = layerFeatures(tile, 'problems');
      expect(feature?.properties).toEqual({ cat: '03001' });
      const [lon, lat] = (feature!.toGeoJSON(tile.x, tile.y, tile.z).geometry as { coordinates: number[] }).coordinates;
      // One extent unit at z10 is ~9 m; the decoded point must be within that.
      expect(lon).toBeCloseTo(LON, 3);
      expect(lat).toBeCloseTo(LAT, 3);
    }
  });

  it('returns only tiles that hold features, however far apart the features are', () => {
    const far = [LON + 0.3, LAT - 0.2] as const; // ~30 km away: a different tile from z8 on
    const tiles = encodeVectorTiles([{ name: 'problems', features: [point(LON, LAT), point(far[0], far[1])] }], {
      minzoom: 12,
      maxzoom: 16,
    });
    const expected = [12, 13, 14, 15, 16].flatMap((z) => [...tilesHolding(LON, LAT, z), ...tilesHolding(far[0], far[1], z)]);
    // The far point lies within the buffer of a tile edge at some zooms, so it is in two tiles there.
    expect(expected.length).toBeGreaterThan(10);
    expect(tiles.map((t) => [t.z, t.x, t.y])).toEqual(expected.sort(byTileId));
    for (const tile of tiles) expect(layerFeatures(tile, 'problems')).toHaveLength(1);
  });

  it('also puts a point into the neighbouring tile whose buffer it lies in', () => {
    // A point 10 extent units (of 4096) west of the east edge of its z14 tile.
    const [x, y] = tileOf(LON, LAT, 14);
    const lonAtEdge = ((x + 1) / 2 ** 14) * 360 - 180;
    const lon = lonAtEdge - (10 / 4096) * (360 / 2 ** 14);
    const tiles = encodeVectorTiles([{ name: 'p', features: [point(lon, LAT)] }], { minzoom: 14, maxzoom: 14 });
    expect(tiles.map((t) => [t.z, t.x, t.y])).toEqual(
      [
        [14, x, y],
        [14, x + 1, y],
      ].sort(byTileId),
    );
    const neighbour = tiles.find((t) => t.x === x + 1)!;
    const geometry = layerFeatures(neighbour, 'p')[0]!.loadGeometry();
    expect(geometry[0]![0]!.x).toBe(-10);
  });

  it('puts several layers into the same tile, in input order', () => {
    const tiles = encodeVectorTiles(
      [
        { name: 'lamps', features: [point(LON, LAT, { status: 'working' })] },
        { name: 'problems', features: [point(LON + 0.0001, LAT, { cat: '05001' })] },
      ],
      { minzoom: 14, maxzoom: 14 },
    );
    expect(tiles).toHaveLength(1);
    expect(Object.keys(decode(tiles[0]!))).toEqual(['lamps', 'problems']);
    expect(layerFeatures(tiles[0]!, 'lamps')[0]!.properties).toEqual({ status: 'working' });
    expect(layerFeatures(tiles[0]!, 'problems')[0]!.properties).toEqual({ cat: '05001' });
  });

  it('keeps each layer within its own zoom range', () => {
    const tiles = encodeVectorTiles(
      [
        { name: 'communities', features: [point(LON, LAT)], minzoom: 10, maxzoom: 12 },
        { name: 'grids_l5', features: [point(LON, LAT)], minzoom: 14 },
      ],
      { minzoom: 10, maxzoom: 16 },
    );
    const layersByZoom = new Map(tiles.map((t) => [t.z, Object.keys(decode(t))]));
    expect([...layersByZoom].sort((a, b) => a[0] - b[0])).toEqual([
      [10, ['communities']],
      [11, ['communities']],
      [12, ['communities']],
      [14, ['grids_l5']],
      [15, ['grids_l5']],
      [16, ['grids_l5']],
    ]);
  });

  it('shows a feature with _minzoom only from that zoom on, and strips the property', () => {
    const road = (cls: string, minzoom?: number): Feature => ({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [[LON - 0.001, LAT], [LON + 0.001, LAT + 0.0005]] },
      properties: minzoom === undefined ? { class: cls } : { class: cls, _minzoom: minzoom },
    });
    const tiles = encodeVectorTiles(
      [{ name: 'roads', features: [road('primary'), road('minor', 14), road('path', 15.5)] }],
      { minzoom: 12, maxzoom: 16 },
    );
    const classesByZoom = new Map<number, string[]>();
    for (const tile of tiles) {
      for (const feature of layerFeatures(tile, 'roads')) {
        expect(feature.properties).not.toHaveProperty('_minzoom');
        classesByZoom.set(tile.z, [...(classesByZoom.get(tile.z) ?? []), String(feature.properties.class)]);
      }
    }
    expect(classesByZoom.get(12)).toEqual(['primary']);
    expect(classesByZoom.get(13)).toEqual(['primary']);
    expect(classesByZoom.get(14)).toEqual(['primary', 'minor']);
    expect(classesByZoom.get(15)).toEqual(['primary', 'minor']);
    expect(classesByZoom.get(16)).toEqual(['primary', 'minor', 'path']);
  });

  it('leaves the input features untouched when stripping _minzoom', () => {
    const feature = point(LON, LAT, { class: 'minor', _minzoom: 14 });
    encodeVectorTiles([{ name: 'roads', features: [feature] }], { minzoom: 14, maxzoom: 14 });
    expect(feature.properties).toEqual({ class: 'minor', _minzoom: 14 });
  });

  it('walks down to a _minzoom feature even when the zooms above it are empty', () => {
    const tiles = encodeVectorTiles([{ name: 'buildings', features: [point(LON, LAT, { _minzoom: 15 })] }], {
      minzoom: 10,
      maxzoom: 16,
    });
    expect(tiles.map((t) => t.z).sort()).toEqual([15, 16]);
  });

  it('keeps a numeric feature id for feature-state and drops a string id', () => {
    const tiles = encodeVectorTiles(
      [{ name: 'problems', features: [point(LON, LAT, { n: 1 }, 42), point(LON, LAT, { n: 2 }, 'P0001'), point(LON, LAT, { n: 3 })] }],
      { minzoom: 14, maxzoom: 14 },
    );
    expect(layerFeatures(tiles[0]!, 'problems').map((f) => [f.properties.n, f.id])).toEqual([
      [1, 42],
      [2, undefined],
      [3, undefined],
    ]);
  });

  it('encodes strings, integers, decimals, negatives and booleans, and leaves out null and undefined', () => {
    const properties = { s: '占道经营', i: 7, d: 0.25, neg: -3, b: false, nothing: null, missing: undefined };
    const tiles = encodeVectorTiles([{ name: 'p', features: [point(LON, LAT, properties)] }], { minzoom: 14, maxzoom: 14 });
    expect(layerFeatures(tiles[0]!, 'p')[0]!.properties).toEqual({ s: '占道经营', i: 7, d: 0.25, neg: -3, b: false });
  });

  it('clips a line into every tile it crosses, in tile coordinates with MVT version 2', () => {
    // ~2 km east–west: crosses several z16 tiles (~530 m wide here).
    const line: Feature = {
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [[LON - 0.01, LAT], [LON + 0.01, LAT]] },
      properties: { class: 'primary' },
    };
    const tiles = encodeVectorTiles([{ name: 'roads', features: [line] }], { minzoom: 16, maxzoom: 16 });
    const [x0] = tileOf(LON - 0.01, LAT, 16);
    const [x1] = tileOf(LON + 0.01, LAT, 16);
    expect(tiles.map((t) => t.x).sort((a, b) => a - b)).toEqual(Array.from({ length: x1 - x0 + 1 }, (_, i) => x0 + i));
    for (const tile of tiles) {
      const layer = decode(tile).roads!;
      expect(layer.version).toBe(2);
      expect(layer.extent).toBe(4096);
      for (const ring of layer.feature(0).loadGeometry()) {
        for (const p of ring) {
          expect(p.x).toBeGreaterThanOrEqual(-64);
          expect(p.x).toBeLessThanOrEqual(4096 + 64);
        }
      }
    }
  });

  it('fills every tile a polygon covers, as a polygon', () => {
    const square: Feature = {
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [[[LON - 0.01, LAT - 0.01], [LON + 0.01, LAT - 0.01], [LON + 0.01, LAT + 0.01], [LON - 0.01, LAT + 0.01], [LON - 0.01, LAT - 0.01]]],
      },
      properties: { code: '320102001' },
    };
    const tiles = encodeVectorTiles([{ name: 'subdistrict', features: [square] }], { minzoom: 15, maxzoom: 15 });
    const [xMin, yMax] = tileOf(LON - 0.01, LAT - 0.01, 15);
    const [xMax, yMin] = tileOf(LON + 0.01, LAT + 0.01, 15);
    expect(tiles).toHaveLength((xMax - xMin + 1) * (yMax - yMin + 1));
    for (const tile of tiles) expect(layerFeatures(tile, 'subdistrict')[0]!.type).toBe(3);
  });

  it('returns tiles sorted by PMTiles tile id', () => {
    const features = Array.from({ length: 50 }, (_, i) => point(LON + (i % 10) * 0.004, LAT + Math.floor(i / 10) * 0.004));
    const tiles = encodeVectorTiles([{ name: 'p', features }], { minzoom: 12, maxzoom: 16 });
    const ids = tiles.map((t) => zxyToTileId(t.z, t.x, t.y));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives byte-identical tiles for the same input', () => {
    const layers = (): TileLayerInput[] => [
      { name: 'problems', features: Array.from({ length: 300 }, (_, i) => point(LON + (i % 17) * 0.0007, LAT + (i % 13) * 0.0006, { i, s: `P${i}` }, i)) },
      { name: 'roads', features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[LON, LAT], [LON + 0.01, LAT + 0.003]] }, properties: { _minzoom: 13 } }] },
    ];
    const first = encodeVectorTiles(layers(), { minzoom: 10, maxzoom: 16 });
    const second = encodeVectorTiles(layers(), { minzoom: 10, maxzoom: 16 });
    expect(second.map((t) => [t.z, t.x, t.y, Buffer.from(t.data).toString('base64')])).toEqual(
      first.map((t) => [t.z, t.x, t.y, Buffer.from(t.data).toString('base64')]),
    );
  });

  it('skips a feature with a null geometry or no positions', () => {
    const unlocated: Feature = { type: 'Feature', geometry: null as unknown as Geometry, properties: { id: 'x' } };
    const empty: Feature = { type: 'Feature', geometry: { type: 'MultiPoint', coordinates: [] }, properties: {} };
    const tiles = encodeVectorTiles([{ name: 'p', features: [unlocated, empty, point(LON, LAT, { id: 'y' })] }], {
      minzoom: 14,
      maxzoom: 14,
    });
    expect(layerFeatures(tiles[0]!, 'p').map((f) => f.properties.id)).toEqual(['y']);
  });

  it('returns no tiles for no layers, empty layers or only unlocated features', () => {
    const options = { minzoom: 10, maxzoom: 16 };
    expect(encodeVectorTiles([], options)).toEqual([]);
    expect(encodeVectorTiles([{ name: 'p', features: [] }], options)).toEqual([]);
    const unlocated = { type: 'Feature', geometry: null, properties: {} } as unknown as Feature;
    expect(encodeVectorTiles([{ name: 'p', features: [unlocated] }], options)).toEqual([]);
  });

  it('rejects coordinates that are not WGS-84 degrees, naming the layer, feature and field', () => {
    // A Gauss-Krüger easting/northing pair, as CGCS2000 survey data would carry.
    const projected = point(40_500_000, 3_545_000);
    expect(() => encodeVectorTiles([{ name: 'lamps', features: [point(LON, LAT), projected] }], { minzoom: 14, maxzoom: 14 })).toThrow(
      /layer "lamps", feature 1: geometry\.coordinates must be \[longitude, latitude\] in WGS-84 degrees, got \[40500000,3545000\]/,
    );
    const broken = { type: 'Feature', geometry: { type: 'LineString', coordinates: [[LON, LAT], [LON, null]] }, properties: {} } as unknown as Feature;
    expect(() => encodeVectorTiles([{ name: 'roads', features: [broken] }], { minzoom: 14, maxzoom: 14 })).toThrow(/layer "roads", feature 0: geometry\.coordinates/);
  });

  it('rejects an unknown geometry type and a non-feature', () => {
    const odd = { type: 'Feature', geometry: { type: 'Circle', coordinates: [LON, LAT] }, properties: {} } as unknown as Feature;
    expect(() => encodeVectorTiles([{ name: 'p', features: [odd] }], { minzoom: 14, maxzoom: 14 })).toThrow(
      /layer "p", feature 0: geometry\.type must be a GeoJSON geometry type, got "Circle"/,
    );
    const bare = { type: 'Point', coordinates: [LON, LAT] } as unknown as Feature;
    expect(() => encodeVectorTiles([{ name: 'p', features: [bare] }], { minzoom: 14, maxzoom: 14 })).toThrow(/layer "p", feature 0: expected a GeoJSON Feature/);
  });

  it('rejects a _minzoom that is not a number', () => {
    expect(() => encodeVectorTiles([{ name: 'roads', features: [point(LON, LAT, { _minzoom: '14' })] }], { minzoom: 10, maxzoom: 16 })).toThrow(
      /layer "roads", feature 0: property _minzoom must be a finite number \(a zoom\), got "14"/,
    );
  });

  it('rejects a negative or fractional numeric id', () => {
    expect(() => encodeVectorTiles([{ name: 'p', features: [point(LON, LAT, {}, -1)] }], { minzoom: 14, maxzoom: 14 })).toThrow(
      /layer "p", feature 0: id must be a non-negative integer/,
    );
    expect(() => encodeVectorTiles([{ name: 'p', features: [point(LON, LAT, {}, 1.5)] }], { minzoom: 14, maxzoom: 14 })).toThrow(/id must be a non-negative integer/);
  });

  it('rejects duplicate layer names, a layer outside the archive zooms and bad options', () => {
    const features = [point(LON, LAT)];
    expect(() => encodeVectorTiles([{ name: 'p', features }, { name: 'p', features }], { minzoom: 10, maxzoom: 16 })).toThrow(
      /layer "p" appears twice/,
    );
    expect(() => encodeVectorTiles([{ name: 'p', features, minzoom: 8 }], { minzoom: 10, maxzoom: 16 })).toThrow(
      /layer "p" zooms 8–16 must be an ascending range inside the archive's 10–16/,
    );
    expect(() => encodeVectorTiles([{ name: 'p', features, minzoom: 15, maxzoom: 12 }], { minzoom: 10, maxzoom: 16 })).toThrow(/ascending range/);
    expect(() => encodeVectorTiles([{ name: '', features }], { minzoom: 10, maxzoom: 16 })).toThrow(/layer 0: name must be a non-empty string/);
    expect(() => encodeVectorTiles([], { minzoom: 12, maxzoom: 10 })).toThrow(/options\.minzoom \(12\) is above options\.maxzoom \(10\)/);
    expect(() => encodeVectorTiles([], { minzoom: 10, maxzoom: 25 })).toThrow(/options\.maxzoom must be an integer from 0 to 24, got 25/);
    expect(() => encodeVectorTiles([], { minzoom: 10, maxzoom: 16, extent: 0 })).toThrow(/options\.extent must be a positive integer/);
  });
});

describe('describeVectorLayers', () => {
  it('lists each layer with its zooms and property types, without _minzoom', () => {
    const layers: TileLayerInput[] = [
      {
        name: 'roads',
        features: [
          { type: 'Feature', geometry: { type: 'LineString', coordinates: [[LON, LAT], [LON + 0.001, LAT]] }, properties: { class: 'minor', name: '中山路', _minzoom: 14 } },
          { type: 'Feature', geometry: { type: 'LineString', coordinates: [[LON, LAT], [LON + 0.001, LAT]] }, properties: { class: 'primary', lanes: 4 } },
        ],
        minzoom: 12,
      },
      { name: 'problems', features: [point(LON, LAT, { overdue: 1, flag: true, mixed: 1 }), point(LON, LAT, { overdue: 0, mixed: 'a', none: null })] },
    ];
    expect(describeVectorLayers(layers, { minzoom: 10, maxzoom: 16 })).toEqual([
      { id: 'roads', fields: { class: 'String', lanes: 'Number', name: 'String' }, minzoom: 12, maxzoom: 16 },
      { id: 'problems', fields: { flag: 'Boolean', mixed: 'Mixed', overdue: 'Number' }, minzoom: 10, maxzoom: 16 },
    ]);
  });
});
