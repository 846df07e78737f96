/**
 * Tile stage for point layers (the problem ledger): points binned straight into MVT tiles.
 *
 * vector-tiles.ts cuts any geometry through geojson-vt, which per tile re-projects, clips and
 * transforms every candidate and builds an object per feature, and then vt-pbf wraps each feature
 * again and keys each property value by a `type:value` string. For a million points in seven zooms
 * that was 160 s of a 216 s build. A point needs none of it: it is in a tile or not. This module
 *
 * - projects every point once and interns every property value once, in `PointTable`: a value id
 *   per point and property, and each distinct value's MVT Value message encoded once;
 * - walks the same quadtree as vector-tiles.ts, handing each child the points inside the child plus
 *   its buffer, by the exact comparisons geojson-vt's clip makes (half-open [t − b, t + 1 + b)), one
 *   walk for all the layers of one table (the heat and the street-zoom layer);
 * - writes each tile with pbf's writer in the byte layout vt-pbf writes (field order, first-seen key
 *   and value tables, value types), so a tile is byte-identical to the geojson-vt path's
 *   (point-tiles.test.ts checks that against vector-tiles.ts);
 * - hands tiles out one at a time (`pointTiles`), so the caller can gzip each and let it go.
 *
 * Vector-tile encoding is pbf's writer, not vt-pbf: vt-pbf wants a feature object, a Point object
 * per vertex and a `type:value` string per property per tile, which at 10M point-tile features was
 * most of the time and of the garbage.
 *
 * Memory: the table (two doubles and one 32-bit id per point and property, the encoded values),
 * one index buffer per zoom, one pbf buffer as large as the largest tile, and the tile being cut.
 */
import { PbfWriter } from 'pbf';
import { ValueIds } from './value-ids';
import { zxyToTileId } from 'pmtiles';
import { checkLayerNameAndZooms, checkZoom, projectX, projectY, TILING_DEFAULTS, type EncodedTile, type VectorLayerDescription } from './vector-tiles';

/** A property value a point tile can carry; null (or a missing value) writes no tag, as in vt-pbf. */
export type PointValue = string | number | boolean | null | undefined;

/** Points to tile, read once through accessors so the caller need not build a GeoJSON feature per point. */
export interface PointSource {
  count: number;
  /** WGS-84 longitude of point `index`. */
  lon: (index: number) => number;
  /** WGS-84 latitude of point `index`. */
  lat: (index: number) => number;
  /** MVT feature id (a non-negative integer, for MapLibre feature-state); no ids when omitted. */
  id?: (index: number) => number;
  /** Property accessors by key. A layer writes the keys it names, in its order. */
  properties: Record<string, (index: number) => PointValue>;
}

export interface PointLayerInput {
  /** Layer name inside the tile (ARCHIVES in src/contract/tiles.ts). */
  name: string;
  table: PointTable;
  /** Property keys written into this layer, in this order; each must be a column of the table. */
  keys: readonly string[];
  /** First zoom the layer appears at; defaults to the archive's minzoom. */
  minzoom?: number;
  /** Last zoom the layer is cut at; defaults to the archive's maxzoom. */
  maxzoom?: number;
}

export interface PointTilingOptions {
  minzoom: number;
  maxzoom: number;
  extent?: number;
  buffer?: number;
}

/** No value: the point writes no tag for this key. */
const NO_VALUE = 0xffffffff;
const TYPE_NUMBER = 1;
const TYPE_STRING = 2;
const TYPE_BOOLEAN = 4;

/**
 * Points projected once into geojson-vt's world square (web mercator, 0–1, y down) and their
 * property values interned: one id per distinct typed value, shared by all columns, the way vt-pbf
 * shares one value table across a layer's keys.
 */
