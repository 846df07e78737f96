/**
 * Tile stage, first half: cut GeoJSON layers into Mapbox Vector Tiles (MVT spec 2.1).
 * The second half, pmtiles-writer.ts, packs the tiles into one archive.
 *
 * Slicing is @maplibre/geojson-vt's `geoJSONToTile` (clip + simplify + transform one tile); encoding
 * is vt-pbf's `fromGeojsonVt`, which reads geojson-vt v6 tiles as they are (see vt-pbf.d.ts).
 *
 * Why not one `GeoJSONVT` index per layer: the index caches every tile it ever made, so walking it
 * down to z16 keeps each point ~17 times (z0–z16) until the walk ends — gigabytes for the 1M-point
 * problem layer. Instead this module walks its own quadtree of feature bounding boxes: each tile
 * hands its candidates down to its four children, and a tile is cut from its candidates alone. Time
 * is O(features × zooms); memory is the input, one candidate list per zoom on the current path, the
 * tile being cut and the encoded tiles.
 */
import { geoJSONToTile, type GeoJSONToTileOptions } from '@maplibre/geojson-vt';
import type { Feature, FeatureCollection, GeoJsonProperties, Geometry, Position } from 'geojson';
import { zxyToTileId } from 'pmtiles';
import { fromGeojsonVt } from 'vt-pbf';

/** Slicing defaults; `TilingOptions` overrides them. */
export const TILING_DEFAULTS = {
  /** Tile coordinate units per side: the MVT and MapLibre default. */
  extent: 4096,
  /** Extent units kept around each tile, so circles, line joins and labels do not get cut at tile edges. */
  buffer: 64,
  /** Simplification in extent units below a layer's maxzoom; its maxzoom keeps every vertex for overzoom. */
  tolerance: 3,
} as const;

/** geojson-vt cannot slice deeper (its tile ids and clip maths are 24-bit). */
export const MAX_TILING_ZOOM = 24;

/**
 * Property that limits one feature to zooms >= its value, e.g. minor roads and buildings from z14.
 * It is read here and never written into a tile.
 */
export const MINZOOM_PROPERTY = '_minzoom';

export interface TileLayerInput {
  /** Layer name inside the tile, e.g. `problems` (see ARCHIVES in src/contract/tiles.ts). */
  name: string;
  /** WGS-84 longitude/latitude features. A feature with a null geometry is skipped. */
  features: readonly Feature[];
  /** First zoom the layer appears at; defaults to the archive's minzoom. */
  minzoom?: number;
  /** Last zoom the layer is cut at (MapLibre overzooms past it); defaults to the archive's maxzoom. */
  maxzoom?: number;
}

export interface TilingOptions {
  /** Lowest zoom of the archive: no layer may start below it. */
  minzoom: number;
  /** Highest zoom of the archive: no layer may end above it. */
  maxzoom: number;
  extent?: number;
  buffer?: number;
  tolerance?: number;
}

export interface EncodedTile {
  z: number;
  x: number;
  y: number;
  /** Uncompressed MVT bytes; the archive writer compresses them. */
  data: Uint8Array;
}

/** A TileJSON 3.0 `vector_layers` entry; PMTiles metadata for MVT should carry these. */
export interface VectorLayerDescription {
  id: string;
  /** Property name → `Number`, `String`, `Boolean` or `Mixed` (tippecanoe's convention). */
  fields: Record<string, 'Number' | 'String' | 'Boolean' | 'Mixed'>;
  minzoom: number;
  maxzoom: number;
}

/**
 * Cuts every layer into tiles from its minzoom to its maxzoom and returns only tiles that hold at
 * least one feature, sorted by PMTiles tile id. Several layers share a tile in input order. The
 * same input always gives byte-identical tiles.
 *
 * Feature ids: a numeric `id` (non-negative integer) is kept so MapLibre feature-state can use it;
 * a string id is dropped, since MVT ids are unsigned integers.
 */
