/**
 * The compact per-problem table (LedgerTableHeader and LEDGER_COLUMNS in src/contract/ledger.ts):
 *
 *   "GTLEDGER" · u32 header length · header JSON (UTF-8) · zero padding to 4 bytes · column data
 *
 * Columns are stored one after the other (column-major), each 4-byte aligned so the reader can view
 * it as a typed array without copying. Little-endian, as every browser and Node on x86/ARM is. The
 * file is gzipped on disk (`table.bin.gz`); the worker inflates it with DecompressionStream, so any
 * static server will do.
 */
import { LEDGER_COLUMNS, LEDGER_TABLE_MAGIC, type LedgerColumnName, type LedgerColumnType, type LedgerTableHeader } from '../../contract';

export type ColumnArray<T extends LedgerColumnType> = T extends 'u8' ? Uint8Array : T extends 'u16' ? Uint16Array : Int32Array;
export type LedgerColumns = { [C in (typeof LEDGER_COLUMNS)[number] as C['name']]: ColumnArray<C['type']> };

const BYTES: Record<LedgerColumnType, number> = { u8: 1, u16: 2, i32: 4 };
const align4 = (n: number): number => (n + 3) & ~3;

/** Empty columns for `rows` problems, to fill and encode. */
export function allocateColumns(rows: number): LedgerColumns {
  return Object.fromEntries(LEDGER_COLUMNS.map((c) => [c.name, newArray(c.type, rows)])) as LedgerColumns;
}

function newArray(type: LedgerColumnType, n: number): Uint8Array | Uint16Array | Int32Array {
  return type === 'u8' ? new Uint8Array(n) : type === 'u16' ? new Uint16Array(n) : new Int32Array(n);
}

export function encodeLedgerTable(header: Omit<LedgerTableHeader, 'offsets'>, columns: LedgerColumns): Uint8Array {
  const offsets = {} as Record<LedgerColumnName, number>;
  let body = 0;
  for (const c of LEDGER_COLUMNS) {
    const data = columns[c.name];
    if (data.length !== header.rows) throw new Error(`ledger table: column ${c.name} has ${data.length} rows; expected ${header.rows}`);
    offsets[c.name] = body;
    body = align4(body + header.rows * BYTES[c.type]);
  }
  const json = new TextEncoder().encode(JSON.stringify({ ...header, offsets }));
  const start = align4(LEDGER_TABLE_MAGIC.length + 4 + json.length);
  const out = new Uint8Array(start + body);
  out.set(new TextEncoder().encode(LEDGER_TABLE_MAGIC), 0);
  new DataView(out.buffer).setUint32(LEDGER_TABLE_MAGIC.length, json.length, true);
  out.set(json, LEDGER_TABLE_MAGIC.length + 4);
  for (const c of LEDGER_COLUMNS) {
    const data = columns[c.name];
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), start + offsets[c.name]);
  }
  return out;
}

export class LedgerTableError extends Error {
  override name = 'LedgerTableError';
}

/** Views the columns of an inflated table file (no copy when the buffer is aligned). */
export function decodeLedgerTable(buffer: ArrayBuffer): { header: LedgerTableHeader; columns: LedgerColumns } {
  const bytes = new Uint8Array(buffer);
  const magic = new TextDecoder().decode(bytes.subarray(0, LEDGER_TABLE_MAGIC.length));
  if (magic !== LEDGER_TABLE_MAGIC) throw new LedgerTableError(`not a Guatu ledger table (starts with "${magic}", expected "${LEDGER_TABLE_MAGIC}")`);
  const length = new DataView(buffer).getUint32(LEDGER_TABLE_MAGIC.length, true);
  const jsonStart = LEDGER_TABLE_MAGIC.length + 4;
  if (jsonStart + length > bytes.length) throw new LedgerTableError(`ledger table header says ${length} bytes but the file has ${bytes.length - jsonStart}`);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(jsonStart, jsonStart + length))) as LedgerTableHeader;
  if (header.version !== 1) throw new LedgerTableError(`ledger table version ${String(header.version)}; this app reads version 1`);
  const start = align4(jsonStart + length);
  const columns = {} as Record<string, Uint8Array | Uint16Array | Int32Array>;
  for (const c of LEDGER_COLUMNS) {
    const offset = header.offsets[c.name];
    if (offset === undefined) throw new LedgerTableError(`ledger table has no column ${c.name}`);
    const begin = start + offset;
    const end = begin + header.rows * BYTES[c.type];
    if (end > bytes.length) throw new LedgerTableError(`ledger table column ${c.name} runs past the end of the file`);
    columns[c.name] =
      c.type === 'u8' ? new Uint8Array(buffer, begin, header.rows) : c.type === 'u16' ? new Uint16Array(buffer, begin, header.rows) : new Int32Array(buffer, begin, header.rows);
  }
  return { header, columns: columns as LedgerColumns };
}

/** Position quantisation over the header's bounds (0…65535 each way). */
export function quantise(value: number, min: number, max: number): number {
  if (max <= min) return 0;
  return Math.max(0, Math.min(65535, Math.round(((value - min) / (max - min)) * 65535)));
}

export function dequantise(q: number, min: number, max: number): number {
  return min + (q / 65535) * (max - min);
}
