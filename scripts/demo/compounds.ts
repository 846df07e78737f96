/**
 * Residential compounds (小区 / 楼院) from the real homes of the extract: OSM residential land
 * use where it is mapped, otherwise clusters of home buildings within one street block (DBSCAN
 * over building centroids, big clusters split by k-means). A compound's outline is the hull of
 * its buildings plus a yard, cut back to its street block and to the compounds drawn before it,
 * so compounds never cross a street and never overlap.
 *
 * The attributes an office records (year built, property management, name) are drawn from the
 * seed but follow the buildings: towers are newer than six-storey walk-ups, and old compounds
 * are more often without property management (无物业小区).
 */
import { buffer, difference, featureCollection, intersect, polygon as turfPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import KDBush from 'kdbush';
import type { Compound, PropertyManagement } from '../../src/contract';
import type { StreetIndex } from './addresses';
import type { Building, LandArea } from './buildings';
import type { Geography } from './geography';
import type { LocalFrame, LonLat, XY } from './local-frame';
import { round6 } from './local-frame';
import type { PolygonCoords } from './planar-graph';
import { regionOutline } from './planar-graph';
import { readingOrder } from './grids';
import { CompoundNamer } from './names';
import type { Rng } from './random';
import { pointInRing, ringCentroid, signedArea } from './ring-geometry';

export const COMPOUND_DEFAULTS = {
  /** Buildings whose centroids are this close (chained) belong to one compound. */
  clusterRadiusM: 42,
  /** A bigger cluster is several compounds that happen to touch: split it. */
  maxBuildingsPerCompound: 9,
  /** Yard around the buildings inside the compound wall. */
  yardM: 8,
  /** A mapped residential land use larger than this spans several compounds: cluster it instead. */
  maxLandUseCompoundM2: 40_000,
  /** Gap left between neighbouring compounds (their walls), metres: keeps them apart after rounding. */
  wallGapM: 0.6,
  /** Compounds built before this year are old (老旧小区, 国办发〔2020〕23号). */
  oldBefore: 2000,
};
export type CompoundOptions = typeof COMPOUND_DEFAULTS;

export interface CompoundRecord extends Compound {
  geometry: PolygonCoords;
  /** Metres, for spatial look-ups. */
  centroid: XY;
  ring: XY[];
  areaM2: number;
  buildingIds: number[];
  /** The real road its address is on. */
  road: string;
}

interface Draft {
  /** Street block the draft was clustered in; -1 for mapped land use (may span blocks). */
  block: number;
  buildings: Building[];
  /** Outline in metres (Polygon or MultiPolygon coordinates). */
  shape: Feature<Polygon | MultiPolygon>;
  osmName: string | null;
}

export function buildCompounds(input: {
  geo: Geography;
  buildings: readonly Building[];
  land: readonly LandArea[];
  streets: StreetIndex;
  rng: Rng;
  options?: Partial<CompoundOptions>;
}): CompoundRecord[] {
  const o = { ...COMPOUND_DEFAULTS, ...input.options };
  const { geo } = input;
  const homes = input.buildings.filter((b) => b.residential && geo.contains(b.centroid));
  const taken = new Set<number>();
  const drafts: Draft[] = [];
  const boundaryShape = toXYFeature(geo.boundary, geo.frame);

  // 1. Mapped residential land use that is one compound's size.
  for (const area of input.land) {
    if (area.kind !== 'residential' || !geo.contains(area.centroid)) continue;
    const areaM2 = Math.abs(signedArea(area.ring));
    if (areaM2 > o.maxLandUseCompoundM2) continue;
    const inside = homes.filter((b) => !taken.has(b.wayId) && pointInRing(b.centroid, area.ring));
    if (inside.length === 0) continue;
    const shape = intersect(featureCollection([closedPolygon(area.ring), boundaryShape]));
    if (!shape) continue;
    inside.forEach((b) => taken.add(b.wayId));
    drafts.push({ block: -1, buildings: inside, shape, osmName: area.name });
  }

  // 2. Clusters of the remaining homes, one street block at a time.
  const blocks = streetBlocks(geo);
  blocks.forEach((block, blockIndex) => {
    const blockHomes = homes.filter((b) => !taken.has(b.wayId) && block.cells.has(geo.cellAt(b.centroid)));
    for (const cluster of clusterBuildings(blockHomes, o.clusterRadiusM, o.maxBuildingsPerCompound)) {
      let shape: Feature<Polygon | MultiPolygon> | null = closedPolygon(yardHull(cluster, o.yardM));
      shape = intersect(featureCollection([shape, block.shape]));
      if (!shape) continue;
      cluster.forEach((b) => taken.add(b.wayId));
      drafts.push({ block: blockIndex, buildings: cluster, shape, osmName: null });
    }
  });

  // 3. No overlaps: each compound gives way to the ones drawn before it (land use first). Clusters
  // are clipped to their street block, so only the same block and the land use can overlap.
  const kept: Draft[] = [];
  const keptInBlock = new Map<number, Draft[]>();
  for (const draft of drafts) {
    let shape: Feature<Polygon | MultiPolygon> | null = draft.shape;
    const rivals = draft.block === -1 ? (keptInBlock.get(-1) ?? []) : [...(keptInBlock.get(-1) ?? []), ...(keptInBlock.get(draft.block) ?? [])];
    for (const earlier of rivals) {
      if (!shape) break;
      if (!bboxesOverlap(shape, earlier.shape)) continue;
      shape = difference(featureCollection([shape, earlier.shape]));
    }
    if (!shape) continue;
    shape = dropSlivers(shape, 20);
    if (!shape) continue;
    const done = { ...draft, shape };
    kept.push(done);
    keptInBlock.set(draft.block, [...(keptInBlock.get(draft.block) ?? []), done]);
  }

  const ordered = readingOrder(kept, (d) => ringCentroid(outerRing(d.shape)));
  const namer = new CompoundNamer(input.rng.fork('compound-names'));
  const rng = input.rng.fork('compound-attributes');
  const years = builtYears(ordered, o.oldBefore, rng);
  return ordered.map((draft, i) => {
    const ring = outerRing(draft.shape);
    const centroid = ringCentroid(ring);
    const street = input.streets.locate(centroid, 400);
    const road = street?.road ?? '无名路';
    const houseNumber = street?.houseNumber ?? 1;
    const builtYear = years[i] as number;
    const name = draft.osmName
      ? namer.reserve(draft.osmName)
      : namer.next({ builtYear, road, houseNumber, buildings: draft.buildings.length });
    return {
      id: `XQ${String(i + 1).padStart(3, '0')}`,
      name,
      built_year: builtYear,
      households: draft.buildings.reduce((s, b) => s + b.households, 0),
      buildings: draft.buildings.length,
      property_management: propertyManagementOf(builtYear, draft.buildings.length, o.oldBefore, rng),
      address: `${road}${houseNumber}号`,
      geometry: toLonLatGeometry(draft.shape, geo.frame, o.wallGapM / 2),
      centroid,
      ring,
      areaM2: shapeArea(draft.shape),
      buildingIds: draft.buildings.map((b) => b.wayId).sort((a, b) => a - b),
      road,
    };
  });
}

/**
 * Years built, from what stands there: towers are newer than six-storey walk-ups, low lane
 * houses older, and neighbours in one street block tend to share an era. The compounds are
 * ranked by that and the ranks mapped onto a fixed city-centre age profile (≈ 5% before 1980,
 * 55% 1980–1999, 40% 2000–2015), so the old share stays near 60% whatever the seed.
 */
function builtYears(drafts: readonly Draft[], oldBefore: number, rng: Rng): number[] {
  const era = new Map<number, number>();
  const scores = drafts.map((d, i) => {
    const levels = d.buildings.map((b) => b.levels).sort((a, b) => a - b);
    const median = levels[Math.floor(levels.length / 2)] ?? 6;
    if (!era.has(d.block)) era.set(d.block, d.block === -1 ? 0 : rng.normal(0, 0.6));
    const base = median >= 11 ? 2 : median >= 5 ? 0 : -1;
    return { i, score: base + (era.get(d.block) as number) + rng.normal(0, 0.8) };
  });
  scores.sort((a, b) => a.score - b.score || a.i - b.i);
  const years = new Array<number>(drafts.length).fill(oldBefore);
  scores.forEach(({ i }, rank) => {
    const q = (rank + rng.next()) / drafts.length;
    const year =
      q < 0.05 ? 1962 + (q / 0.05) * 18 : q < 0.6 ? 1980 + ((q - 0.05) / 0.55) * 20 : oldBefore + ((q - 0.6) / 0.4) * 16;
    years[i] = Math.min(2015, Math.floor(year));
  });
  return years;
}

/** 无物业 is common in old compounds, rare in new ones; a 楼院 of one building seldom has a company. */
function propertyManagementOf(builtYear: number, buildings: number, oldBefore: number, rng: Rng): PropertyManagement {
  const tiny = buildings <= 2;
  const weights: [number, number, number] =
    builtYear < oldBefore ? (tiny ? [0.7, 0.25, 0.05] : [0.5, 0.32, 0.18]) : tiny ? [0.15, 0.35, 0.5] : [0.04, 0.14, 0.82];
  return rng.weighted(['none', 'simple', 'professional'] as const, weights);
}

/** DBSCAN (min 1 point: a lone building is a 楼院) with KDBush, then k-means on big clusters. */
export function clusterBuildings(buildings: readonly Building[], radiusM: number, maxSize: number): Building[][] {
  if (buildings.length === 0) return [];
  const index = new KDBush(buildings.length);
  for (const b of buildings) index.add(b.centroid[0], b.centroid[1]);
  index.finish();
  const label = new Int32Array(buildings.length).fill(-1);
  const clusters: Building[][] = [];
  for (let start = 0; start < buildings.length; start++) {
    if (label[start] !== -1) continue;
    const members: Building[] = [];
    const stack = [start];
    label[start] = clusters.length;
    while (stack.length > 0) {
      const i = stack.pop() as number;
      const b = buildings[i] as Building;
      members.push(b);
      for (const j of index.within(b.centroid[0], b.centroid[1], radiusM)) {
        if (label[j] === -1) {
          label[j] = clusters.length;
          stack.push(j);
        }
      }
    }
    clusters.push(members.sort((x, y) => x.wayId - y.wayId));
  }
  return clusters.flatMap((c) => (c.length <= maxSize ? [c] : splitCluster(c, Math.ceil(c.length / maxSize))));
}

function splitCluster(cluster: readonly Building[], k: number): Building[][] {
  // Seeds: farthest-point from the north-west building; then Lloyd rounds.
  let first = 0;
  cluster.forEach((b, i) => {
    const f = cluster[first] as Building;
    if (b.centroid[1] - b.centroid[0] > f.centroid[1] - f.centroid[0]) first = i;
  });
  const seeds: XY[] = [(cluster[first] as Building).centroid];
  while (seeds.length < k) {
    let far = 0;
    let farD = -1;
    cluster.forEach((b, i) => {
      const d = Math.min(...seeds.map((s) => Math.hypot(s[0] - b.centroid[0], s[1] - b.centroid[1])));
      if (d > farD) {
        farD = d;
        far = i;
      }
    });
    seeds.push((cluster[far] as Building).centroid);
  }
  let groups: Building[][] = [];
  for (let round = 0; round < 15; round++) {
    groups = seeds.map(() => []);
    for (const b of cluster) {
      let best = 0;
      seeds.forEach((s, j) => {
        const sb = seeds[best] as XY;
        if (Math.hypot(s[0] - b.centroid[0], s[1] - b.centroid[1]) < Math.hypot(sb[0] - b.centroid[0], sb[1] - b.centroid[1])) best = j;
      });
      (groups[best] as Building[]).push(b);
    }
    groups.forEach((g, j) => {
      if (g.length > 0) seeds[j] = [g.reduce((s, b) => s + b.centroid[0], 0) / g.length, g.reduce((s, b) => s + b.centroid[1], 0) / g.length];
    });
  }
  return groups.filter((g) => g.length > 0);
}

/** Convex hull of the footprints grown by the yard (octagon around each corner). */
function yardHull(buildings: readonly Building[], yardM: number): XY[] {
  const points: XY[] = [];
  for (const b of buildings) {
    for (const p of b.ring) {
      for (let k = 0; k < 8; k++) {
        const a = (k * Math.PI) / 4;
        points.push([p[0] + yardM * Math.cos(a), p[1] + yardM * Math.sin(a)]);
      }
    }
  }
  return convexHull(points);
}

/** Andrew's monotone chain; counter-clockwise, not closed. */
export function convexHull(points: readonly XY[]): XY[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (sorted.length < 3) return sorted;
  const cross = (o: XY, a: XY, b: XY): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: XY[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2] as XY, lower[lower.length - 1] as XY, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: XY[] = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const p = sorted[i] as XY;
    while (upper.length >= 2 && cross(upper[upper.length - 2] as XY, upper[upper.length - 1] as XY, p) <= 0) upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

/** Cells joined across straight cuts only: the blocks the streets themselves enclose. */
function streetBlocks(geo: Geography): { cells: Set<number>; shape: Feature<Polygon | MultiPolygon> }[] {
  const parent = geo.cells.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  for (const link of geo.links) {
    const roadLength = link.lengthM.main + link.lengthM.branch + link.lengthM.back_street;
    if (link.lengthM.cut > 0 && roadLength === 0) {
      const a = find(link.a);
      const b = find(link.b);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  }
  const groups = new Map<number, Set<number>>();
  geo.cells.forEach((c) => {
    const root = find(c.index);
    if (!groups.has(root)) groups.set(root, new Set());
    (groups.get(root) as Set<number>).add(c.index);
  });
  return [...groups.values()].map((cells) => ({
    cells,
    shape: toXYFeature(
      regionOutline(geo.graph, (f) => cells.has(geo.cellOfFace[f] as number)),
      geo.frame,
    ),
  }));
}

function closedPolygon(ring: readonly XY[]): Feature<Polygon> {
  const closed = ring.map((p) => [p[0], p[1]]);
  closed.push([(ring[0] as XY)[0], (ring[0] as XY)[1]]);
  return turfPolygon([closed]);
}

function toXYFeature(shape: PolygonCoords, frame: LocalFrame): Feature<Polygon | MultiPolygon> {
  const ringXY = (ring: LonLat[]): number[][] => ring.map((c) => frame.toXY(c));
  const geometry: Polygon | MultiPolygon =
    shape.type === 'Polygon'
      ? { type: 'Polygon', coordinates: shape.coordinates.map(ringXY) }
      : { type: 'MultiPolygon', coordinates: shape.coordinates.map((poly) => poly.map(ringXY)) };
  return { type: 'Feature', properties: {}, geometry };
}

/** WGS-84 outline at 6 decimals, drawn back by `insetM` from each neighbour. */
function toLonLatGeometry(shape: Feature<Polygon | MultiPolygon>, frame: LocalFrame, insetM: number): PolygonCoords {
  const toLonLat = (r: number[][]): number[][] => r.map((p) => frame.toLonLat([p[0] as number, p[1] as number]));
  const geometry: Polygon | MultiPolygon =
    shape.geometry.type === 'Polygon'
      ? { type: 'Polygon', coordinates: shape.geometry.coordinates.map(toLonLat) }
      : { type: 'MultiPolygon', coordinates: shape.geometry.coordinates.map((poly) => poly.map(toLonLat)) };
  const inset = insetM > 0 ? buffer({ type: 'Feature', properties: {}, geometry }, -insetM, { units: 'meters' }) : undefined;
  const g = inset?.geometry && (inset.geometry.type === 'Polygon' || inset.geometry.type === 'MultiPolygon') ? inset.geometry : geometry;
  const ring = (r: number[][]): LonLat[] => r.map((p) => [round6(p[0] as number), round6(p[1] as number)]);
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map(ring) };
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(ring)) };
}

