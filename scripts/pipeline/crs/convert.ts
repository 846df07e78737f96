/**
 * Converts positions from a declared CRS to WGS-84 longitude/latitude, the one internal CRS.
 * gcoord for GCJ-02 and BD-09 (its GCJ-02 → WGS-84 inverse iterates to 1e-6°, ≈ 0.1 m);
 * proj4 for the CGCS2000 Gauss-Krüger zones, with the EPSG parameters of definitions.ts.
 */
import gcoord from 'gcoord';
import proj4 from 'proj4';
import type { Geometry, Position } from 'geojson';
import type { CrsDefinition } from './definitions';

/** CGCS2000 geographic: the Gauss-Krüger inverse lands here; equal to WGS-84 at map precision. */
const CGCS2000_LONLAT = '+proj=longlat +ellps=GRS80 +no_defs';

export type PositionConverter = (p: Position) => Position;

/** A function from the CRS's positions to WGS-84 [lon, lat]; non-finite input gives NaN out. */
export function converterToWgs84(crs: CrsDefinition): PositionConverter {
  switch (crs.kind) {
    case 'geographic':
      return (p) => [p[0]!, p[1]!];
    case 'offset': {
      const from = crs.id === 'GCJ02' ? gcoord.GCJ02 : gcoord.BD09;
      return (p) => (isFinitePair(p) ? (gcoord.transform([p[0]!, p[1]!], from, gcoord.WGS84) as Position) : [NaN, NaN]);
    }
    case 'gauss-kruger': {
      const projection = proj4(crs.proj4, CGCS2000_LONLAT);
      return (p) => (isFinitePair(p) ? projection.forward([p[0]!, p[1]!]) : [NaN, NaN]);
    }
  }
}

/** The reverse, WGS-84 → the CRS: for fixtures, tests and the sanity check's guesses. */
export function converterFromWgs84(crs: CrsDefinition): PositionConverter {
  switch (crs.kind) {
    case 'geographic':
      return (p) => [p[0]!, p[1]!];
    case 'offset': {
      const to = crs.id === 'GCJ02' ? gcoord.GCJ02 : gcoord.BD09;
      return (p) => gcoord.transform([p[0]!, p[1]!], gcoord.WGS84, to) as Position;
    }
    case 'gauss-kruger': {
      const projection = proj4(crs.proj4, CGCS2000_LONLAT);
      return (p) => projection.inverse([p[0]!, p[1]!]);
    }
  }
}

function isFinitePair(p: Position): boolean {
  return Number.isFinite(p[0]) && Number.isFinite(p[1]);
}

/** The same geometry with every position converted. */
export function mapGeometry<G extends Geometry>(geometry: G, convert: PositionConverter): G {
  const walk = (c: unknown): unknown => (typeof (c as Position)[0] === 'number' ? convert(c as Position) : (c as unknown[]).map(walk));
  if (geometry.type === 'GeometryCollection') return { ...geometry, geometries: geometry.geometries.map((g) => mapGeometry(g, convert)) };
  return { ...geometry, coordinates: walk((geometry as { coordinates: unknown }).coordinates) } as G;
}

/** Every position of a geometry, in order (for sampling). */
export function positionsOf(geometry: Geometry): Position[] {
  const out: Position[] = [];
  const walk = (c: unknown): void => {
    if (typeof (c as Position)[0] === 'number') out.push(c as Position);
    else for (const child of c as unknown[]) walk(child);
  };
  if (geometry.type === 'GeometryCollection') for (const g of geometry.geometries) out.push(...positionsOf(g));
  else walk((geometry as { coordinates: unknown }).coordinates);
  return out;
}
