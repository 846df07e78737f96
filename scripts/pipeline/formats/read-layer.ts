/**
 * Reads one layer of an office's files, whatever its format, into the read stage's shapes: a
 * table (RawTable) or features (RawFeatures), as the layer key needs. A point layer may come as a
 * table with lon/lat columns (a sheet of lamps picked on 高德), and a table layer as points (a
 * ledger exported from a GIS): the other shape is built here. Also settles each layer's CRS:
 * declared in the config, else the file's own (.prj, GeoJSON `crs`), else the dataset's.
 */
import { resolve } from 'node:path';
import type { Geometry, Point } from 'geojson';
import type { DatasetConfig, DatasetFileKey, ImportedLayer, LayerSource } from '../../../src/contract';
import { crsFromPrj } from '../crs/prj';
import { resolveCrs, type CrsDefinition } from '../crs/definitions';
import { InputFileError } from '../errors';
import type { RawFeatures, RawTable } from '../read';
import { mapFeatureProperties, mapTableColumns } from './columns';
import { readCsvFile } from './csv';
import { openCsvBatches } from './csv-batches';
import { crsNameOfGeoJson, readGeoJson } from './geojson';
import { normaliseTableDates } from './office-cells';
import { readShapefile } from './shapefile';
import { readXlsxTable } from './xlsx';

type LayerKey = DatasetFileKey | (string & {});

/** A table layer's rows, batch by batch (LayerReader.tableBatches). */
export interface TableBatches {
  file: string;
  /** Each call reads from the start again. */
  batches(): Generator<RawTable>;
}

interface Loaded {
  /** The file's rows or features, columns already mapped. */
  table?: RawTable;
  features?: RawFeatures;
  info: ImportedLayer;
}

/** Reads the layers of one config; `imported` collects what was read, for the manifest. */
export class LayerReader {
  readonly imported: Record<string, ImportedLayer> = {};

  constructor(
    private readonly config: DatasetConfig,
    private readonly configDir: string,
    /** How file names appear in messages (relative to the working directory when shorter). */
    private readonly display: (absolute: string) => string,
  ) {}

  source(key: LayerKey): LayerSource | undefined {
    return (this.config.sources as Record<string, LayerSource | undefined>)[key];
  }

  async table(key: LayerKey): Promise<RawTable> {
    const loaded = await this.load(key);
    return loaded.table ?? featuresToTable(loaded.features!);
  }

  async features(key: LayerKey): Promise<RawFeatures> {
    const loaded = await this.load(key);
    return loaded.features ?? tableToPoints(loaded.table!, `files.${key}`);
  }

  /** For a layer an office may leave out: null when the config names no file for it. */
  async optionalTable(key: LayerKey): Promise<RawTable | null> {
    return this.source(key) ? this.table(key) : null;
  }

  async optionalFeatures(key: LayerKey): Promise<RawFeatures | null> {
    return this.source(key) ? this.features(key) : null;
  }

  /**
   * A table layer in batches of rows, each with the header and the column mapping applied: a CSV
   * is read piece by piece (csv-batches.ts: the problems ledger at 1M rows), any other format whole
   * as one batch. The encoding is settled (or fails) here; the rows are read when iterated.
   */
  async tableBatches(key: LayerKey): Promise<TableBatches> {
    const { source, file, configKey, declared } = this.open(key);
    if (source.format !== 'csv') {
      const table = await this.table(key);
      return { file: table.file, *batches() { yield table; } };
    }
    const csv = openCsvBatches(file, source.encoding);
    this.record(key, source, declared, { file, format: 'csv', encoding: csv.encoding, crs: null });
    return {
      file,
      *batches() {
        for (const batch of csv.batches()) yield normaliseTableDates(mapTableColumns(batch, source, configKey));
      },
    };
  }

  private open(key: LayerKey): { source: LayerSource; file: string; configKey: string; declared: CrsDefinition | null } {
    const source = this.source(key);
    if (!source) throw new InputFileError(this.display(this.configDir), `the config names no file for "files.${key}"`);
    const file = this.display(resolve(this.configDir, source.file));
    const configKey = `files.${key}`;
    return { source, file, configKey, declared: this.declaredCrs(source, file, configKey) };
  }

  /** What was read, for the manifest; the layer's CRS as settled, for normalise. */
  private record(key: LayerKey, source: LayerSource, declared: CrsDefinition | null, info: ImportedLayer): void {
    if (info.crs === null) info.crs = (declared ?? resolveCrs(this.config.crs))?.id ?? this.config.crs;
    // Normalise converts with the layer's CRS as settled here.
    source.crs = info.crs as LayerSource['crs'];
    this.imported[key] = info;
  }

