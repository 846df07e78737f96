/**
 * Stage 1, read: the dataset config and every file it names, parsed but not yet judged.
 * A file that cannot be parsed at all (broken JSON, a CSV that is not UTF-8, a missing column
 * header) is fatal and names the file and line; single bad rows are left for validate.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import Papa from 'papaparse';
import type { Geometry } from 'geojson';
import { DATASET_FILE_KEYS, SUPPORTED_CRS, type DatasetConfig, type DatasetFileKey } from '../../src/contract';
import { readOsmXml, type OsmData } from '../osm/read-osm-xml';
import { InputFileError } from './errors';

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
  problems: RawTable;
  categories: RawTable;
  departments: RawTable;
}

const TABLE_KEYS = ['areas', 'projects', 'renovationItems', 'problems', 'categories', 'departments'] as const;
type TableKey = (typeof TABLE_KEYS)[number];
const FEATURE_KEYS = ['boundary', 'communities', 'gridsL4', 'gridsL5', 'compounds', 'roadWorks', 'lamps'] as const;

export function readInputs(configPath: string): RawInputs {
  const config = readDatasetConfig(configPath);
  const base = dirname(resolve(configPath));
  const path = (key: DatasetFileKey): string => displayPath(resolve(base, config.files[key]));
  const osmPath = resolve(base, config.basemap.osm);
  if (!existsSync(osmPath)) throw new InputFileError(configPath, `basemap.osm names ${osmPath}, which does not exist`);

  const tables = Object.fromEntries(TABLE_KEYS.map((key) => [key, readCsvTable(path(key))])) as Record<TableKey, RawTable>;
  const features = Object.fromEntries(FEATURE_KEYS.map((key) => [key, readGeoJsonFeatures(path(key))])) as Record<
    (typeof FEATURE_KEYS)[number],
    RawFeatures
  >;
  return { configPath, config, osmPath, osm: readOsmXml(osmPath), ...tables, ...features };
}

/** File names in messages and the rejects report: relative to where the build runs, when shorter. */
export function displayPath(absolute: string): string {
  const rel = relative(process.cwd(), absolute);
  return rel.length > 0 && rel.length < absolute.length ? rel : absolute;
}

/** Reads and checks guatu.config.json: every mistake names the key and what was expected. */
export function readDatasetConfig(configPath: string): DatasetConfig {
  const raw = parseJsonFile(configPath);
  const fail = (key: string, expected: string): never => {
    throw new InputFileError(configPath, `"${key}" ${expected}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('(root)', 'must be a JSON object');
  const c = raw as Record<string, unknown>;
  if (typeof c.name !== 'string') fail('name', 'must be a string');
  if (typeof c.demo !== 'boolean') fail('demo', 'must be true or false');
  const sd = c.subDistrict as Record<string, unknown> | undefined;
  if (!sd || typeof sd.code !== 'string' || !/^\d{9}$/.test(sd.code)) fail('subDistrict.code', 'must be a 9-digit code (6 county + 3 street)');
  if (!sd || typeof sd.name !== 'string') fail('subDistrict.name', 'must be a string');
  if (c.asOf !== undefined && (typeof c.asOf !== 'string' || Number.isNaN(Date.parse(c.asOf)))) {
    fail('asOf', 'must be an ISO-8601 date-time such as 2026-11-20T17:00:00+08:00');
  }
  if (!SUPPORTED_CRS.includes(c.crs as never)) fail('crs', `must be one of ${SUPPORTED_CRS.join(', ')}; got ${JSON.stringify(c.crs)}`);
  if (typeof c.oldCompoundBefore !== 'number' || !Number.isInteger(c.oldCompoundBefore)) fail('oldCompoundBefore', 'must be a year such as 2000');
  const basemap = c.basemap as Record<string, unknown> | undefined;
  if (!basemap || typeof basemap.osm !== 'string') fail('basemap.osm', 'must name an OpenStreetMap XML file');
  const files = c.files as Record<string, unknown> | undefined;
  if (!files || typeof files !== 'object') fail('files', 'must be an object naming each input file');
  for (const key of DATASET_FILE_KEYS) {
    if (typeof files?.[key] !== 'string') fail(`files.${key}`, 'must name a file (relative to the config)');
  }
  return c as unknown as DatasetConfig;
}

function readText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new InputFileError(file, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  try {
    // fatal: a GBK file from Chinese Windows must not be read as mojibake without a word.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    const line = firstNonUtf8Line(bytes);
    throw new InputFileError(file, 'is not valid UTF-8; expected UTF-8 text (save the sheet as "CSV UTF-8")', { line });
  }
}

function firstNonUtf8Line(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}

function parseJsonFile(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message.replace(/\s+/g, ' ');
    const offset = jsonErrorOffset(text);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const near = text.slice(Math.max(0, offset - 20), offset + 20).replace(/\s+/g, ' ');
    throw new InputFileError(file, `is not valid JSON (${message.slice(0, 80)}); near "${near}"`, { line, column });
  }
}

/**
 * Where JSON.parse gave up. Node 20's messages do not always carry a position, so this finds the
 * shortest prefix that fails for a reason other than "ended too soon" (binary search; only run
 * on the error path).
 */
export function jsonErrorOffset(text: string): number {
  const incomplete = (prefix: string): boolean => {
    try {
      JSON.parse(prefix);
      return true;
    } catch (err) {
      return /end of JSON input|Unterminated string|Unexpected end/i.test((err as Error).message);
    }
  };
  let lo = 0;
  let hi = text.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (incomplete(text.slice(0, mid))) lo = mid;
    else hi = mid;
  }
  return hi - 1;
}

/** A GeoJSON FeatureCollection. Features keep their order; bad ones are judged in validate. */
export function readGeoJsonFeatures(file: string): RawFeatures {
  const json = parseJsonFile(file) as { type?: unknown; features?: unknown };
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
  return { file, features };
}

/** A CSV table with a header row. Blank lines are skipped; a row's field count is checked in validate. */
export function readCsvTable(file: string): RawTable {
  const text = readText(file);
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) {
    throw new InputFileError(file, `unreadable CSV: ${fatal.message}; expected every quoted cell to be closed`, {
      line: lineAt(text, fatal.index),
      row: fatal.row === undefined ? undefined : fatal.row,
    });
  }
  const [header, ...body] = parsed.data;
  if (!header || header.every((h) => h.trim() === '')) throw new InputFileError(file, 'is empty; expected a header row');
  const rows: string[][] = [];
  const lines: number[] = [];
  // Line numbers: count newlines as we go so a quoted multi-line cell does not shift later rows.
  let line = 2 + countNewlines(header);
  for (const row of body) {
    const isBlank = row.length === 1 && row[0]!.trim() === '';
    if (!isBlank) {
      rows.push(row);
      lines.push(line);
    }
    line += 1 + countNewlines(row);
  }
  return { file, header: header.map((h) => h.trim()), rows, lines };
}

function countNewlines(cells: string[]): number {
  let n = 0;
  for (const cell of cells) for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) n++;
  return n;
}

function lineAt(text: string, index: number | undefined): number | undefined {
  if (index === undefined) return undefined;
  return text.slice(0, index).split('\n').length;
}
