/**
 * Reads guatu.config.json: checked against the schema (config-schema.ts), then the checks a
 * schema cannot say (a CRS Guatu knows, a real date, a format for each file), then every layer
 * resolved to a full LayerSource. Every mistake is fatal and names the key and what was expected.
 *
 * The string shorthand `"problems": "problems.csv"` stays valid and means: format from the file
 * extension, UTF-8, the dataset's CRS, columns named as in the contract.
 */
import { extname } from 'node:path';
import {
  DATASET_FILE_KEYS,
  OPTIONAL_DATASET_FILE_KEYS,
  type DatasetConfig,
  type DeclaredCrs,
  type ImportChecks,
  type LayerFormat,
  type LayerSource,
  type TextEncoding,
} from '../../../src/contract';
import { CRS_HELP, resolveCrs } from '../crs/definitions';
import { InputFileError } from '../errors';
import { parseJsonFile } from '../formats/json';
import { DATASET_CONFIG_SCHEMA } from './config-schema';
import { checkAgainstSchema } from './json-schema';

/** Defaults of the optional checks, one place. */
export const DEFAULT_CHECKS: ImportChecks = {
  // A silent 500 m offset is the worst outcome: the CRS check is on unless an office turns it off.
  crs: true,
  // ≈ 7 × 7 m: below what a grid chief can draw or see on the wall screen at z16.
  topologyToleranceM2: 50,
};

/** File extension → format, for the shorthand and an object without "format". */
const FORMAT_BY_EXTENSION: Record<string, LayerFormat> = {
  '.geojson': 'geojson',
  '.json': 'geojson',
  '.csv': 'csv',
  '.txt': 'csv',
  '.xlsx': 'xlsx',
  '.zip': 'shapefile',
  '.shp': 'shapefile',
};

type RawSource = string | { file: string; format?: LayerFormat; encoding?: TextEncoding; crs?: string; sheet?: string | number; columns?: Record<string, string>; values?: Record<string, Record<string, string>> };

export function readDatasetConfig(configPath: string): DatasetConfig {
  const raw = parseJsonFile(configPath);
  const fail = (key: string, expected: string): never => {
    throw new InputFileError(configPath, `"${key}" ${expected}`);
  };
  const error = checkAgainstSchema(raw, DATASET_CONFIG_SCHEMA);
  if (error) fail(error.path, error.message);
  const c = raw as Record<string, unknown> & { crs: string; asOf?: string; files: Record<string, RawSource>; checks?: Partial<ImportChecks> };

  if (c.asOf !== undefined && Number.isNaN(Date.parse(c.asOf))) fail('asOf', 'must be an ISO-8601 date-time such as 2026-11-20T17:00:00+08:00');
  const datasetCrs = resolveCrs(c.crs) ?? fail('crs', `must be ${CRS_HELP}; got ${JSON.stringify(c.crs)}`);

  const sources: Record<string, LayerSource> = {};
  const files: Record<string, string> = {};
  for (const key of [...DATASET_FILE_KEYS, ...OPTIONAL_DATASET_FILE_KEYS]) {
    const value = c.files[key];
    if (value === undefined) continue;
    const source = layerSource(value, `files.${key}`, fail);
    sources[key] = source;
    files[key] = source.file;
  }
  return {
    ...(c as unknown as DatasetConfig),
    crs: datasetCrs.id,
    files: files as DatasetConfig['files'],
    sources: sources as DatasetConfig['sources'],
    checks: { ...DEFAULT_CHECKS, ...c.checks },
  };
}

function layerSource(value: RawSource, key: string, fail: (key: string, expected: string) => never): LayerSource {
  const given = typeof value === 'string' ? { file: value } : value;
  // `problems.csv.gz` is a gzipped CSV: the reader gunzips it (formats/text-encoding.ts).
  const extension = extname(given.file.replace(/\.gz$/i, '')).toLowerCase();
  if (extension === '.xls' || extension === '.et') fail(`${key}`, `names ${given.file}, an old Excel/WPS workbook; save it as .xlsx (or CSV)`);
  // An unknown extension fails when the layer is read (formats/read-layer.ts), naming the file.
  const format = given.format ?? FORMAT_BY_EXTENSION[extension] ?? null;
  if (given.encoding !== undefined && format !== 'csv' && format !== null) fail(`${key}.encoding`, `applies to CSV files only (${format} files say their own encoding); remove it`);
  if (given.sheet !== undefined && format !== 'xlsx' && format !== 'shapefile' && format !== null) fail(`${key}.sheet`, `applies to XLSX workbooks and zipped shapefiles only; remove it`);
  let crs: DeclaredCrs | null = null;
  if (given.crs !== undefined) {
    const resolved = resolveCrs(given.crs) ?? fail(`${key}.crs`, `must be ${CRS_HELP}; got ${JSON.stringify(given.crs)}`);
    crs = resolved.id;
  }
  return { file: given.file, format, encoding: given.encoding ?? 'utf-8', crs, ...(given.sheet === undefined ? {} : { sheet: given.sheet }), columns: given.columns ?? {}, values: given.values ?? {} };
}
