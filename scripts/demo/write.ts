/**
 * Writers for the demo files: CSV through papaparse (fields quoted only when they must be),
 * GeoJSON one feature per line. Output is byte-stable: fixed column order, `\n` line ends, no BOM,
 * numbers as given (coordinates are rounded to 6 decimals before they get here).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import Papa from 'papaparse';

export type CsvValue = string | number | null;

/** A whole CSV file: header line, one line per row, trailing newline. */
export function csvText(columns: readonly string[], rows: readonly Record<string, CsvValue>[]): string {
  const header = Papa.unparse([columns as string[]], { newline: '\n' });
  if (rows.length === 0) return `${header}\n`;
  return `${header}\n${csvLines(columns, rows)}\n`;
}

/** Data lines only (no header, no trailing newline), for streaming in chunks. */
export function csvLines(columns: readonly string[], rows: readonly Record<string, CsvValue>[]): string {
  const data = rows.map((row) => columns.map((c) => cell(row[c])));
  return Papa.unparse(data, { header: false, newline: '\n' });
}

function cell(value: CsvValue | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? String(value) : value;
}

export interface FeatureInput {
  geometry: unknown;
  properties: Record<string, unknown>;
}

/** A FeatureCollection with one feature per line: small diffs, still valid JSON. */
export function featureCollectionText(features: readonly FeatureInput[]): string {
  if (features.length === 0) return '{"type":"FeatureCollection","features":[]}\n';
  const lines = features.map((f) => JSON.stringify({ type: 'Feature', properties: f.properties, geometry: f.geometry }));
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

/** Appends text to a file descriptor in chunks: a million-row CSV never sits in memory whole. */
export class ChunkedFile {
  private readonly fd: number;
  private buffer: string[] = [];
  private pending = 0;
  bytes = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.buffer.push(text);
    this.pending += text.length;
    if (this.pending > 1 << 20) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    const chunk = Buffer.from(this.buffer.join(''), 'utf8');
    writeSync(this.fd, chunk);
    this.bytes += chunk.length;
    this.buffer = [];
    this.pending = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
