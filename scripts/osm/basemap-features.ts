/**
 * Turns an OSM extract (XML or PBF, both read into `OsmData`) into the five GeoJSON layers of
 * basemap.pmtiles: landuse, water, roads, buildings, places (ARCHIVES.basemap in the contract).
 * Which tags make which class lives in basemap-classes.ts; multipolygon rings are joined in
 * multipolygon-rings.ts. Each feature carries `_minzoom`, which the tiler (scripts/tiling/
 * vector-tiles.ts) reads to leave it out of lower zooms and then strips.
 */
import { bboxClip } from '@turf/turf';
import type { BBox, Feature, LineString, MultiLineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type {
  BuildingTileProps,
  LanduseTileProps,
  PlaceTileProps,
  RoadTileProps,
  WaterTileProps,
} from '../../src/contract';
import {
  displayName,
  isBuilding,
  landuseClass,
  parseHeight,
  parseLevels,
  placeRule,
  ROAD_CLASS_BY_HIGHWAY,
  ROAD_MINZOOM,
  WATER_LINE_MINZOOM,
  waterAreaClass,
  waterLineClass,
} from './basemap-classes';
import { labelPoint } from './label-point';
import { assembleMultipolygon, windRing } from './multipolygon-rings';
import type { OsmData, OsmTags, OsmWay } from './read-osm-xml';

export const BASEMAP_DEFAULTS = {
  /** Buildings appear from this zoom, as the style draws them (ZOOM.buildings). */
  buildingMinzoom: 14,
  /** Landuse and water polygons get a zoom from their size, clamped to this range: big parks early, lawns late. */
  areaMinzoomRange: [10, 14] as const,
  /** An area appears once the side of a square of its size is this many screen pixels (512-px tiles). */
  areaMinSidePx: 6,
  /**
   * A second label of the same class and name within this distance is dropped: OSM often has one
   * station node per metro line (新街口 ×2) or a hospital as both a node and its campus.
   */
  duplicatePlaceMetres: 500,
};

export interface BasemapOptions {
  /** [west, south, east, north] in WGS-84: features are clipped to it, those wholly outside dropped. */
  bbox?: BBox;
  buildingMinzoom?: number;
  areaMinzoomRange?: readonly [number, number];
  areaMinSidePx?: number;
  duplicatePlaceMetres?: number;
}

/** Tile properties plus the zoom the tiler starts the feature at. */
export type WithMinzoom<P> = P & { _minzoom: number };

export interface BasemapLayers {
  landuse: Feature<Polygon | MultiPolygon, WithMinzoom<LanduseTileProps>>[];
  water: Feature<Polygon | MultiPolygon | LineString | MultiLineString, WithMinzoom<WaterTileProps>>[];
  roads: Feature<LineString | MultiLineString, WithMinzoom<RoadTileProps>>[];
  buildings: Feature<Polygon | MultiPolygon, WithMinzoom<BuildingTileProps>>[];
  places: Feature<Point, WithMinzoom<PlaceTileProps>>[];
}
export type BasemapLayerName = keyof BasemapLayers;

export interface BasemapStats {
  features: Record<BasemapLayerName, number>;
  /** Multipolygon relations that became at least one polygon. */
  multipolygons: number;
  skipped: {
    /** Ways tagged as an area (building, landuse, water…) whose ends do not meet. */
    unclosedWays: number;
    /** Closed area ways that refer to nodes missing from the extract. */
    incompleteWays: number;
    /** Road and waterway lines broken where their nodes are missing from the extract (kept, in parts). */
    brokenLines: number;
    /** Multipolygons with a member way, or a node of one, missing from the extract. */
    incompleteRelations: number;
    /** Rings of complete multipolygons whose ways could not be joined closed (dropped, see joinRings). */
    unclosedRings: number;
    /** Inner rings that lie in no outer ring (dropped). */
    orphanInnerRings: number;
    /** Complete multipolygons left with no closed outer ring. */
    relationsWithoutOuter: number;
    /** Features wholly outside `options.bbox`. */
    outsideBbox: number;
    /** Place labels repeating a nearby one of the same class and name. */
    duplicatePlaces: number;
  };
}

/** The five layers, keyed as ARCHIVES.basemap.layers names them, plus what was kept and skipped. */
export type BasemapResult = BasemapLayers & { stats: BasemapStats };

/** Metres per pixel at zoom 0 on the equator with 512-px tiles (MapLibre's zoom scale). */
const METRES_PER_PIXEL_Z0 = 40_075_016.686 / 512;
const METRES_PER_DEGREE = 111_319.49;

/** Square metres of polygons on an equirectangular plane at their latitude: enough to pick a zoom. */
function areaSquareMetres(polygons: readonly Position[][][], lat: number): number {
  let deg2 = 0;
  for (const polygon of polygons) {
    polygon.forEach((ring, i) => {
      let sum = 0;
      for (let k = 0, j = ring.length - 1; k < ring.length; j = k++) {
        sum += (ring[j]![0]! - ring[k]![0]!) * (ring[j]![1]! + ring[k]![1]!);
      }
      deg2 += (i === 0 ? 1 : -1) * Math.abs(sum / 2);
    });
  }
  return Math.max(0, deg2) * METRES_PER_DEGREE * METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
}

/** Equirectangular distance: exact enough within a city. */
function metresBetween(a: Position, b: Position): number {
  const dx = (a[0]! - b[0]!) * Math.cos((((a[1]! + b[1]!) / 2) * Math.PI) / 180);
  return Math.hypot(dx, a[1]! - b[1]!) * METRES_PER_DEGREE;
}

interface Settings {
  bbox: BBox | undefined;
  buildingMinzoom: number;
  areaMinzoomRange: readonly [number, number];
  areaMinSidePx: number;
  duplicatePlaceMetres: number;
}

/** The zoom at which an area of this size is `areaMinSidePx` wide, clamped to the range. */
function areaMinzoom(polygons: readonly Position[][][], s: Settings): number {
  const first = polygons[0]?.[0]?.[0];
  const lat = first?.[1] ?? 0;
  const side = Math.sqrt(areaSquareMetres(polygons, lat));
  const [lo, hi] = s.areaMinzoomRange;
  if (!(side > 0)) return hi;
  const z = Math.ceil(Math.log2((METRES_PER_PIXEL_Z0 * Math.cos((lat * Math.PI) / 180) * s.areaMinSidePx) / side));
  return Math.min(hi, Math.max(lo, z));
}

function polygonGeometry(polygons: Position[][][]): Polygon | MultiPolygon {
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0]! }
    : { type: 'MultiPolygon', coordinates: polygons };
}

