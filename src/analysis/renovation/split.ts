/**
 * Splitting compounds, works and sites over level-4 grids.
 *
 * A compound that straddles two grids is split **by area**: the share of its area inside each grid
 * carries that share of its households, items, budget and funds, so the grids add up exactly to the
 * community and the sub-district. The compound itself is still one compound: it is counted once, in
 * the grid holding most of its area (ties: the grid listed first). Counting it by its centroid alone
 * would put all 600 households of a compound that is 55/45 across a street-cut into one grid, and a
 * grid chief would be told about households that are not in their grid.
 *
 * Candidates come from a flatbush index of grid bounding boxes (no all-pairs loop); a compound whose
 * every vertex lies inside one candidate is wholly in it (grids do not overlap) and needs no polygon
 * clipping. One that does cross a grid line is clipped against each candidate with Sutherland–Hodgman
 * by convex pieces (see overlapArea), exact for any simple polygons; piece areas are turf's geodesic
 * areas. Pure (turf and flatbush run in Node and the browser alike).
 */
import Flatbush from 'flatbush';
import { area as turfArea, distance as turfDistance, tesselate as turfTesselate } from '@turf/turf';
import type { Feature, LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { Bbox, CellShare } from '../../contract';
import { bboxOf, containsPoint } from '../grid-locator';

export type Areal = Polygon | MultiPolygon;

export const SPLIT_DEFAULTS = {
  /**
   * A piece smaller than this share of the whole is digitising noise (a compound wall drawn a metre
   * over the grid line), not a straddle: it is dropped and the other shares scaled up.
   */
  sliverShare: 0.005,
  /** Lines are walked in pieces no longer than this (metres); each piece goes to the grid of its midpoint. */
  lineStepM: 5,
  /** Shares are written with this many decimals (renovation.json stays small). */
  shareDecimals: 4,
};

export interface AreaSplit {
  /** [cell index, weight], weights summing to 1, largest first; empty when in no cell. */
  shares: CellShare[];
  /** The cell holding the largest share, -1 when none. */
  majority: number;
  /** The polygon's geodesic area, m². */
  areaM2: number;
}

/** A flatbush index of cell bounding boxes, shared by the area, line and point splits. */
export class CellIndex {
  readonly cells: readonly Areal[];
  private readonly index: Flatbush | null;
  private readonly convexity = new Map<number, boolean>();

  constructor(cells: readonly Areal[]) {
    this.cells = cells;
    if (cells.length === 0) {
      this.index = null;
      return;
    }
    this.index = new Flatbush(cells.length);
    for (const cell of cells) this.index.add(...bboxOf(cell));
    this.index.finish();
  }

  /** Whether cell i is a single convex ring without holes (worked out once per cell). */
  convex(i: number): boolean {
    let known = this.convexity.get(i);
    if (known === undefined) {
      known = convexRing(this.cells[i]!);
      this.convexity.set(i, known);
    }
    return known;
  }

  candidates(bbox: Bbox): number[] {
    return this.index ? this.index.search(bbox[0], bbox[1], bbox[2], bbox[3]).sort((a, b) => a - b) : [];
  }

  /** The cell containing the point, or -1 (the first by index when cells overlap). */
  locate(lon: number, lat: number): number {
    for (const i of this.candidates([lon, lat, lon, lat])) if (containsPoint(this.cells[i]!, lon, lat)) return i;
    return -1;
  }
}

function outerVertices(geometry: Areal): Position[] {
  return geometry.type === 'Polygon' ? (geometry.coordinates[0] ?? []) : geometry.coordinates.flatMap((p) => p[0] ?? []);
}

/** The outer ring of a single-ring Polygon when it is convex, else null. */
function convexRing(geometry: Areal): boolean {
  if (geometry.type !== 'Polygon' || geometry.coordinates.length !== 1) return false;
  const ring = geometry.coordinates[0]!;
  let sign = 0;
  const n = ring.length - 1; // closed ring: last = first
  for (let i = 0; i < n; i++) {
    const [ax, ay] = ring[i]!;
    const [bx, by] = ring[(i + 1) % n]!;
    const [cx, cy] = ring[(i + 2) % n]!;
    const cross = (bx! - ax!) * (cy! - by!) - (by! - ay!) * (cx! - bx!);
    if (cross === 0) continue;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return sign !== 0;
}

/**
 * Sutherland–Hodgman: `subject` clipped by the convex `clip` ring (either winding). For a concave
 * subject the result may carry zero-width bridges between its pieces; they add no area.
 */
export function clipByConvex(subject: readonly Position[], clip: readonly Position[]): Position[] {
  const n = clip.length - 1;
  // Orientation of the clip ring: inside is left of each edge for counter-clockwise rings.
  let area2 = 0;
  for (let i = 0; i < n; i++) area2 += clip[i]![0]! * clip[i + 1]![1]! - clip[i + 1]![0]! * clip[i]![1]!;
  const ccw = area2 > 0 ? 1 : -1;
  let output = subject.slice(0, subject.length - 1);
  for (let i = 0; i < n && output.length > 0; i++) {
    const [ax, ay] = clip[i] as [number, number];
    const [bx, by] = clip[i + 1] as [number, number];
    const side = (p: Position) => ccw * ((bx - ax) * (p[1]! - ay) - (by - ay) * (p[0]! - ax));
    const input = output;
    output = [];
    for (let k = 0; k < input.length; k++) {
      const p = input[k]!;
      const q = input[(k + 1) % input.length]!;
      const sp = side(p);
      const sq = side(q);
      if (sp >= 0) output.push(p);
      if ((sp >= 0) !== (sq >= 0)) {
        const t = sp / (sp - sq);
        output.push([p[0]! + (q[0]! - p[0]!) * t, p[1]! + (q[1]! - p[1]!) * t]);
      }
    }
  }
  return output.length >= 3 ? [...output, output[0]!] : [];
}

/**
 * Geodesic area (m²) of a ∩ b. A convex b clips each ring of a directly (outer rings add, holes
 * subtract). Otherwise a is cut into triangles (turf `tesselate`, earcut) and each triangle, being
 * convex, clips the rings of b: exact for any simple polygons, holes included, with no general
 * polygon clipper (turf `intersect` runs on exact arithmetic and is ~100× slower here).
 */
function overlapArea(a: Areal, b: Areal, bConvex: boolean): number {
  if (bConvex) {
    const clip = (b as Polygon).coordinates[0]!;
    return signedRingsArea(polygonsOf(a), (ring) => clipByConvex(ring, clip));
  }
  let total = 0;
  for (const triangle of turfTesselate(feature(a) as Feature<Polygon>).features) {
    const clip = triangle.geometry.coordinates[0]!;
    total += signedRingsArea(polygonsOf(b), (ring) => clipByConvex(ring, clip));
  }
  return total;
}

function polygonsOf(g: Areal): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** Σ area(clipped outer ring) − Σ area(clipped holes). */
function signedRingsArea(polygons: Position[][][], clip: (ring: Position[]) => Position[]): number {
  let total = 0;
  for (const rings of polygons) rings.forEach((ring, k) => (total += (k === 0 ? 1 : -1) * ringArea(clip(ring))));
  return total;
}

function ringArea(ring: Position[]): number {
  return ring.length >= 4 ? turfArea({ type: 'Polygon', coordinates: [ring] }) : 0;
}

function feature<G extends Areal>(geometry: G): Feature<G> {
  return { type: 'Feature', properties: {}, geometry };
}

function roundShares(raw: [number, number][], decimals: number): CellShare[] {
  const factor = 10 ** decimals;
  const sorted = raw.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const rounded = sorted.map(([cell, w]) => [cell, Math.round(w * factor) / factor] as CellShare);
  // The largest share absorbs the rounding, so the weights still sum to 1.
  const rest = rounded.slice(1).reduce((s, [, w]) => s + w, 0);
  if (rounded[0]) rounded[0][1] = Math.round((1 - rest) * factor) / factor;
  return rounded;
}

/** Splits one polygon over the cells by area (see the file comment). */
export function splitArea(geometry: Areal, cells: CellIndex, options: Partial<typeof SPLIT_DEFAULTS> = {}): AreaSplit {
  const o = { ...SPLIT_DEFAULTS, ...options };
  const areaM2 = turfArea(feature(geometry));
  const candidates = cells.candidates(bboxOf(geometry));
  const vertices = outerVertices(geometry);
  // Wholly inside one cell: every vertex inside it (cells do not overlap, so no other can hold any of it).
  for (const c of candidates) {
    const cell = cells.cells[c]!;
    if (vertices.every(([x, y]) => containsPoint(cell, x!, y!))) return { shares: [[c, 1]], majority: c, areaM2 };
  }
  const pieces: [number, number][] = [];
  for (const c of candidates) {
    const a = overlapArea(geometry, cells.cells[c]!, cells.convex(c));
    if (a > 0) pieces.push([c, a]);
  }
  const inside = pieces.reduce((s, [, a]) => s + a, 0);
  if (!(inside > 0)) return { shares: [], majority: -1, areaM2 };
  const kept = pieces.filter(([, a]) => a / inside >= o.sliverShare);
  const keptArea = kept.reduce((s, [, a]) => s + a, 0);
  const shares = roundShares(kept.map(([c, a]) => [c, a / keptArea]), o.shareDecimals);
  return { shares, majority: shares[0]![0], areaM2 };
}

export interface LineSplit {
  /** [cell index, metres in it], longest first. */
  shares: CellShare[];
  lengthM: number;
}

/**
 * Splits a line over the cells by length: each segment is walked in pieces of at most `lineStepM`
 * metres, and each piece counts for the cell holding its midpoint. Accurate to a few metres per
 * grid line crossed, with no polygon clipping.
 */
export function splitLine(geometry: LineString | MultiLineString, cells: CellIndex, options: Partial<typeof SPLIT_DEFAULTS> = {}): LineSplit {
  const o = { ...SPLIT_DEFAULTS, ...options };
  const lines = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
  const byCell = new Map<number, number>();
  let lengthM = 0;
  for (const line of lines) {
    for (let i = 0; i + 1 < line.length; i++) {
      const a = line[i]!;
      const b = line[i + 1]!;
      const segment = turfDistance(a, b, { units: 'meters' });
      if (!(segment > 0)) continue;
      lengthM += segment;
      const n = Math.max(1, Math.ceil(segment / o.lineStepM));
      for (let k = 0; k < n; k++) {
        const f = (k + 0.5) / n;
        const cell = cells.locate(a[0]! + (b[0]! - a[0]!) * f, a[1]! + (b[1]! - a[1]!) * f);
        if (cell >= 0) byCell.set(cell, (byCell.get(cell) ?? 0) + segment / n);
      }
    }
  }
  const shares = [...byCell.entries()]
    .map(([c, m]) => [c, Math.round(m * 10) / 10] as CellShare)
    .sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  return { shares, lengthM };
}

/**
 * Splits a polygon's area (m²) over the cells: the area split's weights times the area, for
 * public-space works measured in square metres.
 */
export function splitAreaAmount(geometry: Areal, cells: CellIndex, options: Partial<typeof SPLIT_DEFAULTS> = {}): { shares: CellShare[]; areaM2: number } {
  const split = splitArea(geometry, cells, options);
  return { shares: split.shares.map(([c, w]) => [c, Math.round(w * split.areaM2 * 10) / 10] as CellShare), areaM2: split.areaM2 };
}
