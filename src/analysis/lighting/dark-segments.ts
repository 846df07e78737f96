/**
 * Dark streets: the stretches of road farther than the dark distance from every working lamp.
 *
 * For each road segment, a KDBush index of the working lamps gives the few lamps within reach of
 * it (radius + half the segment's length around its middle); each lamp lights the part of the
 * segment inside its circle (a circle–segment intersection, exact, no sampling); the union of those
 * parts is lit and the rest is dark. Time is O(lamps · log lamps + segments · lamps near each),
 * near-linear; never lamps × segments. By construction lit + dark = segment length.
 *
 * The same pass credits each faulty lamp with the dark metres inside its own circle: the road a
 * repair would light. That orders the repair list.
 */
import KDBush from 'kdbush';
import type { RoadGrade } from '../../contract';
import { toLonLat, toX, toY, type MetricFrame } from './metric-frame';
import type { RoadSegments } from './road-segments';

/** Lamps as parallel arrays of positions in the segments' frame. */
export interface LampPoints {
  x: Float64Array;
  y: Float64Array;
}

export function lampPoints(frame: MetricFrame, positions: readonly (readonly number[])[]): LampPoints {
  const x = new Float64Array(positions.length);
  const y = new Float64Array(positions.length);
  positions.forEach((p, i) => {
    x[i] = toX(frame, p[0]!);
    y[i] = toY(frame, p[1]!);
  });
  return { x, y };
}

export interface DarkResult {
  /** Lit metres per segment. */
  litM: Float64Array;
  /** Dark metres per segment (= length − lit). */
  darkM: Float64Array;
  /**
   * Dark intervals per segment as fractions along it: segment i's are the pairs
   * darkT[2k], darkT[2k+1] for k in darkStart[i] … darkStart[i+1] − 1.
   */
  darkStart: Int32Array;
  darkT: Float64Array;
  /** Dark metres within reach of each faulty lamp (in the order given). */
  faultyDarkM: Float64Array;
}

function buildIndex(points: LampPoints): KDBush | null {
  const n = points.x.length;
  if (n === 0) return null;
  const index = new KDBush(n, 64, Float64Array);
  for (let i = 0; i < n; i++) index.add(points.x[i]!, points.y[i]!);
  index.finish();
  return index;
}

/**
 * The part [t0, t1] of segment a→b within `r` of point p, or null. Solves |a + t(b−a) − p|² = r².
 * Writes into `out` to stay allocation-free in the hot loop.
 */
export function circleInterval(ax: number, ay: number, bx: number, by: number, px: number, py: number, r: number, out: [number, number]): boolean {
  const dx = bx - ax;
  const dy = by - ay;
  const fx = ax - px;
  const fy = ay - py;
  const a = dx * dx + dy * dy;
  if (a === 0) return false;
  const b = 2 * (fx * dx + fy * dy);
  const c = fx * fx + fy * fy - r * r;
  const disc = b * b - 4 * a * c;
  if (disc <= 0) return false; // misses, or only touches at one point: nothing of length is lit
  const root = Math.sqrt(disc);
  const t0 = Math.max(0, (-b - root) / (2 * a));
  const t1 = Math.min(1, (-b + root) / (2 * a));
  if (t1 <= t0) return false;
  out[0] = t0;
  out[1] = t1;
  return true;
}

/**
 * Lit and dark parts of every segment. `radiusOf(road index)` is the dark distance of that road's
 * class (a setting per class: a lane's wall lamp reaches less far than a main road's pole).
 */
