/**
 * Stage 3, normalise: every position into the one internal CRS (WGS-84 longitude/latitude), then
 * drop what falls outside the sub-district. A point 500 m off is worse than a missing one, so a
 * record outside the boundary is rejected with its position, never silently kept.
 */
import type { Feature, Geometry, Position } from 'geojson';
import { booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { DeclaredCrs } from '../../src/contract';
import type { Areal, Located, RejectLedger, ValidInputs } from './validate';

/** Converts one position from the declared CRS to WGS-84. WGS-84 input passes through unchanged. */
export function positionToWgs84(crs: DeclaredCrs): (p: Position) => Position {
  switch (crs) {
    case 'WGS84':
      return (p) => p;
  }
}

function mapGeometry<G extends Geometry>(geometry: G, convert: (p: Position) => Position): G {
  const walk = (c: unknown): unknown => (typeof (c as Position)[0] === 'number' ? convert(c as Position) : (c as unknown[]).map(walk));
  if (geometry.type === 'GeometryCollection') return geometry;
  return { ...geometry, coordinates: walk((geometry as { coordinates: unknown }).coordinates) } as G;
}

/** A fast inside-the-sub-district test: bbox first, then the exact polygon. */
export function boundaryTest(boundary: Areal): (lon: number, lat: number) => boolean {
  const feature: Feature<Areal> = { type: 'Feature', properties: {}, geometry: boundary };
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  const rings = boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;
  for (const polygon of rings) {
    for (const [x, y] of polygon[0]!) {
      west = Math.min(west, x!);
      east = Math.max(east, x!);
      south = Math.min(south, y!);
      north = Math.max(north, y!);
    }
  }
  return (lon, lat) =>
    lon >= west && lon <= east && lat >= south && lat <= north && booleanPointInPolygon([lon, lat], feature);
}

export function normaliseInputs(valid: ValidInputs, ledger: RejectLedger): ValidInputs {
  const convert = positionToWgs84(valid.config.crs);
  const boundaryGeometry = mapGeometry(valid.boundary.geometry, convert);
  const inside = boundaryTest(boundaryGeometry);
  const outside = (lon: number, lat: number): string =>
    `position ${lon.toFixed(6)},${lat.toFixed(6)} lies outside the sub-district boundary; expected a place inside it (check the CRS declared for this file)`;

  /** Converts each geometry and keeps it when a representative point is inside the boundary. */
  const located = <T extends object, G extends Geometry>(layer: string, items: Located<T, G>[]): Located<T, G>[] =>
    items.flatMap((item) => {
      const geometry = mapGeometry(item.geometry, convert);
      const [lon, lat] = pointOnFeature(geometry).geometry.coordinates as [number, number];
      if (inside(lon, lat)) return [{ ...item, geometry }];
      ledger.reject(layer, rejectFor(item, 'geometry', `${lon.toFixed(6)},${lat.toFixed(6)}`, outside(lon, lat)));
      return [];
    });

  const problems = valid.problems.flatMap((item) => {
    const [lon, lat] = convert([item.value.lon, item.value.lat]) as [number, number];
    if (inside(lon, lat)) return [{ ...item, value: { ...item.value, lon, lat } }];
    ledger.reject('problems', rejectFor(item, 'lon,lat', `${item.value.lon},${item.value.lat}`, outside(lon, lat)));
    return [];
  });

  return {
    ...valid,
    boundary: { ...valid.boundary, geometry: boundaryGeometry },
    communities: located('communities', valid.communities),
    gridsL4: located('gridsL4', valid.gridsL4),
    gridsL5: located('gridsL5', valid.gridsL5),
    compounds: located('compounds', valid.compounds),
    roadWorks: located('roadWorks', valid.roadWorks),
    lamps: located('lamps', valid.lamps),
    problems,
  };
}

function rejectFor<T extends object>(item: Located<T, Geometry | null>, field: string, value: string, reason: string) {
  const record = item.value as { id?: string; code?: string };
  return { file: item.file, row: item.row, id: record.id ?? record.code ?? '', field, value, reason };
}