export class PointTable {
  readonly count: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly ids: Float64Array | null;
  /**
   * Each distinct value's MVT Value message body, encoded once (a value is written into every zoom's
   * tile): value id k is valueBytes[valueOffsets[k] .. valueOffsets[k + 1]). A column holds value ids.
   */
  readonly valueBytes: Uint8Array;
  readonly valueOffsets: Float64Array;
  /** Property keys, in source order; a key's position is its column. */
  readonly keys: readonly string[];
  readonly columnOf = new Map<string, number>();
  /**
   * Value ids, row-major: point i's value for column c at i × keys.length + c. A tile reads all of a
   * point's values at once, so one point's ids share a cache line (columns apart cost 1.5× at 1M).
   */
  readonly valueIds: Uint32Array;
  /** Per column: which value types it holds (bit set), for TileJSON's `vector_layers`. */
  readonly columnTypes: number[] = [];

  constructor(source: PointSource) {
    const { count } = source;
    if (!Number.isInteger(count) || count < 0) throw new Error(`PointTable: count must be an integer >= 0, got ${String(count)}`);
    this.count = count;
    this.x = new Float64Array(count);
    this.y = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const lon = source.lon(i);
      const lat = source.lat(i);
      // As in vector-tiles.ts: metres or swapped lat/lon would tile silently into the wrong place.
      if (typeof lon !== 'number' || typeof lat !== 'number' || !(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90)) {
        throw new Error(`PointTable: point ${i}: position must be longitude, latitude in WGS-84 degrees, got ${JSON.stringify([lon, lat])}`);
      }
      this.x[i] = projectX(lon);
      this.y[i] = projectY(lat);
    }
    if (source.id) {
      this.ids = new Float64Array(count);
      for (let i = 0; i < count; i++) {
        const id = source.id(i);
        if (!(Number.isSafeInteger(id) && id >= 0)) {
          throw new Error(`PointTable: point ${i}: id must be a non-negative integer (MVT ids are unsigned), got ${String(id)}`);
        }
        this.ids[i] = id;
      }
    } else {
      this.ids = null;
    }
    // Each distinct value once (tiling/value-ids.ts), in id order: encoded after the loop (below).
    const ids = new ValueIds();
    const readers = Object.entries(source.properties);
    this.keys = readers.map(([key]) => key);
    const width = this.keys.length;
    this.valueIds = new Uint32Array(count * width);
    readers.forEach(([key, read], c) => {
      this.columnOf.set(key, c);
      let types = 0;
      for (let i = 0; i < count; i++) {
        const value = read(i);
        if (value === null || value === undefined) {
          this.valueIds[i * width + c] = NO_VALUE;
          continue;
        }
        const type = typeof value;
        if (type !== 'string' && type !== 'number' && type !== 'boolean') throw new Error(`PointTable: point ${i}: property ${key} must be a string, number, boolean or null, got ${type}`);
        // Equal by SameValueZero: 0 and −0 share one value, as vt-pbf's "number:0" key does.
        this.valueIds[i * width + c] = ids.idOf(value);
        types |= type === 'number' ? TYPE_NUMBER : type === 'string' ? TYPE_STRING : TYPE_BOOLEAN;
      }
      this.columnTypes.push(types);
    });
    // The bytes stay a view of the writer's buffer, not a copy: at 1M problems they are ~75 MB in a
    // buffer grown to 128 MB, and a copy beside it was 75 MB more at the build's peak.
    const encoded = new PbfWriter();
    this.valueOffsets = new Float64Array(ids.size + 1);
    ids.values.forEach((value, id) => {
      writeValue(value, encoded);
      this.valueOffsets[id + 1] = encoded.pos;
    });
    this.valueBytes = encoded.finish();
  }

  /** How many distinct values the columns hold. */
  get valueCount(): number {
    return this.valueOffsets.length - 1;
  }
}

interface Settings {
  minzoom: number;
  maxzoom: number;
  extent: number;
  buffer: number;
}

/**
 * Cuts point layers into tiles from each layer's minzoom to its maxzoom and returns only tiles that
 * hold at least one point, sorted by PMTiles tile id; layers sharing a tile follow in input order.
 * Within a layer, points keep their table order. The same input always gives byte-identical tiles.
 */
