/**
 * GeoJSON FeatureCollections. Features keep their order; bad ones are judged in validate. A
 * legacy `crs` member (GeoJSON 2008, which QGIS still writes for non-WGS-84 exports) is returned
 * so the declared CRS can be checked against it.
 */
import type { Geometry } from 'geojson';
import { InputFileError } from '../errors';
import type { RawFeature, RawFeatures } from '../read';
import { parseJsonFile } from './json';

export function readGeoJsonFeatures(file: string): RawFeatures {
  return readGeoJson(file).features;
}

export function readGeoJson(file: string): { features: RawFeatures; crsName: string | null } {
  const json = parseJsonFile(file) as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } };
  if (json === null || typeof json !== 'object' || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    throw new InputFileError(file, 'expected a GeoJSON FeatureCollection with a "features" array');
  }
  const features = json.features.map((f: unknown): RawFeature => {
    const feature = (f ?? {}) as { properties?: unknown; geometry?: unknown };
    const properties =
      feature.properties && typeof feature.properties === 'object' ? (feature.properties as Record<string, unknown>) : {};
    const geometry = feature.geometry && typeof feature.geometry === 'object' ? (feature.geometry as Geometry) : null;
    return { properties, geometry };
  });
  const crsName = typeof json.crs?.properties?.name === 'string' ? json.crs.properties.name : null;
  return { features: { file, features }, crsName };
}

/** `urn:ogc:def:crs:EPSG::4490` / `EPSG:4528` / `urn:ogc:def:crs:OGC:1.3:CRS84` → a name for resolveCrs. */
export function crsNameOfGeoJson(name: string): string {
  if (/CRS84$/i.test(name)) return 'WGS84';
  const epsg = /EPSG:+(\d+)$/i.exec(name);
  return epsg ? `EPSG:${epsg[1]}` : name;
}
