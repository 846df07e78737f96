/**
 * The lighting stage (issue 5), after derive: reads nothing new (the read stage read `files.roads`
 * and `files.lightingSchedules`), validates those two layers, brings the roads into WGS-84, then
 * derives the dark streets, per-cell lighting figures, the faulty-lamp repair list and the
 * `lighting` manifest section. The arithmetic is src/analysis/lighting/; this wires it up.
 *
 * Roads: the office's register when `files.roads` names one, else the basemap's OSM streets inside
 * the boundary (classes from `highway`, road-grades.ts), so every dataset gets a dark length.
 */
import type { Feature } from 'geojson';
import {
  GRID_L5_CODE_LENGTH,
  parentCode,
  type DarkSegmentTileProps,
  type FaultyLampEntry,
  type HeadlineFigures,
  type LightingGroupCount,
  type LightingRoadTileProps,
  type LightingSummary,
  type Road,
  type ScheduleRule,
} from '../../../src/contract';
import { darkStreets, type DarkStreetsResult } from '../../../src/analysis/lighting/dark-streets';
import { lightingFigures, type CellDefinition, type RoadStretchForFigures } from '../../../src/analysis/lighting/lighting-figures';
import { metricFrame, toLonLat } from '../../../src/analysis/lighting/metric-frame';
import type { RoadInput } from '../../../src/analysis/lighting/road-segments';
import { roadGradeOfOsmWay } from '../../../src/analysis/lighting/road-grades';
import { DEFAULT_SCHEDULE } from '../../../src/analysis/lighting/schedule';
import { bboxOf, GridLocator } from '../../../src/analysis/grid-locator';
import { mapGeometry, positionsOf } from '../crs/convert';
import { CrsGuard, layerConverter } from '../crs/layer-crs';
import type { OsmData } from '../../osm/read-osm-xml';
import type { TileLayerInput } from '../../tiling/vector-tiles';
import type { DerivedData } from '../derive';
import { boundaryTest } from '../normalise';
import type { RawInputs } from '../read';
import type { RejectLedger, ValidInputs } from '../validate';
import { lightingSettings } from './settings';
import { unscheduledGroups, validateRoads, validateSchedules } from './validate-lighting';

/** Name of a street the register or OSM leaves unnamed. */
export const UNNAMED_ROAD = '无名路';

export interface LightingStage {
  /** The lamps archive's lighting layers (ARCHIVES.lamps in the contract). */
  tileLayers: TileLayerInput[];
  headline: Pick<HeadlineFigures, 'darkLengthM'>;
  summary: LightingSummary;
  /** For tests and the benchmark. */
  roads: RoadInput[];
  result: DarkStreetsResult;
  /** Printed by the stage log. */
  logLine: string;
}