function polygonsOf(shape: Feature<Polygon | MultiPolygon>): number[][][][] {
  return shape.geometry.type === 'Polygon' ? [shape.geometry.coordinates] : shape.geometry.coordinates;
}

/** Outer ring of the largest part, metres, not closed. */
function outerRing(shape: Feature<Polygon | MultiPolygon>): XY[] {
  let best: XY[] = [];
  let bestArea = -1;
  for (const poly of polygonsOf(shape)) {
    const ring = (poly[0] ?? []).slice(0, -1).map((p) => [p[0], p[1]] as XY);
    const area = Math.abs(signedArea(ring));
    if (area > bestArea) {
      bestArea = area;
      best = ring;
    }
  }
  return best;
}

function shapeArea(shape: Feature<Polygon | MultiPolygon>): number {
  let sum = 0;
  for (const poly of polygonsOf(shape)) {
    poly.forEach((r, i) => {
      const a = Math.abs(signedArea(r.slice(0, -1).map((p) => [p[0], p[1]] as XY)));
      sum += i === 0 ? a : -a;
    });
  }
  return sum;
}

/** Drops parts smaller than minM2 that cutting back leaves behind (a yard corner across a lane). */
function dropSlivers(shape: Feature<Polygon | MultiPolygon>, minM2: number): Feature<Polygon | MultiPolygon> | null {
  const parts = polygonsOf(shape).filter((poly) => Math.abs(signedArea((poly[0] ?? []).slice(0, -1).map((p) => [p[0], p[1]] as XY))) >= minM2);
  if (parts.length === 0) return null;
  if (parts.length === 1) return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: parts[0] as number[][][] } };
  return { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: parts } };
}

function bboxesOverlap(a: Feature<Polygon | MultiPolygon>, b: Feature<Polygon | MultiPolygon>): boolean {
  const box = (f: Feature<Polygon | MultiPolygon>): number[] => {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const poly of polygonsOf(f)) {
      for (const p of poly[0] ?? []) {
        minX = Math.min(minX, p[0] as number);
        minY = Math.min(minY, p[1] as number);
        maxX = Math.max(maxX, p[0] as number);
        maxY = Math.max(maxY, p[1] as number);
      }
    }
    return [minX, minY, maxX, maxY];
  };
  const [ax0, ay0, ax1, ay1] = box(a) as [number, number, number, number];
  const [bx0, by0, bx1, by1] = box(b) as [number, number, number, number];
  return ax0 <= bx1 && bx0 <= ax1 && ay0 <= by1 && by0 <= ay1;
}
