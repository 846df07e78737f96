/**
 * Road segmenting: every road line is cut at the sub-district boundary, then into segments no
 * longer than `maxLengthM`, in metres of a local frame. Segments are the unit of the spatial
 * queries (each asks only for lamps within reach of itself) and of the per-grid figures (each
 * counts in the grid holding its middle), so their length bounds both the query radius and how
 * finely road length is shared out between grids.
 *
 * Stored as parallel typed arrays: 50,000 segments are a few MB and no garbage.
 */
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon } from 'geojson';
import type { RoadGrade } from '../../contract';
import { metricFrame, toX, toY, type MetricFrame } from './metric-frame';

export interface RoadInput {
  id: string;
  name: string;
  class: RoadGrade;
  /** Lines in lon/lat: one for a LineString, several for a MultiLineString. */
  lines: readonly (readonly (readonly number[])[])[];
}

export interface BoundaryClip {
  polygon: Polygon | MultiPolygon;
  /**
   * A piece of road this close outside the boundary still counts: roads along the edge of a
   * sub-district are often drawn on the boundary line itself, a hair to either side.
   */
  toleranceM: number;
}

export interface SegmentOptions {
  maxLengthM: number;
  /** Cut away what lies outside; no clip keeps every road whole. */
  clip?: BoundaryClip;
  /** Frame centre; default the middle of the roads' extent. */
  frame?: MetricFrame;
}

export interface RoadSegments {
  frame: MetricFrame;
  count: number;
  /** Index into the input roads. */
  road: Int32Array;
  /**
   * A run of consecutive segments along one line with nothing cut away between them. Dark stretches
   * are joined across segments of one run only, never across a gap or between two lines.
   */
  run: Int32Array;
  ax: Float64Array;
  ay: Float64Array;
  bx: Float64Array;
  by: Float64Array;
  length: Float64Array;
  /** Kept metres per input road (0: the road lies wholly outside the boundary). */
  roadLengthM: Float64Array;
}

/** Grows typed arrays as segments are added (the final count is not known up front). */
class SegmentBuffer {
  count = 0;
  private cap = 1024;
  road = new Int32Array(this.cap);
  run = new Int32Array(this.cap);
  ax = new Float64Array(this.cap);
  ay = new Float64Array(this.cap);
  bx = new Float64Array(this.cap);
  by = new Float64Array(this.cap);

  push(road: number, run: number, ax: number, ay: number, bx: number, by: number): void {
    if (this.count === this.cap) this.grow();
    const i = this.count++;
    this.road[i] = road;
    this.run[i] = run;
    this.ax[i] = ax;
    this.ay[i] = ay;
    this.bx[i] = bx;
    this.by[i] = by;
  }

  private grow(): void {
    this.cap *= 2;
    const grow = <T extends Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(this.cap);
      b.set(a);
      return b;
    };
    this.road = grow(this.road);
    this.run = grow(this.run);
    this.ax = grow(this.ax);
    this.ay = grow(this.ay);
    this.bx = grow(this.bx);
    this.by = grow(this.by);
  }
}

/** The boundary's edges in metres, indexed, to find where a road crosses it and how far a point is from it. */
class BoundaryIndex {
  private readonly x1: number[] = [];
  private readonly y1: number[] = [];
  private readonly x2: number[] = [];
  private readonly y2: number[] = [];
  private readonly index: Flatbush;

  constructor(
    private readonly clip: BoundaryClip,
    frame: MetricFrame,
  ) {
    const polygons = clip.polygon.type === 'Polygon' ? [clip.polygon.coordinates] : clip.polygon.coordinates;
    for (const polygon of polygons) {
      for (const ring of polygon) {
        for (let i = 0; i + 1 < ring.length; i++) {
          const [lon1, lat1] = ring[i] as [number, number];
          const [lon2, lat2] = ring[i + 1] as [number, number];
          this.x1.push(toX(frame, lon1));
          this.y1.push(toY(frame, lat1));
          this.x2.push(toX(frame, lon2));
          this.y2.push(toY(frame, lat2));
        }
      }
    }
    this.index = new Flatbush(Math.max(1, this.x1.length));
    if (this.x1.length === 0) this.index.add(0, 0, 0, 0);
    for (let i = 0; i < this.x1.length; i++) {
      this.index.add(Math.min(this.x1[i]!, this.x2[i]!), Math.min(this.y1[i]!, this.y2[i]!), Math.max(this.x1[i]!, this.x2[i]!), Math.max(this.y1[i]!, this.y2[i]!));
    }
    this.index.finish();
  }