export function encodeVectorTiles(layers: readonly TileLayerInput[], options: TilingOptions): EncodedTile[] {
  const settings = resolveOptions(options);
  const zoomRanges = checkLayers(layers, settings);

  // Each layer is a separate Layer message, and a Tile message is only its repeated layers, so a
  // tile's bytes are its layers' messages concatenated in input order.
  const tiles = new Map<number, { z: number; x: number; y: number; parts: Uint8Array[] }>();
  layers.forEach((layer, index) => {
    const zooms = zoomRanges[index]!;
    const prepared = prepareLayer(layer, zooms);
    sliceLayer(prepared, settings, (z, x, y, bytes) => {
      const tileId = zxyToTileId(z, x, y);
      let tile = tiles.get(tileId);
      if (!tile) {
        tile = { z, x, y, parts: [] };
        tiles.set(tileId, tile);
      }
      tile.parts.push(bytes);
    });
  });

  return [...tiles.keys()]
    .sort((a, b) => a - b)
    .map((tileId) => {
      const { z, x, y, parts } = tiles.get(tileId)!;
      return { z, x, y, data: concatBytes(parts) };
    });
}

/**
 * The TileJSON `vector_layers` of these layers: each layer's zoom range and the type of every
 * property it carries (without `_minzoom`, which never reaches a tile).
 */
export function describeVectorLayers(
  layers: readonly TileLayerInput[],
  options: TilingOptions,
): VectorLayerDescription[] {
  const settings = resolveOptions(options);
  const zoomRanges = checkLayers(layers, settings);
  return layers.map((layer, index) => {
    const types = new Map<string, VectorLayerDescription['fields'][string]>();
    for (const feature of layer.features) {
      if (!feature?.geometry || !feature.properties) continue;
      for (const [key, value] of Object.entries(feature.properties)) {
        if (key === MINZOOM_PROPERTY || value === null || value === undefined) continue;
        const type = typeof value === 'number' ? 'Number' : typeof value === 'boolean' ? 'Boolean' : 'String';
        const seen = types.get(key);
        types.set(key, seen === undefined || seen === type ? type : 'Mixed');
      }
    }
    const fields: VectorLayerDescription['fields'] = {};
    for (const key of [...types.keys()].sort()) fields[key] = types.get(key)!;
    const zooms = zoomRanges[index]!;
    return { id: layer.name, fields, minzoom: zooms.minzoom, maxzoom: zooms.maxzoom };
  });
}

interface Settings {
  minzoom: number;
  maxzoom: number;
  extent: number;
  buffer: number;
  tolerance: number;
}

export interface ZoomRange {
  minzoom: number;
  maxzoom: number;
}

/** A layer ready to slice: located features only, with their minzoom and bounding box. */
interface PreparedLayer {
  name: string;
  minzoom: number;
  maxzoom: number;
  /** Features as geojson-vt gets them: `_minzoom` and undefined properties removed. */
  features: Feature[];
  /** Per feature: the lowest zoom it appears at. */
  featureMinzoom: Float64Array;
  /** Per feature: minX, minY, maxX, maxY in geojson-vt's world square (web mercator, 0–1, y down). */
  bbox: Float64Array;
}

function resolveOptions(options: TilingOptions): Settings {
  const settings = { ...TILING_DEFAULTS, ...definedOnly(options) } as Settings;
  const { minzoom, maxzoom, extent, buffer, tolerance } = settings;
  checkZoom(minzoom, 'options.minzoom');
  checkZoom(maxzoom, 'options.maxzoom');
  if (minzoom > maxzoom) {
    throw new Error(`encodeVectorTiles: options.minzoom (${minzoom}) is above options.maxzoom (${maxzoom})`);
  }
  if (!Number.isInteger(extent) || extent <= 0) {
    throw new Error(`encodeVectorTiles: options.extent must be a positive integer, got ${String(extent)}`);
  }
  if (!Number.isFinite(buffer) || buffer < 0) {
    throw new Error(`encodeVectorTiles: options.buffer must be a number >= 0, got ${String(buffer)}`);
  }
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    throw new Error(`encodeVectorTiles: options.tolerance must be a number >= 0, got ${String(tolerance)}`);
  }
  return settings;
}

