import { VectorTile } from '@mapbox/vector-tile';
import type { Feature } from 'geojson';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { describePointLayers, encodePointTiles, pointTiles, PointTable, type PointLayerInput, type PointSource, type PointValue } from './point-tiles';
import { describeVectorLayers, encodeVectorTiles, type EncodedTile, type TileLayerInput } from './vector-tiles';
import { Rng } from '../demo/random';

// A 4 km square in central Nanjing, where the repo's OSM extract is.
const WEST = 118.76;
const SOUTH = 32.02;
const SIZE = 0.04;

/** Longitude of the west edge of tile column x at zoom z (inverse of the slippy-map formula). */
const tileLon = (x: number, z: number) => (x / 2 ** z) * 360 - 180;
const tileLat = (y: number, z: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI;

interface Row {
  lon: number;
  lat: number;
  props: Record<string, PointValue>;
}

/**
 * Seeded problem-like points, plus points exactly on a z14 tile corner and just inside and outside
 * its 64-unit buffer, where the half-open clip decides which tiles hold them.
 */
function fixture(count: number): Row[] {
  const rng = new Rng(11);
  const next = (): number => rng.next();
  const statuses = ['reported', 'dispatched', 'closed'];
  const rows: Row[] = Array.from({ length: count }, (_, i) => ({
    lon: WEST + SIZE * next(),
    lat: SOUTH + SIZE * next(),
    props: {
      id: `P${i}`,
      major: String(1 + (i % 7)).padStart(2, '0'),
      status: statuses[i % 3]!,
      overdue: i % 5 === 0 ? 1 : 0,
      severity: 1 + (i % 3),
      reported: 1_740_000_000 + i * 37,
      weight: i % 4 === 0 ? 0.5 : -2, // a double and a negative integer
      flag: i % 2 === 0,
      mixed: i % 3 === 0 ? 'one' : 1, // the number 1 and the string '1' stay distinct values
      note: i % 6 === 0 ? null : `备注 ${i % 10}`,
    },
  }));
  const z = 14;
  const [x, y] = [13_597, 6_656]; // a z14 tile inside the square
  const unit = 1 / 4096;
  for (const [fx, fy] of [
    [0, 0],
    [64 * unit, 0],
    [-64 * unit, 0],
    [-63.6 * unit, 0.5],
    [-64.4 * unit, 0.5],
    [1 + 64 * unit, 0.5],
    [0.5, 1 + 63.9 * unit],
  ] as const) {
    rows.push({ lon: tileLon(x + fx, z), lat: tileLat(y + fy, z), props: { id: `edge ${fx},${fy}`, major: '01', status: 'reported', overdue: 0, severity: 1, reported: 1_740_000_000, weight: 1, flag: false, mixed: '1', note: null } });
  }
  return rows;
}

function tableOf(rows: readonly Row[], withIds = true): PointTable {
  const keys = Object.keys(rows[0]?.props ?? { id: '' });
  const source: PointSource = {
    count: rows.length,
    lon: (i) => rows[i]!.lon,
    lat: (i) => rows[i]!.lat,
    properties: Object.fromEntries(keys.map((key) => [key, (i: number) => rows[i]!.props[key]])),
  };
  if (withIds) source.id = (i) => i + 1;
  return new PointTable(source);
}

/** The same points as GeoJSON features, for the geojson-vt path in vector-tiles.ts. */
function featuresOf(rows: readonly Row[], keys: readonly string[], withIds = true): Feature[] {
  return rows.map((row, i) => {
    const properties: Record<string, unknown> = {};
    for (const key of keys) properties[key] = row.props[key];
    const feature: Feature = { type: 'Feature', geometry: { type: 'Point', coordinates: [row.lon, row.lat] }, properties };
    if (withIds) feature.id = i + 1;
    return feature;
  });
}

function decoded(tile: EncodedTile) {
  const layers = new VectorTile(new PbfReader(tile.data)).layers;
  return Object.fromEntries(
    Object.entries(layers).map(([name, layer]) => [
      name,
      Array.from({ length: layer.length }, (_, i) => {
        const f = layer.feature(i);
        return { id: f.id, properties: f.properties, geometry: f.loadGeometry().map((ring) => ring.map((p) => [p.x, p.y])) };
      }),
    ]),
  );
}

const HEAT_KEYS = ['major', 'status', 'overdue', 'severity', 'reported'];
const ALL_KEYS = ['id', 'major', 'status', 'overdue', 'severity', 'reported', 'weight', 'flag', 'mixed', 'note'];
const OPTIONS = { minzoom: 10, maxzoom: 16 };

describe('encodePointTiles', () => {
  const rows = fixture(3000);
  const table = tableOf(rows);
  const pointLayers: PointLayerInput[] = [
    { name: 'problems_heat', table, keys: HEAT_KEYS },
    { name: 'problems', table, keys: ALL_KEYS, minzoom: 14 },
  ];
  const geojsonLayers: TileLayerInput[] = [
    { name: 'problems_heat', features: featuresOf(rows, HEAT_KEYS) },
    { name: 'problems', features: featuresOf(rows, ALL_KEYS), minzoom: 14 },
  ];
  const points = encodePointTiles(pointLayers, OPTIONS);
  const reference = encodeVectorTiles(geojsonLayers, OPTIONS);

  it('cuts the same tiles as the geojson-vt path, holding the same features in the same order', () => {
    expect(points.map(({ z, x, y }) => [z, x, y])).toEqual(reference.map(({ z, x, y }) => [z, x, y]));
    expect(points.length).toBeGreaterThan(20);
    for (let t = 0; t < points.length; t++) {
      const ours = decoded(points[t]!);
      const theirs = decoded(reference[t]!);
      const { z, x, y } = points[t]!;
      expect(Object.keys(ours), `${z}/${x}/${y}`).toEqual(Object.keys(theirs));
      for (const name of Object.keys(theirs)) {
        const a = ours[name]!;
        const b = theirs[name]!;
        expect(a.map((f) => f.id), `${name} ${z}/${x}/${y}`).toEqual(b.map((f) => f.id));
        expect(a.map((f) => f.properties)).toEqual(b.map((f) => f.properties));
        a.forEach((f, i) => {
          const [[[ax, ay]]] = f.geometry as [[[number, number]]];
          const [[[bx, by]]] = b[i]!.geometry as [[[number, number]]];
          expect(Math.abs(ax - bx)).toBeLessThanOrEqual(1);
          expect(Math.abs(ay - by)).toBeLessThanOrEqual(1);
        });
      }
    }
  });

  it('writes byte for byte what geojson-vt and vt-pbf write for the same points', () => {
    points.forEach((tile, t) => expect(Buffer.from(tile.data).equals(Buffer.from(reference[t]!.data)), `${tile.z}/${tile.x}/${tile.y}`).toBe(true));
  });

  it('puts a point in the buffer of a neighbouring tile into both tiles, and one past the buffer into one', () => {
    const holding = (id: string, z: number) =>
      points.filter((t) => t.z === z && (decoded(t).problems ?? []).some((f) => f.properties.id === id)).map((t) => [t.x, t.y])
        .sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    // The corner of tile 13597/6656 at z14 lies in the buffers of all four tiles around it.
    expect(holding('edge 0,0', 14)).toHaveLength(4);
    expect(holding(`edge ${-63.6 / 4096},0.5`, 14)).toEqual([[13_596, 6_656], [13_597, 6_656]]);
    expect(holding(`edge ${-64.4 / 4096},0.5`, 14)).toEqual([[13_596, 6_656]]);
  });

  it('describes its layers as describeVectorLayers does', () => {
    expect(describePointLayers(pointLayers, OPTIONS)).toEqual(describeVectorLayers(geojsonLayers, OPTIONS));
  });

  it('gives identical bytes on a second run', () => {
    const again = encodePointTiles([{ name: 'problems', table: tableOf(rows), keys: ALL_KEYS }], OPTIONS);
    const first = encodePointTiles([{ name: 'problems', table, keys: ALL_KEYS }], OPTIONS);
    expect(again.map((t) => Buffer.from(t.data).toString('base64'))).toEqual(first.map((t) => Buffer.from(t.data).toString('base64')));
  });

  it('writes no feature ids when the table has none, as geojson-vt does for features without one', () => {
    const few = rows.slice(0, 50);
    const ours = encodePointTiles([{ name: 'p', table: tableOf(few, false), keys: ['id'] }], { minzoom: 14, maxzoom: 14 });
    const theirs = encodeVectorTiles([{ name: 'p', features: featuresOf(few, ['id'], false) }], { minzoom: 14, maxzoom: 14 });
    expect(ours.map((t) => Buffer.from(t.data).toString('hex'))).toEqual(theirs.map((t) => Buffer.from(t.data).toString('hex')));
    expect(decoded(ours[0]!).p![0]!.id).toBeUndefined();
  });

  it('does not throw on zero points and gives no tiles', () => {
    const empty = new PointTable({ count: 0, lon: () => 0, lat: () => 0, properties: { a: () => 1 } });
    expect(encodePointTiles([{ name: 'p', table: empty, keys: ['a'] }], OPTIONS)).toEqual([]);
    expect(describePointLayers([{ name: 'p', table: empty, keys: ['a'] }], OPTIONS)).toEqual([{ id: 'p', fields: {}, minzoom: 10, maxzoom: 16 }]);
  });

  it('refuses positions that are not WGS-84 degrees, naming the point', () => {
    expect(() => new PointTable({ count: 2, lon: (i) => (i === 1 ? 3_500_000 : WEST), lat: () => SOUTH, properties: {} })).toThrow(/point 1: position must be longitude, latitude in WGS-84 degrees/);
    expect(() => new PointTable({ count: 1, lon: () => Number.NaN, lat: () => SOUTH, properties: {} })).toThrow(/point 0/);
  });

  it('refuses ids MVT cannot hold and values that are not scalars', () => {
    expect(() => new PointTable({ count: 1, lon: () => WEST, lat: () => SOUTH, id: () => -1, properties: {} })).toThrow(/point 0: id must be a non-negative integer/);
    expect(() => new PointTable({ count: 1, lon: () => WEST, lat: () => SOUTH, properties: { a: () => ({}) as unknown as string } })).toThrow(/property a must be a string, number, boolean or null/);
  });

  it('hands out each tile whole, every layer in it, once', () => {
    const seen = [...pointTiles(pointLayers, OPTIONS)].map((tile) => `${tile.z}/${tile.x}/${tile.y} ${Buffer.from(tile.data).toString('base64')}`);
    expect(seen.sort()).toEqual(points.map((t) => `${t.z}/${t.x}/${t.y} ${Buffer.from(t.data).toString('base64')}`).sort());
  });

  it('refuses layers that read different tables in one call', () => {
    const other = tableOf(rows.slice(0, 3));
    expect(() => encodePointTiles([{ name: 'a', table, keys: [] }, { name: 'b', table: other, keys: [] }], OPTIONS)).toThrow(/layer "b" reads another PointTable/);
  });

  it('refuses a key with no column, twice the same layer name and zooms outside the archive', () => {
    const small = tableOf(rows.slice(0, 3));
    expect(() => encodePointTiles([{ name: 'p', table: small, keys: ['nope'] }], OPTIONS)).toThrow(/layer "p": no property column "nope"/);
    expect(() => encodePointTiles([{ name: 'p', table: small, keys: [] }, { name: 'p', table: small, keys: [] }], OPTIONS)).toThrow(/appears twice/);
    expect(() => encodePointTiles([{ name: 'p', table: small, keys: [], minzoom: 8 }], OPTIONS)).toThrow(/ascending range inside the archive's 10–16/);
    expect(() => encodePointTiles([], { minzoom: 10, maxzoom: 25 })).toThrow(/options\.maxzoom must be an integer from 0 to 24/);
  });
});