function lineGeometry(parts: Position[][]): LineString | MultiLineString {
  return parts.length === 1 ? { type: 'LineString', coordinates: parts[0]! } : { type: 'MultiLineString', coordinates: parts };
}

type AnyGeometry = Polygon | MultiPolygon | LineString | MultiLineString | Point;

function geometryBBox(g: AnyGeometry): BBox {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (p: Position): void => {
    const [x, y] = p as [number, number];
    if (x < b[0]) b[0] = x;
    if (y < b[1]) b[1] = y;
    if (x > b[2]) b[2] = x;
    if (y > b[3]) b[3] = y;
  };
  switch (g.type) {
    case 'Point':
      visit(g.coordinates);
      break;
    case 'LineString':
      g.coordinates.forEach(visit);
      break;
    case 'MultiLineString':
    case 'Polygon':
      g.coordinates.forEach((r) => r.forEach(visit));
      break;
    case 'MultiPolygon':
      g.coordinates.forEach((p) => p.forEach((r) => r.forEach(visit)));
      break;
  }
  return b;
}

/**
 * The geometry cut to the bbox, or null when nothing of it is inside. Polygons are cut ring by
 * ring (Sutherland–Hodgman, via turf's bboxClip), which may leave edges along the bbox border:
 * the border is outside the sub-district's view anyway.
 */
function clipToBBox<G extends AnyGeometry>(g: G, bbox: BBox): G | null {
  const [w, s, e, n] = bbox as [number, number, number, number];
  const [minX, minY, maxX, maxY] = geometryBBox(g) as [number, number, number, number];
  if (maxX < w || minX > e || maxY < s || minY > n) return null;
  if (minX >= w && maxX <= e && minY >= s && maxY <= n) return g;
  if (g.type === 'Point') return null; // a point's bbox is itself: inside was caught above
  const clipped = bboxClip({ type: 'Feature', geometry: g, properties: {} }, bbox).geometry;
  switch (clipped.type) {
    case 'LineString':
      return clipped.coordinates.length >= 2 ? (clipped as G) : null;
    case 'MultiLineString': {
      const parts = clipped.coordinates.filter((l) => l.length >= 2);
      return parts.length === 0 ? null : (lineGeometry(parts) as G);
    }
    case 'Polygon':
      // A polygon whose outer ring was cut away keeps no hole either (holes lie inside the outer).
      return clipped.coordinates.length === 0 ? null : (clipped as G);
    case 'MultiPolygon': {
      const polygons = clipped.coordinates.filter((p) => p.length > 0);
      return polygons.length === 0 ? null : (polygonGeometry(polygons) as G);
    }
  }
}

