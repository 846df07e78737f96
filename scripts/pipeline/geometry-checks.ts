/**
 * Well-formedness of one GeoJSON geometry: the declared type is one the layer allows, every
 * position is two finite numbers, rings are closed with at least four positions and do not cross
 * themselves. Returns the reason it is unusable, or null. (Range checks belong to normalise, after CRS conversion.)
 */
import type { Geometry, Position } from 'geojson';
import { ringSelfIntersection } from './topology/self-intersection';

export type GeometryKind = 'Point' | 'LineString' | 'MultiLineString' | 'Polygon' | 'MultiPolygon';

export function geometryProblem(geometry: Geometry | null, allowed: readonly GeometryKind[]): string | null {
  const expected = `expected ${allowed.join(' or ')}`;
  if (geometry === null) return `geometry is null; ${expected}`;
  if (!allowed.includes(geometry.type as GeometryKind)) return `geometry is ${String(geometry.type)}; ${expected}`;
  const coords = (geometry as { coordinates?: unknown }).coordinates;
  switch (geometry.type) {
    case 'Point':
      return isPosition(coords) ? null : 'point coordinates are not two finite numbers';
    case 'LineString':
      return lineProblem(coords);
    case 'MultiLineString':
      return Array.isArray(coords) && coords.length > 0 ? firstProblem(coords, lineProblem) : 'has no lines';
    case 'Polygon':
      return polygonProblem(coords);
    case 'MultiPolygon':
      return Array.isArray(coords) && coords.length > 0 ? firstProblem(coords, polygonProblem) : 'has no polygons';
    default:
      return `geometry is ${geometry.type}; ${expected}`;
  }
}

function isPosition(p: unknown): p is Position {
  return Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);
}

function firstProblem(parts: unknown[], check: (part: unknown) => string | null): string | null {
  for (const part of parts) {
    const problem = check(part);
    if (problem) return problem;
  }
  return null;
}

function lineProblem(coords: unknown): string | null {
  if (!Array.isArray(coords) || coords.length < 2) return 'a line needs at least two positions';
  return coords.every(isPosition) ? null : 'a line has a position that is not two finite numbers';
}

function polygonProblem(coords: unknown): string | null {
  if (!Array.isArray(coords) || coords.length === 0) return 'a polygon has no rings';
  for (const ring of coords) {
    if (!Array.isArray(ring) || ring.length < 4) return 'a polygon ring needs at least four positions';
    if (!ring.every(isPosition)) return 'a polygon ring has a position that is not two finite numbers';
    const first = ring[0] as Position;
    const last = ring[ring.length - 1] as Position;
    if (first[0] !== last[0] || first[1] !== last[1]) return 'a polygon ring is not closed (first position ≠ last)';
    const crossing = ringSelfIntersection(ring as Position[]);
    if (crossing) return `a polygon ring crosses itself near ${crossing[0]},${crossing[1]}; expected a simple ring (repair the geometry in the GIS)`;
  }
  return null;
}
