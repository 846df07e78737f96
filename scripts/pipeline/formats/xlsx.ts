/**
 * Excel workbooks (.xlsx) with read-excel-file: the first sheet, or one named by "sheet" (name or
 * 1-based number). The first row is the header. Cells become the text a CSV of the same sheet
 * would hold, so validate sees one kind of table:
 * - a date cell (Excel has no time zone) becomes its wall-clock time to the second, which
 *   datetime.ts reads as China time;
 * - a whole number longer than 15 digits cannot be what the clerk typed (Excel keeps 15
 *   significant digits), so it is shown as Excel shows it (3.20102099001001E+16) and fails the
 *   code's digit rule with that value, instead of passing as a wrong 17-digit code.
 */
import { readSheet } from 'read-excel-file/node';
import { InputFileError } from '../errors';
import type { RawTable } from '../read';
import { readFileBytes } from './text-encoding';

/** Excel's precision: 15 significant digits (Microsoft, "Excel specifications and limits"). */
const EXCEL_DIGITS = 15;

export async function readXlsxTable(file: string, sheet?: string | number): Promise<RawTable> {
  const bytes = readFileBytes(file);
  let rows: unknown[][];
  try {
    rows = (await readSheet(bytes, sheet ?? 1)) as unknown[][];
  } catch (err) {
    const message = (err as Error).message;
    if ((err as Error).name === 'SheetNotFoundError' || /sheet/i.test(message) && sheet !== undefined) {
      throw new InputFileError(file, `has no sheet ${JSON.stringify(sheet)} (${message}); name an existing sheet with "sheet"`);
    }
    throw new InputFileError(file, `is not a readable .xlsx workbook (${message}); expected an Excel 2007+ file (save .xls or .et files as .xlsx)`);
  }
  const [header, ...body] = rows;
  if (!header || header.every((h) => cellText(h) === '')) throw new InputFileError(file, 'has an empty first row; expected a header row', { line: 1 });
  const table: RawTable = { file, header: header.map((h) => cellText(h).trim()), rows: [], lines: [] };
  body.forEach((row, i) => {
    const cells = row.map(cellText);
    if (cells.every((c) => c.trim() === '')) return;
    // Pad short rows: Excel drops trailing empty cells, CSV keeps them.
    while (cells.length < table.header.length) cells.push('');
    table.rows.push(cells.slice(0, Math.max(table.header.length, lastFilled(cells) + 1)));
    table.lines.push(i + 2);
  });
  return table;
}

function lastFilled(cells: string[]): number {
  for (let i = cells.length - 1; i >= 0; i--) if (cells[i]!.trim() !== '') return i;
  return -1;
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    // Excel keeps times as fractions of a day: 09:05 comes back as 09:04:59.9999; Excel shows the nearest second.
    const iso = new Date(Math.round(value.getTime() / 1000) * 1000).toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) >= 10 ** EXCEL_DIGITS) return value.toExponential(EXCEL_DIGITS - 1).toUpperCase().replace(/\.?0+E/, 'E');
    return String(value);
  }
  return String(value);
}