export function deriveLighting(raw: RawInputs, input: ValidInputs, derived: DerivedData, ledger: RejectLedger): LightingStage {
  const config = input.config;
  const settings = lightingSettings(config, raw.configPath);
  const boundary = input.boundary.geometry;

  // Roads: the register (validated, converted from its CRS, checked to line up) or the basemap's streets.
  let roads: RoadInput[];
  let registerRows: { file: string; row: number }[] = [];
  if (raw.roads) {
    const valid = validateRoads(raw.roads, ledger);
    if (valid.length > 0) new CrsGuard(config, boundary, boundaryTest(boundary), input.osm).check('roads', valid[0]!.file, valid.flatMap((r) => positionsOf(r.geometry)));
    const convert = layerConverter(config, 'roads');
    roads = valid.map((r) => roadInput(r.value, mapGeometry(r.geometry, convert)));
    registerRows = valid.map((r) => ({ file: r.file, row: r.row }));
  } else {
    roads = roadsFromOsm(input.osm);
  }

  const schedule: ScheduleRule[] = raw.lightingSchedules ? validateSchedules(raw.lightingSchedules, ledger).rules : [...DEFAULT_SCHEDULE];

  const lamps = input.lamps.map((l) => ({ lon: l.geometry.coordinates[0]!, lat: l.geometry.coordinates[1]!, status: l.value.status }));
  const [w, s, e, n] = bboxOf(boundary);
  const result = darkStreets({
    roads,
    lamps,
    darkDistanceM: settings.darkDistanceM,
    segmentLengthM: settings.segmentLengthM,
    clip: { polygon: boundary, toleranceM: settings.boundaryToleranceM },
    // Metres measured around the sub-district's centre, not the roads' (a stray road far off would skew it).
    frame: metricFrame((w + e) / 2, (s + n) / 2),
  });

  // A register road with nothing inside the boundary is a reject (most often a CRS mix-up).
  if (raw.roads) {
    roads.forEach((road, i) => {
      if (result.roadLengthM[i]! > 0) return;
      const where = registerRows[i]!;
      ledger.reject('roads', {
        file: where.file,
        row: where.row,
        id: road.id,
        field: 'geometry',
        value: road.lines[0]?.[0]?.map((v) => Number(v).toFixed(6)).join(',') ?? '',
        reason: `feature ${where.row}: lies outside the sub-district boundary (by more than ${settings.boundaryToleranceM} m); expected a road of the sub-district (check the CRS declared for this file)`,
      });
    });
  }

  // Cells and where each lamp and road segment counts.
  const sub = config.subDistrict;
  const cells: CellDefinition[] = [
    { code: sub.code, level: 'subdistrict', name: sub.name, parent: '' },
    ...input.communities.map((c) => ({ code: c.value.code, level: 'community' as const, name: c.value.name, parent: sub.code })),
    ...input.gridsL4.map((g) => ({ code: g.value.code, level: 'l4' as const, name: g.value.name, parent: g.value.community_code })),
  ];
  const l4 = new GridLocator(input.gridsL4.map((g) => ({ code: g.value.code, geometry: g.geometry })));
  const l4Of = (code: string): string => (code.length === GRID_L5_CODE_LENGTH ? parentCode(code) : code);
  const lampGridL4 = derived.lampGrid.map(l4Of);
  const seg = result.segments;
  const stretchesForFigures: RoadStretchForFigures[] = [];
  for (let i = 0; i < seg.count; i++) {
    const [lon, lat] = toLonLat(seg.frame, (seg.ax[i]! + seg.bx[i]!) / 2, (seg.ay[i]! + seg.by[i]!) / 2);
    stretchesForFigures.push({ class: roads[seg.road[i]!]!.class, grid: l4.locate(lon, lat) ?? '', lengthM: seg.length[i]!, darkM: result.dark.darkM[i]! });
  }
  const figures = lightingFigures(
    cells,
    input.lamps.map((l, i) => ({ status: l.value.status, type: l.value.type, grid: lampGridL4[i]! })),
    stretchesForFigures,
  );

  const faulty: FaultyLampEntry[] = input.lamps
    .map((l, i) => ({ lamp: l, i }))
    .filter(({ lamp }) => lamp.value.status === 'faulty')
    .map(({ lamp, i }) => ({
      id: lamp.value.id,
      road: lamp.value.road,
      grid: lampGridL4[i]!,
      type: lamp.value.type,
      power_w: lamp.value.power_w,
      install_year: lamp.value.install_year,
      darkM: Math.round(result.faultyDarkM[i]! * 10) / 10,
      lon: lamp.geometry.coordinates[0]!,
      lat: lamp.geometry.coordinates[1]!,
    }))
    .sort((a, b) => b.darkM - a.darkM || a.id.localeCompare(b.id));

  const groupCounts = new Map<string, LightingGroupCount>();
  for (const l of input.lamps) {
    const g = groupCounts.get(l.value.schedule_group) ?? { group: l.value.schedule_group, working: 0, installed: 0 };
    if (l.value.status === 'working') g.working++;
    if (l.value.status !== 'removed') g.installed++;
    groupCounts.set(l.value.schedule_group, g);
  }
  const groups = [...groupCounts.values()].sort((a, b) => a.group.localeCompare(b.group));

  const darkTotal = result.roadDarkM.reduce((sum, d) => sum + d, 0);
  const roadTotal = result.roadLengthM.reduce((sum, d) => sum + d, 0);
  const silent = unscheduledGroups(schedule, groups.map((g) => g.group));
  const summary: LightingSummary = {
    settings,
    location: [(w + e) / 2, (s + n) / 2],
    schedule,
    groups,
    cells: figures,
    faulty,
    roadsSource: raw.roads ? 'register' : 'osm',
  };
  return {
    tileLayers: tileLayers(roads, result, l4),
    headline: { darkLengthM: Math.round(darkTotal) },
    summary,
    roads,
    result,
    logLine:
      `${roads.length} roads (${raw.roads ? 'register' : 'from OSM'}), ${(roadTotal / 1000).toFixed(1)} km in ${seg.count} segments, ` +
      `${Math.round(darkTotal)} m dark in ${result.stretches.length} stretches, ${faulty.length} faulty lamps, ${schedule.length} schedule rules` +
      (silent.length > 0 ? `; WARNING: no schedule for lamp group(s) ${silent.join(', ')}: they never light` : ''),
  };
}