/** Drops keys set to undefined, so `{ extent: undefined }` keeps the default. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** `who` names the encoder in the message (this one or the point tiler, which shares the rules). */
export function checkZoom(zoom: unknown, what: string, who = 'encodeVectorTiles'): void {
  if (typeof zoom !== 'number' || !Number.isInteger(zoom) || zoom < 0 || zoom > MAX_TILING_ZOOM) {
    throw new Error(`${who}: ${what} must be an integer from 0 to ${MAX_TILING_ZOOM}, got ${String(zoom)}`);
  }
}

/**
 * The rules every tiled layer meets, whatever its features: a non-empty name not already in `names`
 * (MVT spec 4.1: a tile must not hold two layers with the same name), and a zoom range inside the
 * archive's. Adds the name to `names`; returns the layer's effective range.
 */
export function checkLayerNameAndZooms(
  layer: { name: unknown; minzoom?: number; maxzoom?: number },
  index: number,
  names: Set<string>,
  archive: ZoomRange,
  who = 'encodeVectorTiles',
): ZoomRange {
  if (typeof layer.name !== 'string' || layer.name === '') {
    throw new Error(`${who}: layer ${index}: name must be a non-empty string`);
  }
  if (names.has(layer.name)) {
    throw new Error(`${who}: layer "${layer.name}" appears twice; layer names must be unique`);
  }
  names.add(layer.name);
  const minzoom = layer.minzoom ?? archive.minzoom;
  const maxzoom = layer.maxzoom ?? archive.maxzoom;
  checkZoom(minzoom, `layer "${layer.name}" minzoom`, who);
  checkZoom(maxzoom, `layer "${layer.name}" maxzoom`, who);
  if (minzoom < archive.minzoom || maxzoom > archive.maxzoom || minzoom > maxzoom) {
    throw new Error(
      `${who}: layer "${layer.name}" zooms ${minzoom}–${maxzoom} must be an ascending range ` +
        `inside the archive's ${archive.minzoom}–${archive.maxzoom}`,
    );
  }
  return { minzoom, maxzoom };
}

/** Checks names and zoom ranges and returns each layer's effective zoom range. */
function checkLayers(layers: readonly TileLayerInput[], settings: Settings): ZoomRange[] {
  const names = new Set<string>();
  return layers.map((layer, index) => {
    const range = checkLayerNameAndZooms(layer, index, names, settings);
    if (!Array.isArray(layer.features)) {
      throw new Error(`encodeVectorTiles: layer "${layer.name}": features must be an array of GeoJSON features`);
    }
    return range;
  });
}

/** Validates each feature once and computes what the quadtree walk needs. */
function prepareLayer(layer: TileLayerInput, zooms: ZoomRange): PreparedLayer {
  const features: Feature[] = [];
  const featureMinzoom: number[] = [];
  const bboxes: number[] = [];
  const box = [0, 0, 0, 0];

  layer.features.forEach((feature, index) => {
    const where = `layer "${layer.name}", feature ${index}`;
    if (feature === null || typeof feature !== 'object' || feature.type !== 'Feature') {
      throw new Error(`encodeVectorTiles: ${where}: expected a GeoJSON Feature`);
    }
    if (feature.geometry === null || feature.geometry === undefined) return; // unlocated: nothing to draw

    box[0] = Infinity;
    box[1] = Infinity;
    box[2] = -Infinity;
    box[3] = -Infinity;
    extendBbox(feature.geometry, box, where, 0);
    if (box[0] === Infinity) return; // no positions at all, which geojson-vt skips too

    const id = feature.id;
    if (typeof id === 'number' && !(Number.isSafeInteger(id) && id >= 0)) {
      throw new Error(`encodeVectorTiles: ${where}: id must be a non-negative integer (MVT ids are unsigned), got ${id}`);
    }

    const { properties, minzoom } = splitProperties(feature.properties, where);
    features.push(properties === feature.properties ? feature : { ...feature, properties });
    featureMinzoom.push(Math.max(zooms.minzoom, minzoom));
    bboxes.push(box[0]!, box[1]!, box[2]!, box[3]!);
  });

  return {
    name: layer.name,
    minzoom: zooms.minzoom,
    maxzoom: zooms.maxzoom,
    features,
    featureMinzoom: Float64Array.from(featureMinzoom),
    bbox: Float64Array.from(bboxes),
  };
}

