/**
 * Street addresses on the real roads: the nearest named road to a point and a plausible house
 * number (门牌号): numbers grow along the road, odd on one side and even on the other, as on
 * Chinese streets. Backed by a Flatbush index of road segments, so a million lookups stay cheap.
 */
import Flatbush from 'flatbush';
import type { LocalFrame, XY } from './local-frame';
import type { Road, RoadGroup } from './roads';
import { UNNAMED_ROAD } from './roads';
import { segmentDistance } from './ring-geometry';

export interface StreetPosition {
  road: string;
  group: RoadGroup;
  /** Distance from the point to the road centre line, metres. */
  distanceM: number;
  houseNumber: number;
  /** The closest point on the centre line, metres. */
  onRoad: XY;
}

export interface StreetIndex {
  /** Nearest named road within `maxDistanceM` (default 250 m), or null. */
  locate(p: XY, maxDistanceM?: number): StreetPosition | null;
}

/** Metres of frontage per house number (two numbers per plot, one on each side). */
const PLOT_M = 12;

export function buildStreetIndex(roads: readonly Road[], frame: LocalFrame): StreetIndex {
  interface Segment {
    a: XY;
    b: XY;
    road: Road;
  }
  const segments: Segment[] = [];
  for (const road of roads) {
    if (road.name === UNNAMED_ROAD) continue;
    const xy = road.coords.map((c) => frame.toXY(c));
    for (let i = 0; i + 1 < xy.length; i++) segments.push({ a: xy[i] as XY, b: xy[i + 1] as XY, road });
  }
  // Each road name gets one axis (its overall direction) and origin, so numbers run on across ways.
  const axes = new Map<string, { origin: XY; dir: XY }>();
  const byName = new Map<string, XY[]>();
  for (const s of segments) {
    const list = byName.get(s.road.name) ?? [];
    list.push(s.a, s.b);
    byName.set(s.road.name, list);
  }
  for (const [name, points] of byName) {
    let far: [XY, XY] = [points[0] as XY, points[1] as XY];
    let best = -1;
    // The two points farthest apart (few dozen points per name: quadratic is fine).
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) {
        const d = Math.hypot((points[i] as XY)[0] - (points[j] as XY)[0], (points[i] as XY)[1] - (points[j] as XY)[1]);
        if (d > best) {
          best = d;
          far = [points[i] as XY, points[j] as XY];
        }
      }
    }
    // Numbers start at the west or north end, as they mostly do in Nanjing.
    let [start, end] = far;
    if (Math.abs(end[0] - start[0]) >= Math.abs(end[1] - start[1]) ? start[0] > end[0] : start[1] < end[1]) [start, end] = [end, start];
    const len = Math.hypot(end[0] - start[0], end[1] - start[1]) || 1;
    const dir: XY = [(end[0] - start[0]) / len, (end[1] - start[1]) / len];
    axes.set(name, { origin: start, dir });
  }

  const index = new Flatbush(Math.max(1, segments.length));
  for (const s of segments) index.add(Math.min(s.a[0], s.b[0]), Math.min(s.a[1], s.b[1]), Math.max(s.a[0], s.b[0]), Math.max(s.a[1], s.b[1]));
  if (segments.length === 0) index.add(0, 0, 0, 0);
  index.finish();

  return {
    locate(p, maxDistanceM = 250) {
      if (segments.length === 0) return null;
      // Flatbush ranks by box distance; check a few candidates for the true segment distance.
      const candidates = index.neighbors(p[0], p[1], 6, maxDistanceM);
      let best: { s: Segment; distance: number; t: number } | null = null;
      for (const i of candidates) {
        const s = segments[i] as Segment;
        const { distance, t } = segmentDistance(p, s.a, s.b);
        if (!best || distance < best.distance) best = { s, distance, t };
      }
      if (!best || best.distance > maxDistanceM) return null;
      const { s, t } = best;
      const onRoad: XY = [s.a[0] + t * (s.b[0] - s.a[0]), s.a[1] + t * (s.b[1] - s.a[1])];
      const axis = axes.get(s.road.name) as { origin: XY; dir: XY };
      const along = Math.max(0, (onRoad[0] - axis.origin[0]) * axis.dir[0] + (onRoad[1] - axis.origin[1]) * axis.dir[1]);
      // Left of the axis: odd numbers; right: even.
      const left = axis.dir[0] * (p[1] - onRoad[1]) - axis.dir[1] * (p[0] - onRoad[0]) >= 0;
      const plot = Math.floor(along / PLOT_M);
      const houseNumber = left ? 2 * plot + 1 : 2 * plot + 2;
      return { road: s.road.name, group: s.road.group, distanceM: best.distance, houseNumber, onRoad };
    },
  };
}

export function formatAddress(position: StreetPosition): string {
  return `${position.road}${position.houseNumber}号`;
}
