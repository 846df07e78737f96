/**
 * The demo's street-lighting inputs: the road register (roads.geojson) made from the real OSM
 * streets inside 梧桐街道, classed 主干路 / 次干路 / 支路 / 背街小巷 from their `highway` tag, and
 * the lighting schedule (lighting_schedules.csv): main roads all night (全夜灯), branch roads and
 * back streets half the night (半夜灯), and the 老街 story of DOMAIN.md — residents asked for the
 * back streets to stay lit later, and from 1 November they stay on two hours longer.
 *
 * The lamps (lamps.ts) stand along the same streets, and lamps.ts leaves three real back streets
 * dark and three sparsely lit, so the dark-street derivation has real dark streets to find.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { LightingScheduleRow, RoadGrade } from '../../src/contract';
import { ROAD_GRADE_OF_HIGHWAY } from '../../src/analysis/lighting/road-grades';
import { segmentRoads, type RoadInput } from '../../src/analysis/lighting/road-segments';
import { toLonLat } from '../../src/analysis/lighting/metric-frame';
import type { Geography } from './geography';
import { round6 } from './local-frame';
import type { Road } from './roads';
import { csvText, featureCollectionText } from './write';

export const DEMO_LIGHTING = {
  /**
   * Streets drawn on the boundary line belong to the sub-district (it is made of whole blocks
   * bounded by street centre lines); a piece up to this far outside still counts.
   */
  boundaryToleranceM: 5,
  /** When the residents' request took effect (the override's first night). */
  extendedFrom: '2026-11-01',
};

export interface DemoRoad {
  id: string;
  name: string;
  class: RoadGrade;
  /** lon/lat lines, 6 decimals; several when the boundary cuts a street. */
  lines: [number, number][][];
}

/**
 * The register: every OSM street the demo lays lamps along, clipped to the sub-district, one
 * record per OSM way (a register lists road sections, 路段), numbered in way-id order.
 */
export function demoRoads(geo: Geography): DemoRoad[] {
  const boundary = geo.boundary as Polygon | MultiPolygon;
  const classed = geo.roads
    .map((road) => ({ road, grade: ROAD_GRADE_OF_HIGHWAY[road.highway] }))
    .filter((r): r is { road: Road; grade: RoadGrade } => r.grade !== undefined);
  const inputs: RoadInput[] = classed.map(({ road, grade }) => ({ id: String(road.wayId), name: road.name, class: grade, lines: [road.coords] }));
  // One segment per edge piece (no further cutting): the register keeps the streets' own vertices.
  const segments = segmentRoads(inputs, { maxLengthM: 1e9, clip: { polygon: boundary, toleranceM: DEMO_LIGHTING.boundaryToleranceM } });
  const lines = new Map<number, [number, number][][]>();
  for (let i = 0; i < segments.count; i++) {
    const r = segments.road[i]!;
    const list = lines.get(r) ?? [];
    const a = toLonLat(segments.frame, segments.ax[i]!, segments.ay[i]!);
    const b = toLonLat(segments.frame, segments.bx[i]!, segments.by[i]!);
    const point = (p: [number, number]): [number, number] => [round6(p[0]), round6(p[1])];
    if (i > 0 && segments.run[i - 1] === segments.run[i]) list[list.length - 1]!.push(point(b));
    else list.push([point(a), point(b)]);
    lines.set(r, list);
  }
  const roads: DemoRoad[] = [];
  classed.forEach(({ road, grade }, r) => {
    const kept = lines.get(r);
    if (!kept) return;
    // Rounding can fold a very short piece onto one point; such a piece is not a road.
    const parts = kept.map(dedupe).filter((line) => line.length >= 2);
    if (parts.length === 0) return;
    roads.push({ id: '', name: road.name, class: grade, lines: parts });
  });
  roads.forEach((road, i) => (road.id = `RD${String(i + 1).padStart(4, '0')}`));
  return roads;
}

function dedupe(line: [number, number][]): [number, number][] {
  return line.filter((p, i) => i === 0 || p[0] !== line[i - 1]![0] || p[1] !== line[i - 1]![1]);
}

/** The schedule table: one base rule per lamp group (lamps.ts: main, branch, back_street), then the changes. */
export function demoSchedule(): LightingScheduleRow[] {
  return [
    { id: 'main-all-night', group: 'main', from_date: '', to_date: '', on: 'sunset+0', off: 'sunrise-0', name: '主次干路全夜灯' },
    { id: 'branch-half-night', group: 'branch', from_date: '', to_date: '', on: 'sunset+10', off: '00:30', name: '支路半夜灯' },
    { id: 'back-half-night', group: 'back_street', from_date: '', to_date: '', on: 'sunset+15', off: '23:00', name: '背街小巷半夜灯' },
    { id: 'back-2h-later', group: 'back_street', from_date: DEMO_LIGHTING.extendedFrom, to_date: '', on: '', off: '+120', name: '背街小巷延时两小时（居民议事会诉求）' },
    { id: 'spring-festival', group: '*', from_date: '2027-02-05', to_date: '2027-02-20', on: '', off: 'sunrise-0', name: '春节期间全夜亮灯' },
  ];
}

export const SCHEDULE_COLUMNS = ['id', 'group', 'from_date', 'to_date', 'on', 'off', 'name'] as const;

/** File texts of the two optional lighting layers, by dataset key. */
export function demoLightingTexts(geo: Geography): { roads: string; lightingSchedules: string } {
  return {
    roads: featureCollectionText(
      demoRoads(geo).map((r) => ({
        properties: { id: r.id, name: r.name, class: r.class },
        geometry: r.lines.length === 1 ? { type: 'LineString', coordinates: r.lines[0] } : { type: 'MultiLineString', coordinates: r.lines },
      })),
    ),
    lightingSchedules: csvText(SCHEDULE_COLUMNS, demoSchedule().map((row) => ({ ...row }))),
  };
}
