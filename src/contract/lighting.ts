/**
 * Street lighting (issue 5): the road register with its classes, the lighting schedule, the
 * dataset's lighting settings, the tile layers of lit roads and dark segments, and the manifest's
 * `lighting` section. Pipeline (scripts/pipeline/lighting/) and app (src/app/lighting/) both read
 * these shapes; the arithmetic lives in src/analysis/lighting/.
 */
import type { LampType } from './entities';
import type { Schema } from './schema';

/**
 * Road classes of the lighting workspace: the Chinese urban road grades 主干路 / 次干路 / 支路 plus
 * 背街小巷 (back streets and lanes), which the city's evaluation weighs on their own.
 */
export const ROAD_GRADES = ['main', 'secondary', 'branch', 'back_street'] as const;
export type RoadGrade = (typeof ROAD_GRADES)[number];

/** One road of the register (roads.geojson). Geometry: LineString or MultiLineString. */
export interface Road {
  id: string;
  name: string;
  class: RoadGrade;
}

export const ROAD_SCHEMA: Schema<Road> = {
  id: { type: 'string', maxLength: 200 },
  name: { type: 'string', optional: true, maxLength: 200 },
  class: { type: 'enum', values: ROAD_GRADES },
};

/**
 * One row of the schedule table (lighting_schedules.csv). A row without dates is a group's base
 * rule; a row with a date range overrides the base on the nights it covers (later rows win).
 * `on`/`off` are time expressions, parsed by src/analysis/lighting/schedule.ts:
 * `sunset+15`, `sunrise-20` (minutes), `日落+15`, a clock time `23:30`, or in an override a shift
 * of the base time such as `+120` (two hours later). Clock times before 12:00 fall after midnight.
 */
export interface LightingScheduleRow {
  id: string;
  /** The lamps' `schedule_group`, or `*` for every group. */
  group: string;
  /** First night (YYYY-MM-DD) the row applies to; empty in a base rule. */
  from_date: string;
  /** Last night (inclusive); empty = open-ended. */
  to_date: string;
  on: string;
  off: string;
  /** What the office calls the rule, e.g. 背街小巷延时两小时. */
  name: string;
}

const DATE_OR_EMPTY = { type: 'string', optional: true, pattern: /^\d{4}-\d{2}-\d{2}$/, expected: 'a date YYYY-MM-DD or nothing' } as const;

export const LIGHTING_SCHEDULE_SCHEMA: Schema<LightingScheduleRow> = {
  id: { type: 'string', maxLength: 100 },
  group: { type: 'string', maxLength: 100 },
  from_date: DATE_OR_EMPTY,
  to_date: DATE_OR_EMPTY,
  on: { type: 'string', optional: true, maxLength: 40 },
  off: { type: 'string', optional: true, maxLength: 40 },
  name: { type: 'string', optional: true, maxLength: 200 },
};

/** `group` value of a rule that applies to every schedule group. */
export const ALL_SCHEDULE_GROUPS = '*';

export type SunEvent = 'sunset' | 'sunrise';

/** A parsed on/off time. */
export type ScheduleTime =
  /** Sunset or sunrise plus `offsetMin` minutes (negative = before). */
  | { kind: 'sun'; event: SunEvent; offsetMin: number }
  /** A wall-clock time, minutes after midnight; before 12:00 it is the morning after. */
  | { kind: 'clock'; minute: number }
  /** Overrides only: the base rule's time moved by `minutes`. */
  | { kind: 'shift'; minutes: number };

/** A validated schedule row, as the manifest carries it to the browser. */
export interface ScheduleRule {
  id: string;
  group: string;
  /** null in a base rule. */
  from: string | null;
  to: string | null;
  /** null in an override that keeps the base's time. */
  on: ScheduleTime | null;
  off: ScheduleTime | null;
  name: string;
}