export function deriveDarkness(segments: RoadSegments, working: LampPoints, faulty: LampPoints, radiusOfRoad: (road: number) => number): DarkResult {
  const n = segments.count;
  const litM = new Float64Array(n);
  const darkM = new Float64Array(n);
  const darkStart = new Int32Array(n + 1);
  let darkT = new Float64Array(Math.max(16, n * 2));
  let darkLen = 0;
  const faultyDarkM = new Float64Array(faulty.x.length);
  const workingIndex = buildIndex(working);
  const faultyIndex = buildIndex(faulty);

  // Reused buffers: lit intervals of the current segment, then its dark complement.
  let starts: number[] = [];
  let ends: number[] = [];
  const order: number[] = [];
  const iv: [number, number] = [0, 0];
  const darkHere: number[] = [];

  for (let i = 0; i < n; i++) {
    const ax = segments.ax[i]!;
    const ay = segments.ay[i]!;
    const bx = segments.bx[i]!;
    const by = segments.by[i]!;
    const len = segments.length[i]!;
    const r = radiusOfRoad(segments.road[i]!);
    const mx = (ax + bx) / 2;
    const my = (ay + by) / 2;
    starts = [];
    ends = [];
    if (workingIndex) {
      for (const k of workingIndex.within(mx, my, r + len / 2)) {
        if (circleInterval(ax, ay, bx, by, working.x[k]!, working.y[k]!, r, iv)) {
          starts.push(iv[0]);
          ends.push(iv[1]);
        }
      }
    }
    // Union of the lit intervals; the gaps between them are dark.
    order.length = 0;
    for (let k = 0; k < starts.length; k++) order.push(k);
    order.sort((p, q) => starts[p]! - starts[q]!);
    darkHere.length = 0;
    let lit = 0;
    let cursor = 0; // end of the lit union so far
    for (const k of order) {
      const s = starts[k]!;
      const e = ends[k]!;
      if (s > cursor) {
        darkHere.push(cursor, s);
        lit += e - s;
        cursor = e;
      } else if (e > cursor) {
        lit += e - cursor;
        cursor = e;
      }
    }
    if (cursor < 1) darkHere.push(cursor, 1);
    litM[i] = Math.min(len, lit * len);
    darkM[i] = len - litM[i]!;

    darkStart[i] = darkLen / 2;
    if (darkLen + darkHere.length > darkT.length) {
      const bigger = new Float64Array(Math.max(darkT.length * 2, darkLen + darkHere.length));
      bigger.set(darkT);
      darkT = bigger;
    }
    for (const t of darkHere) darkT[darkLen++] = t;

    // What each faulty lamp within reach would light if it worked: its circle ∩ the dark gaps.
    if (faultyIndex && darkHere.length > 0) {
      for (const k of faultyIndex.within(mx, my, r + len / 2)) {
        if (!circleInterval(ax, ay, bx, by, faulty.x[k]!, faulty.y[k]!, r, iv)) continue;
        let covered = 0;
        for (let d = 0; d < darkHere.length; d += 2) {
          const lo = Math.max(iv[0], darkHere[d]!);
          const hi = Math.min(iv[1], darkHere[d + 1]!);
          if (hi > lo) covered += hi - lo;
        }
        faultyDarkM[k]! += covered * len;
      }
    }
  }
  darkStart[n] = darkLen / 2;
  return { litM, darkM, darkStart, darkT: darkT.subarray(0, darkLen), faultyDarkM };
}

/** One continuous dark stretch of a road, possibly across many segments. */
export interface DarkStretch {
  road: number;
  /** lon/lat positions along the stretch. */
  coordinates: [number, number][];
  lengthM: number;
  /** lon/lat of the point halfway along (for the grid it counts in). */
  middle: [number, number];
}

/** Dark intervals shorter than this are rounding noise at a lamp circle's edge, not a dark street. */
export const MIN_DARK_STRETCH_M = 0.05;

/**
 * Joins the dark intervals into stretches: an interval reaching the end of a segment continues
 * into the next segment of the same run when that one is dark from its start.
 */
export function darkStretches(segments: RoadSegments, dark: DarkResult, minLengthM = MIN_DARK_STRETCH_M): DarkStretch[] {
  const out: DarkStretch[] = [];
  const frame = segments.frame;
  let current: { road: number; run: number; xy: [number, number][]; length: number } | null = null;
  const eps = 1e-9;
  const close = (): void => {
    if (current && current.length >= minLengthM) out.push(finishStretch(frame, current));
    current = null;
  };
  for (let i = 0; i < segments.count; i++) {
    const ax = segments.ax[i]!;
    const ay = segments.ay[i]!;
    const dx = segments.bx[i]! - ax;
    const dy = segments.by[i]! - ay;
    const len = segments.length[i]!;
    const from = dark.darkStart[i]!;
    const to = dark.darkStart[i + 1]!;
    if (from === to) close();
    for (let k = from; k < to; k++) {
      const t0 = dark.darkT[2 * k]!;
      const t1 = dark.darkT[2 * k + 1]!;
      const continues = current !== null && current.run === segments.run[i]! && t0 <= eps;
      if (!continues) {
        close();
        current = { road: segments.road[i]!, run: segments.run[i]!, xy: [[ax + dx * t0, ay + dy * t0]], length: 0 };
      }
      current!.xy.push([ax + dx * t1, ay + dy * t1]);
      current!.length += (t1 - t0) * len;
      if (t1 < 1 - eps) close();
    }
  }
  close();
  return out;
}

function finishStretch(frame: MetricFrame, s: { road: number; xy: [number, number][]; length: number }): DarkStretch {
  // The point halfway along, walking the stretch.
  let half = s.length / 2;
  let middle: [number, number] = s.xy[0]!;
  for (let i = 0; i + 1 < s.xy.length; i++) {
    const [x1, y1] = s.xy[i]!;
    const [x2, y2] = s.xy[i + 1]!;
    const l = Math.hypot(x2 - x1, y2 - y1);
    if (l >= half && l > 0) {
      middle = [x1 + ((x2 - x1) * half) / l, y1 + ((y2 - y1) * half) / l];
      break;
    }
    half -= l;
    middle = [x2, y2];
  }
  return {
    road: s.road,
    coordinates: s.xy.map(([x, y]) => toLonLat(frame, x, y)),
    lengthM: s.length,
    middle: toLonLat(frame, middle[0], middle[1]),
  };
}

/** Dark distance per road from a per-class setting. */
export function radiusByRoad(classes: readonly RoadGrade[], distance: Record<RoadGrade, number>): (road: number) => number {
  const radii = Float64Array.from(classes, (c) => distance[c]);
  return (road) => radii[road]!;
}