/**
 * Reads `_minzoom` and returns the properties without it and without undefined values (vt-pbf
 * would write an empty Value message for those, which the MVT spec forbids). The input object is
 * returned as is when nothing needs removing, so a million plain features are not copied.
 */
function splitProperties(
  properties: GeoJsonProperties | undefined,
  where: string,
): { properties: GeoJsonProperties; minzoom: number } {
  if (properties === null || properties === undefined) return { properties: null, minzoom: -Infinity };
  if (typeof properties !== 'object' || Array.isArray(properties)) {
    throw new Error(`encodeVectorTiles: ${where}: properties must be an object or null`);
  }
  let minzoom = -Infinity;
  let needsCopy = false;
  for (const key in properties) {
    const value: unknown = properties[key];
    if (key === MINZOOM_PROPERTY) {
      needsCopy = true;
      if (value === null || value === undefined) continue;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new Error(
          `encodeVectorTiles: ${where}: property ${MINZOOM_PROPERTY} must be a finite number (a zoom), got ${JSON.stringify(value)}`,
        );
      }
      minzoom = value;
    } else if (value === undefined) {
      needsCopy = true;
    }
  }
  if (!needsCopy) return { properties, minzoom };
  const copy: Record<string, unknown> = {};
  for (const key in properties) {
    const value: unknown = properties[key];
    if (key !== MINZOOM_PROPERTY && value !== undefined) copy[key] = value;
  }
  return { properties: copy, minzoom };
}

const MAX_COLLECTION_DEPTH = 32;

/** Grows `box` by every position of the geometry, in geojson-vt's world square. */
function extendBbox(geometry: Geometry, box: number[], where: string, depth: number): void {
  switch (geometry?.type) {
    case 'Point':
      extendByPosition(geometry.coordinates, box, where);
      return;
    case 'MultiPoint':
    case 'LineString':
      extendByPositions(geometry.coordinates, box, where);
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const line of checkArray(geometry.coordinates, where)) extendByPositions(line, box, where);
      return;
    case 'MultiPolygon':
      for (const polygon of checkArray(geometry.coordinates, where)) {
        for (const ring of checkArray(polygon, where)) extendByPositions(ring, box, where);
      }
      return;
    case 'GeometryCollection':
      if (depth >= MAX_COLLECTION_DEPTH) {
        throw new Error(`encodeVectorTiles: ${where}: GeometryCollection nested deeper than ${MAX_COLLECTION_DEPTH}`);
      }
      for (const child of checkArray(geometry.geometries, where)) extendBbox(child, box, where, depth + 1);
      return;
    default:
      throw new Error(
        `encodeVectorTiles: ${where}: geometry.type must be a GeoJSON geometry type, got ${JSON.stringify((geometry as { type?: unknown })?.type)}`,
      );
  }
}

function checkArray<T>(value: readonly T[], where: string): readonly T[] {
  if (!Array.isArray(value)) throw new Error(`encodeVectorTiles: ${where}: geometry.coordinates must be nested arrays`);
  return value;
}

function extendByPositions(positions: readonly Position[], box: number[], where: string): void {
  for (const position of checkArray(positions, where)) extendByPosition(position, box, where);
}