/** A way whose last node is its first, with at least a triangle's worth of nodes. */
function isClosed(way: OsmWay): boolean {
  const ids = way.nodeIds;
  return ids.length >= 4 && ids[0] === ids[ids.length - 1];
}

function hasTags(tags: OsmTags): boolean {
  for (const _ in tags) return true;
  return false;
}

/** Builds the basemap layers from an extract; see BasemapStats for what is skipped and why. */
export function basemapLayers(osm: OsmData, options: BasemapOptions = {}): BasemapResult {
  const s: Settings = {
    bbox: options.bbox,
    buildingMinzoom: options.buildingMinzoom ?? BASEMAP_DEFAULTS.buildingMinzoom,
    areaMinzoomRange: options.areaMinzoomRange ?? BASEMAP_DEFAULTS.areaMinzoomRange,
    areaMinSidePx: options.areaMinSidePx ?? BASEMAP_DEFAULTS.areaMinSidePx,
    duplicatePlaceMetres: options.duplicatePlaceMetres ?? BASEMAP_DEFAULTS.duplicatePlaceMetres,
  };
  const layers: BasemapLayers = { landuse: [], water: [], roads: [], buildings: [], places: [] };
  const skipped: BasemapStats['skipped'] = {
    unclosedWays: 0,
    incompleteWays: 0,
    brokenLines: 0,
    incompleteRelations: 0,
    unclosedRings: 0,
    orphanInnerRings: 0,
    relationsWithoutOuter: 0,
    outsideBbox: 0,
    duplicatePlaces: 0,
  };
  let multipolygons = 0;

  /** Pushes a feature after clipping; `properties` must not hold undefined values. */
  const add = <L extends BasemapLayerName>(
    layer: L,
    geometry: BasemapLayers[L][number]['geometry'],
    properties: BasemapLayers[L][number]['properties'],
  ): void => {
    const kept = s.bbox ? clipToBBox(geometry, s.bbox) : geometry;
    if (kept === null) {
      skipped.outsideBbox++;
      return;
    }
    (layers[layer] as Feature[]).push({ type: 'Feature', geometry: kept, properties });
  };

  const withName = <P extends object>(props: P, tags: OsmTags): P & { name?: string } => {
    const name = displayName(tags);
    return name === undefined ? props : { ...props, name };
  };

  /** Every layer an area (closed way or multipolygon) belongs to, from its tags. */
  const addArea = (tags: OsmTags, polygons: Position[][][]): void => {
    const geometry = polygonGeometry(polygons);
    const building = isBuilding(tags);
    if (building) {
      const props: WithMinzoom<BuildingTileProps> = { _minzoom: s.buildingMinzoom };
      const height = parseHeight(tags.height);
      const levels = parseLevels(tags['building:levels']);
      if (height !== null) props.height = height;
      if (levels !== null) props.levels = levels;
      add('buildings', geometry, withName(props, tags));
    }
    const water = waterAreaClass(tags);
    if (water) add('water', geometry, withName({ class: water, _minzoom: areaMinzoom(polygons, s) }, tags));
    // On a building, `amenity=school` says what the building is for, not what the ground is.
    const ground = landuseClass(building ? { ...tags, amenity: '' } : tags);
    if (ground && !water) add('landuse', geometry, { class: ground, _minzoom: areaMinzoom(polygons, s) });
    addPlace(tags, () => labelPoint(polygons));
  };

  const placesByKey = new Map<string, Position[]>();
  const addPlace = (tags: OsmTags, at: () => Position | null): void => {
    const rule = placeRule(tags);
    const name = rule ? displayName(tags) : undefined;
    if (!rule || name === undefined) return;
    const point = at();
    if (!point) return;
    const key = `${rule.cls}\u0000${name}`;
    const seen = placesByKey.get(key) ?? [];
    if (seen.some((p) => metresBetween(p, point) < s.duplicatePlaceMetres)) {
      skipped.duplicatePlaces++;
      return;
    }
    placesByKey.set(key, [...seen, point]);
    add('places', { type: 'Point', coordinates: point }, { class: rule.cls, name, rank: rule.rank, _minzoom: rule.minzoom });
  };

  for (const node of osm.nodes.values()) {
    if (hasTags(node.tags)) addPlace(node.tags, () => [node.lon, node.lat]);
  }

  for (const way of osm.ways) {
    const tags = way.tags;
    if (!hasTags(tags)) continue;
    const coords: (Position | undefined)[] = way.nodeIds.map((id) => {
      const n = osm.nodes.get(id);
      return n ? [n.lon, n.lat] : undefined;
    });
    const complete = coords.every((c) => c !== undefined);

    const road = tags.highway === undefined || tags.area === 'yes' ? undefined : ROAD_CLASS_BY_HIGHWAY[tags.highway];
    const waterLine = waterLineClass(tags);
    if (road || waterLine) {
      // Split at missing nodes rather than bridge the gap with a straight segment.
      const parts: Position[][] = [[]];
      for (const c of coords) {
        if (c) parts[parts.length - 1]!.push(c);
        else parts.push([]);
      }
      const lines = parts.filter((p) => p.length >= 2);
      if (!complete) skipped.brokenLines++;
      if (lines.length > 0) {
        const geometry = lineGeometry(lines);
        if (road) add('roads', geometry, withName({ class: road, _minzoom: ROAD_MINZOOM[road] }, tags));
        if (waterLine) {
          const minzoom = WATER_LINE_MINZOOM[waterLine as keyof typeof WATER_LINE_MINZOOM];
          add('water', geometry, withName({ class: waterLine, _minzoom: minzoom }, tags));
        }
      }
    }

    const isArea =
      tags.area !== 'no' &&
      (isBuilding(tags) || waterAreaClass(tags) !== null || landuseClass(tags) !== null || (placeRule(tags) !== null && !road));
    if (!isArea) continue;
    if (!isClosed(way)) {
      // A named place drawn as a line (rare) is no area; only area-tagged ways count as broken.
      if (isBuilding(tags) || waterAreaClass(tags) !== null || landuseClass(tags) !== null) skipped.unclosedWays++;
      continue;
    }
    if (!complete) {
      skipped.incompleteWays++;
      continue;
    }
    addArea(tags, [[windRing(coords as Position[], true)]]);
  }

  const wayById = new Map<number, OsmWay>();
  for (const way of osm.ways) wayById.set(way.id, way);
  for (const relation of osm.relations) {
    if (relation.tags.type !== 'multipolygon') continue;
    const tags = relation.tags;
    const wanted = isBuilding(tags) || waterAreaClass(tags) !== null || landuseClass(tags) !== null || placeRule(tags) !== null;
    if (!wanted) continue;
    const outer: number[][] = [];
    const inner: number[][] = [];
    let complete = true;
    for (const m of relation.members) {
      if (m.type !== 'way' || (m.role !== 'outer' && m.role !== 'inner' && m.role !== '')) continue;
      const way = wayById.get(m.ref);
      if (!way || !way.nodeIds.every((id) => osm.nodes.has(id))) {
        complete = false;
        break;
      }
      (m.role === 'inner' ? inner : outer).push(way.nodeIds);
    }
    if (!complete) {
      skipped.incompleteRelations++;
      continue;
    }
    const assembled = assembleMultipolygon(outer, inner, (id) => {
      const n = osm.nodes.get(id)!;
      return [n.lon, n.lat];
    });
    skipped.unclosedRings += assembled.unclosedRings;
    skipped.orphanInnerRings += assembled.orphanInners;
    if (assembled.polygons.length === 0) {
      skipped.relationsWithoutOuter++;
      continue;
    }
    multipolygons++;
    addArea(tags, assembled.polygons);
  }

  return {
    ...layers,
    stats: {
      features: {
        landuse: layers.landuse.length,
        water: layers.water.length,
        roads: layers.roads.length,
        buildings: layers.buildings.length,
        places: layers.places.length,
      },
      multipolygons,
      skipped,
    },
  };
}