/**
 * The dataset config's `lighting` section; every key optional (defaults in
 * scripts/pipeline/lighting/settings.ts). The files themselves are `files.roads` (absent: the
 * streets of the OSM basemap inside the boundary) and `files.lightingSchedules` (absent: every
 * group from sunset to sunrise), read like every other layer.
 */
export interface LightingConfig {
  /** IANA time zone of the office's clocks (schedules, night view); default Asia/Shanghai. */
  timeZone?: string;
  /** A road stretch farther than this from every working lamp is dark: one number, or per road class. */
  darkDistanceM?: number | Partial<Record<RoadGrade, number>>;
  /** Roads are cut into segments no longer than this for the spatial index and per-grid figures. */
  segmentLengthM?: number;
  /** A road piece this close outside the boundary still counts (roads that run along the boundary). */
  boundaryToleranceM?: number;
}

/** The settings the build used, defaults filled in. */
export interface LightingSettings {
  timeZone: string;
  darkDistanceM: Record<RoadGrade, number>;
  segmentLengthM: number;
  boundaryToleranceM: number;
}

/** `lighting_roads` layer of lamps.pmtiles: each road of the register, clipped to the sub-district. */
export interface LightingRoadTileProps {
  id: string;
  name: string;
  class: RoadGrade;
  /** Metres inside the sub-district, rounded to 0.1. */
  length_m: number;
  /** Dark metres of the road, rounded to 0.1. */
  dark_m: number;
}

/** `dark_segments` layer: one continuous dark stretch of a road. */
export interface DarkSegmentTileProps {
  /** Road id. */
  road: string;
  name: string;
  class: RoadGrade;
  length_m: number;
  /** Level-4 grid holding the stretch's middle, '' outside every grid. */
  grid: string;
}

/** Lighting figures of one cell (level-4 grid, community or the sub-district). */
export interface LightingCellFigures {
  code: string;
  level: 'subdistrict' | 'community' | 'l4';
  name: string;
  /** Lamp positions in the register (working + faulty + removed). */
  lampsRegistered: number;
  /** Lamps standing (working + faulty): the lamps that should light. */
  lampsInstalled: number;
  lampsWorking: number;
  lampsFaulty: number;
  lampsSolar: number;
  /** 亮灯率 = working / installed, 0–1; null without installed lamps. */
  lightingRate: number | null;
  /** 设施完好率 = working / registered (a removed lamp is a facility no longer intact), 0–1. */
  intactRate: number | null;
  /** Installed lamps per km of road in the cell; null without roads. */
  lampsPerKm: number | null;
  /** Road metres by class (rounded to 0.1). */
  roadM: Record<RoadGrade, number>;
  /** Dark metres by class (rounded to 0.1). */
  darkM: Record<RoadGrade, number>;
}

/** A faulty lamp in the repair list, with the dark road it leaves. */
export interface FaultyLampEntry {
  id: string;
  road: string;
  /** Level-4 grid code, '' outside every grid. */
  grid: string;
  type: LampType;
  power_w: number;
  /** 0 when the register does not say. */
  install_year: number;
  /** Road metres within the dark distance of this lamp that no working lamp lights: what a repair would light. */
  darkM: number;
  lon: number;
  lat: number;
}

/** Per schedule group, the lamps that would light when the group is on. */
export interface LightingGroupCount {
  group: string;
  working: number;
  installed: number;
}

/** The manifest's `lighting` section. */
export interface LightingSummary {
  settings: LightingSettings;
  /** Where sunset and sunrise are computed: the sub-district's centre, [lon, lat]. */
  location: [number, number];
  schedule: ScheduleRule[];
  groups: LightingGroupCount[];
  /** Sub-district first, then communities, then level-4 grids. */
  cells: LightingCellFigures[];
  /** Faulty lamps, most dark metres first. */
  faulty: FaultyLampEntry[];
  /** Where the roads came from: the office's register or the OSM basemap. */
  roadsSource: 'register' | 'osm';
}