export function encodePointTiles(layers: readonly PointLayerInput[], options: PointTilingOptions): EncodedTile[] {
  const tiles: { tileId: number; tile: EncodedTile }[] = [];
  for (const tile of pointTiles(layers, options)) tiles.push({ tileId: zxyToTileId(tile.z, tile.x, tile.y), tile });
  return tiles.sort((a, b) => a.tileId - b.tileId).map(({ tile }) => tile);
}

/**
 * encodePointTiles one tile at a time, in walk order (depth first, not tile-id order), each tile
 * whole (every layer in it): the caller can compress and drop it before the next is cut. The layers
 * are views of one PointTable (the same points, other properties), so one walk serves them all.
 */
export function* pointTiles(layers: readonly PointLayerInput[], options: PointTilingOptions): Generator<EncodedTile, void, undefined> {
  const settings = resolvePointOptions(options);
  const ranges = checkPointLayers(layers, settings);
  if (layers.length === 0) return;
  const table = layers[0]!.table;
  const other = layers.find((l) => l.table !== table);
  if (other) throw new Error(`encodePointTiles: layer "${other.name}" reads another PointTable; the layers of one call must share one`);
  const minzoom = Math.min(...ranges.map((r) => r.minzoom));
  const maxzoom = Math.max(...ranges.map((r) => r.maxzoom));
  const writer = new TileWriter(settings.extent, table);
  for (const { z, x, y, points } of walkPoints(table, minzoom, maxzoom, settings)) {
    // A Tile message is only its repeated Layer messages: the layers one after the other.
    layers.forEach((layer, index) => {
      const range = ranges[index]!;
      if (z >= range.minzoom && z <= range.maxzoom) writer.layer(layer, z, x, y, points);
    });
    yield { z, x, y, data: writer.finish() };
  }
}

/** TileJSON `vector_layers` of point layers, as describeVectorLayers gives for the same features. */
export function describePointLayers(layers: readonly PointLayerInput[], options: PointTilingOptions): VectorLayerDescription[] {
  const settings = resolvePointOptions(options);
  const ranges = checkPointLayers(layers, settings);
  return layers.map((layer, index) => {
    const fields: VectorLayerDescription['fields'] = {};
    for (const key of [...layer.keys].sort()) {
      const types = layer.table.columnTypes[layer.table.columnOf.get(key)!]!;
      if (types === 0) continue; // every value null: describeVectorLayers lists no such field either
      fields[key] = types === TYPE_NUMBER ? 'Number' : types === TYPE_STRING ? 'String' : types === TYPE_BOOLEAN ? 'Boolean' : 'Mixed';
    }
    return { id: layer.name, fields, ...ranges[index]! };
  });
}

function resolvePointOptions(options: PointTilingOptions): Settings {
  const settings: Settings = {
    minzoom: options.minzoom,
    maxzoom: options.maxzoom,
    extent: options.extent ?? TILING_DEFAULTS.extent,
    buffer: options.buffer ?? TILING_DEFAULTS.buffer,
  };
  for (const key of ['minzoom', 'maxzoom'] as const) checkZoom(settings[key], `options.${key}`, 'encodePointTiles');
  if (settings.minzoom > settings.maxzoom) {
    throw new Error(`encodePointTiles: options.minzoom (${settings.minzoom}) is above options.maxzoom (${settings.maxzoom})`);
  }
  if (!Number.isInteger(settings.extent) || settings.extent <= 0) {
    throw new Error(`encodePointTiles: options.extent must be a positive integer, got ${String(settings.extent)}`);
  }
  if (!Number.isFinite(settings.buffer) || settings.buffer < 0) {
    throw new Error(`encodePointTiles: options.buffer must be a number >= 0, got ${String(settings.buffer)}`);
  }
  return settings;
}


function checkPointLayers(layers: readonly PointLayerInput[], settings: Settings): { minzoom: number; maxzoom: number }[] {
  const names = new Set<string>();
  return layers.map((layer, index) => {
    const range = checkLayerNameAndZooms(layer, index, names, settings, 'encodePointTiles');
    const missing = layer.keys.find((key) => !layer.table.columnOf.has(key));
    if (missing !== undefined) throw new Error(`encodePointTiles: layer "${layer.name}": no property column "${missing}" in its table`);
    return range;
  });
}

