/**
 * Shapefiles from the surveying bureau or a GIS: a `.zip` holding one layer's .shp, .dbf, .prj and
 * .cpg, or a `.shp` with those files beside it. Geometry and attributes are parsed by shpjs; the
 * .prj is read by crs/prj.ts, not by shpjs, so the declared CRS can be checked against it and
 * every layer goes through the same conversion. Attribute text: the .cpg's encoding, else the
 * DBF's language driver (0x4D/0x7A = code page 936, GBK), else UTF-8 when it is valid UTF-8,
 * else GB18030 (ArcGIS on Chinese Windows writes GBK without saying so).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { parseDbf, parseShp } from 'shpjs';
import { rewind } from '@turf/turf';
import type { Geometry } from 'geojson';
import { InputFileError } from '../errors';
import type { RawFeatures } from '../read';
import { isValidUtf8, readFileBytes } from './text-encoding';
import { readZip, ZipError } from './zip';

export interface ShapefileRead {
  features: RawFeatures;
  /** The .prj text, or null when the layer has none. */
  prj: string | null;
  /** The encoding the attributes were read in. */
  encoding: string;
}

/** DBF header byte 29, the language driver id: code page 936 (GBK) in ESRI's table. */
const GBK_DRIVER_IDS = new Set([0x4d, 0x7a]);

interface ShapefileParts {
  shp: Uint8Array;
  dbf: Uint8Array | null;
  prj: string | null;
  cpg: string | null;
}

export function readShapefile(file: string, layer?: string): ShapefileRead {
  const parts = extname(file).toLowerCase() === '.shp' ? partsBesideShp(file) : partsInZip(file, layer);
  let geometries: (Geometry | null)[];
  try {
    geometries = parseShp(parts.shp);
  } catch (err) {
    throw new InputFileError(file, `the .shp is not a readable shapefile (${(err as Error).message}); expected an ESRI shapefile of points, lines or polygons`);
  }
  let encoding = 'utf-8';
  let records: Record<string, unknown>[] = [];
  if (parts.dbf) {
    encoding = dbfEncoding(parts.dbf, parts.cpg);
    try {
      records = parseDbf(parts.dbf, encoding);
    } catch (err) {
      throw new InputFileError(file, `the .dbf is not a readable dBASE table (${(err as Error).message})`);
    }
    if (records.length !== geometries.length) {
      throw new InputFileError(file, `the .shp has ${geometries.length} shapes but the .dbf ${records.length} records; expected one record per shape (is a file cut short?)`);
    }
  }
  const features = geometries.map((geometry, i) => ({ geometry: geometry && asGeoJson(geometry), properties: cleanRecord(records[i] ?? {}) }));
  return { features: { file, features }, prj: parts.prj, encoding };
}

function partsBesideShp(file: string): ShapefileParts {
  const stem = join(dirname(file), basename(file, extname(file)));
  const sibling = (ext: string): string | null => [ext, ext.toUpperCase()].map((e) => stem + e).find((p) => existsSync(p)) ?? null;
  const dbf = sibling('.dbf');
  const prj = sibling('.prj');
  const cpg = sibling('.cpg');
  return {
    shp: readFileBytes(file),
    dbf: dbf ? new Uint8Array(readFileSync(dbf)) : null,
    prj: prj ? readFileSync(prj, 'utf8') : null,
    cpg: cpg ? readFileSync(cpg, 'utf8').trim() : null,
  };
}

function partsInZip(file: string, layer?: string): ShapefileParts {
  let entries: Map<string, Uint8Array>;
  try {
    entries = readZip(readFileBytes(file));
  } catch (err) {
    if (err instanceof ZipError) throw new InputFileError(file, `${err.message}; expected a .zip holding a shapefile (.shp, .dbf, .prj)`);
    throw err;
  }
  const names = [...entries.keys()].filter((n) => !n.includes('__MACOSX'));
  const shps = names.filter((n) => n.toLowerCase().endsWith('.shp'));
  const stems = shps.map((n) => n.slice(0, -4));
  const chosen = layer === undefined ? stems : stems.filter((s) => basename(s) === String(layer));
  if (shps.length === 0) throw new InputFileError(file, `holds no .shp file (it has ${names.join(', ') || 'nothing'}); expected a zipped shapefile`);
  if (chosen.length !== 1) {
    throw new InputFileError(
      file,
      layer === undefined
        ? `holds ${shps.length} shapefiles (${stems.map((s) => basename(s)).join(', ')}); name the one to read with "sheet"`
        : `holds no shapefile named "${String(layer)}"; it has ${stems.map((s) => basename(s)).join(', ')}`,
    );
  }
  const stem = chosen[0]!;
  const part = (ext: string): Uint8Array | null => {
    const name = names.find((n) => n.toLowerCase() === `${stem}${ext}`.toLowerCase());
    return name === undefined ? null : entries.get(name)!;
  };
  const text = (bytes: Uint8Array | null): string | null => (bytes === null ? null : new TextDecoder().decode(bytes).trim());
  return { shp: part('.shp')!, dbf: part('.dbf'), prj: text(part('.prj')), cpg: text(part('.cpg')) };
}

function dbfEncoding(dbf: Uint8Array, cpg: string | null): string {
  if (cpg) return /^(cp)?936$/i.test(cpg) ? 'gbk' : cpg;
  if (GBK_DRIVER_IDS.has(dbf[29] ?? 0)) return 'gbk';
  const headerLength = dbf.length >= 10 ? dbf[8]! | (dbf[9]! << 8) : 0;
  // Field names (11 bytes each, from byte 32, 32 apart) and the records must all read as UTF-8.
  const names: number[] = [];
  for (let at = 32; at + 11 <= headerLength && dbf[at] !== 0x0d; at += 32) names.push(...dbf.subarray(at, at + 11).filter((b) => b !== 0));
  return isValidUtf8(Uint8Array.from(names)) && isValidUtf8(dbf.subarray(headerLength)) ? 'utf-8' : 'gb18030';
}

/**
 * shpjs's geometry as RFC 7946 GeoJSON: without its `bbox` (in the file's CRS, stale once
 * converted, and turf trusts a bbox it finds), and with counter-clockwise outer rings (§3.1.6;
 * ESRI rings run clockwise).
 */
function asGeoJson(geometry: Geometry): Geometry {
  const { bbox: _bbox, ...plain } = geometry;
  return /Polygon/.test(plain.type) ? (rewind(plain as Geometry) as Geometry) : (plain as Geometry);
}

/** DBF numbers come back as floats (NaN when blank), dates as local Dates: make them cells. */
function cleanRecord(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'number' && Number.isNaN(value)) out[key] = '';
    else if (value instanceof Date) out[key] = Number.isNaN(value.getTime()) ? '' : `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
    else out[key] = value;
  }
  return out;
}

const pad = (n: number): string => String(n).padStart(2, '0');
