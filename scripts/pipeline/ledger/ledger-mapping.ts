/**
 * A ledger import mapping: how the contract's problem fields are made from a ledger laid out another
 * way (another city's 311 export, a department's case system). It runs in the read stage after the
 * layer's own `columns`/`values` renaming (formats/columns.ts, one file column → one field), and
 * adds what a renaming cannot say:
 *
 *   "timeZone":    times without an offset are local to this IANA zone (daylight saving included),
 *                  e.g. "America/Los_Angeles"; the contract reads such times as China time otherwise;
 *   "emptyValues": cells that mean "nothing", e.g. ["NA"];
 *   "fields":      per contract field, one of
 *                  { "copy": "reported_at" }                       the value of another field or column,
 *                  { "join": ["Request.Type", "Request.Details"],  the distinct non-empty values of
 *                    "separator": " / " }                          several columns, joined,
 *                  { "value": "prominent" }                        a constant ("" = empty: a deadline
 *                                                                  or department the pipeline fills
 *                                                                  from the category table).
 *
 * The result is an ordinary problems table; validate judges it like any other, so every row that
 * cannot be mapped lands in the rejects report with its reason.
 */
import type { RawTable } from '../read';
import { InputFileError } from '../errors';
import { parseJsonFile } from '../formats/json';

export type FieldRecipe = { copy: string } | { join: string[]; separator?: string } | { value: string };

export interface LedgerMapping {
  file: string;
  timeZone: string | null;
  emptyValues: string[];
  fields: Record<string, FieldRecipe>;
}

/** The contract's problem time fields: the ones `timeZone` applies to. */
const TIME_FIELDS = ['reported_at', 'registered_at', 'dispatched_at', 'disposed_at', 'verified_at', 'closed_at', 'deadline'];

export function readLedgerMapping(file: string): LedgerMapping {
  const raw = parseJsonFile(file) as Record<string, unknown>;
  const fail = (key: string, expected: string): never => {
    throw new InputFileError(file, `"${key}" ${expected}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('(root)', 'must be a JSON object { "timeZone", "emptyValues", "fields" }');
  for (const k of Object.keys(raw)) if (!['$comment', 'timeZone', 'emptyValues', 'fields'].includes(k)) fail(k, 'is not a mapping key; expected timeZone, emptyValues, fields');
  const timeZone = raw.timeZone === undefined ? null : typeof raw.timeZone === 'string' ? raw.timeZone : fail('timeZone', 'must be an IANA time zone such as "America/Los_Angeles"');
  if (timeZone !== null) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
    } catch {
      fail('timeZone', `"${timeZone}" is not a time zone this Node knows; expected an IANA name such as "America/Los_Angeles"`);
    }
  }
  const emptyValues = raw.emptyValues === undefined ? [] : Array.isArray(raw.emptyValues) && raw.emptyValues.every((v) => typeof v === 'string') ? (raw.emptyValues as string[]) : fail('emptyValues', 'must be a list of strings');
  const fieldsRaw = (raw.fields ?? {}) as Record<string, unknown>;
  if (typeof fieldsRaw !== 'object' || Array.isArray(fieldsRaw)) fail('fields', 'must be an object: contract field → recipe');
  const fields: Record<string, FieldRecipe> = {};
  for (const [field, recipe] of Object.entries(fieldsRaw)) {
    const r = recipe as Record<string, unknown>;
    if (typeof r === 'object' && r !== null && typeof r.copy === 'string') fields[field] = { copy: r.copy };
    else if (typeof r === 'object' && r !== null && Array.isArray(r.join) && r.join.every((c) => typeof c === 'string')) {
      fields[field] = { join: r.join as string[], ...(typeof r.separator === 'string' ? { separator: r.separator } : {}) };
    } else if (typeof r === 'object' && r !== null && typeof r.value === 'string') fields[field] = { value: r.value };
    else fail(`fields.${field}`, 'must be { "copy": column } or { "join": [columns], "separator": text } or { "value": text }');
  }
  return { file, timeZone, emptyValues, fields };
}

/** Applies a mapping to a read table; a column the mapping names but the file lacks is fatal. */
export function applyLedgerMapping(table: RawTable, mapping: LedgerMapping): RawTable {
  const index = new Map(table.header.map((h, i) => [h, i]));
  const need = (column: string, field: string): number => {
    const i = index.get(column);
    if (i === undefined) {
      throw new InputFileError(table.file, `has no column "${column}" (used for ${field} by ${mapping.file}); the header has ${table.header.join(', ')}`, { line: 1 });
    }
    return i;
  };
  const empty = new Set(mapping.emptyValues);
  const recipes = Object.entries(mapping.fields).map(([field, recipe]) => {
    if ('copy' in recipe) {
      const from = need(recipe.copy, field);
      return { field, make: (cells: string[]) => cells[from] ?? '' };
    }
    if ('join' in recipe) {
      const from = recipe.join.map((c) => need(c, field));
      const separator = recipe.separator ?? ' ';
      return {
        field,
        make: (cells: string[]) => [...new Set(from.map((i) => (cells[i] ?? '').trim()).filter((v) => v !== '' && !empty.has(v)))].join(separator),
      };
    }
    return { field, make: () => recipe.value };
  });
  const header = [...table.header];
  const targets = recipes.map((r) => {
    const at = header.indexOf(r.field);
    if (at !== -1) return at;
    header.push(r.field);
    return header.length - 1;
  });
  const zoned = mapping.timeZone === null ? null : zonedTimeFormatter(mapping.timeZone);
  const timeColumns = TIME_FIELDS.map((f) => header.indexOf(f)).filter((i) => i !== -1);
  const rows = table.rows.map((cells) => {
    // A row of the wrong length is left as it is for validate to reject with its field count.
    if (cells.length !== table.header.length) return cells;
    const out = cells.map((c) => (empty.has(c.trim()) ? '' : c));
    while (out.length < header.length) out.push('');
    recipes.forEach((r, k) => {
      out[targets[k] as number] = r.make(out);
    });
    if (zoned) for (const i of timeColumns) out[i] = zoned(out[i] ?? '');
    return out;
  });
  return { ...table, header, rows };
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A function that turns a local time without an offset ("2012-12-04 15:21:00") into ISO-8601 with
 * the zone's offset at that moment ("2012-12-04T15:21:00-08:00"). Other text passes unchanged.
 */
export function zonedTimeFormatter(timeZone: string): (text: string) => string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  /** Minutes the zone is ahead of UTC at the instant utcMs. */
  const offsetAt = (utcMs: number): number => {
    const p = Object.fromEntries(parts.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
    const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
    return Math.round((local - Math.floor(utcMs / 1000) * 1000) / 60_000);
  };
  return (text) => {
    const m = LOCAL_TIME.exec(text.trim());
    if (!m) return text;
    const [, y, mo, d, h, mi, s = '00'] = m;
    const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    // The offset at the local time read as UTC, then again at the corrected instant (right across DST changes).
    let offset = offsetAt(asUtc);
    offset = offsetAt(asUtc - offset * 60_000);
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    return `${y}-${mo}-${d}T${h}:${mi}:${s}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  };
}
