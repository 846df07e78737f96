/**
 * Where to put the label of an area (a park's name, a school's): a point inside it. The centroid
 * is the natural spot for compact shapes but falls outside an L- or U-shaped campus, so when it
 * does, the middle of the widest span across the shape at the centroid's latitude is used instead.
 */
import type { Position } from 'geojson';
import { pointInRing, signedRingArea } from './multipolygon-rings';

/** Area-weighted centroid of a ring; its first vertex when the ring has no area. */
function ringCentroid(ring: readonly Position[]): Position {
  // Relative to the first vertex, so degrees² products keep their precision.
  const [x0, y0] = ring[0] as [number, number];
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [ax, ay] = ring[i] as [number, number];
    const [bx, by] = ring[i + 1] as [number, number];
    const x1 = ax - x0;
    const y1 = ay - y0;
    const x2 = bx - x0;
    const y2 = by - y0;
    const cross = x1 * y2 - x2 * y1;
    a += cross;
    cx += (x1 + x2) * cross;
    cy += (y1 + y2) * cross;
  }
  if (a === 0) return [x0, y0];
  return [x0 + cx / (3 * a), y0 + cy / (3 * a)];
}

function insidePolygon(point: Position, polygon: readonly Position[][]): boolean {
  const [outer, ...holes] = polygon;
  return outer !== undefined && pointInRing(point, outer) && !holes.some((h) => pointInRing(point, h));
}

/** Midpoint of the widest inside span of the polygon along latitude `y`, or null if none. */
function widestSpan(polygon: readonly Position[][], y: number): Position | null {
  const xs: number[] = [];
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y) xs.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
    }
  }
  xs.sort((p, q) => p - q);
  let best: Position | null = null;
  let width = -1;
  // Even-odd: inside between the 1st and 2nd crossing, the 3rd and 4th, …
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const w = xs[i + 1]! - xs[i]!;
    if (w > width) {
      width = w;
      best = [(xs[i]! + xs[i + 1]!) / 2, y];
    }
  }
  return best;
}

/** A point inside the largest polygon of the area (for a multipolygon, its main part). */
export function labelPoint(polygons: readonly Position[][][]): Position | null {
  let main: Position[][] | undefined;
  let mainArea = -1;
  for (const polygon of polygons) {
    const area = polygon[0] ? Math.abs(signedRingArea(polygon[0])) : 0;
    if (area > mainArea) {
      mainArea = area;
      main = polygon;
    }
  }
  const outer = main?.[0];
  if (!main || !outer || outer.length === 0) return null;
  const centroid = ringCentroid(outer);
  if (insidePolygon(centroid, main)) return centroid;
  return widestSpan(main, centroid[1]!) ?? outer[0]!;
}
