/**
 * A lighting dataset from another city's own files, through the same pipeline: reads an import
 * description (e.g. data/cambridge-ma/lighting-import.json), maps the source's columns onto the
 * contract, and writes a complete office folder (config, boundary, grids, lamps, roads, schedule,
 * an OSM basemap drawn from the road centrelines) into a staging folder that build:data reads.
 * The source files are referenced where they lie; nothing derived is kept in the repository.
 *
 * Why an adapter and not just `files.<key>` with `columns`/`values` (the read stage's mapping,
 * issue 7): a street-light register from elsewhere also needs what that mapping does not do (yet):
 *   - constants for fields the source lacks (every Cambridge lamp is `grid`, `working`);
 *   - a field joined from two columns (StreetName + StreetSuffix);
 *   - a road class from rules over several columns (MajorRoad, then Street_Type);
 *   - grids, a community and a boundary derived from one neighbourhood layer.
 * Lamps and roads are written with contract column names, so once the read stage grows constants,
 * joins and rules, `lamps` and `roads` can point at the source files directly and this adapter
 * shrinks to the neighbourhood → grid step.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { featureCollection, pointOnFeature, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import {
  AREA_SCHEMA,
  CATEGORY_SCHEMA,
  childCode,
  DEPARTMENT_SCHEMA,
  PROBLEM_SCHEMA,
  PROJECT_SCHEMA,
  RENOVATION_ITEM_SCHEMA,
  ROAD_GRADES,
  type LightingConfig,
  type RoadGrade,
} from '../../../src/contract';
import { InputFileError } from '../errors';

/** The import description (JSON); paths are relative to it, source files to `sourceDir`. */
export interface MappedLightingImport {
  name: string;
  subDistrict: { code: string; name: string };
  asOf: string;
  /** Folder of the source files, relative to the description. */
  sourceDir: string;
  /** The one 片区 and the one community the neighbourhoods (standing in for grids) belong to. */
  area: { code: string; name: string };
  community: { code: string; name: string };
  grids: {
    file: string;
    /** Property holding the neighbourhood's number: the grid code's last three digits. */
    sequence: string;
    name: string;
    /** Sliver holes left by unioning the neighbourhoods into a boundary are dropped below this (m²). */
    dropHolesBelowM2: number;
  };
  lamps: {
    file: string;
    /** Source property → contract field. */
    columns: Record<string, string>;
    /** Contract field → source properties joined with a space (empty parts skipped). */
    join: Record<string, string[]>;
    /** Source property naming the neighbourhood's number; values not among the grids mean "not recorded". */
    gridSequence: string;
    /** Contract field → the same value for every lamp. */
    defaults: Record<string, string | number>;
  };
  roads: {
    file: string;
    columns: Record<string, string>;
    /** First rule whose property value is in `in` gives the class; a rule without `field` always matches. */
    classRules: { field?: string; in?: string[]; class: RoadGrade }[];
  };
  /** Schedule table beside the description (contract columns). */
  lightingSchedules: string;
  lighting: LightingConfig;
}

interface SourceFeature {
  properties: Record<string, unknown> | null;
  geometry: { type: string; coordinates: unknown } | null;
}

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value).trim());

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as T;
  } catch (err) {
    throw new InputFileError(file, `cannot be read as JSON (${(err as Error).message.slice(0, 120)})`);
  }
}

function readSource(file: string): SourceFeature[] {
  const json = readJson<{ type?: string; features?: SourceFeature[] }>(file);
  if (json.type !== 'FeatureCollection' || !Array.isArray(json.features)) throw new InputFileError(file, 'expected a GeoJSON FeatureCollection');
  return json.features;
}

/** A number like 11.0 or "11" → 11; anything else → null. */
function sequenceOf(value: unknown): number | null {
  const n = Number(text(value));
  return text(value) !== '' && Number.isInteger(n) && n > 0 && n < 1000 ? n : null;
}

function fc(features: object[]): string {
  return `${JSON.stringify({ type: 'FeatureCollection', features })}\n`;
}

function csvHeader(fields: readonly string[]): string {
  return `${fields.join(',')}\n`;
}

function writeAtomic(path: string, content: string): void {
  writeFileSync(`${path}.tmp`, content);
  renameSync(`${path}.tmp`, path);
}

export interface MappedOffice {
  configPath: string;
  /** Lamps per grid code as the source's own neighbourhood field says (undeclared ones under ''). */
  declaredLampsPerGrid: Map<string, number>;
  gridCodeOf: (sequence: number) => string;
}

