/**
 * Stage 3, normalise: every position into the one internal CRS (WGS-84 longitude/latitude), each
 * layer from its own declared CRS, after the CRS sanity check (crs/sanity-check.ts); then drop
 * what falls outside the sub-district. A point 500 m off is worse than a missing one, so a
 * record outside the boundary is rejected with its position, never silently kept.
 */
import type { Feature, Geometry, Position } from 'geojson';
import { booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { DeclaredCrs } from '../../src/contract';
import { labelPoint } from '../osm/label-point';
import { converterToWgs84, mapGeometry, positionsOf } from './crs/convert';
import { resolveCrs } from './crs/definitions';
import { CrsGuard, layerConverter, layerCrs } from './crs/layer-crs';
import { sampleIndices } from './crs/sanity-check';
import type { Areal, Located, RejectLedger, ValidInputs } from './validate';

/** Converts one position from a declared CRS to WGS-84 (crs/convert.ts; WGS-84 passes through). */
export function positionToWgs84(crs: DeclaredCrs): (p: Position) => Position {
  return converterToWgs84(resolveCrs(crs)!);
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
  // Each layer in its own CRS (crs/layer-crs.ts); the sanity check stops a layer that does not line up.
  const boundaryGeometry = mapGeometry(valid.boundary.geometry, layerConverter(valid.config, 'boundary'));
  const inside = boundaryTest(boundaryGeometry);
  const guard = new CrsGuard(valid.config, boundaryGeometry, inside, valid.osm);
  guard.check('boundary', valid.boundary.file, positionsOf(valid.boundary.geometry), true);
  const outside = (layer: string, lon: number, lat: number): string =>
    Number.isFinite(lon) && Number.isFinite(lat)
      ? `position ${lon.toFixed(6)},${lat.toFixed(6)} lies outside the sub-district boundary; expected a place inside it (check the CRS declared for this file)`
      : `position cannot be converted from ${layerCrs(valid.config, layer).id}; expected coordinates in that CRS`;

  /** Converts each geometry and keeps it when a representative point is inside the boundary. */
  const located = <T extends object, G extends Geometry>(layer: string, items: Located<T, G>[]): Located<T, G>[] => {
    if (items.length > 0) guard.check(layer, items[0]!.file, items.flatMap((item) => positionsOf(item.geometry)));
    const convert = layerConverter(valid.config, layer);
    return items.flatMap((item) => {
      const geometry = mapGeometry(item.geometry, convert);
      const [lon, lat] = positionsOf(geometry).every((p) => Number.isFinite(p[0]) && Number.isFinite(p[1])) ? representativePoint(geometry) : [NaN, NaN];
      if (inside(lon, lat)) return [{ ...item, geometry }];
      ledger.reject(layer, rejectFor(item, 'geometry', `${lon.toFixed(6)},${lat.toFixed(6)}`, outside(layer, lon, lat)));
      return [];
    });
  };

  // The problems are columns (problems/problem-table.ts): converted and filtered in place.
  const problems = valid.problems;
  // The positions the check would sample from all of them, without making all of them.
  if (problems.length > 0) guard.check('problems', problems.file, sampleIndices(problems.length).map((i) => [problems.lon[i]!, problems.lat[i]!]));
  const convertProblem = layerConverter(valid.config, 'problems');
  problems.retain((i) => {
    const [lon, lat] = convertProblem([problems.lon[i]!, problems.lat[i]!]) as [number, number];
    if (inside(lon, lat)) {
      problems.setPosition(i, lon, lat);
      return true;
    }
    ledger.reject('problems', { file: problems.file, row: problems.row[i]!, id: problems.id[i]!, field: 'lon,lat', value: `${problems.lon[i]},${problems.lat[i]}`, reason: outside('problems', lon, lat) });
    return false;
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
    publicSpaceWorks: located('publicSpaceWorks', valid.publicSpaceWorks),
    demonstrationSites: located('demonstrationSites', valid.demonstrationSites),
    problems,
  };
}

/**
 * A point inside the geometry. turf's pointOnFeature falls back to the nearest *vertex* when the
 * bbox centre is outside an L-shaped polygon; a vertex on the sub-district's edge then reads as
 * outside by a rounding error, so areas fall back to a true interior point (osm/label-point.ts).
 */
function representativePoint(geometry: Geometry): [number, number] {
  const point = pointOnFeature(geometry).geometry.coordinates as [number, number];
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') return point;
  if (booleanPointInPolygon(point, geometry, { ignoreBoundary: true })) return point;
  const inner = labelPoint(geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates);
  return inner ? [inner[0]!, inner[1]!] : point;
}

function rejectFor<T extends object>(item: Located<T, Geometry | null>, field: string, value: string, reason: string) {
  const record = item.value as { id?: string; code?: string };
  return { file: item.file, row: item.row, id: record.id ?? record.code ?? '', field, value, reason };
}
