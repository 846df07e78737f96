/**
 * The two kinds of bad input. A fatal `InputFileError` stops the build before anything is written
 * (the previous tiles stay as they were); a `Reject` is one bad row, reported and skipped.
 */

/** Where in which file, and what was expected. Every message names the file first. */
export class InputFileError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly where?: { line?: number; column?: number; row?: number; feature?: number; field?: string },
  ) {
    super(formatLocation(file, where) + detail);
    this.name = 'InputFileError';
  }
}

function formatLocation(file: string, where: InputFileError['where']): string {
  if (!where) return `${file}: `;
  const parts: string[] = [];
  if (where.line !== undefined) parts.push(`line ${where.line}${where.column !== undefined ? `, column ${where.column}` : ''}`);
  if (where.row !== undefined) parts.push(`row ${where.row}`);
  if (where.feature !== undefined) parts.push(`feature ${where.feature}`);
  if (where.field !== undefined) parts.push(`field "${where.field}"`);
  return `${file}: ${parts.join(', ')}: `;
}

/** One row or feature that did not make it into the tiles, with the reason. */
export interface Reject {
  file: string;
  /** Data row number (1 = first row after the header) or feature index + 1. */
  row: number;
  /** The record's id when it has one, to find it in the office's own spreadsheet. */
  id: string;
  field: string;
  value: string;
  reason: string;
}
