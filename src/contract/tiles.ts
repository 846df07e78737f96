/**
 * What the pipeline writes to public/tiles/ and the app reads: archive names, their vector
 * layers and the properties each feature carries, plus the manifest that lists them.
 * Property names are short because they are repeated in every tile.
 */
import type { LampStatus, LampType, ProblemNature, ProblemStatus, ProjectStatus, PropertyManagement } from './entities';
import type { ImportSummary } from './import';
import type { LightingSummary } from './lighting';
import type { LedgerSummary } from './ledger';
import type { RenovationSummary } from './renovation';

/** One PMTiles archive per overlay, so each can be rebuilt and reloaded on its own. */
export const ARCHIVES = {
  basemap: { file: 'basemap.pmtiles', layers: ['landuse', 'water', 'roads', 'buildings', 'places'] },
  grids: { file: 'grids.pmtiles', layers: ['subdistrict', 'communities', 'grids_l4', 'grids_l5', 'grid_labels'] },
  renovation: { file: 'renovation.pmtiles', layers: ['compounds', 'road_works', 'public_space_works', 'demonstration_sites'] },
  /** Street lighting: lamps, the road register clipped to the sub-district, and its dark stretches. */
  lamps: { file: 'lamps.pmtiles', layers: ['lamps', 'lighting_roads', 'dark_segments'] },
  problems: { file: 'problems.pmtiles', layers: ['problems_heat', 'problems'] },
} as const;
export type ArchiveName = keyof typeof ARCHIVES;

export const MANIFEST_FILE = 'manifest.json';