/** Writes the office folder for an import description into `stagingDir`; returns its config path. */
export function writeMappedOffice(importPath: string, stagingDir: string): MappedOffice {
  const spec = readJson<MappedLightingImport>(importPath);
  const specDir = dirname(resolve(importPath));
  const sourceDir = resolve(specDir, spec.sourceDir);
  const source = (file: string): string => join(sourceDir, file);
  mkdirSync(stagingDir, { recursive: true });
  const out = (name: string, content: string): void => writeAtomic(join(stagingDir, name), content);

  // Neighbourhoods → level-4 grids (each undivided at level 5), one community, the boundary.
  const gridCodeOf = (seq: number): string => childCode(spec.community.code, 3, seq);
  const hoods = readSource(source(spec.grids.file));
  const grids: Feature<Polygon | MultiPolygon>[] = [];
  hoods.forEach((f, i) => {
    const seq = sequenceOf(f.properties?.[spec.grids.sequence]);
    if (seq === null || !f.geometry) throw new InputFileError(source(spec.grids.file), `feature ${i + 1}: "${spec.grids.sequence}" is ${JSON.stringify(f.properties?.[spec.grids.sequence])}; expected a neighbourhood number 1–999`);
    grids.push({ type: 'Feature', properties: { code: gridCodeOf(seq), name: text(f.properties?.[spec.grids.name]) || `#${seq}` }, geometry: f.geometry as Polygon | MultiPolygon });
  });
  grids.sort((a, b) => String(a.properties!.code).localeCompare(String(b.properties!.code)));
  const merged = union(featureCollection(grids));
  if (!merged) throw new InputFileError(source(spec.grids.file), 'has no polygons to make a boundary from');
  const boundary = dropSliverHoles(merged.geometry, spec.grids.dropHolesBelowM2);
  const gridCodes = new Set(grids.map((g) => String(g.properties!.code)));

  out('boundary.geojson', fc([{ type: 'Feature', properties: { code: spec.subDistrict.code, name: spec.subDistrict.name }, geometry: boundary }]));
  out('areas.csv', `${csvHeader(Object.keys(AREA_SCHEMA))}${spec.area.code},${spec.area.name}\n`);
  out('communities.geojson', fc([{ type: 'Feature', properties: { code: spec.community.code, name: spec.community.name, area_code: spec.area.code, kind: 'community', adopting_dept: '' }, geometry: boundary }]));
  // No grid chiefs or household counts in the source: the cells stand in for grids, for lighting.
  out('grids_l4.geojson', fc(grids.map((g) => ({ ...g, properties: { ...g.properties, community_code: spec.community.code, chief: '（未登记）', households: 0, merchants: 0 } }))));
  out('grids_l5.geojson', fc(grids.map((g) => ({ ...g, properties: { code: `${String(g.properties!.code)}00`, grid_code: g.properties!.code, chief: '（未登记）', households: 0, merchants: 0 } }))));
  // Layers this dataset does not have: present and empty, as the contract asks of every office.
  out('compounds.geojson', fc([]));
  out('road_works.geojson', fc([]));
  out('projects.csv', csvHeader(Object.keys(PROJECT_SCHEMA)));
  out('renovation_items.csv', csvHeader(Object.keys(RENOVATION_ITEM_SCHEMA)));
  out('problems.csv', csvHeader(['id', 'lon', 'lat', ...Object.keys(PROBLEM_SCHEMA).filter((k) => k !== 'id')]));
  out('categories.csv', csvHeader(Object.keys(CATEGORY_SCHEMA)));
  out('departments.csv', csvHeader(Object.keys(DEPARTMENT_SCHEMA)));

  // Lamps: mapped columns, joined fields, constants, and the neighbourhood as the register's grid.
  const declaredLampsPerGrid = new Map<string, number>();
  const lamps = readSource(source(spec.lamps.file)).map((f) => {
    const p = f.properties ?? {};
    const props: Record<string, unknown> = { ...spec.lamps.defaults };
    for (const [from, to] of Object.entries(spec.lamps.columns)) props[to] = text(p[from]);
    for (const [to, parts] of Object.entries(spec.lamps.join)) props[to] = parts.map((k) => text(p[k])).filter((s) => s !== '').join(' ');
    const seq = sequenceOf(p[spec.lamps.gridSequence]);
    const grid = seq !== null && gridCodes.has(gridCodeOf(seq)) ? gridCodeOf(seq) : '';
    props.grid_code = grid;
    declaredLampsPerGrid.set(grid, (declaredLampsPerGrid.get(grid) ?? 0) + 1);
    return { type: 'Feature', properties: props, geometry: f.geometry };
  });
  out('lamps.geojson', fc(lamps));

  // Roads: mapped columns and a class from the rules.
  const roadFeatures = readSource(source(spec.roads.file)).map((f, i) => {
    const p = f.properties ?? {};
    const props: Record<string, unknown> = {};
    for (const [from, to] of Object.entries(spec.roads.columns)) props[to] = text(p[from]);
    const rule = spec.roads.classRules.find((r) => r.field === undefined || (r.in ?? []).includes(text(p[r.field])));
    if (!rule || !(ROAD_GRADES as readonly string[]).includes(rule.class)) throw new InputFileError(importPath, `roads.classRules give feature ${i + 1} no road class; end the rules with one without "field"`);
    props.class = rule.class;
    return { type: 'Feature', properties: props, geometry: f.geometry };
  });
  out('roads.geojson', fc(roadFeatures));
  out('lighting_schedules.csv', readFileSync(resolve(specDir, spec.lightingSchedules), 'utf8'));

  // The basemap: the city's own centrelines as OSM streets, and the neighbourhood names as places.
  out('basemap.osm.xml', centrelinesAsOsm(roadFeatures, grids));

  const config = {
    name: spec.name,
    demo: false,
    subDistrict: spec.subDistrict,
    asOf: spec.asOf,
    crs: 'WGS84',
    oldCompoundBefore: 2000,
    basemap: { osm: 'basemap.osm.xml' },
    files: {
      boundary: 'boundary.geojson',
      areas: 'areas.csv',
      communities: 'communities.geojson',
      gridsL4: 'grids_l4.geojson',
      gridsL5: 'grids_l5.geojson',
      compounds: 'compounds.geojson',
      projects: 'projects.csv',
      renovationItems: 'renovation_items.csv',
      roadWorks: 'road_works.geojson',
      lamps: 'lamps.geojson',
      problems: 'problems.csv',
      categories: 'categories.csv',
      departments: 'departments.csv',
      roads: 'roads.geojson',
      lightingSchedules: 'lighting_schedules.csv',
    },
    lighting: spec.lighting,
  };
  const configPath = join(stagingDir, 'guatu.config.json');
  out('guatu.config.json', `${JSON.stringify(config, null, 2)}\n`);
  return { configPath, declaredLampsPerGrid, gridCodeOf };
}

