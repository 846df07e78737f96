/**
 * Planar geometry of rings and segments in the metre frame: areas, containment, distances.
 * Small and allocation-free because the generators call them per point, millions of times
 * in the benchmarks.
 */
import type { XY } from './local-frame';

/** Shoelace area: positive for a counter-clockwise ring. The ring is not closed. */
export function signedArea(ring: readonly XY[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i] as XY;
    const q = ring[(i + 1) % ring.length] as XY;
    sum += p[0] * q[1] - q[0] * p[1];
  }
  return sum / 2;
}

/** Ray-casting point-in-ring test. */
export function pointInRing(p: readonly [number, number], ring: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as readonly [number, number];
    const b = ring[j] as readonly [number, number];
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

export function ringBbox(ring: readonly XY[]): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of ring) {
    minX = Math.min(minX, p[0]);
    minY = Math.min(minY, p[1]);
    maxX = Math.max(maxX, p[0]);
    maxY = Math.max(maxY, p[1]);
  }
  return [minX, minY, maxX, maxY];
}

/** Area centroid of a simple ring. */
export function ringCentroid(ring: readonly XY[]): XY {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i] as XY;
    const q = ring[(i + 1) % ring.length] as XY;
    const cross = p[0] * q[1] - q[0] * p[1];
    a += cross;
    cx += (p[0] + q[0]) * cross;
    cy += (p[1] + q[1]) * cross;
  }
  if (a === 0) return ring[0] ?? [0, 0];
  return [cx / (3 * a), cy / (3 * a)];
}

export function ringPerimeter(ring: readonly XY[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i] as XY;
    const q = ring[(i + 1) % ring.length] as XY;
    sum += Math.hypot(q[0] - p[0], q[1] - p[1]);
  }
  return sum;
}

/** Distance from p to segment ab, and the parameter t ∈ [0,1] of the closest point. */
export function segmentDistance(p: XY, a: XY, b: XY): { distance: number; t: number } {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return { distance: Math.hypot(a[0] + t * dx - p[0], a[1] + t * dy - p[1]), t };
}

/** Distance from p to the nearest edge of the ring. */
export function distanceToRing(p: XY, ring: readonly XY[]): number {
  let best = Infinity;
  for (let i = 0; i < ring.length; i++) {
    best = Math.min(best, segmentDistance(p, ring[i] as XY, ring[(i + 1) % ring.length] as XY).distance);
  }
  return best;
}
