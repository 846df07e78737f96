/**
 * Which grid cell a point falls in. Grids tile the sub-district, so at most one cell contains a
 * point; a flatbush index of cell bounding boxes keeps this near O(log n) per point, which is what
 * lets a million ledger rows be assigned in the pipeline without an all-pairs loop.
 */
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';

export interface GridCell {
  code: string;
  geometry: Polygon | MultiPolygon;
}

export class GridLocator {
  private readonly index: Flatbush | null;
  private readonly cells: GridCell[];

  constructor(cells: GridCell[]) {
    this.cells = cells;
    if (cells.length === 0) {
      this.index = null;
      return;
    }
    this.index = new Flatbush(cells.length);
    for (const cell of cells) {
      const [w, s, e, n] = bboxOf(cell.geometry);
      this.index.add(w, s, e, n);
    }
    this.index.finish();
  }

  /** The code of the cell containing the point, or null when it lies in no cell (a gap). */
  locate(lon: number, lat: number): string | null {
    if (!this.index) return null;
    for (const i of this.index.search(lon, lat, lon, lat)) {
      const cell = this.cells[i]!;
      if (containsPoint(cell.geometry, lon, lat)) return cell.code;
    }
    return null;
  }
}

export function bboxOf(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const [x, y] of polygon[0] ?? []) {
      if (x! < w) w = x!;
      if (x! > e) e = x!;
      if (y! < s) s = y!;
      if (y! > n) n = y!;
    }
  }
  return [w, s, e, n];
}

/** Even-odd ray casting over every ring, so holes are excluded. */
export function containsPoint(geometry: Polygon | MultiPolygon, x: number, y: number): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    let inside = false;
    for (const ring of polygon) if (ringCrossings(ring, x, y)) inside = !inside;
    if (inside) return true;
  }
  return false;
}

function ringCrossings(ring: Position[], x: number, y: number): boolean {
  let odd = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
  }
  return odd;
}
