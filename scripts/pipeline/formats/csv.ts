/**
 * CSV tables: UTF-8 (BOM or not) or GBK/GB18030, declared or detected (text-encoding.ts).
 * Blank lines are skipped but counted, so every row keeps the line number Excel shows.
 */
import Papa from 'papaparse';
import type { TextEncoding } from '../../../src/contract';
import { InputFileError } from '../errors';
import type { RawTable } from '../read';
import { decodeText, readFileBytes, type DetectedEncoding } from './text-encoding';

export function readCsvFile(file: string, encoding: TextEncoding): { table: RawTable; encoding: DetectedEncoding } {
  const decoded = decodeText(readFileBytes(file), encoding, file);
  return { table: parseCsvText(decoded.text, file), encoding: decoded.encoding };
}

/** A CSV table with a header row. Blank lines are skipped; a row's field count is checked in validate. */
export function parseCsvText(text: string, file: string): RawTable {
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

/** Line breaks inside a row's cells (a quoted cell may span lines). */
export function countNewlines(cells: string[]): number {
  let n = 0;
  for (const cell of cells) for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) n++;
  return n;
}

function lineAt(text: string, index: number | undefined): number | undefined {
  if (index === undefined) return undefined;
  return text.slice(0, index).split('\n').length;
}