interface TilePoints {
  z: number;
  x: number;
  y: number;
  /** Indexes into the table, ascending: the points inside the tile plus its buffer. Valid until the next tile. */
  points: Uint32Array;
}

/**
 * Depth-first from tile 0/0/0: each child gets the parent's points that geojson-vt's clip keeps in
 * the child, start ≤ p < end with start = (t − b) / 2^z and end = (t + 1 + b) / 2^z, b the buffer as
 * a share of the extent, computed in the same order of operations so the same doubles compare. A
 * child's buffered square lies inside its parent's, so filtering the parent's points is exact.
 *
 * One index buffer per depth, allocated once: the walk visits one child at a time, so a depth's
 * buffer is free again when the next sibling is filled. (Fresh arrays per tile meant megabytes of
 * ArrayBuffers per tile, and V8 answers those with full collections of a multi-GB heap.)
 */
function* walkPoints(table: PointTable, minzoom: number, maxzoom: number, settings: Settings): Generator<TilePoints, void, undefined> {
  if (table.count === 0) return;
  const { x: px, y: py } = table;
  const b = settings.buffer / settings.extent;
  const byDepth: Uint32Array[] = [];
  const bufferAt = (depth: number): Uint32Array => (byDepth[depth] ??= new Uint32Array(table.count));
  function* visit(z: number, x: number, y: number, points: Uint32Array): Generator<TilePoints, void, undefined> {
    if (z >= minzoom) yield { z, x, y, points };
    if (z >= maxzoom) return;
    const childZoom = z + 1;
    const scale = 1 << childZoom;
    const inside = bufferAt(childZoom);
    for (let dy = 0; dy < 2; dy++) {
      const cy = 2 * y + dy;
      const minY = (cy - b) / scale;
      const maxY = (cy + 1 + b) / scale;
      for (let dx = 0; dx < 2; dx++) {
        const cx = 2 * x + dx;
        const minX = (cx - b) / scale;
        const maxX = (cx + 1 + b) / scale;
        let count = 0;
        for (let k = 0; k < points.length; k++) {
          const i = points[k]!;
          const pxi = px[i]!;
          const pyi = py[i]!;
          if (pxi >= minX && pxi < maxX && pyi >= minY && pyi < maxY) inside[count++] = i;
        }
        if (count > 0) yield* visit(childZoom, cx, cy, inside.subarray(0, count));
      }
    }
  }
  const all = bufferAt(0);
  for (let i = 0; i < all.length; i++) all[i] = i;
  yield* visit(0, 0, 0, all);
}

/**
 * Writes a tile's Layer messages (MVT spec 4.1) in vt-pbf's layout: version, name, extent, the
 * features, then the keys and the values in the order the features first used them. One pbf buffer
 * serves every tile (it grows to the largest); finish() copies the tile's bytes out.
 */
class TileWriter {
  private readonly pbf = new PbfWriter();
  /** Value id → index in the current layer's value table, −1 when not in it yet. */
  private readonly localValue: Int32Array;
  /** The current layer's value table: value ids in first-use order (usedCount of them). */
  private readonly usedValues: Uint32Array;
  private usedCount = 0;
  private usedKeys: string[] = [];
  private keyIndex: Int32Array = new Int32Array(0);
  // The feature being written, read by the pbf callbacks (no closure per feature).
  private point = 0;
  /** The layer's keys as columns of the table. */
  private columns: number[] = [];
  private keys: readonly string[] = [];
  private tileX = 0;
  private tileY = 0;
  private z2 = 1;

  constructor(
    private readonly extent: number,
    private readonly table: PointTable,
  ) {
    this.localValue = new Int32Array(table.valueCount).fill(-1);
    this.usedValues = new Uint32Array(table.valueCount);
  }

