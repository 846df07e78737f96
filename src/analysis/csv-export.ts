/**
 * CSV exports the office opens in Excel: UTF-8 with a byte-order mark (without it, Excel on a
 * Chinese Windows reads UTF-8 as GBK and shows mojibake), CRLF line ends, Chinese headers chosen
 * by the caller. The one module for every export (ledger, renovation, lighting…); pure, so it runs
 * in Node tests, the browser and a worker alike.
 *
 * Text that starts like a formula (= + - @, tab, CR) is prefixed with an apostrophe, so a road name
 * or description typed as `=HYPERLINK(…)` is shown as text, not run (OWASP "CSV injection").
 * Numbers are written as numbers, negative ones included.
 */
import Papa from 'papaparse';

export const CSV_BOM = '\ufeff';
export const CSV_MIME = 'text/csv;charset=utf-8';

export interface CsvColumn<T> {
  /** Column header as the office reads it, e.g. 路灯编号. */
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as written: null/undefined empty, numbers as they are, text neutralised. */
export function csvCell(value: string | number | boolean | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The whole file's text: BOM, header row, one row per record, CRLF after every row. */
export function csvText<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): string {
  const data: (string | number)[][] = [];
  for (const row of rows) data.push(columns.map((c) => csvCell(c.value(row))));
  const header = Papa.unparse([columns.map((c) => c.header)], { newline: '\r\n' });
  const body = data.length > 0 ? `${Papa.unparse(data, { newline: '\r\n' })}\r\n` : '';
  return `${CSV_BOM}${header}\r\n${body}`;
}
