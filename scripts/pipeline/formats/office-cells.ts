/**
 * What an office's sheets say, in the contract's terms, before validate judges them:
 * - dates as Chinese Excel writes them (2026/11/18 9:05, 2026.11.18, 2026年11月18日 09:05) become
 *   ISO-8601 (2026-11-18T09:05:00), read as China time like any time without an offset;
 * - a category or department given by its name (问题类型 "暴露垃圾", 责任部门 "环卫所") becomes its
 *   code from the office's own tables, when exactly one row has that name. A cell that is
 *   neither a code nor a name is left as it is, so validate rejects it naming the table.
 */
import type { RawFeatures, RawTable } from '../read';

const LEADING_SPACE = /^\s/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T|$)/;
const EXCEL_DATE = /^(\d{4})\s*[/.年-]\s*(\d{1,2})\s*[/.月-]\s*(\d{1,2})\s*日?(?:\s+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$/;

/** `2026/11/18 9:05` → `2026-11-18T09:05:00`; other text unchanged. */
export function isoFromOfficeDate(cell: string): string {
  // Quick exits, as every cell of a million-row ledger passes here: shorter than `2026/1/1`, or
  // starting with neither a digit nor a space, it is no date; `dddd-` may already be ISO-8601.
  if (cell.length < 8) return cell;
  const first = cell.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    if (cell.charCodeAt(4) === 45 && ISO_DATE.test(cell)) return cell;
  } else if (!LEADING_SPACE.test(cell)) {
    return cell;
  }
  const text = cell.trim();
  if (ISO_DATE.test(text)) return cell;
  const m = EXCEL_DATE.exec(text);
  if (!m) return cell;
  const [, y, mo, d, h, mi, s] = m;
  const date = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  return h === undefined ? date : `${date}T${h.padStart(2, '0')}:${mi}:${(s ?? '00').padStart(2, '0')}`;
}

export function normaliseTableDates(table: RawTable): RawTable {
  return { ...table, rows: table.rows.map((cells) => mapCells(cells, (cell) => isoFromOfficeDate(cell))) };
}

/** The row with `f` applied to each cell; the same array when no cell changes (most rows). */
function mapCells(cells: string[], f: (cell: string, column: number) => string): string[] {
  let out = cells;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    const mapped = f(cell, i);
    if (mapped === cell) continue;
    if (out === cells) out = cells.slice();
    out[i] = mapped;
  }
  return out;
}

/** Which table a code column refers to. */
export const NAMED_CODE_FIELDS: Record<string, 'categories' | 'departments'> = {
  category_code: 'categories',
  department_code: 'departments',
  default_department: 'departments',
  adopting_dept: 'departments',
};

/** code → itself and unique name → code, from a reference table with `code` and `name` columns. */
export function codeLookup(table: RawTable): Map<string, string> {
  const code = table.header.indexOf('code');
  const name = table.header.indexOf('name');
  const lookup = new Map<string, string>();
  if (code === -1 || name === -1) return lookup;
  const byName = new Map<string, string[]>();
  for (const row of table.rows) {
    const c = (row[code] ?? '').trim();
    const n = (row[name] ?? '').trim();
    if (c === '') continue;
    lookup.set(c, c);
    byName.set(n, [...(byName.get(n) ?? []), c]);
  }
  for (const [n, codes] of byName) if (n !== '' && codes.length === 1 && !lookup.has(n)) lookup.set(n, codes[0]!);
  return lookup;
}

export function resolveNamedCodesInTable(table: RawTable, lookups: Record<'categories' | 'departments', Map<string, string>>): RawTable {
  const columns = table.header.map((h) => NAMED_CODE_FIELDS[h]);
  if (columns.every((c) => c === undefined)) return table;
  const rows = table.rows.map((cells) => mapCells(cells, (cell, i) => (columns[i] ? (lookups[columns[i]].get(cell.trim()) ?? cell) : cell)));
  return { ...table, rows };
}

export function resolveNamedCodesInFeatures(input: RawFeatures, lookups: Record<'categories' | 'departments', Map<string, string>>): RawFeatures {
  const features = input.features.map((f) => {
    let properties = f.properties;
    for (const [field, table] of Object.entries(NAMED_CODE_FIELDS)) {
      const value = properties[field];
      if (typeof value !== 'string') continue;
      const code = lookups[table].get(value.trim());
      if (code !== undefined && code !== value) properties = { ...properties, [field]: code };
    }
    return properties === f.properties ? f : { ...f, properties };
  });
  return { ...input, features };
}

const isTable = (v: unknown): v is RawTable => typeof v === 'object' && v !== null && Array.isArray((v as RawTable).header) && Array.isArray((v as RawTable).rows);
const isFeatures = (v: unknown): v is RawFeatures => typeof v === 'object' && v !== null && Array.isArray((v as RawFeatures).features);

/**
 * Names → codes in every table and feature layer of the read stage's result (whatever keys it
 * has), using its `categories` and `departments` tables.
 */
export function resolveNamedCodes<T extends { categories: RawTable; departments: RawTable }>(inputs: T): T {
  const lookups = { categories: codeLookup(inputs.categories), departments: codeLookup(inputs.departments) };
  const out: Record<string, unknown> = { ...inputs };
  for (const [key, value] of Object.entries(inputs)) {
    if (isTable(value)) out[key] = resolveNamedCodesInTable(value, lookups);
    else if (isFeatures(value)) out[key] = resolveNamedCodesInFeatures(value, lookups);
  }
  return out as T;
}
