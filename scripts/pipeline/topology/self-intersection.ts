/**
 * Does a polygon ring cross itself (a bow-tie drawn by hand, a digitising slip)? Such a ring has
 * no well-defined inside: areas, point-in-polygon and the grid a problem falls in all go wrong.
 * Segments are indexed with flatbush, so a boundary of thousands of vertices is checked without
 * comparing every pair. Only proper crossings count: a ring that touches itself at a vertex, or
 * crosses within TOUCH_DEG of one (a digitising spike of a few centimetres, as the demo's
 * compound XQ121 has), encloses no wrong area worth dropping a row for.
 */
import Flatbush from 'flatbush';
import type { Position } from 'geojson';

/** ≈ 0.1 m: a crossing this close to a vertex is a touch, not a bow-tie. */
const TOUCH_DEG = 1e-6;

/** The first crossing point of two non-adjacent segments of a closed ring, or null. */
export function ringSelfIntersection(input: readonly Position[]): Position | null {
  // A repeated vertex is a zero-length segment, not a crossing: drop it first.
  const ring = input.filter((p, i) => i === 0 || p[0] !== input[i - 1]![0] || p[1] !== input[i - 1]![1]);
  const n = ring.length - 1; // closed: the last position repeats the first
  if (n < 4) return null;
  const index = new Flatbush(n);
  for (let i = 0; i < n; i++) {
    const [ax, ay] = ring[i]!;
    const [bx, by] = ring[i + 1]!;
    index.add(Math.min(ax!, bx!), Math.min(ay!, by!), Math.max(ax!, bx!), Math.max(ay!, by!));
  }
  index.finish();
  for (let i = 0; i < n; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    for (const j of index.search(Math.min(a[0]!, b[0]!), Math.min(a[1]!, b[1]!), Math.max(a[0]!, b[0]!), Math.max(a[1]!, b[1]!))) {
      if (j <= i || j === i + 1 || (i === 0 && j === n - 1)) continue;
      const hit = crossing(a, b, ring[j]!, ring[j + 1]!);
      if (hit) return hit;
    }
  }
  return null;
}

/** Where segments ab and cd properly cross, away from their ends, or null. */
function crossing(a: Position, b: Position, c: Position, d: Position): Position | null {
  const orient = (p: Position, q: Position, r: Position): number => Math.sign((q[0]! - p[0]!) * (r[1]! - p[1]!) - (q[1]! - p[1]!) * (r[0]! - p[0]!));
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 === o2 || o3 === o4 || o1 === 0 || o2 === 0 || o3 === 0 || o4 === 0) return null;
  const t = ((c[0]! - a[0]!) * (d[1]! - c[1]!) - (c[1]! - a[1]!) * (d[0]! - c[0]!)) / ((b[0]! - a[0]!) * (d[1]! - c[1]!) - (b[1]! - a[1]!) * (d[0]! - c[0]!));
  const hit: Position = [a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)];
  const near = (p: Position): boolean => Math.abs(p[0]! - hit[0]!) < TOUCH_DEG && Math.abs(p[1]! - hit[1]!) < TOUCH_DEG;
  return near(a) || near(b) || near(c) || near(d) ? null : hit;
}