function roadInput(road: Road, geometry: { type: 'LineString' | 'MultiLineString'; coordinates: unknown }): RoadInput {
  const lines = geometry.type === 'LineString' ? [geometry.coordinates as number[][]] : (geometry.coordinates as number[][][]);
  return { id: road.id, name: road.name === '' ? UNNAMED_ROAD : road.name, class: road.class, lines };
}

/** The basemap's streets as a road register, in way-id order so a rebuild gives the same roads. */
export function roadsFromOsm(osm: OsmData): RoadInput[] {
  const roads: RoadInput[] = [];
  for (const way of [...osm.ways].sort((a, b) => a.id - b.id)) {
    const grade = roadGradeOfOsmWay(way.tags);
    if (grade === null) continue;
    const line: number[][] = [];
    for (const id of way.nodeIds) {
      const node = osm.nodes.get(id);
      if (node) line.push([node.lon, node.lat]);
    }
    if (line.length < 2) continue;
    roads.push({ id: `osm-way-${way.id}`, name: way.tags.name?.trim() || UNNAMED_ROAD, class: grade, lines: [line] });
  }
  return roads;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

function tileLayers(roads: RoadInput[], result: DarkStreetsResult, l4: GridLocator): TileLayerInput[] {
  const seg = result.segments;
  // Each road's kept runs, rebuilt from its segments (the clipped road, not the register's whole line).
  const runs = new Map<number, number[][][]>();
  for (let i = 0; i < seg.count; i++) {
    const r = seg.road[i]!;
    const list = runs.get(r) ?? [];
    const a = toLonLat(seg.frame, seg.ax[i]!, seg.ay[i]!);
    const b = toLonLat(seg.frame, seg.bx[i]!, seg.by[i]!);
    const continues = i > 0 && seg.run[i - 1] === seg.run[i];
    if (continues) list[list.length - 1]!.push(b);
    else list.push([a, b]);
    runs.set(r, list);
  }
  const roadFeatures: Feature[] = [];
  roads.forEach((road, r) => {
    const lines = runs.get(r);
    if (!lines) return;
    const props: LightingRoadTileProps = { id: road.id, name: road.name, class: road.class, length_m: round1(result.roadLengthM[r]!), dark_m: round1(result.roadDarkM[r]!) };
    roadFeatures.push({
      type: 'Feature',
      id: roadFeatures.length + 1,
      geometry: lines.length === 1 ? { type: 'LineString', coordinates: lines[0]! } : { type: 'MultiLineString', coordinates: lines },
      properties: props,
    });
  });
  const darkFeatures: Feature[] = result.stretches.map((stretch, k) => {
    const road = roads[stretch.road]!;
    const props: DarkSegmentTileProps = {
      road: road.id,
      name: road.name,
      class: road.class,
      length_m: round1(stretch.lengthM),
      grid: l4.locate(stretch.middle[0], stretch.middle[1]) ?? '',
    };
    return { type: 'Feature', id: k + 1, geometry: { type: 'LineString', coordinates: stretch.coordinates }, properties: props };
  });
  return [
    { name: 'lighting_roads', features: roadFeatures },
    { name: 'dark_segments', features: darkFeatures },
  ];
}