  layer(layer: PointLayerInput, z: number, x: number, y: number, points: Uint32Array): void {
    const { table, pbf } = this;
    this.keys = layer.keys;
    this.columns = layer.keys.map((key) => table.columnOf.get(key)!);
    this.keyIndex = new Int32Array(layer.keys.length).fill(-1);
    this.usedKeys = [];
    this.usedCount = 0;
    this.tileX = x;
    this.tileY = y;
    this.z2 = 1 << z;
    pbf.writeMessage(
      3,
      (self: TileWriter) => {
        pbf.writeVarintField(15, 2); // MVT spec version 2.1
        pbf.writeStringField(1, layer.name);
        pbf.writeVarintField(5, self.extent);
        for (let k = 0; k < points.length; k++) {
          self.point = points[k]!;
          pbf.writeMessage(2, self.writeFeature, self);
        }
        for (const key of self.usedKeys) pbf.writeStringField(3, key);
        // The Value messages as encoded once in the table: field 4, length, body — the bytes
        // writeMessage(4, …) writes. Copied by hand: a subarray per value is an object per value.
        const { valueBytes, valueOffsets } = table;
        for (let v = 0; v < self.usedCount; v++) {
          const id = self.usedValues[v]!;
          const start = valueOffsets[id]!;
          const end = valueOffsets[id + 1]!;
          pbf.writeVarint((4 << 3) | 2);
          pbf.writeVarint(end - start);
          pbf.realloc(end - start);
          const buf = pbf.buf;
          let at = pbf.pos;
          for (let j = start; j < end; j++) buf[at++] = valueBytes[j]!;
          pbf.pos = at;
        }
      },
      this,
    );
    for (let v = 0; v < this.usedCount; v++) this.localValue[this.usedValues[v]!] = -1;
  }

  /** The tile's bytes (a copy), and the buffer emptied for the next tile. */
  finish(): Uint8Array {
    const { pbf } = this;
    const bytes = pbf.buf.slice(0, pbf.pos);
    pbf.pos = 0;
    return bytes;
  }

  private writeFeature(self: TileWriter, pbf: PbfWriter): void {
    const i = self.point;
    if (self.table.ids) pbf.writeVarintField(1, self.table.ids[i]!);
    pbf.writeMessage(2, self.writeTags, self);
    pbf.writeVarintField(3, 1); // GeomType.POINT
    pbf.writeMessage(4, self.writeGeometry, self);
  }

  private writeTags(self: TileWriter, pbf: PbfWriter): void {
    const { columns, keyIndex, localValue } = self;
    const { valueIds, keys } = self.table;
    const row = self.point * keys.length;
    for (let c = 0; c < columns.length; c++) {
      const id = valueIds[row + columns[c]!]!;
      if (id === NO_VALUE) continue;
      let key = keyIndex[c]!;
      if (key < 0) {
        key = keyIndex[c] = self.usedKeys.length;
        self.usedKeys.push(self.keys[c]!);
      }
      let value = localValue[id]!;
      if (value < 0) {
        value = localValue[id] = self.usedCount;
        self.usedValues[self.usedCount++] = id;
      }
      pbf.writeVarint(key);
      pbf.writeVarint(value);
    }
  }

  private writeGeometry(self: TileWriter, pbf: PbfWriter): void {
    const i = self.point;
    // geojson-vt's transform: round(extent × (p × 2^z − t)).
    const x = Math.round(self.extent * (self.table.x[i]! * self.z2 - self.tileX));
    const y = Math.round(self.extent * (self.table.y[i]! * self.z2 - self.tileY));
    pbf.writeVarint((1 & 0x7) | (1 << 3)); // MoveTo, one point
    pbf.writeVarint((x << 1) ^ (x >> 31));
    pbf.writeVarint((y << 1) ^ (y >> 31));
  }
}

/** A Value message (MVT spec 4.1) as vt-pbf writes it: integers as uint/sint, others as double. */
function writeValue(value: string | number | boolean, pbf: PbfWriter): void {
  if (typeof value === 'string') pbf.writeStringField(1, value);
  else if (typeof value === 'boolean') pbf.writeBooleanField(7, value);
  else if (value % 1 !== 0) pbf.writeDoubleField(3, value);
  else if (value < 0) pbf.writeSVarintField(6, value);
  else pbf.writeVarintField(5, value);
}
