/**
 * An office's own column names and values → the contract's. `columns` maps a file's header (or a
 * GeoJSON/shapefile property) to a contract field, e.g. { "经度": "lon", "问题类型": "category_code" };
 * unmapped columns keep their names. `values` maps cell values per contract field, e.g.
 * { "status": { "结案": "closed" } }; unmapped values pass through for validate to judge.
 */
import type { LayerSource } from '../../../src/contract';
import { InputFileError } from '../errors';
import type { RawFeatures, RawTable } from '../read';

/** Renames the header and maps values; a mapped column missing from the file is fatal. */
export function mapTableColumns(table: RawTable, source: Pick<LayerSource, 'columns' | 'values'>, configKey: string): RawTable {
  const missing = Object.keys(source.columns).filter((column) => !table.header.includes(column));
  if (missing.length > 0) {
    throw new InputFileError(
      table.file,
      `has no column ${missing.map((m) => `"${m}"`).join(', ')} (mapped in ${configKey}.columns to ${missing.map((m) => source.columns[m]).join(', ')}); the header has ${table.header.join(', ')}`,
      { line: 1 },
    );
  }
  const header = table.header.map((h) => source.columns[h] ?? h);
  const duplicate = header.find((h, i) => header.indexOf(h) !== i);
  if (duplicate !== undefined) {
    throw new InputFileError(table.file, `has two columns for "${duplicate}" after ${configKey}.columns is applied; expected one (drop one of them from the mapping or the file)`, { line: 1 });
  }
  const valueMaps = header.map((field) => source.values[field]);
  if (valueMaps.every((m) => m === undefined)) return { ...table, header };
  const rows = table.rows.map((cells) => cells.map((cell, i) => valueMaps[i]?.[cell.trim()] ?? cell));
  return { ...table, header, rows };
}

export function mapFeatureProperties(input: RawFeatures, source: Pick<LayerSource, 'columns' | 'values'>, configKey: string): RawFeatures {
  const mapped = Object.keys(source.columns);
  if (mapped.length === 0 && Object.keys(source.values).length === 0) return input;
  if (input.features.length > 0) {
    const seen = new Set(input.features.flatMap((f) => Object.keys(f.properties)));
    const missing = mapped.filter((column) => !seen.has(column));
    if (missing.length > 0) {
      throw new InputFileError(input.file, `has no property ${missing.map((m) => `"${m}"`).join(', ')} (mapped in ${configKey}.columns); its features have ${[...seen].join(', ')}`);
    }
  }
  const features = input.features.map((feature) => {
    const properties: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(feature.properties)) {
      const field = source.columns[key] ?? key;
      const map = source.values[field];
      properties[field] = map && typeof value === 'string' ? (map[value.trim()] ?? value) : map && value !== null && value !== undefined ? (map[String(value)] ?? value) : value;
    }
    return { ...feature, properties };
  });
  return { ...input, features };
}