function extendByPosition(position: Position, box: number[], where: string): void {
  const lon = Array.isArray(position) ? position[0] : undefined;
  const lat = Array.isArray(position) ? position[1] : undefined;
  // Coordinates in metres (a Gauss-Krüger zone) or swapped lat/lon would tile silently into the
  // wrong place, so anything that is not WGS-84 degrees stops the build here.
  if (
    typeof lon !== 'number' ||
    typeof lat !== 'number' ||
    !(lon >= -180 && lon <= 180) ||
    !(lat >= -90 && lat <= 90)
  ) {
    throw new Error(
      `encodeVectorTiles: ${where}: geometry.coordinates must be [longitude, latitude] in WGS-84 degrees, got ${JSON.stringify(position)}`,
    );
  }
  const x = projectX(lon);
  const y = projectY(lat);
  if (x < box[0]!) box[0] = x;
  if (y < box[1]!) box[1] = y;
  if (x > box[2]!) box[2] = x;
  if (y > box[3]!) box[3] = y;
}

/** Web mercator to the 0–1 world square, as geojson-vt's lngLat projection does it. */
export function projectX(lon: number): number {
  return lon / 360 + 0.5;
}

export function projectY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return y < 0 ? 0 : y > 1 ? 1 : y;
}

type EmitTile = (z: number, x: number, y: number, bytes: Uint8Array) => void;

/**
 * Depth-first walk from tile 0/0/0. A tile passes to each child the candidates whose bounding box
 * touches the child plus its buffer; tiles in the layer's zoom range are cut from their candidates
 * that are visible at that zoom. A buffered child lies inside its buffered parent, so no tile with
 * features is missed.
 */
function sliceLayer(layer: PreparedLayer, settings: Settings, emit: EmitTile): void {
  if (layer.features.length === 0) return;
  const { extent, buffer, tolerance } = settings;
  const sliceOptions: GeoJSONToTileOptions = {
    maxZoom: layer.maxzoom, // full detail (tolerance 0) at the layer's deepest zoom
    extent,
    buffer,
    tolerance,
    clip: true,
    wrap: false, // the sub-district is nowhere near the antimeridian
  };
  const bufferShare = buffer / extent;
  const { bbox, featureMinzoom, features } = layer;

  const visit = (z: number, x: number, y: number, candidates: Uint32Array): void => {
    if (z >= layer.minzoom) {
      const visible: Feature[] = [];
      for (const index of candidates) {
        if (featureMinzoom[index]! <= z) visible.push(features[index]!);
      }
      if (visible.length > 0) {
        const collection: FeatureCollection = { type: 'FeatureCollection', features: visible };
        const tile = geoJSONToTile(collection, z, x, y, sliceOptions);
        // Empty when every candidate only had its bounding box here, or was simplified away.
        if (tile.features.length > 0) {
          // pbf grows its buffer by doubling; slice() keeps only the bytes written.
          emit(z, x, y, fromGeojsonVt({ [layer.name]: tile }, { version: 2, extent }).slice());
        }
      }
    }
    if (z >= layer.maxzoom) return;

    const childZoom = z + 1;
    const scale = 2 ** childZoom;
    for (let dy = 0; dy < 2; dy++) {
      for (let dx = 0; dx < 2; dx++) {
        const cx = 2 * x + dx;
        const cy = 2 * y + dy;
        const minX = (cx - bufferShare) / scale;
        const maxX = (cx + 1 + bufferShare) / scale;
        const minY = (cy - bufferShare) / scale;
        const maxY = (cy + 1 + bufferShare) / scale;
        const inside = new Uint32Array(candidates.length);
        let count = 0;
        for (const index of candidates) {
          const at = 4 * index;
          if (bbox[at]! <= maxX && bbox[at + 2]! >= minX && bbox[at + 1]! <= maxY && bbox[at + 3]! >= minY) {
            inside[count++] = index;
          }
        }
        if (count > 0) visit(childZoom, cx, cy, inside.slice(0, count));
      }
    }
  };

  const all = new Uint32Array(features.length);
  for (let i = 0; i < all.length; i++) all[i] = i;
  visit(0, 0, 0, all);
}

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let length = 0;
  for (const part of parts) length += part.byteLength;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
