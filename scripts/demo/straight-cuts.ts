/**
 * Straight cuts through a block that is too big (or too long) to be one grid cell: the edges of
 * a Voronoi diagram of k balanced seeds, clipped to the block. Grid offices draw exactly such
 * lines where no street divides a block; the cuts become edges of the planar graph, so the
 * pieces still tile the block exactly.
 */
import type { XY } from './local-frame';
import { pointInRing, ringBbox, signedArea } from './ring-geometry';

/** How many pieces a block of this shape should become. */
export function piecesFor(ring: readonly XY[], maxAreaM2: number, maxLengthM: number): number {
  const area = Math.abs(signedArea(ring));
  let perimeter = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i] as XY;
    const q = ring[(i + 1) % ring.length] as XY;
    perimeter += Math.hypot(q[0] - p[0], q[1] - p[1]);
  }
  // Long side of the rectangle with the same area and perimeter: catches thin strips.
  const s = perimeter / 2;
  const longSide = (s + Math.sqrt(Math.max(0, s * s - 4 * area))) / 2;
  return Math.max(1, Math.ceil(area / maxAreaM2), Math.ceil(longSide / maxLengthM));
}

/**
 * Seeds of k pieces of roughly equal area: k-means over a lattice of points inside the ring,
 * started from the north-west-most point and spread by farthest-point choice (deterministic).
 */
export function balancedSeeds(ring: readonly XY[], k: number): XY[] {
  const area = Math.abs(signedArea(ring));
  const samples = latticeInside(ring, Math.sqrt(area / (k * 60)));
  if (samples.length <= k) return samples;
  let first = 0;
  samples.forEach((p, i) => {
    const q = samples[first] as XY;
    if (p[1] - p[0] > q[1] - q[0]) first = i;
  });
  const seeds: XY[] = [samples[first] as XY];
  const nearest = samples.map((p) => dist2(p, seeds[0] as XY));
  while (seeds.length < k) {
    let far = 0;
    nearest.forEach((d, i) => {
      if (d > (nearest[far] as number)) far = i;
    });
    const s = samples[far] as XY;
    seeds.push(s);
    samples.forEach((p, i) => (nearest[i] = Math.min(nearest[i] as number, dist2(p, s))));
  }
  for (let iteration = 0; iteration < 20; iteration++) {
    const sum = seeds.map(() => [0, 0, 0]);
    for (const p of samples) {
      let best = 0;
      for (let j = 1; j < seeds.length; j++) if (dist2(p, seeds[j] as XY) < dist2(p, seeds[best] as XY)) best = j;
      const acc = sum[best] as number[];
      acc[0] = (acc[0] as number) + p[0];
      acc[1] = (acc[1] as number) + p[1];
      acc[2] = (acc[2] as number) + 1;
    }
    sum.forEach((acc, j) => {
      if ((acc[2] as number) > 0) seeds[j] = [(acc[0] as number) / (acc[2] as number), (acc[1] as number) / (acc[2] as number)];
    });
  }
  return seeds;
}

/** Voronoi edges between the seeds, clipped to the inside of the ring. */
export function voronoiCuts(ring: readonly XY[], seeds: readonly XY[]): [XY, XY][] {
  const [minX, minY, maxX, maxY] = ringBbox(ring);
  const reach = Math.hypot(maxX - minX, maxY - minY) + 1;
  const cuts: [XY, XY][] = [];
  for (let i = 0; i < seeds.length; i++) {
    for (let j = i + 1; j < seeds.length; j++) {
      const a = seeds[i] as XY;
      const b = seeds[j] as XY;
      const mid: XY = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (len === 0) continue;
      const dir: XY = [-(b[1] - a[1]) / len, (b[0] - a[0]) / len];
      let t0 = -reach;
      let t1 = reach;
      // Keep the part of the bisector closer to a (and b) than to every other seed.
      for (let m = 0; m < seeds.length && t0 < t1; m++) {
        if (m === i || m === j) continue;
        const c = seeds[m] as XY;
        // |x-a|² ≤ |x-c|²  ⇔  2x·(c-a) ≤ |c|²-|a|², with x = mid + t·dir
        const nx = c[0] - a[0];
        const ny = c[1] - a[1];
        const lhs0 = 2 * (mid[0] * nx + mid[1] * ny);
        const lhs1 = 2 * (dir[0] * nx + dir[1] * ny);
        const rhs = c[0] * c[0] + c[1] * c[1] - a[0] * a[0] - a[1] * a[1];
        if (Math.abs(lhs1) < 1e-12) {
          if (lhs0 > rhs) t1 = t0 - 1;
          continue;
        }
        const t = (rhs - lhs0) / lhs1;
        if (lhs1 > 0) t1 = Math.min(t1, t);
        else t0 = Math.max(t0, t);
      }
      if (t0 >= t1) continue;
      const p: XY = [mid[0] + t0 * dir[0], mid[1] + t0 * dir[1]];
      const q: XY = [mid[0] + t1 * dir[0], mid[1] + t1 * dir[1]];
      cuts.push(...clipSegmentToRing(p, q, ring));
    }
  }
  return cuts;
}

/** The parts of segment pq inside the ring. */
export function clipSegmentToRing(p: XY, q: XY, ring: readonly XY[]): [XY, XY][] {
  const ts = [0, 1];
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as XY;
    const b = ring[(i + 1) % ring.length] as XY;
    const ex = b[0] - a[0];
    const ey = b[1] - a[1];
    const den = dx * ey - dy * ex;
    if (Math.abs(den) < 1e-12) continue;
    const t = ((a[0] - p[0]) * ey - (a[1] - p[1]) * ex) / den;
    const u = ((a[0] - p[0]) * dy - (a[1] - p[1]) * dx) / den;
    if (t > 0 && t < 1 && u >= 0 && u <= 1) ts.push(t);
  }
  ts.sort((x, y) => x - y);
  const at = (t: number): XY => [p[0] + t * dx, p[1] + t * dy];
  const parts: [XY, XY][] = [];
  for (let i = 0; i + 1 < ts.length; i++) {
    const t0 = ts[i] as number;
    const t1 = ts[i + 1] as number;
    if ((t1 - t0) * Math.hypot(dx, dy) < 0.5) continue; // shorter than a kerb: no piece
    if (pointInRing(at((t0 + t1) / 2), ring)) parts.push([at(t0), at(t1)]);
  }
  return parts;
}

function latticeInside(ring: readonly XY[], step: number): XY[] {
  const [minX, minY, maxX, maxY] = ringBbox(ring);
  const out: XY[] = [];
  for (let y = minY + step / 2; y < maxY; y += step) {
    for (let x = minX + step / 2; x < maxX; x += step) {
      if (pointInRing([x, y], ring)) out.push([x, y]);
    }
  }
  return out;
}

function dist2(a: XY, b: XY): number {
  return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;
}