  private async load(key: LayerKey): Promise<Loaded> {
    const { source, file, configKey, declared } = this.open(key);
    let loaded: Loaded;
    switch (source.format) {
      case null:
        throw new InputFileError(file, `cannot tell its format from the name; declare ${configKey}.format: one of geojson, csv, xlsx, shapefile (a .zip or .shp)`);
      case 'csv': {
        const { table, encoding } = readCsvFile(file, source.encoding);
        loaded = { table: normaliseTableDates(mapTableColumns(table, source, configKey)), info: { file, format: 'csv', encoding, crs: null } };
        break;
      }
      case 'xlsx': {
        const table = await readXlsxTable(file, source.sheet);
        loaded = { table: normaliseTableDates(mapTableColumns(table, source, configKey)), info: { file, format: 'xlsx', encoding: 'utf-8', crs: null } };
        break;
      }
      case 'geojson': {
        const { features, crsName } = readGeoJson(file);
        const fromFile = crsName === null ? null : fileCrs(crsName, file, 'its "crs" member');
        loaded = { features: mapFeatureProperties(features, source, configKey), info: { file, format: 'geojson', encoding: 'utf-8', crs: this.settle(declared, fromFile, file, configKey, 'its "crs" member')?.id ?? null } };
        break;
      }
      case 'shapefile': {
        const read = readShapefile(file, source.sheet === undefined ? undefined : String(source.sheet));
        let fromFile: CrsDefinition | null = null;
        if (read.prj !== null) {
          const prj = crsFromPrj(read.prj);
          if (!prj.ok) throw new InputFileError(file, `its .prj ${prj.reason}`);
          fromFile = prj.crs;
        }
        loaded = { features: mapFeatureProperties(read.features, source, configKey), info: { file, format: 'shapefile', encoding: read.encoding, crs: this.settle(declared, fromFile, file, configKey, 'its .prj')?.id ?? null } };
        break;
      }
    }
    this.record(key, source, declared, loaded.info);
    return loaded;
  }

  private declaredCrs(source: LayerSource, file: string, configKey: string): CrsDefinition | null {
    if (source.crs === null) return null;
    const crs = resolveCrs(source.crs);
    if (!crs) throw new InputFileError(file, `${configKey}.crs "${source.crs}" is not a CRS Guatu knows`);
    return crs;
  }

  /** The layer's own CRS, when it says one, must agree with a CRS declared for the layer. */
  private settle(declared: CrsDefinition | null, fromFile: CrsDefinition | null, file: string, configKey: string, where: string): CrsDefinition | null {
    if (declared && fromFile && declared.id !== fromFile.id && !sameGeographic(declared, fromFile)) {
      throw new InputFileError(
        file,
        `${configKey}.crs declares ${declared.id} (${declared.label}) but ${where} says ${fromFile.id} (${fromFile.label}); remove "crs" from ${configKey} to use the file's, or correct the file`,
      );
    }
    return declared ?? fromFile;
  }
}

/** WGS84 and CGCS2000 are the same at map precision: a .prj saying one and a config the other agree. */
function sameGeographic(a: CrsDefinition, b: CrsDefinition): boolean {
  return a.kind === 'geographic' && b.kind === 'geographic';
}

function fileCrs(name: string, file: string, where: string): CrsDefinition {
  const crs = resolveCrs(crsNameOfGeoJson(name));
  if (!crs) throw new InputFileError(file, `${where} names "${name}", a CRS Guatu cannot convert; export the layer in WGS-84 or CGCS2000 (EPSG:4490, or a 3° Gauss-Krüger zone EPSG:4513–4554)`);
  return crs;
}

/** Points from a table's lon/lat columns; other columns become properties (text, as in the file). */
export function tableToPoints(table: RawTable, configKey: string): RawFeatures {
  const lon = table.header.indexOf('lon');
  const lat = table.header.indexOf('lat');
  if (lon === -1 || lat === -1) {
    throw new InputFileError(
      table.file,
      `is a table, so it needs "lon" and "lat" columns for its positions; the header has ${table.header.join(', ')} (map yours in ${configKey}.columns, e.g. { "经度": "lon", "纬度": "lat" })`,
      { line: 1 },
    );
  }
  const features = table.rows.map((cells) => {
    const properties: Record<string, unknown> = {};
    table.header.forEach((h, i) => {
      if (i !== lon && i !== lat) properties[h] = cells[i] ?? '';
    });
    const x = parseCoordinate(cells[lon]);
    const y = parseCoordinate(cells[lat]);
    const geometry: Point = { type: 'Point', coordinates: [x, y] };
    return { properties, geometry };
  });
  return { file: table.file, features };
}

function parseCoordinate(cell: string | undefined): number {
  const text = (cell ?? '').trim();
  return text === '' ? NaN : Number(text);
}

/** A table of the features' properties; Point features add lon/lat columns. */
export function featuresToTable(input: RawFeatures): RawTable {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const f of input.features) {
    for (const key of Object.keys(f.properties)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  const withPoints = input.features.some((f) => f.geometry?.type === 'Point') && !seen.has('lon') && !seen.has('lat');
  const header = withPoints ? [...columns, 'lon', 'lat'] : columns;
  const rows = input.features.map((f) => {
    const cells = columns.map((c) => cellOf(f.properties[c]));
    if (withPoints) cells.push(...pointCells(f.geometry));
    return cells;
  });
  return { file: input.file, header, rows, lines: input.features.map((_, i) => i + 1) };
}

function pointCells(geometry: Geometry | null): [string, string] {
  if (geometry?.type !== 'Point') return ['', ''];
  return [String(geometry.coordinates[0] ?? ''), String(geometry.coordinates[1] ?? '')];
}

function cellOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value as number | boolean);
}
