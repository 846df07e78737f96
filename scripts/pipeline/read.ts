/**
 * Stage 1, read: the dataset config and every file it names, parsed but not yet judged.
 * A file that cannot be parsed at all (broken JSON, a CSV in an undeclared encoding, a missing
 * column header) is fatal and names the file and line; single bad rows are left for validate.
 * Each layer is read by formats/read-layer.ts in its declared format, encoding and column names.
 */
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Geometry } from 'geojson';
import type { DatasetConfig, ImportedLayer } from '../../src/contract';
import type { OsmData } from '../osm/read-osm-xml';
import { readDatasetConfig } from './config/dataset-config';
import { readCsvFile } from './formats/csv';
import { readBasemapOsm } from './formats/osm';
import { codeLookup, resolveNamedCodes, resolveNamedCodesInTable } from './formats/office-cells';
import { LayerReader, type TableBatches } from './formats/read-layer';
import { InputFileError } from './errors';
import { applyLedgerMapping } from './ledger/ledger-mapping';
import { ledgerInputs } from './ledger/ledger-inputs';

// Formats, encodings and the config live in formats/ and config/ (issue 7); re-exported for callers.
export { readDatasetConfig } from './config/dataset-config';
export { readGeoJsonFeatures } from './formats/geojson';
export { jsonErrorOffset } from './formats/json';

/** A CSV table: the header once, then rows of cells (arrays keep 1M rows inside the memory budget). */
export interface RawTable {
  file: string;
  header: string[];
  rows: string[][];
  /** 1-based line of each row in the file (differs from row + 1 when a quoted cell spans lines). */
  lines: number[];
}

export interface RawFeature {
  properties: Record<string, unknown>;
  geometry: Geometry | null;
}

export interface RawFeatures {
  file: string;
  features: RawFeature[];
}

export interface RawInputs {
  configPath: string;
  config: DatasetConfig;
  osmPath: string;
  osm: OsmData;
  boundary: RawFeatures;
  areas: RawTable;
  communities: RawFeatures;
  gridsL4: RawFeatures;
  gridsL5: RawFeatures;
  compounds: RawFeatures;
  projects: RawTable;
  renovationItems: RawTable;
  roadWorks: RawFeatures;
  lamps: RawFeatures;
  /**
   * The problems ledger in batches of rows (the file's text is never whole: formats/csv-batches.ts),
   * column mapping, ledger mapping and names → codes applied; validate reads it into a ProblemTable.
   */
  problems: TableBatches;
  categories: RawTable;
  departments: RawTable;
  /** Renovation layers an office may leave out (OPTIONAL_DATASET_FILE_KEYS): null when not named. */
  publicSpaceWorks: RawFeatures | null;
  demonstrationSites: RawFeatures | null;
  /** Street lighting's road register and schedule table (pipeline/lighting/): null when not named. */
  roads: RawFeatures | null;
  lightingSchedules: RawTable | null;
  /** How each layer was read (format, encoding, CRS), by config key: the manifest's `import`. */
  imported: Record<string, ImportedLayer>;
}

const TABLE_KEYS = ['areas', 'projects', 'renovationItems', 'problems', 'categories', 'departments'] as const;
type TableKey = Exclude<(typeof TABLE_KEYS)[number], 'problems'>;
const FEATURE_KEYS = ['boundary', 'communities', 'gridsL4', 'gridsL5', 'compounds', 'roadWorks', 'lamps'] as const;

export async function readInputs(configPath: string): Promise<RawInputs> {
  const config = readDatasetConfig(configPath);
  const base = dirname(resolve(configPath));
  const osmPath = resolve(base, config.basemap.osm);
  if (!existsSync(osmPath)) throw new InputFileError(configPath, `basemap.osm names ${osmPath}, which does not exist`);

  // One layer at a time, in key order, so the first bad file is always the one reported.
  const layers = new LayerReader(config, base, displayPath);
  const tables = {} as Record<TableKey, RawTable>;
  let problemFile: TableBatches | null = null;
  for (const key of TABLE_KEYS) {
    if (key === 'problems') problemFile = await layers.tableBatches(key);
    else tables[key] = await layers.table(key);
  }
  // A ledger laid out another way (another city's 311 export): derived fields, time zone (pipeline/ledger/).
  const ledgerMapping = ledgerInputs(configPath, config).mapping;
  const lookups = { categories: codeLookup(tables.categories), departments: codeLookup(tables.departments) };
  const problemBatches = problemFile!;
  const problems: TableBatches = {
    file: problemBatches.file,
    *batches() {
      for (const batch of problemBatches.batches()) yield resolveNamedCodesInTable(ledgerMapping ? applyLedgerMapping(batch, ledgerMapping) : batch, lookups);
    },
  };
  const features = {} as Record<(typeof FEATURE_KEYS)[number], RawFeatures>;
  for (const key of FEATURE_KEYS) features[key] = await layers.features(key);
  const publicSpaceWorks = await layers.optionalFeatures('publicSpaceWorks');
  const demonstrationSites = await layers.optionalFeatures('demonstrationSites');
  const roads = await layers.optionalFeatures('roads');
  const lightingSchedules = await layers.optionalTable('lightingSchedules');
  const inputs: RawInputs = { configPath, config, osmPath, osm: readBasemapOsm(osmPath, displayPath(osmPath)), ...tables, problems, ...features, publicSpaceWorks, demonstrationSites, roads, lightingSchedules, imported: layers.imported };
  // 问题类型 "暴露垃圾" → 01001: codes given by name in the office's own tables (formats/office-cells.ts);
  // the problems batch by batch, above.
  return resolveNamedCodes(inputs);
}

/** File names in messages and the rejects report: relative to where the build runs, when shorter. */
export function displayPath(absolute: string): string {
  const rel = relative(process.cwd(), absolute);
  return rel.length > 0 && rel.length < absolute.length ? rel : absolute;
}

/** A UTF-8 CSV table (BOM ok); formats/csv.ts reads the other encodings. */
export function readCsvTable(file: string): RawTable {
  return readCsvFile(file, 'utf-8').table;
}
