/**
 * The dataset config (`guatu.config.json`): which files describe an office's sub-district.
 * Paths are relative to the config file. The demo sub-district is itself one such config
 * (data/sample/guatu.config.json).
 */

/** Coordinate systems an input may be declared in; the pipeline converts all to WGS-84. */
export const SUPPORTED_CRS = ['WGS84'] as const;
export type DeclaredCrs = (typeof SUPPORTED_CRS)[number];

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
  basemap: { osm: string };
  files: Record<DatasetFileKey, string>;
}