/** The boundary without the hair-thin gaps between neighbouring polygons that a union leaves as holes. */
function dropSliverHoles(geometry: Polygon | MultiPolygon, minM2: number): Polygon | MultiPolygon {
  const keep = (polygon: Position[][]): Position[][] => [polygon[0]!, ...polygon.slice(1).filter((hole) => ringAreaM2(hole) >= minM2)];
  return geometry.type === 'Polygon' ? { type: 'Polygon', coordinates: keep(geometry.coordinates) } : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(keep) };
}

/** Planar area of a lon/lat ring in m² (equirectangular at the ring's latitude; for small rings). */
function ringAreaM2(ring: Position[]): number {
  const lat0 = ((ring[0]?.[1] ?? 0) * Math.PI) / 180;
  const k = (6_371_008.8 * Math.PI) / 180;
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    twice += ring[j]![0]! * k * Math.cos(lat0) * ring[i]![1]! * k - ring[i]![0]! * k * Math.cos(lat0) * ring[j]![1]! * k;
  }
  return Math.abs(twice) / 2;
}

const OSM_HIGHWAY_OF_CLASS: Record<RoadGrade, string> = { main: 'primary', secondary: 'secondary', branch: 'tertiary', back_street: 'residential' };

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** OSM XML of the centrelines (shared end points become shared nodes) and one place node per neighbourhood. */
function centrelinesAsOsm(roads: { properties: Record<string, unknown>; geometry: SourceFeature['geometry'] }[], grids: Feature<Polygon | MultiPolygon>[]): string {
  const nodes = new Map<string, number>();
  const nodeLines: string[] = [];
  const wayLines: string[] = [];
  const nodeId = (p: Position): number => {
    const key = `${p[0]!.toFixed(7)},${p[1]!.toFixed(7)}`;
    let id = nodes.get(key);
    if (id === undefined) {
      id = nodes.size + 1;
      nodes.set(key, id);
      nodeLines.push(`  <node id="${id}" lat="${p[1]!.toFixed(7)}" lon="${p[0]!.toFixed(7)}"/>`);
    }
    return id;
  };
  let wayId = 0;
  for (const road of roads) {
    const g = road.geometry;
    if (!g || (g.type !== 'LineString' && g.type !== 'MultiLineString')) continue;
    const lines = g.type === 'LineString' ? [g.coordinates as Position[]] : (g.coordinates as Position[][]);
    const highway = OSM_HIGHWAY_OF_CLASS[road.properties.class as RoadGrade];
    const name = text(road.properties.name);
    for (const line of lines) {
      const refs = line.map(nodeId).map((id) => `<nd ref="${id}"/>`).join('');
      wayLines.push(`  <way id="${++wayId}">${refs}<tag k="highway" v="${highway}"/>${name ? `<tag k="name" v="${xmlEscape(name)}"/>` : ''}</way>`);
    }
  }
  for (const g of grids) {
    const [lon, lat] = pointOnFeature(g).geometry.coordinates as [number, number];
    const id = nodes.size + nodeLines.length + 1_000_000;
    nodeLines.push(`  <node id="${id}" lat="${lat.toFixed(7)}" lon="${lon.toFixed(7)}"><tag k="place" v="neighbourhood"/><tag k="name" v="${xmlEscape(String(g.properties!.name))}"/></node>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="guatu mapped-office">\n${nodeLines.join('\n')}\n${wayLines.join('\n')}\n</osm>\n`;
}