/** Basemap road classes, from OSM `highway` (see scripts/osm/basemap-features.ts). */
export const ROAD_CLASSES = ['trunk', 'primary', 'secondary', 'tertiary', 'minor', 'service', 'path'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

export interface RoadTileProps {
  class: RoadClass;
  name?: string;
}

/**
 * Basemap ground classes, from OSM `landuse`, `leisure`, `natural` and area `amenity` (see
 * scripts/osm/basemap-classes.ts). A small set so the style can give each its colour.
 */
export const LANDUSE_CLASSES = [
  'park',
  'grass',
  'forest',
  'farmland',
  'residential',
  'commercial',
  'retail',
  'industrial',
  'education',
  'hospital',
  'sport',
  'cemetery',
  'military',
  'plaza',
] as const;
export type LanduseClass = (typeof LANDUSE_CLASSES)[number];

/** No name: the style does not label ground, and named parks get a label in `places`. */
export interface LanduseTileProps {
  class: LanduseClass;
}

/** Water: `water`, `river` (riverbank), `reservoir` as polygons; `river`, `canal`, `stream` as lines. */
export const WATER_CLASSES = ['water', 'reservoir', 'river', 'canal', 'stream'] as const;
export type WaterClass = (typeof WATER_CLASSES)[number];

export interface WaterTileProps {
  class: WaterClass;
  name?: string;
}

export interface BuildingTileProps {
  /** Metres above ground, from OSM `height`, when tagged. */
  height?: number;
  /** Storeys, from OSM `building:levels`, when tagged. */
  levels?: number;
  name?: string;
}

/** Label classes of the basemap's `places` layer: settlements first, then public facilities. */
export const PLACE_CLASSES = [
  'city',
  'town',
  'suburb',
  'village',
  'neighbourhood',
  'hamlet',
  'locality',
  'square',
  'government',
  'police',
  'fire_station',
  'hospital',
  'school',
  'university',
  'library',
  'market',
  'community_centre',
  'station',
  'park',
] as const;
export type PlaceClass = (typeof PLACE_CLASSES)[number];

export interface PlaceTileProps {
  class: PlaceClass;
  name: string;
  /** Label priority, 1 = most important; use as `symbol-sort-key`. */
  rank: number;
}

/** Grid choropleth metrics, precomputed per grid in the derive stage. */
export const GRID_METRICS = ['open_problems', 'problems_per_100hh', 'renovation_coverage'] as const;
export type GridMetric = (typeof GRID_METRICS)[number];

/** Properties shared by community, level-4 and level-5 grid features. */
export interface GridTileProps {
  code: string;
  name: string;
  level: 'subdistrict' | 'community' | 'l4' | 'l5';
  chief: string;
  households: number;
  merchants: number;
  /** Problems not yet closed (结案) at the manifest's `asOf`. */
  open_problems: number;
  problems_per_100hh: number;
  /**
   * Households of old compounds (built before the cut-off) in the cell; a compound straddling grids
   * counts in each by its area share (src/analysis/renovation/split.ts), rounded.
   */
  old_households: number;
  /**
   * Share (0–1) of those old-compound households reached by a started project (under
   * construction, completed or accepted). 0 where the cell has no old compounds: read it
   * together with `old_households`.
   */
  renovation_coverage: number;
}

/** A community feature: the cell figures plus its 片区 and the unit that adopts it (挂点联系). */
export interface CommunityTileProps extends GridTileProps {
  area: string;
  adopting_dept: string;
}

/** A level-4 grid feature names its community. */
export interface GridL4TileProps extends GridTileProps {
  community: string;
}

/** A level-5 grid feature names its level-4 grid. */
export interface GridL5TileProps extends GridTileProps {
  grid: string;
}

/** Renovation status of a compound: its most advanced project, or none. */
export type CompoundStatus = ProjectStatus | 'none';

export interface CompoundTileProps {
  id: string;
  name: string;
  built_year: number;
  households: number;
  buildings: number;
  pm: PropertyManagement;
  /** Built before the old-compound cut-off year (2000 by default). */
  old: boolean;
  status: CompoundStatus;
  /** Project ids joined by `;`. */
  projects: string;
  /** Level-4 grid holding most of the compound's area (see RenovationProduct). */
  grid: string;
  /*
   * When the compound first reached each status through any of its projects, epoch seconds (absent:
   * not reached by asOf). The renovation workspace's timeline colours compounds by comparing these
   * with the chosen month in a style expression, so the tiles need no rebuild per month.
   */
  t_planned?: number;
  t_approved?: number;
  t_started?: number;
  t_completed?: number;
  t_accepted?: number;
}

export interface LampTileProps {
  id: string;
  type: LampType;
  status: LampStatus;
  power_w: number;
  road: string;
  install_year: number;
  group: string;
  /** Level-4 grid code the lamp stands in, '' when outside every grid. */
  grid: string;
}

/** A renovated road stretch (背街小巷 works), drawn as a line. */
export interface RoadWorkTileProps {
  id: string;
  name: string;
  year: number;
  status: ProjectStatus;
  budget_wan: number;
  /** Geodesic length of the line in metres, rounded. */
  length_m: number;
  /** Epoch seconds (renovation timeline); `completed` falls back to the end of `year` when not recorded. */
  started?: number;
  completed?: number;
}

export interface ProblemTileProps {
  id: string;
  cat: string;
  major: string;
  status: ProblemStatus;
  nature: ProblemNature;
  dept: string;
  /** Reported time, epoch seconds (numbers filter faster than strings in MapLibre expressions). */
  reported: number;
  deadline: number;
  /** 1 when past deadline and not closed at the manifest's `asOf`. */
  overdue: 0 | 1;
  severity: number;
  grid: string;
  desc: string;
}

/**
 * The lean copy of each problem for the heat-map at district zooms: a z10 tile holds every point,
 * so it carries only what the heat-map weighs and filters by. Full `ProblemTileProps` (with the
 * description for popups) start at PROBLEM_DETAIL_MINZOOM.
 */
export type ProblemHeatTileProps = Pick<ProblemTileProps, 'major' | 'status' | 'overdue' | 'severity' | 'reported'>;
export const PROBLEM_DETAIL_MINZOOM = 14;

export interface LayerSummary {
  id: string;
  features: number;
  minzoom: number;
  maxzoom: number;
}

export interface ArchiveSummary {
  name: ArchiveName;
  file: string;
  bytes: number;
  sha256: string;
  tiles: number;
  minzoom: number;
  maxzoom: number;
  layers: LayerSummary[];
}

/** read = kept + rejected, per input layer. */
export interface InputCount {
  file: string;
  read: number;
  kept: number;
  rejected: number;
}

/** The sub-district's headline figures for the side panel, computed in the pipeline. */
export interface HeadlineFigures {
  problemsTotal: number;
  problemsOpen: number;
  problemsOverdue: number;
  /** 结案率 = closed / registered, 0–1. */
  closureRate: number;
  compoundsOld: number;
  compoundsRenovated: number;
  compoundsUnderWay: number;
  lampsInstalled: number;
  lampsWorking: number;
  /*
   * Filled by the feature workspaces as they land (optional until then; the wall screen's KPI tiles
   * read them when present):
   */
  /** Problems coloured red by three-colour supervision at `asOf` (src/analysis/ledger/supervision.ts). */
  problemsRed: number;
  /** 按期结案率 = closed by the deadline / due by asOf, 0–1 (src/analysis/ledger/kpis.ts). */
  onTimeClosureRate: number;
  /** Metres of road farther than the set distance from any working lamp (issue: lighting). */
  darkLengthM: number;
  /**
   * The same figures one month before `asOf`, the reference value a wall-screen tile compares with
   * (each feature fills the fields it computes).
   */
  previousMonth?: Partial<Omit<HeadlineFigures, 'previousMonth'>>;
}

export interface Manifest {
  /** Bumped when the shape of the manifest or tiles changes. */
  schemaVersion: 1;
  /** When the archives were written; the only field that changes on an identical rebuild. */
  builtAt: string;
  /** The ledger's "as of" instant: figures such as overdue are computed at this time. */
  asOf: string;
  /** True for the generated demo data, shown in the UI as 演示数据. */
  demo: boolean;
  subDistrict: { code: string; name: string };
  /** [west, south, east, north] in WGS-84. */
  bounds: [number, number, number, number];
  center: [number, number];
  attribution: string[];
  archives: ArchiveSummary[];
  inputs: Record<string, InputCount>;
  headline: HeadlineFigures;
  /**
   * Class breaks for the grid choropleth, per metric, over the level-4 grids: ascending upper
   * bounds of 5 quantile classes, so the legend and the fill colours agree.
   */
  gridMetricBreaks: Record<GridMetric, number[]>;
  /** Lookup tables the app needs to label codes. */
  categories: { code: string; name: string; major_code: string; major_name: string }[];
  departments: { code: string; name: string }[];
  communities: { code: string; name: string }[];
  /** How each input file was read and the topology warnings (scripts/pipeline/config, formats, crs). */
  import?: ImportSummary;
  /** Street lighting: settings, schedule, per-cell figures and the faulty-lamp list (src/contract/lighting.ts). */
  lighting?: LightingSummary;
  /** Renovation coverage: the product file for the workspace and its headline figures (src/contract/renovation.ts). */
  renovation?: RenovationSummary;
  /** The problem ledger workspace: its compact table, text chunks and settings (src/contract/ledger.ts). */
  ledger?: LedgerSummary;
}