  /** Fractions t in (0, 1) where the segment a→b crosses a boundary edge, ascending. */
  crossings(ax: number, ay: number, bx: number, by: number): number[] {
    const ts: number[] = [];
    const dx = bx - ax;
    const dy = by - ay;
    for (const e of this.index.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by))) {
      if (e >= this.x1.length) continue;
      const ex = this.x2[e]! - this.x1[e]!;
      const ey = this.y2[e]! - this.y1[e]!;
      const denom = dx * ey - dy * ex;
      if (denom === 0) continue; // parallel: touching along the boundary is handled by the tolerance
      const t = ((this.x1[e]! - ax) * ey - (this.y1[e]! - ay) * ex) / denom;
      const u = ((this.x1[e]! - ax) * dy - (this.y1[e]! - ay) * dx) / denom;
      if (t > 1e-9 && t < 1 - 1e-9 && u >= 0 && u <= 1) ts.push(t);
    }
    return ts.sort((a, b) => a - b);
  }

  /**
   * Even-odd ray casting towards +x over only the indexed edges the ray can meet, so a test costs
   * O(log edges + crossings) rather than a walk over every vertex of a boundary with thousands.
   * Holes are rings like any other, so they come out right; a MultiPolygon's parts do not overlap.
   */
  inside(x: number, y: number): boolean {
    let odd = false;
    for (const e of this.index.search(x, y, Infinity, y)) {
      if (e >= this.x1.length) continue;
      const y1 = this.y1[e]!;
      const y2 = this.y2[e]!;
      if (y1 > y !== y2 > y && x < this.x1[e]! + ((y - y1) * (this.x2[e]! - this.x1[e]!)) / (y2 - y1)) odd = !odd;
    }
    return odd;
  }

  /** Whether a point (metres) is inside the boundary or within the tolerance of it. */
  keeps(x: number, y: number): boolean {
    if (this.inside(x, y)) return true;
    const tol = this.clip.toleranceM;
    for (const e of this.index.search(x - tol, y - tol, x + tol, y + tol)) {
      if (e >= this.x1.length) continue;
      if (pointSegmentDistance(x, y, this.x1[e]!, this.y1[e]!, this.x2[e]!, this.y2[e]!) <= tol) return true;
    }
    return false;
  }
}

export function pointSegmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** The frame centre for a set of roads: the middle of their extent. */
export function frameForRoads(roads: readonly RoadInput[]): MetricFrame {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const r of roads) {
    for (const line of r.lines) {
      for (const p of line) {
        w = Math.min(w, p[0]!);
        e = Math.max(e, p[0]!);
        s = Math.min(s, p[1]!);
        n = Math.max(n, p[1]!);
      }
    }
  }
  return Number.isFinite(w) ? metricFrame((w + e) / 2, (s + n) / 2) : metricFrame(0, 0);
}

/**
 * Cuts every road into segments of at most `maxLengthM` metres (equal pieces per vertex-to-vertex
 * edge), dropping pieces outside the boundary. Linear in the number of vertices and segments.
 */
export function segmentRoads(roads: readonly RoadInput[], options: SegmentOptions): RoadSegments {
  if (!(options.maxLengthM > 0)) throw new RangeError(`maxLengthM must be a positive number of metres, got ${options.maxLengthM}`);
  const frame = options.frame ?? frameForRoads(roads);
  const boundary = options.clip ? new BoundaryIndex(options.clip, frame) : null;
  const out = new SegmentBuffer();
  const roadLengthM = new Float64Array(roads.length);
  let run = -1;
  roads.forEach((road, r) => {
    for (const line of road.lines) {
      let runOpen = false;
      for (let i = 0; i + 1 < line.length; i++) {
        const ax = toX(frame, line[i]![0]!);
        const ay = toY(frame, line[i]![1]!);
        const bx = toX(frame, line[i + 1]![0]!);
        const by = toY(frame, line[i + 1]![1]!);
        if (ax === bx && ay === by) continue; // a repeated vertex adds nothing
        const cuts = boundary ? [0, ...boundary.crossings(ax, ay, bx, by), 1] : [0, 1];
        for (let c = 0; c + 1 < cuts.length; c++) {
          const t0 = cuts[c]!;
          const t1 = cuts[c + 1]!;
          const px = ax + (bx - ax) * t0;
          const py = ay + (by - ay) * t0;
          const qx = ax + (bx - ax) * t1;
          const qy = ay + (by - ay) * t1;
          const len = Math.hypot(qx - px, qy - py);
          if (len === 0) continue;
          const n = Math.max(1, Math.ceil(len / options.maxLengthM - 1e-9));
          for (let k = 0; k < n; k++) {
            const sx = px + ((qx - px) * k) / n;
            const sy = py + ((qy - py) * k) / n;
            const ex = k + 1 === n ? qx : px + ((qx - px) * (k + 1)) / n;
            const ey = k + 1 === n ? qy : py + ((qy - py) * (k + 1)) / n;
            if (boundary && !boundary.keeps((sx + ex) / 2, (sy + ey) / 2)) {
              runOpen = false;
              continue;
            }
            if (!runOpen) {
              run++;
              runOpen = true;
            }
            out.push(r, run, sx, sy, ex, ey);
          }
        }
      }
    }
  });
  const count = out.count;
  const length = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    length[i] = Math.hypot(out.bx[i]! - out.ax[i]!, out.by[i]! - out.ay[i]!);
    roadLengthM[out.road[i]!]! += length[i]!;
  }
  return {
    frame,
    count,
    road: out.road.subarray(0, count),
    run: out.run.subarray(0, count),
    ax: out.ax.subarray(0, count),
    ay: out.ay.subarray(0, count),
    bx: out.bx.subarray(0, count),
    by: out.by.subarray(0, count),
    length,
    roadLengthM,
  };
}
