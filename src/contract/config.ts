/**
 * The dataset config (`guatu.config.json`): which files describe an office's sub-district.
 * Paths are relative to the config file. The demo sub-district is itself one such config
 * (data/sample/guatu.config.json).
 */
import type { LightingConfig } from './lighting';
import type { LedgerConfig } from './ledger';

/**
 * Coordinate systems an input may be declared in, by name; the pipeline converts all to WGS-84.
 * Besides these names a layer may declare `EPSG:4326`, `EPSG:4490` (CGCS2000 geographic) or a
 * CGCS2000 3° Gauss-Krüger zone `EPSG:4513`…`EPSG:4554` (with and without the zone prefix);
 * scripts/pipeline/crs/ parses, defines and converts them.
 */
export const SUPPORTED_CRS = ['WGS84', 'GCJ02', 'BD09', 'CGCS2000'] as const;
export type DeclaredCrs = (typeof SUPPORTED_CRS)[number] | `EPSG:${number}`;

export const DATASET_FILE_KEYS = [
  'boundary',
  'areas',
  'communities',
  'gridsL4',
  'gridsL5',
  'compounds',
  'projects',
  'renovationItems',
  'roadWorks',
  'lamps',
  'problems',
  'categories',
  'departments',
] as const;
export type DatasetFileKey = (typeof DATASET_FILE_KEYS)[number];

/**
 * Layers an office may leave out of `files` (read as empty): the renovation workspace's
 * public-space works and demonstration sites (src/contract/renovation.ts).
 */
export const OPTIONAL_DATASET_FILE_KEYS = [
  'publicSpaceWorks',
  'demonstrationSites',
  // Street lighting (src/contract/lighting.ts): the road register (absent: the basemap's streets) and the schedule table (absent: all night).
  'roads',
  'lightingSchedules',
] as const;
export type OptionalDatasetFileKey = (typeof OPTIONAL_DATASET_FILE_KEYS)[number];

export interface DatasetConfig {
  name: string;
  /** Generated demo data: the UI marks it 演示数据. */
  demo: boolean;
  subDistrict: { code: string; name: string };
  /**
   * The ledger's "as of" instant (ISO-8601). Figures such as overdue are computed at this time,
   * so a rebuild of the same files gives the same tiles. Omitted: the latest timestamp in the ledger.
   */
  asOf?: string;
  crs: DeclaredCrs;
  /** Compounds built before this year count as old (老旧小区; national policy: before 2000). */
  oldCompoundBefore: number;
  /** OpenStreetMap extract for the basemap: `.osm` / `.osm.xml` or `.osm.pbf`. */
  basemap: { osm: string };
  /** The file each layer is read from, relative to the config (the `file` of its source). */
  files: Record<DatasetFileKey, string> & Partial<Record<OptionalDatasetFileKey, string>>;
  /** Street lighting: road register, schedule table and dark-street settings (src/contract/lighting.ts). */
  lighting?: LightingConfig;
  /** The problem ledger: settings, working calendar, import mapping (src/contract/ledger.ts). */
  ledger?: LedgerConfig;
  /**
   * How each layer is read: `files.<key>` in the JSON is either a file name (shorthand: format
   * from the extension, UTF-8, the dataset's `crs`, columns named as in the contract) or a
   * `LayerSource` object. The config reader fills this for every key, shorthand included.
   */
  sources: Record<DatasetFileKey, LayerSource> & Partial<Record<OptionalDatasetFileKey, LayerSource>>;
  /** Checks an office may tune; defaults in scripts/pipeline/config/dataset-config.ts. */
  checks: ImportChecks;
}

/** File formats a layer may be read from. */
export const LAYER_FORMATS = ['geojson', 'csv', 'xlsx', 'shapefile'] as const;
export type LayerFormat = (typeof LAYER_FORMATS)[number];

/** Text encodings of CSV files; `auto` tells UTF-8 (with or without BOM) from GB18030/GBK. */
export const TEXT_ENCODINGS = ['auto', 'utf-8', 'gbk', 'gb18030'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** One layer's file and how to read it (the object form of `files.<key>`). */
export interface LayerSource {
  /** Relative to the config file. */
  file: string;
  /** null: not declared and the extension does not say; reading the layer then fails, naming the file. */
  format: LayerFormat | null;
  /** CSV only (XLSX and GeoJSON are always Unicode; a shapefile's .cpg names its own). */
  encoding: TextEncoding;
  /** Declared CRS; for a shapefile with a .prj, null means "as the .prj says". */
  crs: DeclaredCrs | null;
  /** XLSX: sheet name or 1-based number; the first sheet when omitted. */
  sheet?: string | number;
  /** The file's column (or property) name → the contract's field name, e.g. { "经度": "lon" }. */
  columns: Record<string, string>;
  /** Per contract field, the file's values → the contract's, e.g. { "status": { "结案": "closed" } }. */
  values: Record<string, Record<string, string>>;
}

export interface ImportChecks {
  /** Stop the build when a layer does not line up with the sub-district (see crs/sanity-check.ts). */
  crs: boolean;
  /** Overlaps and gaps between sibling grids smaller than this many m² are not reported. */
  topologyToleranceM2: number;
}
